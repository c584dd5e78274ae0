package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "bench", "[flags] FILE|DIR ...\n\nMeasures dyad's throughput on a corpus: each stage — read (with extraction from HTML,\n"+
		"feeds and WARC), tokenize (with sentence segmentation), tag, lemmatize, parse, code, store\n"+
		"(into an event store in a temporary directory) — on one core and on all cores, then the\n"+
		"whole of dyad code (one streaming pipeline with ordered output) on one core and on all cores.\n"+
		"Each measurement runs over the corpus until --min-time has passed. Besides wall-clock rates\n"+
		"it reports the process's CPU time per sentence and the cores it kept busy, figures that\n"+
		"other processes on a busy machine disturb less.")
	repeat := fs.Int("repeat", 1, "take the corpus this many `times` (copies of each article)")
	minTime := fs.Duration("min-time", time.Second, "run each measurement at least this `long`")
	workers := fs.Int("workers", 0, "workers of the all-cores measurements (0: GOMAXPROCS)")
	dateFlag := fs.String("date", "", "publication date for inputs that carry none")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the dyad code measurements to `file`")
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
	if *repeat < 1 {
		return usageError("--repeat must be at least 1")
	}
	nw := *workers
	if nw <= 0 {
		nw = runtime.GOMAXPROCS(0)
	}
	t0 := time.Now()
	c, err := newArticleCoder(coderOptions{warn: func(error) {}})
	if err != nil {
		return err
	}
	loadTime := time.Since(t0)
	// Read.
	var arts []*dyad.Article
	var bytes int
	t0 = time.Now()
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
	readBytes := bytes
	for r := 1; r < *repeat; r++ {
		for _, a := range arts[:st.Articles] {
			b := *a
			b.ID = a.ID + "#" + strconv.Itoa(r)
			arts = append(arts, &b)
			bytes += len(a.Text)
		}
	}
	p := c.pipe
	docs := make([]*nlp.Doc, len(arts))
	for i, a := range arts {
		docs[i] = &nlp.Doc{Text: a.Text, Sentences: p.Tokenizer.Tokenize(a.Text)}
	}
	var nSent, nTok int
	for _, d := range docs {
		nSent += len(d.Sentences)
		for _, s := range d.Sentences {
			nTok += len(s.Tokens)
		}
	}
	if nSent == 0 {
		return fmt.Errorf("the corpus has no sentence")
	}
	eachSent := func(f func(*nlp.Sentence)) func(int) {
		return func(i int) {
			for k := range docs[i].Sentences {
				f(&docs[i].Sentences[k])
			}
		}
	}
	events := make([][]dyad.Event, len(arts))
	nEvents := 0
	for i, a := range arts { // annotate every document once, as the coder needs
		for k := range docs[i].Sentences {
			p.AnnotateSentence(&docs[i].Sentences[k])
		}
		events[i] = c.coder.Code(a, docs[i])
		nEvents += len(events[i])
	}
	b := benchRun{ctx: ctx, n: len(arts), minTime: *minTime}
	stages := []struct {
		name string
		f    func(i int)
	}{
		{"tokenize", func(i int) { p.Tokenizer.Tokenize(arts[i].Text) }},
		{"tag", eachSent(p.Tagger.Tag)},
		{"lemmatize", eachSent(p.Lemmatizer.Lemmatize)},
		{"parse", eachSent(p.Parser.Parse)},
		{"code", func(i int) { c.coder.Code(arts[i], docs[i]) }},
	}
	type row struct {
		name     string
		one, all benchResult
		// what a round takes: the corpus, or for read the articles read (without --repeat)
		sents, bytes, toks int
	}
	var rows []row
	// add measures a row on one core, then on nw workers; per holds what a round takes.
	add := func(name string, per row, measure func(workers int) (benchResult, error)) error {
		r := per
		r.name = name
		var err error
		if r.one, err = measure(1); err == nil && nw > 1 {
			r.all, err = measure(nw)
		}
		if err == nil {
			err = ctx.Err()
		}
		rows = append(rows, r)
		return err
	}
	corpus := row{sents: nSent, bytes: bytes, toks: nTok}
	// Read: the inputs again, articles extracted and checked on one worker, then on nw.
	if !slices.Contains(fs.Args(), "-") { // standard input can be read only once
		read := func(workers int) (benchResult, error) {
			opts := ingest.Options{Date: date, Workers: workers}
			var err error
			r := b.measure(func() {
				if err == nil {
					_, err = ingest.Read(ctx, fs.Args(), opts, func(*dyad.Article) error { return nil })
				}
			})
			return r, err
		}
		if err := add("read", row{sents: nSent / *repeat, bytes: readBytes, toks: nTok / *repeat}, read); err != nil {
			return err
		}
	}
	for _, s := range stages {
		if err := add(s.name, corpus, func(workers int) (benchResult, error) { return b.each(workers, s.f), nil }); err != nil {
			return err
		}
	}
	// Store: the articles and their events written into a store as dyad ingest writes them
	// (defaultStoreBatch articles a transaction), on one writer connection, then on nw; each round
	// stores the corpus under new article ids.
	dir, err := os.MkdirTemp("", "dyad-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	store := func(writers int) (benchResult, error) {
		st, err := duckdb.Open(ctx, filepath.Join(dir, fmt.Sprintf("%d.duckdb", writers)), duckdb.Options{Writers: writers})
		if err != nil {
			return benchResult{}, err
		}
		round := 0
		r := b.measure(func() {
			if err == nil {
				round++
				err = benchStore(ctx, st, "#"+strconv.Itoa(round), arts, events)
			}
		})
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		return r, err
	}
	if err := add("store", corpus, store); err != nil {
		return err
	}
	// The whole of dyad code: one streaming pipeline, results delivered in input order.
	e2e := func(workers int) (benchResult, error) {
		var err error
		r := b.measure(func() {
			in := make(chan *dyad.Article, 64)
			go func() {
				defer close(in)
				for _, a := range arts {
					in <- a
				}
			}()
			if e := pipeline.MapBatches(ctx, workers, in, batchFull, c.codeBatch, func(codedArticle) error { return nil }); e != nil {
				err = e
			}
		})
		return r, err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("creating CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("starting CPU profile: %w", err)
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	if err := add("dyad code", corpus, e2e); err != nil {
		return err
	}

	w := e.stdout
	fmt.Fprintf(w, "corpus: %d articles (%d read, %d skipped, x%d), %d sentences, %d tokens, %.2f MB; %d events\n",
		len(arts), st.Articles, st.Skipped, *repeat, nSent, nTok, float64(bytes)/1e6, nEvents)
	fmt.Fprintf(w, "machine: %d cores (GOMAXPROCS %d), %s %s/%s; %d workers on all cores\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, nw)
	fmt.Fprintf(w, "load (models and dictionaries) %s, read %s (%.1f MB/s)\n\n", loadTime.Round(time.Millisecond),
		readTime.Round(time.Millisecond), float64(readBytes)/1e6/readTime.Seconds())
	fmt.Fprintf(w, "%-10s | %-44s | %-47s |\n", "", "one core", fmt.Sprintf("%d workers", nw))
	fmt.Fprintf(w, "%-10s | %10s %8s %10s %11s | %10s %8s %8s %11s %6s | %11s %7s %4s\n", "stage",
		"sent/s", "MB/s", "tokens/s", "cpu-µs/sent", "sent/s", "MB/s", "speedup", "cpu-µs/sent", "busy", "allocs/sent", "KB/sent", "GCs")
	for _, r := range rows {
		fmt.Fprintf(w, "%-10s | %10.0f %8.2f %10.0f %11.1f |", r.name, r.one.rate(r.sents), r.one.rate(r.bytes)/1e6,
			r.one.rate(r.toks), r.one.cpuPer(r.sents))
		if r.all.rounds > 0 {
			fmt.Fprintf(w, " %10.0f %8.2f %7.2fx %11.1f %6.2f |", r.all.rate(r.sents), r.all.rate(r.bytes)/1e6,
				r.all.rate(r.sents)/r.one.rate(r.sents), r.all.cpuPer(r.sents), r.all.busy())
		} else {
			fmt.Fprintf(w, " %10s %8s %8s %11s %6s |", "", "", "", "", "")
		}
		fmt.Fprintf(w, " %11.1f %7.1f %4d\n", float64(r.one.mallocs)/float64(r.one.rounds*r.sents),
			float64(r.one.bytes)/1e3/float64(r.one.rounds*r.sents), r.one.gcs+r.all.gcs)
	}
	fmt.Fprintf(w, "\nsent/s, MB/s, tokens/s: wall clock; cpu-µs/sent: CPU time of the process per sentence (all threads,\n"+
		"the garbage collector's included); busy: CPU time / wall time, the cores kept busy on average;\n"+
		"allocs/sent, KB/sent: heap allocations on one core; GCs: collections during both measurements.\n"+
		"read: the inputs once (without --repeat), extraction on 1 and %d workers (not measured for\n"+
		"standard input, which can be read only once); store: the corpus's %d events and articles\n"+
		"into a store in a temporary directory, under new ids each round, on 1 and %d writer\n"+
		"connections (DuckDB's own memory is not in allocs/sent).\n", nw, nEvents, nw)
	if rss := peakRSS(); rss != "" {
		fmt.Fprintf(w, "peak RSS: %s\n", rss)
	}
	return nil
}

// benchRun measures functions over the n articles of a corpus.
type benchRun struct {
	ctx     context.Context
	n       int
	minTime time.Duration
}

// benchResult is one measurement: rounds passes over the corpus.
type benchResult struct {
	rounds         int
	wall, cpu      time.Duration
	mallocs, bytes uint64
	gcs            uint32
}

func (r benchResult) rate(perRound int) float64 {
	return float64(perRound*r.rounds) / r.wall.Seconds()
}

// cpuPer returns the CPU microseconds per unit (perRound units a round); 0 when CPU time is unknown.
func (r benchResult) cpuPer(perRound int) float64 {
	return float64(r.cpu.Microseconds()) / float64(perRound*r.rounds)
}

func (r benchResult) busy() float64 { return r.cpu.Seconds() / r.wall.Seconds() }

// measure runs round until minTime has passed (at least once) and reports time and allocations.
func (b *benchRun) measure(round func()) benchResult {
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0 := cputime.Process()
	t := time.Now()
	var r benchResult
	for r.rounds == 0 || time.Since(t) < b.minTime && b.ctx.Err() == nil {
		round()
		r.rounds++
	}
	r.wall = time.Since(t)
	r.cpu = cputime.Process() - cpu0
	runtime.ReadMemStats(&m1)
	r.mallocs = m1.Mallocs - m0.Mallocs
	r.bytes = m1.TotalAlloc - m0.TotalAlloc
	r.gcs = m1.NumGC - m0.NumGC
	return r
}

// each measures f over every article on workers goroutines, which take the next article as they
// finish one.
func (b *benchRun) each(workers int, f func(i int)) benchResult {
	return b.measure(func() {
		if workers == 1 {
			for i := range b.n {
				f(i)
			}
			return
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < b.n; i = int(next.Add(1) - 1) {
					f(i)
				}
			})
		}
		wg.Wait()
	})
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

// benchStore writes arts and their events (events[i] those of arts[i]) into st, defaultStoreBatch
// articles a transaction as dyad ingest does, with suffix added to every article id.
func benchStore(ctx context.Context, st *duckdb.Store, suffix string, arts []*dyad.Article, events [][]dyad.Event) error {
	for lo := 0; lo < len(arts); lo += defaultStoreBatch {
		hi := min(lo+defaultStoreBatch, len(arts))
		batch := make([]*dyad.Article, 0, hi-lo)
		var evs []dyad.Event
		for i := lo; i < hi; i++ {
			a := *arts[i]
			a.ID += suffix
			batch = append(batch, &a)
			for _, e := range events[i] {
				if rest, ok := strings.CutPrefix(e.ID, e.Doc); ok {
					e.ID = a.ID + rest
				} else {
					e.ID += suffix
				}
				e.Doc = a.ID
				evs = append(evs, e)
			}
		}
		if err := st.Write(ctx, "dyad bench", batch, evs); err != nil {
			return fmt.Errorf("storing: %w", err)
		}
	}
	return nil
}
