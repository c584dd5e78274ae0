package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/dyad-events/dyad"
)

// Events are stored narrow: a row of event_rows holds what is particular to one event (ids,
// sentence, dates, evidence, span) and integer keys into four small lookup tables, actors (both
// actors), codes (CAMEO code with its root, PLOVER type, quad class and Goldstein value), places
// and batches (when and by which coder a Write stored its events). The events view joins them back
// into the flat layout of schema 1. Keys are handed out in Go from maps of the stored lookup rows;
// a Write commits the lookup rows it adds before its events, so every key an event row holds names
// a committed lookup row.

// codeKey is a row of the codes table.
type codeKey struct {
	cameo, root, plover string
	quadClass           int
	goldstein           uint64 // math.Float64bits, so that every value (NaN too) is one key
}

// placeKey is a row of the places table.
type placeKey struct {
	name, country string
	lat, lon      uint64 // math.Float64bits
}

// lookups maps the rows of the lookup tables to their keys, as committed, and holds the next free
// key of each table.
type lookups struct {
	actors    map[dyad.Actor]int32
	codes     map[codeKey]int32
	places    map[placeKey]int32
	nextBatch int32
}

// lookupAdds are the lookup rows one Write adds, in key order from the tables' next free keys.
type lookupAdds struct {
	actors []dyad.Actor
	codes  []codeKey
	places []placeKey
}

// eventKeys are an event's keys into the lookup tables; place is -1 when the event has no location.
type eventKeys struct {
	source, target, code, place int32
}

// loadLookups reads the lookup tables.
func loadLookups(ctx context.Context, db *sql.DB) (*lookups, error) {
	lk := &lookups{actors: map[dyad.Actor]int32{}, codes: map[codeKey]int32{}, places: map[placeKey]int32{}}
	err := scanRows(ctx, db, `SELECT id, text, name, code, country, agent FROM actors`, func(r *sql.Rows) error {
		var id int32
		var a dyad.Actor
		if err := r.Scan(&id, &a.Text, &a.Name, &a.Code, &a.Country, &a.Agent); err != nil {
			return err
		}
		lk.actors[a] = id
		return nil
	})
	if err == nil {
		err = scanRows(ctx, db, `SELECT id, cameo, root, plover, quad_class, goldstein FROM codes`, func(r *sql.Rows) error {
			var id int32
			var k codeKey
			var g float64
			if err := r.Scan(&id, &k.cameo, &k.root, &k.plover, &k.quadClass, &g); err != nil {
				return err
			}
			k.goldstein = math.Float64bits(g)
			lk.codes[k] = id
			return nil
		})
	}
	if err == nil {
		err = scanRows(ctx, db, `SELECT id, name, country, lat, lon FROM places`, func(r *sql.Rows) error {
			var id int32
			var k placeKey
			var lat, lon float64
			if err := r.Scan(&id, &k.name, &k.country, &lat, &lon); err != nil {
				return err
			}
			k.lat, k.lon = math.Float64bits(lat), math.Float64bits(lon)
			lk.places[k] = id
			return nil
		})
	}
	if err == nil {
		err = db.QueryRowContext(ctx, `SELECT coalesce(max(id) + 1, 0) FROM batches`).Scan(&lk.nextBatch)
	}
	if err != nil {
		return nil, fmt.Errorf("reading lookup tables: %w", err)
	}
	return lk, nil
}

func scanRows(ctx context.Context, db *sql.DB, query string, row func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// keys returns an event's lookup keys, handing out new keys (recorded in add) for rows not stored.
// Keys of a table are dense from 0, so a new key is the table's size.
func (lk *lookups) keys(e *dyad.Event, add *lookupAdds) eventKeys {
	k := eventKeys{source: lk.actor(e.Source, add), target: lk.actor(e.Target, add), place: -1}
	ck := codeKey{e.CAMEO, e.Root, e.PLOVER, e.QuadClass, math.Float64bits(e.Goldstein)}
	var ok bool
	if k.code, ok = lk.codes[ck]; !ok {
		k.code = int32(len(lk.codes))
		lk.codes[ck] = k.code
		add.codes = append(add.codes, ck)
	}
	if l := e.Location; l != nil {
		pk := placeKey{l.Name, l.Country, math.Float64bits(l.Lat), math.Float64bits(l.Lon)}
		if k.place, ok = lk.places[pk]; !ok {
			k.place = int32(len(lk.places))
			lk.places[pk] = k.place
			add.places = append(add.places, pk)
		}
	}
	return k
}

func (lk *lookups) actor(a dyad.Actor, add *lookupAdds) int32 {
	id, ok := lk.actors[a]
	if !ok {
		id = int32(len(lk.actors))
		lk.actors[a] = id
		add.actors = append(add.actors, a)
	}
	return id
}

// writeLookups appends the added lookup rows, with their keys counted on from the tables' sizes
// before the batch, and the batch's row, in one transaction on conn.
func writeLookups(ctx context.Context, conn driver.Conn, lk *lookups, add *lookupAdds, batch int32, b batchRow) error {
	if err := exec(ctx, conn, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	err := appendLookups(conn, lk, add, batch, b)
	if err == nil {
		err = exec(ctx, conn, "COMMIT")
	}
	if err != nil {
		exec(context.WithoutCancel(ctx), conn, "ROLLBACK")
		return fmt.Errorf("storing lookup rows: %w", err)
	}
	return nil
}

// batchRow is the provenance a Write gives its events.
type batchRow struct {
	ingestedAt any // time.Time
	coder      string
}

func appendLookups(conn driver.Conn, lk *lookups, add *lookupAdds, batch int32, b batchRow) error {
	err := appendAll(conn, "actors", len(add.actors), func(app *duckdb.Appender, i int) error {
		a := add.actors[i]
		return app.AppendRow(int32(len(lk.actors)-len(add.actors)+i), a.Text, a.Name, a.Code, a.Country, a.Agent)
	})
	if err == nil {
		err = appendAll(conn, "codes", len(add.codes), func(app *duckdb.Appender, i int) error {
			c := add.codes[i]
			return app.AppendRow(int32(len(lk.codes)-len(add.codes)+i), c.cameo, c.root, c.plover, int32(c.quadClass), math.Float64frombits(c.goldstein))
		})
	}
	if err == nil {
		err = appendAll(conn, "places", len(add.places), func(app *duckdb.Appender, i int) error {
			p := add.places[i]
			return app.AppendRow(int32(len(lk.places)-len(add.places)+i), p.name, p.country, math.Float64frombits(p.lat), math.Float64frombits(p.lon))
		})
	}
	if err == nil {
		err = appendAll(conn, "batches", 1, func(app *duckdb.Appender, _ int) error {
			return app.AppendRow(batch, b.ingestedAt, b.coder)
		})
	}
	return err
}

// appendAll appends n rows to a table, row i by row(app, i).
func appendAll(conn driver.Conn, table string, n int, row func(app *duckdb.Appender, i int) error) error {
	if n == 0 {
		return nil
	}
	app, err := duckdb.NewAppenderFromConn(conn, "", table)
	if err != nil {
		return fmt.Errorf("appending to %s: %w", table, err)
	}
	for i := range n {
		if err := row(app, i); err != nil {
			app.Close()
			return fmt.Errorf("appending to %s: %w", table, err)
		}
	}
	if err := app.Close(); err != nil {
		return fmt.Errorf("appending to %s: %w", table, err)
	}
	return nil
}
