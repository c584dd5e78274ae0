package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func cmdIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[flags] FILE|DIR|- ...\n\n"+
		"Reads articles, codes them and stores articles and events in the event store, then rebuilds the\n"+
		"merged events. Articles already stored (same id or same text) are skipped, so an interrupted\n"+
		"ingest is completed by running it again. --recode recodes the stored articles instead.")
	db := dbFlag(fs)
	dateFlag := fs.String("date", "", "publication `date` (YYYY-MM-DD) for inputs that carry none")
	workers := fs.Int("workers", 0, "articles coded in parallel (0: one per core)")
	recode := fs.Bool("recode", false, "recode every stored article with the current dictionaries and models (no inputs)")
	mergeDays := fs.Int("merge-days", 0, "merge reports of one event dated up to `N` days apart")
	batch := fs.Int("batch", defaultStoreBatch, "articles stored per transaction")
	progress := progressFlag(fs)
	var dicts dictFlag
	fs.Var(&dicts, "dict", "load user dictionaries from `DIR` over the bundled ones (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *recode && fs.NArg() > 0:
		return usageError("--recode recodes the stored articles: give no inputs")
	case !*recode && fs.NArg() == 0:
		return usageError("no input: give files, directories or - for stdin (or --recode)")
	case *mergeDays < 0:
		return usageError("--merge-days %d: want 0 or more", *mergeDays)
	case *batch < 1:
		return usageError("--batch %d: want 1 or more", *batch)
	}
	date, err := dyad.ParseDate(*dateFlag)
	if err != nil {
		return usageError("--date: %v", err)
	}
	showBar, err := progressShown(*progress, e, false)
	if err != nil {
		return err
	}
	msgs := newMessages(e.stderr)
	warn := func(err error) { fmt.Fprintf(msgs, "dyad ingest: %v\n", err) }
	c, err := newArticleCoder(coderOptions{dictDirs: dicts, warn: warn})
	if err != nil {
		return err
	}
	st, err := openStore(ctx, dbPath(e, *db), false)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := ingestOptions{
		inputs:    fs.Args(),
		read:      ingest.Options{Date: date, Stdin: e.stdin, OnSkip: warn},
		recode:    *recode,
		workers:   *workers,
		batch:     *batch,
		mergeDays: *mergeDays,
		coder:     coderVersion(dicts),
		stderr:    e.stderr,
		bar:       showBar,
		messages:  msgs,
	}
	_, err = runIngest(ctx, st, c, opts)
	return err
}

// defaultStoreBatch is the number of articles dyad ingest stores per transaction by default.
const defaultStoreBatch = 1000

// maxBatchEvents bounds the events of one stored batch, whatever its number of articles.
const maxBatchEvents = 100_000

// ingestOptions configure runIngest.
type ingestOptions struct {
	inputs    []string       // files, directories, "-"
	read      ingest.Options // date, stdin, skip reports
	recode    bool           // recode the stored articles instead of reading inputs
	workers   int            // coding workers (0: GOMAXPROCS)
	batch     int            // articles per transaction
	mergeDays int            // slack for merging
	coder     string         // coder version for provenance
	stderr    io.Writer      // progress bar and summary
	bar       bool           // show a progress bar on stderr
	messages  *messages      // where read.OnSkip writes, when it should go through the bar
	// committed, when set, is called after each batch is committed (tests use it).
	committed func(articles, events int)
}

// ingestResult counts what runIngest did.
type ingestResult struct {
	read, skipped, stored, coded, events int
	merged                               int
	interrupted                          bool
}

// runIngest reads (or takes from the store), codes and stores articles, then rebuilds the merged
// events. Coding runs on opts.workers goroutines; a separate goroutine commits batches, so coding
// goes on while a batch is written. On cancellation the articles coded so far are committed and the
// merged events are left as they were.
func runIngest(ctx context.Context, st ingestStore, c articleCoder, opts ingestOptions) (ingestResult, error) {
	var res ingestResult
	start := time.Now()
	prog := newProgress(ctx, "ingest", opts.stderr, opts.bar, opts.inputs)
	opts.read.OnRead = prog.read
	if opts.messages != nil {
		opts.messages.to(prog) // prog writes them straight through once finished
	}

	// Reader: articles in input order, minus the ones already stored. It stops early when a
	// store write fails.
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	in := make(chan *dyad.Article, 64)
	readErr := make(chan error, 1)
	var stats ingest.Stats
	var read, dups atomic.Int64
	send := func(a *dyad.Article) error {
		select {
		case in <- a:
			return nil
		case <-rctx.Done():
			return rctx.Err()
		}
	}
	if opts.recode {
		go func() {
			defer close(in)
			readErr <- st.Articles(rctx, func(a *dyad.Article) error {
				read.Add(1)
				return send(a)
			})
		}()
	} else {
		seen, err := st.Deduper(ctx)
		if err != nil {
			prog.finish(false)
			return res, err
		}
		go func() {
			defer close(in)
			var err error
			stats, err = ingest.Read(rctx, opts.inputs, opts.read, func(a *dyad.Article) error {
				read.Add(1)
				if seen(a) {
					dups.Add(1)
					prog.add(0)
					return nil
				}
				return send(a)
			})
			readErr <- err
		}()
	}

	// Writer: commits batches while the next one is coded.
	batches := make(chan []codedArticle, 1)
	writeErr := make(chan error, 1)
	var stored, storedEvents atomic.Int64
	var failed atomic.Bool
	go func() {
		var err error
		for b := range batches {
			if err != nil {
				continue // drain after a failure
			}
			arts := make([]*dyad.Article, len(b))
			var evs []dyad.Event
			for i, ca := range b {
				arts[i] = ca.art
				evs = append(evs, ca.events...)
			}
			// A batch is written whole even when ctx is cancelled: its articles are coded already.
			wctx := context.WithoutCancel(ctx)
			if opts.recode {
				err = st.Recode(wctx, opts.coder, arts, evs)
			} else {
				err = st.Write(wctx, opts.coder, arts, evs)
			}
			if err != nil {
				failed.Store(true)
				stopReading()
			} else {
				stored.Add(int64(len(arts)))
				storedEvents.Add(int64(len(evs)))
				if opts.committed != nil {
					opts.committed(int(stored.Load()), int(storedEvents.Load()))
				}
			}
		}
		writeErr <- err
	}()

	var cur []codedArticle
	curEvents := 0
	mapErr := pipeline.MapBatches(ctx, opts.workers, in, batchesFor(c), func(arts []*dyad.Article) []codedArticle {
		out := codeAll(c, arts)
		for _, ca := range out {
			for i := range ca.events {
				ca.events[i].Doc = ca.art.ID // the article is authoritative for provenance
			}
		}
		return out
	}, func(ca codedArticle) error {
		if failed.Load() {
			return errors.New("store write failed")
		}
		res.coded++
		res.events += len(ca.events)
		prog.add(len(ca.events))
		cur = append(cur, ca)
		curEvents += len(ca.events)
		if len(cur) >= opts.batch || curEvents >= maxBatchEvents {
			batches <- cur
			cur, curEvents = nil, 0
		}
		return nil
	})
	if len(cur) > 0 {
		batches <- cur
	}
	close(batches)
	werr := <-writeErr
	rerr := <-readErr
	res.read, res.skipped, res.stored = int(read.Load()), stats.Skipped, int(stored.Load())
	if opts.recode {
		res.read = res.coded
	}
	dupN := int(dups.Load())

	if werr != nil {
		mapErr, rerr = nil, nil // consequences of the failed write
	}
	err := errors.Join(werr, mapErr, rerr)
	if ctx.Err() != nil {
		res.interrupted = true
		err = fmt.Errorf("interrupted after storing %d articles with %d events: run the same command again to complete the ingest", res.stored, storedEvents.Load())
	}
	if err == nil {
		err = st.Merge(ctx, opts.mergeDays)
		if err == nil {
			_, _, res.merged, err = st.Counts(ctx)
		}
	}
	prog.finish(err == nil)
	el := time.Since(start).Seconds()
	verb := "new"
	if opts.recode {
		verb = "recoded and"
	}
	fmt.Fprintf(opts.stderr, "dyad ingest: %d articles read, %d skipped, %d already stored, %d %s stored with %d events; %d merged events (%.1fs, %.0f articles/s, %.0f events/s)\n",
		res.read, res.skipped, dupN, res.stored, verb, storedEvents.Load(), res.merged, el, float64(res.coded)/el, float64(res.events)/el)
	if err != nil {
		return res, err
	}
	if !opts.recode && stats.Articles == 0 && stats.Skipped > 0 {
		return res, errors.New("no article could be read")
	}
	return res, nil
}
