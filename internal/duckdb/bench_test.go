package duckdb

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
)

var benchCountries = []string{"USA", "CHN", "RUS", "TUR", "IRN", "ISR", "UKR", "FRA", "DEU", "GBR", "IND", "PAK", "EGY", "SAU", "SYR", "IRQ", "JPN", "KOR", "PRK", "BRA"}
var benchCodes = []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "090", "111", "112", "120", "130", "138", "141", "163", "172", "190", "193", "195"}

// synthBatch makes n articles with perArticle events each; article numbers start at first.
func synthBatch(first, n, perArticle int) ([]*dyad.Article, []dyad.Event) {
	arts := make([]*dyad.Article, 0, n)
	evs := make([]dyad.Event, 0, n*perArticle)
	base := dyad.MustDate("2020-01-01")
	for i := first; i < first+n; i++ {
		id := fmt.Sprintf("art%08d", i)
		d := base.AddDays(i % 1461)
		arts = append(arts, &dyad.Article{ID: id, Date: d, Source: benchCountries[i%7], Text: id + " text of the article", URL: "https://example.org/" + id})
		for j := range perArticle {
			k := i*perArticle + j
			src, tgt := benchCountries[k%len(benchCountries)], benchCountries[(k/3+1)%len(benchCountries)]
			e := dyad.Event{ID: fmt.Sprintf("%s-%d-0", id, j), Doc: id, Sentence: j, Date: d, DocDate: d,
				Source:   dyad.Actor{Text: src, Name: src, Code: src + "GOV", Country: src, Agent: "GOV"},
				Target:   dyad.Actor{Text: tgt, Name: tgt, Code: tgt, Country: tgt},
				Evidence: "The government of " + src + " met officials of " + tgt + " on Tuesday.", Span: dyad.Span{Start: j * 60, End: j*60 + 55}}
			e.SetCode(benchCodes[k%len(benchCodes)])
			if k%4 == 0 {
				e.Location = &dyad.Location{Name: "Capital", Country: src, Lat: 10, Lon: 20}
			}
			evs = append(evs, e)
		}
	}
	return arts, evs
}

var benchSet = flag.String("set", "", "a SET statement to run before BenchmarkWrite")

var benchBatch = flag.Int("batch", 1000, "articles per Write in BenchmarkWrite (10 events each)")

var benchWriters = flag.Int("writers", 0, "Options.Writers for BenchmarkWrite (0: the default)")

// BenchmarkWrite measures store writes in batches of 1,000 articles with 10 events each;
// the events/s metric is the target figure (>= 200,000).
func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.duckdb"), Options{Writers: *benchWriters})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if *benchSet != "" {
		if _, err := s.db.Exec(*benchSet); err != nil {
			b.Fatal(err)
		}
	}
	arts, per := *benchBatch, 10
	batches := make([][]*dyad.Article, 0, 8)
	events := make([][]dyad.Event, 0, 8)
	for i := range 8 {
		a, e := synthBatch(i*arts, arts, per)
		batches, events = append(batches, a), append(events, e)
	}
	b.ResetTimer()
	n := 0
	cpu0 := cputime.Process()
	for i := 0; b.Loop(); i++ {
		if err := s.Write(ctx, "bench", batches[i%8], events[i%8]); err != nil {
			b.Fatal(err)
		}
		n += arts * per
	}
	// The data written is only settled when checkpointed into the file: that is part of the cost.
	if _, err := s.db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(n)/(cputime.Process()-cpu0).Seconds(), "events/cpu-s")
}

// BenchmarkGroupedQuery measures events per dyad per month over 1,000,000 stored events
// (target: <= 200 ms per query).
func BenchmarkGroupedQuery(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.duckdb"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const arts, per = 10000, 10
	for i := range 10 {
		a, e := synthBatch(i*arts, arts, per)
		if err := s.Write(ctx, "bench", a, e); err != nil {
			b.Fatal(err)
		}
	}
	// Queries run on read-only opens (dyad query, sql, export, serve); a writing store runs on
	// one thread (see Open).
	s.Close()
	s, err = Open(ctx, s.Path(), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const q = `SELECT date_trunc('month', date) AS month, source_code, target_code, count(*) AS events, sum(goldstein) AS goldstein
		FROM events GROUP BY ALL ORDER BY month, source_code, target_code`
	b.ResetTimer()
	cpu0 := cputime.Process()
	for b.Loop() {
		rows, err := s.Query(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			b.Fatal("no groups")
		}
	}
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkEngineCopy copies 10,000 stored events with INSERT … SELECT inside DuckDB: the engine's
// own write rate for the events table, a reference for BenchmarkWrite.
func BenchmarkEngineCopy(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.duckdb"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a, e := synthBatch(0, 1000, 10)
	if err := s.Write(ctx, "bench", a, e); err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.Exec("CREATE TABLE src AS SELECT * FROM events"); err != nil {
		b.Fatal(err)
	}
	n := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		if _, err := s.db.Exec("INSERT INTO events SELECT * FROM src"); err != nil {
			b.Fatal(err)
		}
		n += len(e)
	}
	if _, err := s.db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(n)/(cputime.Process()-cpu0).Seconds(), "events/cpu-s")
}
