package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	duckdbpkg "github.com/duckdb/duckdb-go/v2"

	"github.com/dyad-events/dyad"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func article(id, date, source, text string) *dyad.Article {
	return &dyad.Article{ID: id, Date: dyad.MustDate(date), Source: source, Text: text,
		Title: "Title of " + id, URL: "https://example.org/" + id, Origin: "in.jsonl:1"}
}

func event(doc string, n int, date, src, tgt, code, evidence string) dyad.Event {
	e := dyad.Event{ID: fmt.Sprintf("%s-%d", doc, n), Doc: doc, Sentence: n, Date: dyad.MustDate(date), DocDate: dyad.MustDate(date),
		Source: dyad.Actor{Text: src, Name: src, Code: src}, Target: dyad.Actor{Text: tgt, Name: tgt, Code: tgt},
		Evidence: evidence, Span: dyad.Span{Start: 0, End: len(evidence)}}
	if !e.SetCode(code) {
		panic("bad code " + code)
	}
	return e
}

func TestSchemaVersionIsMigrationCount(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Fatalf("SchemaVersion = %d, want len(migrations) = %d", SchemaVersion, len(migrations))
	}
}

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil {
		t.Fatal("read-only open of a missing store succeeded")
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion)
	}
	if err := s.Write(ctx, "test", []*dyad.Article{article("a", "2024-01-02", "X", "text")}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, ro := range []bool{false, true} {
		s, err = Open(ctx, path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatalf("reopen (read-only %v): %v", ro, err)
		}
		if n, _, _, err := s.Counts(ctx); err != nil || n != 1 {
			t.Fatalf("articles after reopen = %d, %v; want 1", n, err)
		}
		if ro {
			if err := s.Write(ctx, "test", nil, nil); err == nil {
				t.Error("write to a read-only store succeeded")
			}
		}
		s.Close()
	}
	// A store from a newer dyad is refused.
	s, _ = Open(ctx, path, Options{})
	if _, err := s.db.Exec(`UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("open of a newer schema: err = %v, want 'newer'", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := article("doc1", "2024-03-05", "Outlet", "Ankara hosted talks.\nMore  text.")
	e := dyad.Event{ID: "doc1-0-0", Doc: "doc1", Sentence: 3, Date: dyad.MustDate("2024-03-04"), DocDate: dyad.MustDate("2024-03-05"),
		Source:   dyad.Actor{Text: "Turkish Foreign Minister", Name: "Hakan Fidan", Code: "TURGOV", Country: "TUR", Agent: "GOV"},
		Target:   dyad.Actor{Text: "Iran", Name: "Iran", Code: "IRN", Country: "IRN"},
		Location: &dyad.Location{Name: "Ankara", Country: "TUR", Lat: 39.92, Lon: 32.85},
		Evidence: "Ankara hosted talks.", Span: dyad.Span{Start: 0, End: 20}}
	e.SetCode("043")
	noLoc := e
	noLoc.ID, noLoc.Location, noLoc.Date = "doc1-1-0", nil, dyad.Date{}
	if err := s.Write(ctx, "v1", []*dyad.Article{a}, []dyad.Event{e, noLoc}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Query(ctx, `SELECT id, doc, sentence, date, doc_date, source_text, source_name, source_code, source_country, source_agent,
		target_text, target_name, target_code, target_country, target_agent, cameo, root, plover, quad_class, goldstein,
		location_name, location_country, location_lat, location_lon, evidence, span_start, span_end, coder_version, ingested_at IS NOT NULL
		FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []dyad.Event
	for rows.Next() {
		var g dyad.Event
		var date, docDate sql.NullTime
		var ln, lc sql.NullString
		var lat, lon sql.NullFloat64
		var coder string
		var ingested bool
		if err := rows.Scan(&g.ID, &g.Doc, &g.Sentence, &date, &docDate, &g.Source.Text, &g.Source.Name, &g.Source.Code, &g.Source.Country, &g.Source.Agent,
			&g.Target.Text, &g.Target.Name, &g.Target.Code, &g.Target.Country, &g.Target.Agent, &g.CAMEO, &g.Root, &g.PLOVER, &g.QuadClass, &g.Goldstein,
			&ln, &lc, &lat, &lon, &g.Evidence, &g.Span.Start, &g.Span.End, &coder, &ingested); err != nil {
			t.Fatal(err)
		}
		if date.Valid {
			g.Date = dyad.DateOf(date.Time.Date())
		}
		if docDate.Valid {
			g.DocDate = dyad.DateOf(docDate.Time.Date())
		}
		if ln.Valid {
			g.Location = &dyad.Location{Name: ln.String, Country: lc.String, Lat: lat.Float64, Lon: lon.Float64}
		}
		if coder != "v1" || !ingested {
			t.Errorf("provenance: coder %q, ingested %v", coder, ingested)
		}
		got = append(got, g)
	}
	if want := []dyad.Event{e, noLoc}; !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
	var art dyad.Article
	err = s.Articles(ctx, func(x *dyad.Article) error { art = *x; return nil })
	if err != nil || !reflect.DeepEqual(&art, a) {
		t.Errorf("article round trip: %v\ngot  %+v\nwant %+v", err, art, *a)
	}
	var hash string
	var nEvents int
	s.db.QueryRow(`SELECT hash, n_events FROM articles`).Scan(&hash, &nEvents)
	if hash != ContentHash(a.Text) || nEvents != 2 {
		t.Errorf("hash %q n_events %d, want %q 2", hash, nEvents, ContentHash(a.Text))
	}
}

func TestWriteIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := article("a", "2024-01-01", "X", "t")
	orphan := event("b", 0, "2024-01-01", "TUR", "IRN", "043", "x")
	if err := s.Write(ctx, "v", []*dyad.Article{a}, []dyad.Event{orphan}); err == nil {
		t.Fatal("event of an article not in the batch was accepted")
	}
	// Rows appended inside a transaction that is rolled back leave nothing behind.
	bad := event("a", 0, "2024-01-01", "TUR", "IRN", "043", "x")
	s.mu.Lock()
	s.exec(ctx, "BEGIN TRANSACTION")
	p := writePart{arts: []*dyad.Article{a}, events: []dyad.Event{bad}, keys: []eventKeys{{}}, counts: map[string]int{"a": 1}}
	err := writeTx(ctx, s.wconns[0], "v", bad.Date.Time(), p, false)
	if err != nil {
		t.Fatal(err)
	}
	s.exec(ctx, "ROLLBACK")
	s.mu.Unlock()
	if n, m, _, _ := s.Counts(ctx); n != 0 || m != 0 {
		t.Fatalf("after rollback: %d articles, %d events; want none", n, m)
	}
}

func TestDeduper(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.Write(ctx, "v", []*dyad.Article{article("a", "2024-01-01", "X", "Some  text\nhere.")}, nil); err != nil {
		t.Fatal(err)
	}
	seen, err := s.Deduper(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, text string
		dup      bool
	}{
		{"a", "other text", true},                // same id
		{"b", " Some text here. ", true},         // same text up to white space
		{"c", "New text.", false},                // new
		{"c2", "New text.", true},                // seen in this run
		{"d", "Some text here, changed.", false}, // different text
	}
	for _, tt := range tests {
		if got := seen(&dyad.Article{ID: tt.id, Text: tt.text}); got != tt.dup {
			t.Errorf("seen(%s, %q) = %v, want %v", tt.id, tt.text, got, tt.dup)
		}
	}
}

func TestRecodeReplacesEvents(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, b := article("a", "2024-01-01", "X", "one"), article("b", "2024-01-01", "Y", "two")
	evs := []dyad.Event{event("a", 0, "2024-01-01", "TUR", "IRN", "043", "x"), event("a", 1, "2024-01-01", "TUR", "IRN", "190", "y"),
		event("b", 0, "2024-01-01", "USA", "CHN", "020", "z")}
	if err := s.Write(ctx, "v1", []*dyad.Article{a, b}, evs); err != nil {
		t.Fatal(err)
	}
	if err := s.Recode(ctx, "v2", []*dyad.Article{a}, []dyad.Event{event("a", 0, "2024-01-01", "TUR", "IRN", "051", "x")}); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Query(ctx, `SELECT doc || ':' || cameo || ':' || coder_version FROM events ORDER BY doc, cameo`)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var x string
		rows.Scan(&x)
		got = append(got, x)
	}
	if want := []string{"a:051:v2", "b:020:v1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("events after recode = %v, want %v", got, want)
	}
	if n, _, _, _ := s.Counts(ctx); n != 2 {
		t.Errorf("articles after recode = %d, want 2", n)
	}
}

func TestMerge(t *testing.T) {
	ctx := context.Background()
	arts := []*dyad.Article{
		article("a1", "2024-05-01", "Reuters", "one"), article("a2", "2024-05-01", "AP", "two"),
		article("a3", "2024-05-02", "AP", "three"), article("a4", "2024-05-04", "", "four"),
	}
	evs := []dyad.Event{
		event("a1", 0, "2024-05-01", "TUR", "IRN", "043", "Turkey hosted Iran."),
		event("a1", 1, "2024-05-01", "TUR", "IRN", "043", "Talks were held."), // same article again: a mention
		event("a2", 0, "2024-05-01", "TUR", "IRN", "043", "Turkey hosted Iran."),
		event("a3", 0, "2024-05-02", "TUR", "IRN", "043", "Turkey hosted Iran."),  // a day later
		event("a4", 0, "2024-05-04", "TUR", "IRN", "043", "Iran visited Turkey."), // two more days later
		event("a2", 1, "2024-05-01", "IRN", "TUR", "043", "Reverse dyad."),        // other dyad
		event("a3", 1, "2024-05-02", "TUR", "IRN", "190", "Other code."),          // other code
	}
	evs[0].Location = &dyad.Location{Name: "Ankara", Country: "TUR", Lat: 39.9, Lon: 32.8}
	tests := []struct {
		days int
		want []string // date/last_date src>tgt code mentions articles sources
	}{
		{0, []string{
			"2024-05-01/2024-05-01 IRN>TUR 043 1 1 1 a2-1",
			"2024-05-01/2024-05-01 TUR>IRN 043 3 2 2 a1-0",
			"2024-05-02/2024-05-02 TUR>IRN 043 1 1 1 a3-0",
			"2024-05-02/2024-05-02 TUR>IRN 190 1 1 1 a3-1",
			"2024-05-04/2024-05-04 TUR>IRN 043 1 1 1 a4-0",
		}},
		{1, []string{
			"2024-05-01/2024-05-01 IRN>TUR 043 1 1 1 a2-1",
			"2024-05-01/2024-05-02 TUR>IRN 043 4 3 2 a1-0",
			"2024-05-02/2024-05-02 TUR>IRN 190 1 1 1 a3-1",
			"2024-05-04/2024-05-04 TUR>IRN 043 1 1 1 a4-0",
		}},
		{2, []string{
			"2024-05-01/2024-05-01 IRN>TUR 043 1 1 1 a2-1",
			"2024-05-01/2024-05-04 TUR>IRN 043 5 4 3 a1-0",
			"2024-05-02/2024-05-02 TUR>IRN 190 1 1 1 a3-1",
		}},
	}
	s := openTest(t)
	if err := s.Write(ctx, "v", arts, evs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.days), func(t *testing.T) {
			if err := s.Merge(ctx, tt.days); err != nil {
				t.Fatal(err)
			}
			rows, err := s.Query(ctx, `SELECT strftime(date, '%Y-%m-%d') || '/' || strftime(last_date, '%Y-%m-%d') || ' ' || source_code || '>' || target_code
				|| ' ' || cameo || ' ' || mentions || ' ' || articles || ' ' || sources || ' ' || id FROM merged_events ORDER BY 1`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var x string
				rows.Scan(&x)
				got = append(got, x)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("merged events:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
	// The evidence list holds each distinct sentence once; the location comes from the report with one.
	s.Merge(ctx, 0)
	var evidence []any
	var loc sql.NullString
	if err := s.db.QueryRow(`SELECT evidence, location_name FROM merged_events WHERE id = 'a1-0'`).Scan(&evidence, &loc); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(evidence) != "[Talks were held. Turkey hosted Iran.]" || loc.String != "Ankara" {
		t.Errorf("evidence %v location %v", evidence, loc)
	}
	if err := s.Merge(ctx, -1); err == nil {
		t.Error("negative merge window accepted")
	}
}

func TestCopyParquet(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	s.Write(ctx, "v", []*dyad.Article{article("a", "2024-01-01", "X", "t")}, []dyad.Event{event("a", 0, "2024-01-01", "TUR", "IRN", "043", "x")})
	out := filepath.Join(t.TempDir(), "it's.parquet")
	if err := s.CopyParquet(ctx, "SELECT * FROM events", out); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM read_parquet(?)`, out).Scan(&n); err != nil || n != 1 {
		t.Fatalf("parquet rows = %d, %v; want 1", n, err)
	}
}

// TestWriteInParts writes a batch large enough to be split over several connections and checks
// that every article got exactly its events.
func TestWriteInParts(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "p.duckdb"), Options{Writers: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	arts, evs := synthBatch(0, 500, 3)
	evs = evs[:len(evs)-2] // the last article gets one event
	if err := s.Write(ctx, "v", arts, evs); err != nil {
		t.Fatal(err)
	}
	var n, bad, orphans int
	s.db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n)
	s.db.QueryRow(`SELECT count(*) FROM articles a WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc = a.id)`).Scan(&bad)
	s.db.QueryRow(`SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.doc)`).Scan(&orphans)
	if n != 500 || bad != 0 || orphans != 0 {
		t.Errorf("%d articles, %d with wrong n_events, %d orphan events; want 500, 0, 0", n, bad, orphans)
	}
	if err := s.Recode(ctx, "v2", arts, evs); err != nil {
		t.Fatal(err)
	}
	if a, e, _, _ := s.Counts(ctx); a != 500 || e != len(evs) {
		t.Errorf("after recode in parts: %d articles %d events, want 500 %d", a, e, len(evs))
	}
}

// readEvents reads the stored events back through the events view, in id order.
func readEvents(t *testing.T, s *Store) []dyad.Event {
	t.Helper()
	rows, err := s.Query(context.Background(), `SELECT id, doc, sentence, date, doc_date, source_text, source_name, source_code, source_country, source_agent,
		target_text, target_name, target_code, target_country, target_agent, cameo, root, plover, quad_class, goldstein,
		location_name, location_country, location_lat, location_lon, evidence, span_start, span_end
		FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []dyad.Event
	for rows.Next() {
		var g dyad.Event
		var date, docDate sql.NullTime
		var ln, lc sql.NullString
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&g.ID, &g.Doc, &g.Sentence, &date, &docDate, &g.Source.Text, &g.Source.Name, &g.Source.Code, &g.Source.Country, &g.Source.Agent,
			&g.Target.Text, &g.Target.Name, &g.Target.Code, &g.Target.Country, &g.Target.Agent, &g.CAMEO, &g.Root, &g.PLOVER, &g.QuadClass, &g.Goldstein,
			&ln, &lc, &lat, &lon, &g.Evidence, &g.Span.Start, &g.Span.End); err != nil {
			t.Fatal(err)
		}
		if date.Valid {
			g.Date = dyad.DateOf(date.Time.Date())
		}
		if docDate.Valid {
			g.DocDate = dyad.DateOf(docDate.Time.Date())
		}
		if ln.Valid {
			g.Location = &dyad.Location{Name: ln.String, Country: lc.String, Lat: lat.Float64, Lon: lon.Float64}
		}
		got = append(got, g)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// lookupCounts returns the row counts of the lookup tables.
func lookupCounts(t *testing.T, s *Store) string {
	t.Helper()
	var a, c int
	err := s.db.QueryRow(`SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM codes)`).Scan(&a, &c)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("actors %d codes %d", a, c)
}

// TestLookupKeysAcrossWrites checks that actors and codes are stored once however many
// writes, reopenings and failed writes use them, and that events read back whole.
func TestLookupKeysAcrossWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.duckdb")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc := &dyad.Location{Name: "Ankara", Country: "TUR", Lat: 39.92, Lon: 32.85}
	e1 := event("a", 0, "2024-01-01", "TUR", "IRN", "043", "x")
	e1.Location = loc
	e2 := event("a", 1, "2024-01-01", "IRN", "TUR", "043", "y")
	if err := s.Write(ctx, "v", []*dyad.Article{article("a", "2024-01-01", "X", "one")}, []dyad.Event{e1, e2}); err != nil {
		t.Fatal(err)
	}
	// A write that fails (cancelled) leaves no keys behind that the next write would trust.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	e3 := event("b", 0, "2024-01-02", "USA", "CHN", "190", "z")
	if err := s.Write(cancelled, "v", []*dyad.Article{article("b", "2024-01-02", "Y", "two")}, []dyad.Event{e3}); err == nil {
		t.Fatal("write with a cancelled context succeeded")
	}
	if err := s.Write(ctx, "v", []*dyad.Article{article("b", "2024-01-02", "Y", "two")}, []dyad.Event{e3}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e4 := event("c", 0, "2024-01-03", "TUR", "IRN", "043", "w") // known actors and code
	e4.Location = &dyad.Location{Name: "Ankara", Country: "TUR", Lat: 39.92, Lon: 32.85}
	e5 := event("c", 1, "2024-01-03", "USA", "CHN", "190", "v") // new ones
	e5.Source.Agent = "GOV"
	if err := s.Write(ctx, "v2", []*dyad.Article{article("c", "2024-01-03", "Z", "three")}, []dyad.Event{e4, e5}); err != nil {
		t.Fatal(err)
	}
	if got, want := lookupCounts(t, s), "actors 5 codes 2"; got != want {
		t.Errorf("lookup rows: %s, want %s", got, want)
	}
	if got, want := readEvents(t, s), []dyad.Event{e1, e2, e3, e4, e5}; !reflect.DeepEqual(got, want) {
		t.Errorf("events:\ngot  %+v\nwant %+v", got, want)
	}
	var keys, rows int
	s.db.QueryRow(`SELECT count(DISTINCT id), count(*) FROM actors`).Scan(&keys, &rows)
	if keys != rows {
		t.Errorf("actors: %d keys for %d rows", keys, rows)
	}
}

// TestMigrateFromV1 writes a store in the layout of schema 1 (one wide events table) and checks
// that opening it migrates every event into the narrow layout unchanged.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.duckdb")
	c, err := duckdbpkg.NewConnector(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER)`,
		migrations[0],
		`INSERT INTO schema_version VALUES (1)`,
		`INSERT INTO articles VALUES ('a', DATE '2024-03-05', 'https://example.org/a', 'Outlet', 'T', 'h', 'text', 'in:1', 3, TIMESTAMP '2024-03-06 10:00:00', 'v1')`,
		`INSERT INTO events VALUES
		('a-0', 'a', 0, DATE '2024-03-04', DATE '2024-03-05', 'Turkish Foreign Minister', 'Hakan Fidan', 'TURGOV', 'TUR', 'GOV',
			'Iran', 'Iran', 'IRN', 'IRN', '', '043', '04', 'CONSULT', 1, 2.8, 'Ankara', 'TUR', 39.92, 32.85, 'Ankara hosted talks.', 0, 20,
			TIMESTAMP '2024-03-06 10:00:00', 'v1'),
		('a-1', 'a', 1, NULL, DATE '2024-03-05', 'Iran', 'Iran', 'IRN', 'IRN', '',
			'Turkish Foreign Minister', 'Hakan Fidan', 'TURGOV', 'TUR', 'GOV', '043', '04', 'CONSULT', 1, 2.8, NULL, NULL, NULL, NULL, 'Iran came.', 21, 31,
			TIMESTAMP '2024-03-06 10:00:00', 'v1'),
		('a-2', 'a', 2, DATE '2024-03-04', DATE '2024-03-05', 'Iran', 'Iran', 'IRN', 'IRN', '',
			'Turkey', 'Turkey', 'TUR', 'TUR', '', '190', '19', 'ASSAULT', 4, -10, 'Ankara', 'TUR', 39.92, 32.85, 'Shots.', 32, 38,
			TIMESTAMP '2024-03-06 10:00:00', 'v1')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	before, err := db.Query(`SELECT * FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	want := dumpRows(t, before)
	db.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion {
		t.Fatalf("version after migration = %d, want %d", v, SchemaVersion)
	}
	after, err := s.Query(ctx, `SELECT * FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, after); !reflect.DeepEqual(got, want) {
		t.Errorf("events after migration:\ngot  %q\nwant %q", got, want)
	}
	if got, want := lookupCounts(t, s), "actors 3 codes 2"; got != want {
		t.Errorf("lookup rows: %s, want %s", got, want)
	}
	// Writing to the migrated store reuses its keys.
	e := event("b", 0, "2024-03-07", "IRN", "TUR", "190", "More shots.")
	e.Source = dyad.Actor{Text: "Iran", Name: "Iran", Code: "IRN", Country: "IRN"}
	e.Target = dyad.Actor{Text: "Turkey", Name: "Turkey", Code: "TUR", Country: "TUR"}
	if err := s.Write(ctx, "v2", []*dyad.Article{article("b", "2024-03-07", "X", "b")}, []dyad.Event{e}); err != nil {
		t.Fatal(err)
	}
	if got, want := lookupCounts(t, s), "actors 3 codes 2"; got != want {
		t.Errorf("lookup rows after a write: %s, want %s", got, want)
	}
}

// dumpRows renders every row as one string.
func dumpRows(t *testing.T, rows *sql.Rows) []string {
	t.Helper()
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

// TestWritingStoreRunsOneThread checks that a writable store runs DuckDB on one thread, before and
// after a merge (which runs on the default count), and that a read-only one keeps the default.
func TestWritingStoreRunsOneThread(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	threads := func(s *Store) int {
		var n int
		if err := s.db.QueryRow(`SELECT current_setting('threads')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := threads(s); n != 1 {
		t.Errorf("threads after Open = %d, want 1", n)
	}
	if err := s.Merge(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n := threads(s); n != 1 {
		t.Errorf("threads after Merge = %d, want 1", n)
	}
	def := s.threads
	s.Close()
	ro, err := Open(ctx, s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n := threads(ro); n != def {
		t.Errorf("threads of a read-only store = %d, want the default %d", n, def)
	}
}

func TestBoxesReuseConversions(t *testing.T) {
	d1, d2, d3 := dyad.MustDate("2024-01-01"), dyad.MustDate("2024-01-02"), dyad.MustDate("2024-01-03")
	var b boxes
	for i, d := range []dyad.Date{d1, d2, d1, {}, d3, d1, d2, d3, d3} {
		got := b.date(d)
		if d.IsZero() {
			if got != nil {
				t.Errorf("%d: zero date boxed as %v, want nil", i, got)
			}
			continue
		}
		if got != d.Time() {
			t.Errorf("%d: date %v boxed as %v", i, d, got)
		}
	}
	for i, doc := range []string{"a", "a", "b", "a", ""} {
		if got := b.doc(doc); got != doc {
			t.Errorf("%d: doc %q boxed as %v", i, doc, got)
		}
	}
}
