package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/watch"
)

func cmdWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "watch", "--feeds FILE [flags]\n\n"+
		"Polls the RSS/Atom feeds listed in FILE (one URL a line, optionally followed by a name; '#'\n"+
		"starts a comment) every --interval, fetches the pages of new items politely, codes them and\n"+
		"stores articles and events in the event store. What was seen, and the feeds' ETag and\n"+
		"Last-Modified, are kept in the --state file, so a restarted watch resumes where it stopped.\n"+
		"Each action is logged on stderr; failing feeds and pages are logged and retried later.\n"+
		"The store is opened only while a round stores articles, so other commands can read it between rounds.")
	db := dbFlag(fs)
	feeds := fs.String("feeds", "", "feed list `file`")
	interval := fs.Duration("interval", watch.DefaultInterval, "time between polls")
	statePath := fs.String("state", "", "state `file` (default: next to the store, DB.watch.json)")
	once := fs.Bool("once", false, "poll once and exit")
	perHost := fs.Int("per-host", watch.DefaultPerHost, "requests in flight per host")
	hostDelay := fs.Duration("host-delay", watch.DefaultHostDelay, "least time between requests to one host")
	timeout := fs.Duration("timeout", watch.DefaultTimeout, "time limit of one request")
	retries := fs.Int("retries", watch.DefaultRetries, "retries of a failed request (network errors, 5xx, 429)")
	mergeDays := fs.Int("merge-days", 0, "merge reports of one event dated up to `N` days apart")
	var dicts dictFlag
	fs.Var(&dicts, "dict", "load user dictionaries from `DIR` over the bundled ones (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError("unexpected arguments %q: the feeds are listed in --feeds FILE", fs.Args())
	case *feeds == "":
		return usageError("no feed list: give --feeds FILE")
	case *interval <= 0:
		return usageError("--interval %v: want more than 0", *interval)
	case *perHost < 1:
		return usageError("--per-host %d: want 1 or more", *perHost)
	case *timeout <= 0:
		return usageError("--timeout %v: want more than 0", *timeout)
	case *retries < 0:
		return usageError("--retries %d: want 0 or more", *retries)
	case *mergeDays < 0:
		return usageError("--merge-days %d: want 0 or more", *mergeDays)
	}
	list, err := readFeedList(*feeds)
	if err != nil {
		return err
	}
	path := dbPath(e, *db)
	if *statePath == "" {
		*statePath = strings.TrimSuffix(path, filepath.Ext(path)) + ".watch.json"
	}
	logf := newWatchLog(e.stderr)
	c, err := newArticleCoder(coderOptions{dictDirs: dicts, warn: func(err error) { logf("%v", err) }})
	if err != nil {
		return err
	}
	cfg := watchConfig{
		opts: watch.Options{
			Feeds: list, StatePath: *statePath, Log: logf, Interval: *interval,
			UserAgent: userAgent(), PerHost: *perHost, HostDelay: *hostDelay, Timeout: *timeout,
			Retries: *retries,
		},
		db: path, mergeDays: *mergeDays, coder: coderVersion(dicts), once: *once,
	}
	if *hostDelay == 0 {
		cfg.opts.HostDelay = -1 // none
	}
	if *retries == 0 {
		cfg.opts.Retries = -1 // none
	}
	return runWatch(ctx, cfg, c, func(ctx context.Context) (ingestStore, io.Closer, error) {
		st, err := openStore(ctx, path, false)
		if err != nil {
			return nil, nil, err
		}
		return st, st, nil
	})
}

// readFeedList reads and checks the feed list file.
func readFeedList(path string) ([]watch.Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading feed list: %w", err)
	}
	defer f.Close()
	list, err := watch.ParseFeedList(f)
	if err != nil {
		return nil, fmt.Errorf("reading feed list %s: %w", path, err)
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("feed list %s lists no feed", path)
	}
	return list, nil
}

// userAgent names dyad and where to learn about it, for the sites it fetches from.
func userAgent() string {
	return "dyad/" + strings.TrimPrefix(coderVersion(nil), "dyad ") + " (+https://github.com/dyad-events/dyad)"
}

// newWatchLog returns a log function writing one time-stamped line per call to w.
func newWatchLog(w io.Writer) func(format string, args ...any) {
	var mu sync.Mutex
	return func(format string, args ...any) {
		line := time.Now().UTC().Format(time.RFC3339) + " dyad watch: " + fmt.Sprintf(format, args...) + "\n"
		mu.Lock()
		defer mu.Unlock()
		io.WriteString(w, line)
	}
}

// watchConfig configures runWatch.
type watchConfig struct {
	opts      watch.Options // all but Sink and RoundDone
	db        string        // store path, for messages
	mergeDays int
	coder     string // coder version for provenance
	once      bool
}

// openFunc opens the event store.
type openFunc func(ctx context.Context) (ingestStore, io.Closer, error)

// runWatch runs the watcher with a sink that codes articles and stores them; after each round that
// stored articles the merged events are rebuilt and the store is closed until the next round.
func runWatch(ctx context.Context, cfg watchConfig, c articleCoder, open openFunc) error {
	sk := &storeSink{open: open, c: c, coder: cfg.coder, log: cfg.opts.Log}
	opts := cfg.opts
	opts.Sink = sk
	opts.RoundDone = func(ctx context.Context, s watch.Stats) { sk.finish(ctx, s, cfg.mergeDays) }
	w, err := watch.New(opts)
	if err != nil {
		return err
	}
	opts.Log("watching %d feeds every %v (state %s, store %s)", len(opts.Feeds), opts.Interval, opts.StatePath, cfg.db)
	if !cfg.once {
		err := w.Run(ctx)
		opts.Log("stopped")
		return err
	}
	s, err := w.Poll(ctx)
	sk.finish(ctx, s, cfg.mergeDays)
	switch {
	case err != nil:
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted: %w", ctx.Err())
	case s.Feeds > 0 && s.FeedErrors == s.Feeds:
		return errors.New("no feed could be read")
	case s.SinkErrors > 0:
		return errors.New("storing articles failed")
	}
	return nil
}

// storeSink codes the articles the watcher fetches and stores them with their events. Its calls
// are never concurrent (watch.Sink promises so).
type storeSink struct {
	open  openFunc
	c     articleCoder
	coder string
	log   func(format string, args ...any)

	st     ingestStore // open during a round that stores
	closer io.Closer
	seen   func(*dyad.Article) bool

	stored, dups, events int // this round
}

func (k *storeSink) Store(ctx context.Context, arts []*dyad.Article) error {
	if k.st == nil {
		st, cl, err := k.open(ctx)
		if err != nil {
			return err
		}
		seen, err := st.Deduper(ctx)
		if err != nil {
			cl.Close()
			return err
		}
		k.st, k.closer, k.seen = st, cl, seen
	}
	var fresh []*dyad.Article
	var evs []dyad.Event
	for _, a := range arts {
		if k.seen(a) {
			k.dups++
			continue
		}
		fresh = append(fresh, a)
		for _, ev := range k.c.Code(a) {
			ev.Doc = a.ID
			evs = append(evs, ev)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	// Coded already: written whole even when ctx is cancelled.
	if err := k.st.Write(context.WithoutCancel(ctx), k.coder, fresh, evs); err != nil {
		// The deduper took these articles as stored: start afresh at the next round.
		k.closeStore()
		return err
	}
	k.stored += len(fresh)
	k.events += len(evs)
	return nil
}

// finish ends a round: rebuilds the merged events when articles were stored, logs a summary and
// closes the store.
func (k *storeSink) finish(ctx context.Context, s watch.Stats, mergeDays int) {
	merged := -1
	if k.st != nil && k.stored > 0 {
		err := k.st.Merge(ctx, mergeDays)
		if err == nil {
			_, _, merged, err = k.st.Counts(ctx)
		}
		if err != nil {
			k.log("merging events: %v", err)
		}
	}
	msg := fmt.Sprintf("round done: %d feeds (%d failed, %d not modified), %d new items, %d pages fetched, %d failed, %d skipped, %d already stored, %d stored with %d events",
		s.Feeds, s.FeedErrors, s.NotModified, s.New, s.Fetched, s.PageErrors, s.Skipped, k.dups, k.stored, k.events)
	if merged >= 0 {
		msg += fmt.Sprintf("; %d merged events", merged)
	}
	k.log("%s", msg)
	k.stored, k.dups, k.events = 0, 0, 0
	k.closeStore()
}

func (k *storeSink) closeStore() {
	if k.closer != nil {
		if err := k.closer.Close(); err != nil {
			k.log("closing the store: %v", err)
		}
	}
	k.st, k.closer, k.seen = nil, nil, nil
}
