package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/ingest"
)

// BenchmarkCodeArticles measures "dyad code" end to end (tokenize, tag, lemmatize, parse, code) on
// one core over a few hundred articles made of the bundled examples, analysed one by one and in
// batches of batchArticles, and reports sentences/s.
// Run: go test ./cmd/dyad -run XXX -bench CodeArticles -benchmem
func BenchmarkCodeArticles(b *testing.B) {
	c, err := newArticleCoder(coderOptions{})
	if err != nil {
		b.Fatal(err)
	}
	base := readExamples(b)
	const n = 300
	arts := make([]*dyad.Article, n)
	for i := range arts {
		arts[i] = base[i%len(base)]
	}
	// one by one, as dyad code analysed articles before batches; in batches, as it does now
	b.Run("single", func(b *testing.B) {
		sentences, events := 0, 0
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range arts {
				doc := c.analyse(a)
				sentences += len(doc.Sentences)
				events += len(c.coder.Code(a, doc))
			}
		}
		reportCoded(b, sentences, events, n)
	})
	b.Run("batches", func(b *testing.B) {
		sentences, events := 0, 0
		b.ReportAllocs()
		for b.Loop() {
			for lo := 0; lo < n; lo += batchArticles {
				for _, ca := range c.codeBatch(arts[lo:min(lo+batchArticles, n)]) {
					sentences += ca.sentences
					events += len(ca.events)
				}
			}
		}
		reportCoded(b, sentences, events, n)
	})
}

func reportCoded(b *testing.B, sentences, events, articles int) {
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(sentences)/s, "sentences/s")
	b.ReportMetric(float64(events)/s, "events/s")
	b.ReportMetric(float64(articles*b.N)/s, "articles/s")
}

// readExamples reads the bundled example articles (the malformed record on purpose skipped).
func readExamples(tb testing.TB) []*dyad.Article {
	tb.Helper()
	var arts []*dyad.Article
	paths, _ := filepath.Glob("../../examples/*")
	if _, err := ingest.Read(context.Background(), paths, ingest.Options{Date: dyad.MustDate("2024-01-01"), OnSkip: func(error) {}}, func(a *dyad.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil || len(arts) < 2 {
		tb.Fatalf("reading examples: %v (%d articles)", err, len(arts))
	}
	return arts
}
