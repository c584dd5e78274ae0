package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/watch"
)

// watchSite serves a feed listing the pages of testdata/watch on 127.0.0.1 and counts hits.
type watchSite struct {
	srv   *httptest.Server
	mu    sync.Mutex
	items []string // page names listed, newest first
	hits  map[string]int
	agent string
}

func newWatchSite(t *testing.T, items ...string) *watchSite {
	t.Helper()
	s := &watchSite{items: items, hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.agent = r.Header.Get("User-Agent")
		items := s.items
		s.mu.Unlock()
		if r.URL.Path == "/feed.xml" {
			etag := fmt.Sprintf(`"%d"`, len(items))
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
			for _, it := range items {
				fmt.Fprintf(w, `<item><title>%s</title><link>%s/news/%s.html</link><guid>wire-%s</guid><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>`, it, s.srv.URL, it, it)
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/news/"), ".html")
		b, err := os.ReadFile(filepath.Join("testdata", "watch", name+".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *watchSite) hitsOf(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[p]
}

// storedIDs returns the ids of the stored articles and the number of events.
func storedIDs(t *testing.T, db string) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	st, err := duckdb.Open(ctx, db, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	if err := st.Articles(ctx, func(a *dyad.Article) error { ids = append(ids, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	_, evs, _, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ids, evs
}

func watchOnce(t *testing.T, dir string, site *watchSite, stderr io.Writer) error {
	t.Helper()
	db := filepath.Join(dir, "events.duckdb")
	cfg := watchConfig{
		opts: watch.Options{
			Feeds: []watch.Feed{{URL: site.srv.URL + "/feed.xml", Name: "Wire"}}, StatePath: filepath.Join(dir, "events.watch.json"),
			Log: newWatchLog(stderr), HostDelay: -1, BackoffBase: time.Millisecond, UserAgent: userAgent(),
		},
		db: db, coder: "test", once: true,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return runWatch(ctx, cfg, tagCoder{}, func(ctx context.Context) (ingestStore, io.Closer, error) {
		st, err := duckdb.Open(ctx, db, duckdb.Options{})
		if err != nil {
			return nil, nil, err
		}
		return st, st, nil
	})
}

func TestWatchCodesAndStoresNewItems(t *testing.T) {
	site := newWatchSite(t, "ankara")
	dir := t.TempDir()
	var log strings.Builder
	if err := watchOnce(t, dir, site, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	db := filepath.Join(dir, "events.duckdb")
	ids, evs := storedIDs(t, db)
	if strings.Join(ids, ",") != "wire-ankara" || evs != 1 {
		t.Fatalf("stored %v with %d events, want wire-ankara with 1\n%s", ids, evs, log.String())
	}
	// A new item, and a restart (a new run on the same state and store): only it is fetched.
	site.mu.Lock()
	site.items = []string{"kyiv", "ankara"}
	site.mu.Unlock()
	if err := watchOnce(t, dir, site, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	ids, evs = storedIDs(t, db)
	if strings.Join(ids, ",") != "wire-ankara,wire-kyiv" || evs != 2 {
		t.Errorf("stored %v with %d events, want wire-ankara, wire-kyiv with 2", ids, evs)
	}
	// Nothing new: the feed answers 304.
	if err := watchOnce(t, dir, site, &log); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/news/ankara.html", "/news/kyiv.html"} {
		if n := site.hitsOf(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	out := log.String()
	for _, want := range []string{"1 new items", "not modified", "stored with 1 events", "merged events", "page " + site.srv.URL + "/news/kyiv.html: fetched"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasPrefix(site.agent, "dyad/") || !strings.Contains(site.agent, "+https://github.com/dyad-events/dyad") {
		t.Errorf("User-Agent %q", site.agent)
	}
}

func TestWatchOnceCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the NLP models")
	}
	site := newWatchSite(t, "ankara", "kyiv")
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# test feeds\n"+site.srv.URL+"/feed.xml Wire service\n"), 0o644)
	db := filepath.Join(dir, "w.duckdb")
	code, _, stderr := runMain(t, db, "watch", "--feeds", list, "--once", "--host-delay", "0")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "w.watch.json")); err != nil {
		t.Errorf("state file not next to the store: %v", err)
	}
	ids, _ := storedIDs(t, db)
	if len(ids) != 2 {
		t.Errorf("stored %v, want 2 articles\n%s", ids, stderr)
	}
	if !strings.Contains(stderr, "round done") {
		t.Errorf("no summary line:\n%s", stderr)
	}
}

func TestWatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("# nothing\n"), 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("https://ok.example/rss\nnot a url\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"watch"}, "--feeds"},
		{[]string{"watch", "--feeds", empty, "x"}, "unexpected arguments"},
		{[]string{"watch", "--feeds", empty, "--interval", "0s"}, "--interval"},
		{[]string{"watch", "--feeds", empty, "--per-host", "0"}, "--per-host"},
		{[]string{"watch", "--feeds", empty}, "lists no feed"},
		{[]string{"watch", "--feeds", bad}, "line 2"},
		{[]string{"watch", "--feeds", filepath.Join(dir, "none.txt")}, "none.txt"},
	} {
		code, _, stderr := runMain(t, filepath.Join(dir, "x.duckdb"), c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("dyad %v: exit %d, stderr %q; want an error mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

// cancelOnWrite cancels a context when a line containing want is written.
type cancelOnWrite struct {
	mu     sync.Mutex
	buf    strings.Builder
	want   string
	cancel context.CancelFunc
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Write(p)
	if strings.Contains(string(p), c.want) {
		c.cancel()
	}
	return len(p), nil
}

func TestWatchRunsUntilCancelled(t *testing.T) {
	site := newWatchSite(t, "ankara")
	dir := t.TempDir()
	db := filepath.Join(dir, "events.duckdb")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out := &cancelOnWrite{want: "round done", cancel: cancel}
	cfg := watchConfig{
		opts: watch.Options{
			Feeds: []watch.Feed{{URL: site.srv.URL + "/feed.xml"}}, StatePath: filepath.Join(dir, "w.json"),
			Log: newWatchLog(out), HostDelay: -1, Interval: time.Hour,
		},
		db: db, coder: "test",
	}
	err := runWatch(ctx, cfg, tagCoder{}, func(ctx context.Context) (ingestStore, io.Closer, error) {
		st, err := duckdb.Open(ctx, db, duckdb.Options{})
		if err != nil {
			return nil, nil, err
		}
		return st, st, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != context.Canceled {
		t.Fatalf("watch ended by %v, want cancellation after the first round", ctx.Err())
	}
	out.mu.Lock()
	log := out.buf.String()
	out.mu.Unlock()
	if !strings.HasSuffix(log, "dyad watch: stopped\n") {
		t.Errorf("log does not end with 'stopped':\n%s", log)
	}
	if ids, _ := storedIDs(t, db); len(ids) != 1 {
		t.Errorf("stored %v, want 1 article", ids)
	}
}
