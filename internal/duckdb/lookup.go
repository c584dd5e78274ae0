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

// Events are stored narrower than they are read: a row of event_rows holds what is particular to
// one event (ids, sentence, dates, location, evidence, span, provenance) and integer keys into two
// small lookup tables, actors (both actors, five strings each) and codes (CAMEO code with its root,
// PLOVER type, quad class and Goldstein value). The events view joins them back into the flat
// layout of schema 1. (Locations and provenance were keyed too at first, but each join costs every
// query over the view about 10 ms per million events, and they are cheap to write inline.) Keys
// are handed out in Go from maps of the stored lookup rows; a Write commits the lookup rows it adds
// with or before its events, so every key an event row holds names a committed lookup row.

// codeKey is a row of the codes table.
type codeKey struct {
	cameo, root, plover string
	quadClass           int
	goldstein           uint64 // math.Float64bits, so that every value (NaN too) is one key
}

// lookups maps the rows of the lookup tables to their keys, as committed.
type lookups struct {
	actors map[dyad.Actor]int32
	codes  map[codeKey]int32
}

// lookupAdds are the lookup rows one Write adds, in key order from the tables' next free keys.
type lookupAdds struct {
	actors []dyad.Actor
	codes  []codeKey
}

// eventKeys are an event's keys into the lookup tables.
type eventKeys struct {
	source, target, code int32
}

// loadLookups reads the lookup tables.
func loadLookups(ctx context.Context, db *sql.DB) (*lookups, error) {
	lk := &lookups{actors: map[dyad.Actor]int32{}, codes: map[codeKey]int32{}}
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
	k := eventKeys{source: lk.actor(e.Source, add), target: lk.actor(e.Target, add)}
	ck := codeKey{e.CAMEO, e.Root, e.PLOVER, e.QuadClass, math.Float64bits(e.Goldstein)}
	var ok bool
	if k.code, ok = lk.codes[ck]; !ok {
		k.code = int32(len(lk.codes))
		lk.codes[ck] = k.code
		add.codes = append(add.codes, ck)
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

// writeLookups appends the added lookup rows in one transaction on conn.
func writeLookups(ctx context.Context, conn driver.Conn, lk *lookups, add *lookupAdds) error {
	if len(add.actors) == 0 && len(add.codes) == 0 {
		return nil
	}
	if err := exec(ctx, conn, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	err := appendLookups(conn, lk, add)
	if err == nil {
		err = exec(ctx, conn, "COMMIT")
	}
	if err != nil {
		exec(context.WithoutCancel(ctx), conn, "ROLLBACK")
		return fmt.Errorf("storing lookup rows: %w", err)
	}
	return nil
}

// appendLookups appends the added lookup rows, their keys counted on from the tables' sizes before
// the batch.
func appendLookups(conn driver.Conn, lk *lookups, add *lookupAdds) error {
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
