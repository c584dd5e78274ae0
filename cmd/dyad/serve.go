package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/server"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[flags]\n\n"+
		"Serves the JSON API and the dashboard over the event store, read-only, until interrupted\n"+
		"(SIGINT or SIGTERM). Open http://ADDR/ in a browser. The API: GET /api/stats, /api/events,\n"+
		"/api/series, /api/dyad, /api/top/dyads, /api/counts, /api/places, /api/actors,\n"+
		"/api/articles/{id}; POST /api/code codes posted text without storing it.")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free port)")
	cacheN := fs.Int("cache", 4096, "aggregate responses kept in memory (`N`; 0 disables)")
	maxBody := fs.Int64("max-body", 1<<20, "largest request body in `bytes` (POST /api/code)")
	maxPage := fs.Int("max-page", 500, "most events in one page of /api/events (`N`)")
	noCoder := fs.Bool("no-coder", false, "do not load the coder (POST /api/code answers 503)")
	noIndex := fs.Bool("no-index", false, "answer aggregates with SQL only, without the in-memory index of the events")
	var dicts dictFlag
	fs.Var(&dicts, "dict", "load user dictionaries from `DIR` over the bundled ones for /api/code (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	switch {
	case *cacheN < 0:
		return usageError("--cache %d: want 0 or more", *cacheN)
	case *maxBody < 1:
		return usageError("--max-body %d: want 1 or more", *maxBody)
	case *maxPage < 1:
		return usageError("--max-page %d: want 1 or more", *maxPage)
	}
	st, err := openStore(ctx, dbPath(e, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	// The loaders below run while the server starts; they stop and are waited for before the
	// store closes.
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	store := &indexedStore{serveStore: serveStore{st}}
	if !*noIndex {
		// Until the index is loaded (seconds for a million events), aggregates use SQL.
		wg.Go(func() {
			start := time.Now()
			n, err := store.loadIndex(ctx)
			if err != nil {
				if ctx.Err() == nil {
					log.Error("indexing events; aggregates use SQL", "err", err)
				}
				return
			}
			log.Info("events indexed for aggregates", "events", n, "took", time.Since(start).Round(time.Millisecond))
		})
	}
	srv := server.New(store, nil, server.Options{
		MaxBody: *maxBody, MaxPage: *maxPage, CacheEntries: *cacheN, Log: log, Version: coderVersion(dicts)})
	if !*noCoder {
		// The models take a few seconds to load: serve the store meanwhile.
		wg.Go(func() {
			warn := func(err error) { log.Warn("dictionary", "err", err) }
			c, err := newArticleCoder(coderOptions{dictDirs: dicts, warn: warn})
			if err != nil {
				log.Error("loading the coder; POST /api/code is off", "err", err)
				return
			}
			srv.SetCoder(c)
		})
	}
	return server.ListenAndServe(ctx, *addr, srv, 5*time.Second, func(a string) {
		fmt.Fprintf(e.stderr, "dyad serve: serving %s on http://%s/ (Ctrl-C to stop)\n", st.Path(), a)
	})
}
