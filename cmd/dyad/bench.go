package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "bench", "[flags] FILE|DIR ...\n\nMeasures dyad's throughput per stage on a corpus: read, tokenize (with sentence\n"+
		"segmentation), tag, lemmatize, parse and code, one core at a time, then end to end on all cores.")
	repeat := fs.Int("repeat", 1, "code the corpus this many `times` (for small corpora)")
	dateFlag := fs.String("date", "", "publication date for inputs that carry none")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("give a corpus: files or directories of articles")
	}
	date, err := dyad.ParseDate(*dateFlag)
	if err != nil {
		return usageError("--date: %v", err)
	}
	c, err := newArticleCoder(coderOptions{warn: func(error) {}})
	if err != nil {
		return err
	}
	// Read.
	var arts []*dyad.Article
	var bytes int
	t0 := time.Now()
	st, err := ingest.Read(ctx, fs.Args(), ingest.Options{Date: date, Stdin: e.stdin}, func(a *dyad.Article) error {
		arts = append(arts, a)
		bytes += len(a.Text)
		return nil
	})
	if err != nil {
		return err
	}
	readTime := time.Since(t0)
	if len(arts) == 0 {
		return fmt.Errorf("no article could be read")
	}
	for r := 1; r < *repeat; r++ {
		for _, a := range arts[:st.Articles] {
			b := *a
			b.ID = a.ID + "#" + strconv.Itoa(r)
			arts = append(arts, &b)
			bytes += len(a.Text)
		}
	}
	p := c.pipe
	type stage struct {
		name string
		d    time.Duration
		mall uint64
	}
	var stages []stage
	measure := func(name string, f func()) {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t := time.Now()
		f()
		d := time.Since(t)
		runtime.ReadMemStats(&m1)
		stages = append(stages, stage{name, d, m1.Mallocs - m0.Mallocs})
	}
	docs := make([]*nlp.Doc, len(arts))
	var nSent, nTok int
	measure("tokenize", func() {
		for i, a := range arts {
			docs[i] = &nlp.Doc{Text: a.Text, Sentences: p.Tokenizer.Tokenize(a.Text)}
		}
	})
	for _, d := range docs {
		nSent += len(d.Sentences)
		for _, s := range d.Sentences {
			nTok += len(s.Tokens)
		}
	}
	eachSent := func(f func(*nlp.Sentence)) func() {
		return func() {
			for _, d := range docs {
				for i := range d.Sentences {
					f(&d.Sentences[i])
				}
			}
		}
	}
	measure("tag", eachSent(p.Tagger.Tag))
	measure("lemmatize", eachSent(p.Lemmatizer.Lemmatize))
	measure("parse", eachSent(p.Parser.Parse))
	events := 0
	measure("code", func() {
		for i, a := range arts {
			events += len(c.coder.Code(a, docs[i]))
		}
	})
	// End to end on all cores.
	workers := runtime.GOMAXPROCS(0)
	in := make(chan *dyad.Article, 64)
	go func() {
		for _, a := range arts {
			in <- a
		}
		close(in)
	}()
	t1 := time.Now()
	if err := pipeline.Map(ctx, workers, in, c.Code, func([]dyad.Event) error { return nil }); err != nil {
		return err
	}
	all := time.Since(t1)

	w := e.stdout
	fmt.Fprintf(w, "corpus: %d articles (%d read, %d skipped, x%d), %d sentences, %d tokens, %.2f MB; %d events\n",
		len(arts), st.Articles, st.Skipped, *repeat, nSent, nTok, float64(bytes)/1e6, events)
	fmt.Fprintf(w, "machine: %d cores (GOMAXPROCS %d), %s %s/%s\n\n", runtime.NumCPU(), workers, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "%-10s %12s %14s %12s %10s %12s\n", "stage", "time", "sentences/s", "tokens/s", "MB/s", "allocs/sent")
	fmt.Fprintf(w, "%-10s %12s %14s %12s %10.1f %12s\n", "read", readTime.Round(time.Millisecond), "", "", float64(bytes)/1e6/readTime.Seconds()*float64(st.Articles)/float64(len(arts)), "")
	var total time.Duration
	for _, s := range stages {
		total += s.d
		fmt.Fprintf(w, "%-10s %12s %14.0f %12.0f %10.2f %12.1f\n", s.name, s.d.Round(time.Millisecond),
			float64(nSent)/s.d.Seconds(), float64(nTok)/s.d.Seconds(), float64(bytes)/1e6/s.d.Seconds(), float64(s.mall)/float64(nSent))
	}
	fmt.Fprintf(w, "%-10s %12s %14.0f %12.0f %10.2f %12s\n", "1 core", total.Round(time.Millisecond),
		float64(nSent)/total.Seconds(), float64(nTok)/total.Seconds(), float64(bytes)/1e6/total.Seconds(), "")
	fmt.Fprintf(w, "%-10s %12s %14.0f %12.0f %10.2f %12s\n", fmt.Sprintf("%d cores", workers), all.Round(time.Millisecond),
		float64(nSent)/all.Seconds(), float64(nTok)/all.Seconds(), float64(bytes)/1e6/all.Seconds(), "")
	if rss := peakRSS(); rss != "" {
		fmt.Fprintf(w, "\npeak RSS: %s\n", rss)
	}
	return nil
}

// peakRSS reads the process's peak resident set size from /proc (Linux); "" elsewhere.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return ""
}
