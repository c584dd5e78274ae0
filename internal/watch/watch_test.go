package watch

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// feedItem is an item of a test feed.
type feedItem struct {
	guid, title, path, desc string
}

// site is a test news site on 127.0.0.1: feeds and pages, with hit counts, scripted failures and
// the conditional headers it was sent.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	feeds     map[string][]feedItem // path → items
	pages     map[string]string     // path → HTML
	fail      map[string]int        // path → 503s still to serve
	failWith  map[string]int        // path → status served for good
	retryAft  map[string]string     // path → Retry-After sent with its 503s
	hits      map[string]int
	condSeen  []http.Header // headers of feed requests
	agents    []string
	active    int
	maxActive int
	hold      time.Duration // time each page request is held
}

func newSite(t *testing.T) *site {
	s := &site{t: t, feeds: map[string][]feedItem{}, pages: map[string]string{}, fail: map[string]int{},
		failWith: map[string]int{}, hits: map[string]int{}}
	for _, name := range []string{"talks", "aid", "border", "french", "empty"} {
		b, err := os.ReadFile(filepath.Join("testdata", "pages", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		s.pages["/news/"+name+".html"] = string(b)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(path string) string { return s.srv.URL + path }

func (s *site) setFeed(path string, items ...feedItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = items
}

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// rss writes the feed's XML; its ETag changes with the XML, its Last-Modified with the number of items.
func (s *site) rss(items []feedItem) (body, etag, lastMod string) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>River Post</title><link>` + s.srv.URL + `/</link><description>News</description>` + "\n")
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title>", html.EscapeString(it.title))
		if it.path != "" {
			fmt.Fprintf(&b, "<link>%s</link>", s.url(it.path))
		}
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, it.guid)
		}
		if it.desc != "" {
			fmt.Fprintf(&b, "<description>%s</description>", html.EscapeString(it.desc))
		}
		b.WriteString("<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	mod := time.Date(2026, 11, 23, 8, 0, len(items), 0, time.UTC)
	return b.String(), fmt.Sprintf(`"%08x"`, crc32.ChecksumIEEE([]byte(b.String()))), mod.Format(http.TimeFormat)
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents = append(s.agents, r.Header.Get("User-Agent"))
	if st := s.failWith[r.URL.Path]; st != 0 {
		s.mu.Unlock()
		http.Error(w, "no", st)
		return
	}
	if s.fail[r.URL.Path] > 0 {
		s.fail[r.URL.Path]--
		if ra := s.retryAft[r.URL.Path]; ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		s.mu.Unlock()
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	if items, ok := s.feeds[r.URL.Path]; ok {
		s.condSeen = append(s.condSeen, r.Header.Clone())
		body, etag, lastMod := s.rss(items)
		s.mu.Unlock()
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(body))
		return
	}
	if to, ok := strings.CutPrefix(r.URL.Path, "/go/"); ok {
		s.mu.Unlock()
		http.Redirect(w, r, "/news/"+to+".html", http.StatusMovedPermanently)
		return
	}
	page, ok := s.pages[r.URL.Path]
	s.active++
	s.maxActive = max(s.maxActive, s.active)
	hold := s.hold
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.active--
		s.mu.Unlock()
	}()
	if hold > 0 {
		time.Sleep(hold)
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(page))
}

// sink collects the articles stored.
type sink struct {
	mu   sync.Mutex
	arts []*dyad.Article
	fail error
}

func (k *sink) Store(ctx context.Context, arts []*dyad.Article) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	k.arts = append(k.arts, arts...)
	return nil
}

func (k *sink) ids() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var ids []string
	for _, a := range k.arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	return ids
}

// logBuf collects log lines.
type logBuf struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuf) log(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// testWatcher makes a fast watcher (no host delay, tiny back-off) over feeds, with its state in dir.
func testWatcher(t *testing.T, dir string, k *sink, lb *logBuf, feeds ...Feed) *Watcher {
	t.Helper()
	w, err := New(Options{
		Feeds: feeds, StatePath: filepath.Join(dir, "watch.json"), Sink: k, Log: lb.log,
		HostDelay: -1, BackoffBase: time.Millisecond, BackoffMax: 4 * time.Millisecond,
		Interval: 10 * time.Millisecond, Timeout: 5 * time.Second, UserAgent: "dyad/test (+https://github.com/dyad-events/dyad)",
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func poll(t *testing.T, w *Watcher) Stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := w.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	itTalks  = feedItem{guid: "rp-1", title: "Ministers meet", path: "/news/talks.html"}
	itAid    = feedItem{guid: "rp-2", title: "Aid after floods", path: "/news/aid.html"}
	itBorder = feedItem{guid: "rp-3", title: "Border crossing reopens", path: "/news/border.html"}
)

func TestNewItemsPickedUpAndSeenNotRefetched(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks, itAid)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss"), Name: "River Post (test)"})

	st := poll(t, w)
	if got, want := k.ids(), []string{"rp-1", "rp-2"}; !slices.Equal(got, want) {
		t.Fatalf("first poll stored %v, want %v\nlog:\n%s", got, want, lb)
	}
	if st.New != 2 || st.Stored != 2 || st.Fetched != 2 {
		t.Errorf("first poll stats %+v", st)
	}
	for _, a := range k.arts {
		if a.Source != "River Post (test)" || a.Text == "" || a.Title == "" || a.Date.IsZero() || a.URL == "" {
			t.Errorf("article %+v: want source, text, title, date and URL", a)
		}
	}
	if a := k.arts[slices.IndexFunc(k.arts, func(a *dyad.Article) bool { return a.ID == "rp-1" })]; a.Date != dyad.MustDate("2026-11-20") {
		t.Errorf("talks dated %v, want the page's 2026-11-20", a.Date)
	}
	// The aid page's JSON-LD lacks @context, so it gives no date: the feed's pubDate is used.
	if a := k.arts[slices.IndexFunc(k.arts, func(a *dyad.Article) bool { return a.ID == "rp-2" })]; a.Date != dyad.MustDate("2026-11-23") {
		t.Errorf("aid dated %v, want the feed's 2026-11-23", a.Date)
	}

	// A new item appears: only it is fetched.
	s.setFeed("/rss", itBorder, itTalks, itAid)
	st = poll(t, w)
	if got, want := k.ids(), []string{"rp-1", "rp-2", "rp-3"}; !slices.Equal(got, want) {
		t.Fatalf("second poll: stored %v, want %v\nlog:\n%s", got, want, lb)
	}
	if st.New != 1 || st.Stored != 1 {
		t.Errorf("second poll stats %+v", st)
	}
	// Nothing new: nothing fetched.
	poll(t, w)
	for _, p := range []string{"/news/talks.html", "/news/aid.html", "/news/border.html"} {
		if n := s.hitsOf(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	if len(k.arts) != 3 {
		t.Errorf("%d articles stored, want 3", len(k.arts))
	}
	if !strings.Contains(lb.String(), "new items") || !strings.Contains(lb.String(), "page "+s.url("/news/talks.html")+": fetched") {
		t.Errorf("log lacks feed and page lines:\n%s", lb)
	}
	for _, ua := range s.agents {
		if ua != "dyad/test (+https://github.com/dyad-events/dyad)" {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	poll(t, w)
	st := poll(t, w)
	if st.NotModified != 1 || st.New != 0 {
		t.Errorf("second poll stats %+v, want one not-modified feed", st)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.condSeen) != 2 {
		t.Fatalf("%d feed requests, want 2", len(s.condSeen))
	}
	if h := s.condSeen[0]; !strings.Contains(h.Get("Accept"), "application/rss+xml") {
		t.Errorf("feed request Accept %q", h.Get("Accept"))
	}
	if h := s.condSeen[0]; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request conditional: %v", h)
	}
	_, etag, lastMod := s.rss([]feedItem{itTalks})
	if h := s.condSeen[1]; h.Get("If-None-Match") != etag || h.Get("If-Modified-Since") != lastMod {
		t.Errorf("second request sent If-None-Match %q If-Modified-Since %q, want %q %q",
			h.Get("If-None-Match"), h.Get("If-Modified-Since"), etag, lastMod)
	}
	if len(k.arts) != 1 {
		t.Errorf("%d articles stored, want 1", len(k.arts))
	}
	if !strings.Contains(lb.String(), "not modified") {
		t.Errorf("log lacks 'not modified':\n%s", lb)
	}
}

func TestRetryWithBackoff(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	s.fail["/news/talks.html"] = 2
	s.fail["/rss"] = 1
	s.retryAft = map[string]string{"/rss": "1"}
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	var mu sync.Mutex
	var waits []time.Duration
	w.fetch.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	st := poll(t, w)
	if got := k.ids(); !slices.Equal(got, []string{"rp-1"}) {
		t.Fatalf("stored %v, want [rp-1]\nlog:\n%s", got, lb)
	}
	if st.PageErrors != 0 || st.FeedErrors != 0 {
		t.Errorf("stats %+v", st)
	}
	if n := s.hitsOf("/news/talks.html"); n != 3 {
		t.Errorf("page fetched %d times, want 3 (two 503s, then success)", n)
	}
	// The feed's 503 asked for 1s; the page's two back-offs grow: 1ms jittered to [0.5,1]ms, then
	// 2ms jittered to [1,2]ms.
	if len(waits) != 3 || waits[0] != time.Second {
		t.Fatalf("waits %v, want 1s (Retry-After) then two back-offs", waits)
	}
	if w1, w2 := waits[1], waits[2]; w1 < 500*time.Microsecond || w1 > time.Millisecond || w2 < time.Millisecond || w2 > 2*time.Millisecond {
		t.Errorf("back-off waits %v, %v: want in [0.5ms,1ms] then [1ms,2ms]", w1, w2)
	}
	if c := strings.Count(lb.String(), "retrying"); c != 3 {
		t.Errorf("%d retry lines, want 3:\n%s", c, lb)
	}
}

func TestFailedPageRetriedAtNextPoll(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks, itAid)
	s.failWith["/news/aid.html"] = http.StatusBadGateway
	k, lb := &sink{}, &logBuf{}
	dir := t.TempDir()
	w := testWatcher(t, dir, k, lb, Feed{URL: s.url("/rss")})
	st := poll(t, w)
	if st.PageErrors != 1 || st.Stored != 1 {
		t.Errorf("first poll stats %+v", st)
	}
	if n := s.hitsOf("/news/aid.html"); n != DefaultRetries+1 {
		t.Errorf("failing page asked %d times, want %d", n, DefaultRetries+1)
	}
	if !strings.Contains(lb.String(), "page "+s.url("/news/aid.html")+": ") {
		t.Errorf("log does not name the failing page:\n%s", lb)
	}
	// The host recovers; a new watcher on the same state (a restart) fetches the failed item only,
	// though the feed has not changed (its validators were not kept).
	s.mu.Lock()
	delete(s.failWith, "/news/aid.html")
	s.mu.Unlock()
	w = testWatcher(t, dir, k, lb, Feed{URL: s.url("/rss")})
	st = poll(t, w)
	if st.Stored != 1 || st.New != 1 {
		t.Errorf("second poll stats %+v", st)
	}
	if got := k.ids(); !slices.Equal(got, []string{"rp-1", "rp-2"}) {
		t.Errorf("stored %v", got)
	}
	if n := s.hitsOf("/news/talks.html"); n != 1 {
		t.Errorf("good page fetched %d times, want 1", n)
	}
}

func TestRestartResumes(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks, itAid)
	s.setFeed("/atom-less", itBorder)
	k, lb := &sink{}, &logBuf{}
	dir := t.TempDir()
	feeds := []Feed{{URL: s.url("/rss")}, {URL: s.url("/atom-less")}}
	poll(t, testWatcher(t, dir, k, lb, feeds...))
	if len(k.arts) != 3 {
		t.Fatalf("%d stored, want 3\n%s", len(k.arts), lb)
	}
	// Restart. One feed is unchanged (same ETag); the other lists one more item, which links to a
	// page already seen under another id.
	s.mu.Lock()
	s.feeds["/atom-less"] = append(s.feeds["/atom-less"], feedItem{guid: "rp-9", title: "Talks again", path: "/news/talks.html"})
	s.mu.Unlock()
	k2 := &sink{}
	st := poll(t, testWatcher(t, dir, k2, lb, feeds...))
	if st.NotModified != 1 {
		t.Errorf("after restart: stats %+v, want the unchanged feed not modified", st)
	}
	if len(k2.arts) != 0 {
		t.Errorf("after restart stored %v, want nothing", k2.ids())
	}
	for _, p := range []string{"/news/talks.html", "/news/aid.html", "/news/border.html"} {
		if n := s.hitsOf(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
}

func TestBrokenFeedsDoNotStopOthers(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	s.pages["/bad.xml"] = "this is not a feed"
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/rss"
	dead.Close()
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb,
		Feed{URL: s.url("/missing.xml")}, Feed{URL: s.url("/bad.xml")}, Feed{URL: deadURL}, Feed{URL: s.url("/rss")})
	st := poll(t, w)
	if st.FeedErrors != 3 || st.Stored != 1 {
		t.Errorf("stats %+v, want 3 feed errors and 1 stored", st)
	}
	for _, u := range []string{s.url("/missing.xml"), s.url("/bad.xml"), deadURL} {
		if !strings.Contains(lb.String(), "feed "+u+": ") {
			t.Errorf("log does not name %s:\n%s", u, lb)
		}
	}
	if n := s.hitsOf("/missing.xml"); n != 1 {
		t.Errorf("404 feed asked %d times, want 1 (no retry)", n)
	}
}

func TestSkipsAndFallbacks(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss",
		feedItem{guid: "fr-1", title: "Syndicats", path: "/news/french.html"},
		feedItem{guid: "v-1", title: "Video", path: "/news/empty.html", desc: "The prime minister visited the flooded valley on Sunday and promised new dams, her office said in a statement on its website."},
		feedItem{guid: "v-2", title: "Video only", path: "/news/empty.html?v=2"},
		feedItem{guid: "gone-1", title: "Gone", path: "/news/gone.html"},
	)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	st := poll(t, w)
	if got := k.ids(); !slices.Equal(got, []string{"v-1"}) {
		t.Errorf("stored %v, want [v-1] (the feed's text for a page without text)\n%s", got, lb)
	}
	if st.Skipped != 3 {
		t.Errorf("stats %+v, want 3 skipped", st)
	}
	if !strings.Contains(lb.String(), "not English") {
		t.Errorf("log lacks the language skip:\n%s", lb)
	}
	// Skipped items are settled: not fetched again.
	poll(t, w)
	if n := s.hitsOf("/news/french.html"); n != 1 {
		t.Errorf("french page fetched %d times, want 1", n)
	}
}

func TestPerHostLimit(t *testing.T) {
	s := newSite(t)
	var items []feedItem
	for i := range 8 {
		items = append(items, feedItem{guid: fmt.Sprint("p-", i), title: "t", path: fmt.Sprintf("/news/talks.html?n=%d", i)})
	}
	s.setFeed("/rss", items...)
	s.hold = 20 * time.Millisecond
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	poll(t, w)
	if len(k.arts) != 8 {
		t.Fatalf("%d stored, want 8\n%s", len(k.arts), lb)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxActive > DefaultPerHost {
		t.Errorf("%d requests in flight at once, want at most %d", s.maxActive, DefaultPerHost)
	}
}

func TestSinkFailureKeepsItemsNew(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	k, lb := &sink{fail: errors.New("disk full")}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	if st := poll(t, w); st.SinkErrors != 1 || st.Stored != 0 {
		t.Errorf("stats %+v", st)
	}
	if !strings.Contains(lb.String(), "disk full") {
		t.Errorf("log lacks the sink error:\n%s", lb)
	}
	k.fail = nil
	if st := poll(t, w); st.Stored != 1 {
		t.Errorf("after the sink recovers: stats %+v", st)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rounds := 0
	w.opts.RoundDone = func(ctx context.Context, st Stats) {
		rounds++
		if rounds == 3 {
			cancel()
		}
	}
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if rounds != 3 || len(k.arts) != 1 {
		t.Errorf("%d rounds, %d stored; want 3 rounds and 1 article", rounds, len(k.arts))
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Error("Run did not stop on cancel")
	}
}

func TestHostDelay(t *testing.T) {
	// Request starts on one host are spaced by the delay: with 3 pages and a 30ms delay the
	// politeness waits add up to at least 60ms after the feed request. (A lower bound, not a timing.)
	s := newSite(t)
	s.setFeed("/rss", itTalks, itAid, itBorder)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	w.fetch.delay = 30 * time.Millisecond
	start := time.Now()
	poll(t, w)
	if el := time.Since(start); el < 90*time.Millisecond {
		t.Errorf("4 requests with a 30ms delay took %v, want at least 90ms", el)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"5", 5 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{"999999", maxRetryAfter},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		if got := parseRetryAfter(c.in, now); got != c.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestStateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.json")
	st := newState()
	st.Feeds["http://a/rss"] = &feedState{ETag: `"x"`}
	st.Seen["id-1"] = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	st.Seen["old"] = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := st.save(path); err != nil {
		t.Fatal(err)
	}
	got, err := loadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Feeds["http://a/rss"].ETag != `"x"` || !got.Seen["id-1"].Equal(st.Seen["id-1"]) {
		t.Errorf("round trip: %+v", got)
	}
	got.prune(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if _, ok := got.Seen["old"]; ok || len(got.Seen) != 1 {
		t.Errorf("prune kept %v", got.Seen)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
	os.WriteFile(path, []byte("{"), 0o644)
	if _, err := loadState(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("corrupt state: error %v, want one naming the file", err)
	}
	if _, err := loadState(filepath.Join(dir, "none.json")); err != nil {
		t.Errorf("missing state: %v", err)
	}
}

func TestRedirectedPage(t *testing.T) {
	s := newSite(t)
	s.setFeed("/rss", feedItem{guid: "r-1", title: "Talks", path: "/go/talks"})
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	poll(t, w)
	if len(k.arts) != 1 {
		t.Fatalf("stored %v\n%s", k.ids(), lb)
	}
	if a := k.arts[0]; a.ID != "r-1" || a.URL != s.url("/news/talks.html") {
		t.Errorf("article id %q url %q, want r-1 and the page redirected to", a.ID, a.URL)
	}
	if n := s.hitsOf("/go/talks"); n != 1 {
		t.Errorf("link asked %d times", n)
	}
}

func TestAtomFeed(t *testing.T) {
	s := newSite(t)
	s.pages["/atom.xml"] = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Watch</title><id>urn:bw</id><updated>2026-11-22T10:00:00Z</updated>
<entry><title>Crossing reopens</title><id>urn:bw:1</id><link rel="alternate" href="` + s.url("/news/border.html") + `"/>
<updated>2026-11-22T10:00:00Z</updated></entry></feed>`
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/atom.xml")})
	poll(t, w)
	if len(k.arts) != 1 {
		t.Fatalf("stored %v\n%s", k.ids(), lb)
	}
	if a := k.arts[0]; a.ID != "urn:bw:1" || a.Date != dyad.MustDate("2026-11-22") || !strings.Contains(a.Text, "border crossing") {
		t.Errorf("article %+v", a)
	}
}

func TestUnchangedFeedKeepsItsItems(t *testing.T) {
	// Items are forgotten SeenTTL after a feed last listed them; a 304 counts as listing them again.
	s := newSite(t)
	s.setFeed("/rss", itTalks)
	k, lb := &sink{}, &logBuf{}
	w := testWatcher(t, t.TempDir(), k, lb, Feed{URL: s.url("/rss")})
	w.opts.SeenTTL = 48 * time.Hour
	clock := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	w.now = func() time.Time { return clock }
	poll(t, w)
	for range 3 {
		clock = clock.Add(36 * time.Hour)
		if st := poll(t, w); st.NotModified != 1 {
			t.Fatalf("stats %+v", st)
		}
	}
	if _, ok := w.st.Seen["rp-1"]; !ok {
		t.Fatalf("item of an unchanged feed forgotten: %v", w.st.Seen)
	}
	// Dropped from the feed (a full response without it), it is forgotten after SeenTTL.
	s.setFeed("/rss", itAid)
	poll(t, w)
	clock = clock.Add(50 * time.Hour)
	poll(t, w)
	if _, ok := w.st.Seen["rp-1"]; ok {
		t.Errorf("item no longer listed kept: %v", w.st.Seen)
	}
	if _, ok := w.st.Seen["rp-2"]; !ok {
		t.Errorf("listed item forgotten: %v", w.st.Seen)
	}
	if n := s.hitsOf("/news/talks.html"); n != 1 {
		t.Errorf("talks fetched %d times", n)
	}
}
