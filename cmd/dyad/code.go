package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/eventio"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func cmdCode(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "code", "[flags] FILE|DIR|- ...\n\nCodes news articles into events, one per line on stdout (or -o FILE).\n"+
		"Inputs: the seed format (first line \" date YYYY-MM-DD\"), plain .txt, JSONL, HTML, RSS/Atom, WARC,\n"+
		"any of these gzipped, directories (recursively) and - for stdin.")
	out := fs.String("o", "", "write events to `FILE` instead of stdout")
	format := fs.String("format", "jsonl", "output format: jsonl, tsv or csv")
	dateFlag := fs.String("date", "", "publication `date` (YYYY-MM-DD) for inputs that carry none")
	workers := fs.Int("workers", 0, "articles coded in parallel (0: one per core)")
	progressMode := progressFlag(fs)
	var dicts dictFlag
	fs.Var(&dicts, "dict", "load user dictionaries from `DIR` over the bundled ones (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("no input: give files, directories or - for stdin")
	}
	date, err := dyad.ParseDate(*dateFlag)
	if err != nil {
		return usageError("--date: %v", err)
	}
	showBar, err := progressShown(*progressMode, e, *out == "")
	if err != nil {
		return err
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	ew, err := eventio.NewWriter(w, *format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	msgs := newMessages(e.stderr)
	warn := func(err error) { fmt.Fprintf(msgs, "dyad code: %v\n", err) }
	c, err := newArticleCoder(coderOptions{dictDirs: dicts, warn: warn})
	if err != nil {
		return err
	}
	if date.IsZero() {
		fmt.Fprintln(e.stderr, "dyad code: no --date given: plain-text articles without a date are coded with an unknown date")
	}
	start := time.Now()
	prog := newProgress(ctx, "code", e.stderr, showBar, fs.Args())
	msgs.to(prog)
	readOpts := ingest.Options{Date: date, Stdin: e.stdin, OnSkip: warn, OnRead: prog.read}
	res, err := codeArticles(ctx, c, fs.Args(), readOpts, *workers,
		func(_ *dyad.Article, evs []dyad.Event) error {
			prog.add(len(evs))
			for i := range evs {
				if err := ew.Write(&evs[i]); err != nil {
					return err
				}
			}
			return nil
		})
	if cerr := ew.Close(); err == nil {
		err = cerr
	}
	prog.finish(err == nil)
	el := time.Since(start)
	fmt.Fprintf(e.stderr, "dyad code: %d articles read, %d skipped, %d events written (%s, %.0f sentences/s)\n",
		res.stats.Articles, res.stats.Skipped, res.events, el.Round(time.Millisecond), float64(res.sentences)/el.Seconds())
	if err != nil {
		return err
	}
	if res.stats.Articles == 0 {
		return fmt.Errorf("no article could be read")
	}
	return nil
}

// codeResult counts what codeArticles did.
type codeResult struct {
	stats     ingest.Stats
	events    int
	sentences int
}

// codeArticles reads the inputs, codes the articles on workers in parallel and passes each article
// with its events to out, in input order.
func codeArticles(ctx context.Context, c *nlpCoder, inputs []string, opts ingest.Options, workers int, out func(*dyad.Article, []dyad.Event) error) (codeResult, error) {
	var res codeResult
	in := make(chan *dyad.Article, 64)
	readErr := make(chan error, 1)
	go func() {
		defer close(in)
		st, err := ingest.Read(ctx, inputs, opts, func(a *dyad.Article) error {
			select {
			case in <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		res.stats = st
		readErr <- err
	}()
	err := pipeline.MapBatches(ctx, workers, in, batchFull, c.codeBatch, func(r codedArticle) error {
		res.sentences += r.sentences
		res.events += len(r.events)
		return out(r.art, r.events)
	})
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	return res, err
}
