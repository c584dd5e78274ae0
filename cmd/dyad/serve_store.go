package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/server"
	"github.com/dyad-events/dyad/internal/server/aggindex"
)

// serveStore answers the server's reads with SQL over the documented tables, with the filters of
// "dyad query" (queryFilter.where), so the API and the command line select the same events.
type serveStore struct {
	st queryStore
}

var _ server.Store = serveStore{}

// round3 rounds sums and means of Goldstein scores to 3 decimals, hiding float summation noise.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// toQueryFilter converts the server's filter into dyad query's.
func toQueryFilter(f server.Filter) queryFilter {
	return queryFilter{actor: f.Actor, source: f.Source, target: f.Target,
		dyadSource: f.DyadSource, dyadTarget: f.DyadTarget, code: f.Code, plover: f.PLOVER, quad: f.Quad,
		country: f.Country, place: f.Place, from: f.From, to: f.To, text: f.Text}
}

// whereAnd returns the filter's WHERE clause with extra conditions added.
func whereAnd(f server.Filter, extra ...string) (string, []any) {
	qf := toQueryFilter(f)
	where, args := qf.where(false)
	if len(extra) > 0 {
		if where == "" {
			where = " WHERE " + strings.Join(extra, " AND ")
		} else {
			where += " AND " + strings.Join(extra, " AND ")
		}
	}
	return where, args
}

var sortSQL = map[string]string{
	"date": "date, id", "-date": "date DESC, id DESC",
	"goldstein": "goldstein, date, id", "-goldstein": "goldstein DESC, date, id",
	"source": "source_code, date, id", "target": "target_code, date, id", "cameo": "cameo, date, id",
}

func (s serveStore) Events(ctx context.Context, f server.Filter, p server.Page) ([]dyad.Event, int, error) {
	where, args := whereAnd(f)
	order, ok := sortSQL[p.Sort]
	if !ok {
		return nil, 0, fmt.Errorf("unknown sort %q", p.Sort)
	}
	var total int
	if err := s.scalar(ctx, &total, "SELECT count(*) FROM events"+where, args...); err != nil {
		return nil, 0, err
	}
	q := "SELECT " + eventColumns + " FROM events" + where + " ORDER BY " + order +
		" LIMIT " + strconv.Itoa(p.Limit) + " OFFSET " + strconv.Itoa(p.Offset)
	evs, err := s.events(ctx, q, args...)
	return evs, total, err
}

func (s serveStore) events(ctx context.Context, q string, args ...any) ([]dyad.Event, error) {
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []dyad.Event
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	return evs, nil
}

func (s serveStore) scalar(ctx context.Context, dst any, q string, args ...any) error {
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reading store: %w", err)
		}
		return errors.New("reading store: no row")
	}
	if err := rows.Scan(dst); err != nil {
		return fmt.Errorf("reading store: %w", err)
	}
	return rows.Close()
}

func (s serveStore) Series(ctx context.Context, f server.Filter, period string) ([]server.Point, error) {
	switch period {
	case "day", "week", "month":
	default:
		return nil, fmt.Errorf("unknown period %q", period)
	}
	where, args := whereAnd(f, "date IS NOT NULL")
	q := "SELECT date_trunc('" + period + "', date) AS period, count(*), coalesce(sum(goldstein), 0)," +
		" count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2)," +
		" count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)" +
		" FROM events" + where + " GROUP BY period ORDER BY period"
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var pts []server.Point
	for rows.Next() {
		var p server.Point
		var t sql.NullTime
		if err := rows.Scan(&t, &p.Events, &p.Goldstein, &p.Quad[0], &p.Quad[1], &p.Quad[2], &p.Quad[3]); err != nil {
			return nil, fmt.Errorf("reading series: %w", err)
		}
		p.Period = fromNullTime(t)
		if p.Events > 0 {
			p.Mean = round3(p.Goldstein / float64(p.Events))
		}
		p.Goldstein = round3(p.Goldstein)
		pts = append(pts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading series: %w", err)
	}
	return pts, nil
}

func (s serveStore) TopDyads(ctx context.Context, f server.Filter, level string, limit int) ([]server.DyadCount, error) {
	var src, tgt, srcName, tgtName string
	switch level {
	case "code":
		src, tgt, srcName, tgtName = "source_code", "target_code", "min(source_name)", "min(target_name)"
	case "country":
		src, tgt, srcName, tgtName = "source_country", "target_country", "''", "''"
	default:
		return nil, fmt.Errorf("unknown level %q", level)
	}
	where, args := whereAnd(f, src+" <> ''", tgt+" <> ''", src+" <> "+tgt)
	q := "SELECT " + src + ", " + srcName + ", " + tgt + ", " + tgtName + ", count(*) AS n, coalesce(sum(goldstein), 0)" +
		" FROM events" + where + " GROUP BY " + src + ", " + tgt + " ORDER BY n DESC, 1, 3 LIMIT " + strconv.Itoa(limit)
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.DyadCount
	for rows.Next() {
		var d server.DyadCount
		var sn, tn sql.NullString
		if err := rows.Scan(&d.Source, &sn, &d.Target, &tn, &d.Events, &d.Goldstein); err != nil {
			return nil, fmt.Errorf("reading dyads: %w", err)
		}
		d.SourceName, d.TargetName = sn.String, tn.String
		if d.Events > 0 {
			d.Mean = round3(d.Goldstein / float64(d.Events))
		}
		d.Goldstein = round3(d.Goldstein)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading dyads: %w", err)
	}
	return out, nil
}

func (s serveStore) Counts(ctx context.Context, f server.Filter) (server.Counts, error) {
	var c server.Counts
	var err error
	if c.PLOVER, err = s.counts(ctx, f, "plover"); err != nil {
		return c, err
	}
	if c.Quad, err = s.counts(ctx, f, "quad"); err != nil {
		return c, err
	}
	c.Root, err = s.counts(ctx, f, "root")
	return c, err
}

func (s serveStore) counts(ctx context.Context, f server.Filter, key string) ([]server.KeyCount, error) {
	col := map[string]string{"plover": "plover", "quad": "CAST(quad_class AS VARCHAR)", "root": "root"}[key]
	if col == "" {
		return nil, fmt.Errorf("unknown key %q", key)
	}
	where, args := whereAnd(f)
	q := "SELECT coalesce(" + col + ", '') AS k, count(*) AS n, coalesce(sum(goldstein), 0) FROM events" + where +
		" GROUP BY k ORDER BY n DESC, k"
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.KeyCount
	for rows.Next() {
		var k server.KeyCount
		if err := rows.Scan(&k.Key, &k.Events, &k.Goldstein); err != nil {
			return nil, fmt.Errorf("reading counts: %w", err)
		}
		k.Goldstein = round3(k.Goldstein)
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading counts: %w", err)
	}
	return out, nil
}

func (s serveStore) Places(ctx context.Context, f server.Filter, limit int) ([]server.PlaceCount, error) {
	where, args := whereAnd(f, "location_name IS NOT NULL", "location_lat IS NOT NULL")
	q := "SELECT location_name, coalesce(location_country, ''), location_lat, location_lon, count(*) AS n, coalesce(avg(goldstein), 0)" +
		" FROM events" + where + " GROUP BY ALL ORDER BY n DESC, 1 LIMIT " + strconv.Itoa(limit)
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.PlaceCount
	for rows.Next() {
		var p server.PlaceCount
		if err := rows.Scan(&p.Name, &p.Country, &p.Lat, &p.Lon, &p.Events, &p.Mean); err != nil {
			return nil, fmt.Errorf("reading places: %w", err)
		}
		p.Mean = round3(p.Mean)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading places: %w", err)
	}
	return out, nil
}

func (s serveStore) Actors(ctx context.Context, name string, limit int) ([]server.ActorCount, error) {
	cond := "code <> ''"
	var args []any
	if name != "" {
		cond += " AND (starts_with(code, $1) OR strpos(lower(name), $2) > 0)"
		args = append(args, strings.ToUpper(name), strings.ToLower(name))
	}
	q := `WITH a AS (SELECT source_code AS code, source_name AS name, source_country AS country FROM events
		UNION ALL SELECT target_code, target_name, target_country FROM events)
		SELECT code, coalesce(mode(name), ''), coalesce(min(country), ''), count(*) AS n FROM a WHERE ` + cond +
		" GROUP BY code ORDER BY n DESC, code LIMIT " + strconv.Itoa(limit)
	rows, err := s.st.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.ActorCount
	for rows.Next() {
		var a server.ActorCount
		if err := rows.Scan(&a.Code, &a.Name, &a.Country, &a.Events); err != nil {
			return nil, fmt.Errorf("reading actors: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading actors: %w", err)
	}
	return out, nil
}

func (s serveStore) Article(ctx context.Context, id string) (*dyad.Article, []dyad.Event, error) {
	rows, err := s.st.Query(ctx, `SELECT id, date, coalesce(title, ''), coalesce(text, ''), coalesce(url, ''), coalesce(source, '')
		FROM articles WHERE id = $1`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("reading article %s: %w", id, err)
		}
		return nil, nil, server.ErrNotFound
	}
	var a dyad.Article
	var date sql.NullTime
	if err := rows.Scan(&a.ID, &date, &a.Title, &a.Text, &a.URL, &a.Source); err != nil {
		return nil, nil, fmt.Errorf("reading article %s: %w", id, err)
	}
	a.Date = fromNullTime(date)
	rows.Close()
	evs, err := s.events(ctx, "SELECT "+eventColumns+" FROM events WHERE doc = $1 ORDER BY span_start, id", id)
	if err != nil {
		return nil, nil, err
	}
	return &a, evs, nil
}

func (s serveStore) Stats(ctx context.Context) (server.Stats, error) {
	var st server.Stats
	rows, err := s.st.Query(ctx, `SELECT (SELECT count(*) FROM articles), count(*), min(date), max(date) FROM events`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	var first, last sql.NullTime
	for rows.Next() {
		if err := rows.Scan(&st.Articles, &st.Events, &first, &last); err != nil {
			return st, fmt.Errorf("reading stats: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("reading stats: %w", err)
	}
	st.First, st.Last = fromNullTime(first), fromNullTime(last)
	return st, nil
}

// indexedStore answers the aggregate reads from an in-memory index of the events once it is
// loaded (aggindex), and everything else, and aggregates with a text filter, with SQL. The
// store is opened read-only, so the index stays true while the server runs.
type indexedStore struct {
	serveStore
	idx atomic.Pointer[aggindex.Index]
}

// loadIndex reads every event's aggregate columns into an index and makes the store use it.
func (s *indexedStore) loadIndex(ctx context.Context) (int, error) {
	rows, err := s.st.Query(ctx, `SELECT date, source_code, source_name, source_country,
		target_code, target_name, target_country, cameo, root, plover, quad_class, goldstein,
		location_name, location_country, location_lat, location_lon FROM events`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	b := aggindex.NewBuilder()
	var r aggindex.Row
	var date sql.NullTime
	var str [12]sql.NullString
	var quad sql.NullInt64
	var gold, lat, lon sql.NullFloat64
	n := 0
	for rows.Next() {
		if err := rows.Scan(&date, &str[0], &str[1], &str[2], &str[3], &str[4], &str[5], &str[6], &str[7], &str[8],
			&quad, &gold, &str[9], &str[10], &lat, &lon); err != nil {
			return 0, fmt.Errorf("indexing events: %w", err)
		}
		r = aggindex.Row{Date: fromNullTime(date),
			SourceCode: str[0].String, SourceName: str[1].String, SourceCountry: str[2].String,
			TargetCode: str[3].String, TargetName: str[4].String, TargetCountry: str[5].String,
			CAMEO: str[6].String, Root: str[7].String, PLOVER: str[8].String,
			Quad: int(quad.Int64), Goldstein: gold.Float64}
		if str[9].Valid && lat.Valid {
			r.Location = &dyad.Location{Name: str[9].String, Country: str[10].String, Lat: lat.Float64, Lon: lon.Float64}
		}
		b.Add(&r)
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("indexing events: %w", err)
	}
	s.idx.Store(b.Build())
	return n, nil
}

func (s *indexedStore) index(f server.Filter) *aggindex.Index {
	if !aggindex.Supports(f) {
		return nil
	}
	return s.idx.Load()
}

func (s *indexedStore) Series(ctx context.Context, f server.Filter, period string) ([]server.Point, error) {
	if x := s.index(f); x != nil {
		return x.Series(f, period), nil
	}
	return s.serveStore.Series(ctx, f, period)
}

func (s *indexedStore) TopDyads(ctx context.Context, f server.Filter, level string, limit int) ([]server.DyadCount, error) {
	if x := s.index(f); x != nil {
		return x.TopDyads(f, level, limit), nil
	}
	return s.serveStore.TopDyads(ctx, f, level, limit)
}

func (s *indexedStore) Counts(ctx context.Context, f server.Filter) (server.Counts, error) {
	if x := s.index(f); x != nil {
		return x.Counts(f), nil
	}
	return s.serveStore.Counts(ctx, f)
}

func (s *indexedStore) Places(ctx context.Context, f server.Filter, limit int) ([]server.PlaceCount, error) {
	if x := s.index(f); x != nil {
		return x.Places(f, limit), nil
	}
	return s.serveStore.Places(ctx, f, limit)
}
