package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/ingest"
)

// Sink takes the articles fetched from one feed in one poll. When it returns an error the items are
// not marked seen, so they are fetched again at the next poll. Calls are never concurrent.
type Sink interface {
	Store(ctx context.Context, arts []*dyad.Article) error
}

// Defaults of Options.
const (
	DefaultInterval    = 15 * time.Minute
	DefaultPerHost     = 2
	DefaultHostDelay   = time.Second
	DefaultTimeout     = 30 * time.Second
	DefaultRetries     = 3
	DefaultBackoffBase = time.Second
	DefaultBackoffMax  = 2 * time.Minute
	DefaultSeenTTL     = 90 * 24 * time.Hour
	DefaultUserAgent   = "dyad (+https://github.com/dyad-events/dyad)"
)

// Accept headers of feed and page requests.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Limits on bodies read.
const (
	maxFeedBytes = 16 << 20
	maxPageBytes = 8 << 20
)

// Options configure a Watcher. Zero values take the defaults.
type Options struct {
	Feeds     []Feed
	StatePath string // JSON state file; created when missing
	Sink      Sink
	// Log receives one line per action (feed polled, page fetched, retry, error). Nil: silent.
	Log func(format string, args ...any)
	// RoundDone, when set, is called after each poll round of Run with what it did.
	RoundDone func(ctx context.Context, s Stats)

	Interval    time.Duration // between the starts of poll rounds
	UserAgent   string        // sent with every request
	PerHost     int           // requests in flight per host
	HostDelay   time.Duration // least time between request starts on one host; negative: none
	Timeout     time.Duration // per request, headers and body
	Retries     int           // retries after a failed attempt; negative: none
	BackoffBase time.Duration // first back-off wait (jittered), doubled at each retry
	BackoffMax  time.Duration // longest back-off wait
	SeenTTL     time.Duration // items not listed in a feed for this long are forgotten
	Client      *http.Client  // nil: a client with Timeout
}

// Stats count what a poll round did.
type Stats struct {
	Feeds       int // feeds polled
	FeedErrors  int // feeds that could not be fetched or parsed
	NotModified int // feeds answering 304 Not Modified
	New         int // new items listed
	Fetched     int // pages fetched
	PageErrors  int // pages that failed for now (retried at the next poll)
	Skipped     int // items skipped for good (no text, not English, gone)
	Stored      int // articles handed to the sink and accepted
	SinkErrors  int // sink calls that failed
}

func (s *Stats) add(t Stats) {
	s.Feeds += t.Feeds
	s.FeedErrors += t.FeedErrors
	s.NotModified += t.NotModified
	s.New += t.New
	s.Fetched += t.Fetched
	s.PageErrors += t.PageErrors
	s.Skipped += t.Skipped
	s.Stored += t.Stored
	s.SinkErrors += t.SinkErrors
}

// Watcher polls feeds. Make one with New.
type Watcher struct {
	opts  Options
	fetch *fetcher
	now   func() time.Time

	mu       sync.Mutex // guards st and inflight
	st       *state
	inflight map[string]bool

	sinkMu sync.Mutex
}

// New checks the options, loads the state file and returns the watcher.
func New(opts Options) (*Watcher, error) {
	if opts.Sink == nil {
		return nil, errors.New("watch: no sink")
	}
	if opts.StatePath == "" {
		return nil, errors.New("watch: no state file")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&opts.Interval, DefaultInterval)
	def(&opts.HostDelay, DefaultHostDelay)
	def(&opts.Timeout, DefaultTimeout)
	def(&opts.BackoffBase, DefaultBackoffBase)
	def(&opts.BackoffMax, DefaultBackoffMax)
	def(&opts.SeenTTL, DefaultSeenTTL)
	if opts.PerHost <= 0 {
		opts.PerHost = DefaultPerHost
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = DefaultRetries
	case opts.Retries < 0:
		opts.Retries = 0
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Log == nil {
		opts.Log = func(string, ...any) {}
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: opts.Timeout}
	}
	st, err := loadState(opts.StatePath)
	if err != nil {
		return nil, err
	}
	return &Watcher{
		opts: opts,
		fetch: &fetcher{
			client: client, ua: opts.UserAgent, perHost: opts.PerHost, delay: max(0, opts.HostDelay),
			retries: opts.Retries, base: opts.BackoffBase, max: opts.BackoffMax, log: opts.Log,
			sleep: sleepCtx, hosts: map[string]*hostGate{},
		},
		now:      time.Now,
		st:       st,
		inflight: map[string]bool{},
	}, nil
}

// Run polls all feeds, then again every Interval, until ctx is cancelled. Failures of feeds, pages,
// the sink or the state file are logged and do not stop it. It returns nil when ctx is cancelled.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		start := w.now()
		s, err := w.Poll(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.opts.Log("%v", err)
		}
		if w.opts.RoundDone != nil {
			w.opts.RoundDone(ctx, s)
		}
		wait := w.opts.Interval - w.now().Sub(start)
		if err := sleepCtx(ctx, wait); err != nil {
			return nil
		}
	}
}

// Poll polls every feed once, concurrently, and hands the new items' articles to the sink. The
// error is about the state file; the failures of feeds and pages are logged and counted.
func (w *Watcher) Poll(ctx context.Context) (Stats, error) {
	var total Stats
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, f := range w.opts.Feeds {
		wg.Go(func() {
			s := w.pollFeed(ctx, f)
			mu.Lock()
			total.add(s)
			mu.Unlock()
		})
	}
	wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.st.prune(w.now().Add(-w.opts.SeenTTL))
	return total, w.st.save(w.opts.StatePath)
}

// item is a new feed item.
type item struct {
	id, link string
	title    string
	date     dyad.Date     // publication (else update) day as the feed gives it
	fromFeed *dyad.Article // the feed's own article for the item (with its text), if any
}

// outcome of one item's page.
type outcome int

const (
	got     outcome = iota // article ready
	skipped                // skip for good
	failed                 // try again at the next poll
)

// pollFeed polls one feed: fetch (conditionally), list new items, fetch their pages, hand the
// articles to the sink, then remember the items and (when all went well) the feed's validators.
func (w *Watcher) pollFeed(ctx context.Context, f Feed) Stats {
	s := Stats{Feeds: 1}
	w.mu.Lock()
	var fst feedState
	if p := w.st.Feeds[f.URL]; p != nil {
		fst = *p
	}
	w.mu.Unlock()
	hdr := http.Header{"Accept": {acceptFeed}}
	if fst.ETag != "" {
		hdr.Set("If-None-Match", fst.ETag)
	}
	if fst.LastModified != "" {
		hdr.Set("If-Modified-Since", fst.LastModified)
	}
	resp, err := w.fetch.get(ctx, f.URL, hdr, maxFeedBytes)
	if err != nil {
		if ctx.Err() == nil {
			w.opts.Log("feed %s: %v", f.URL, err)
		}
		s.FeedErrors++
		return s
	}
	if resp.status == http.StatusNotModified {
		w.opts.Log("feed %s: not modified", f.URL)
		s.NotModified++
		w.mu.Lock()
		now := w.now()
		p := w.feedState(f.URL)
		p.Polled = now
		for _, k := range p.Listed {
			if _, ok := w.st.Seen[k]; ok {
				w.st.Seen[k] = now
			}
		}
		w.mu.Unlock()
		return s
	}
	items, listed, err := w.newItems(resp.body, f.URL)
	if err != nil {
		w.opts.Log("feed %s: %v", f.URL, err)
		s.FeedErrors++
		return s
	}
	s.New = len(items)
	w.opts.Log("feed %s: %d new items", f.URL, len(items))
	defer func() {
		w.mu.Lock()
		for _, it := range items {
			delete(w.inflight, it.id)
			delete(w.inflight, it.link)
		}
		w.mu.Unlock()
	}()

	// Fetch the pages concurrently; the host gates keep it polite.
	arts := make([]*dyad.Article, len(items))
	outs := make([]outcome, len(items))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Go(func() { arts[i], outs[i] = w.fetchItem(ctx, f, it) })
	}
	wg.Wait()
	if ctx.Err() != nil {
		return s
	}
	var good []*dyad.Article
	allOK := true
	for i, o := range outs {
		switch o {
		case got:
			good = append(good, arts[i])
			s.Fetched++
		case skipped:
			s.Skipped++
		case failed:
			s.PageErrors++
			allOK = false
		}
	}
	if len(good) > 0 {
		w.sinkMu.Lock()
		err := w.opts.Sink.Store(ctx, good)
		w.sinkMu.Unlock()
		if err != nil {
			w.opts.Log("feed %s: storing %d articles: %v", f.URL, len(good), err)
			s.SinkErrors++
			allOK = false
			for i := range outs {
				if outs[i] == got {
					outs[i] = failed
				}
			}
		} else {
			s.Stored = len(good)
		}
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	for i, it := range items {
		if outs[i] == failed {
			continue
		}
		w.st.Seen[it.id] = now
		if it.link != "" {
			w.st.Seen[it.link] = now
		}
	}
	p := w.feedState(f.URL)
	p.Polled = now
	p.Listed = listed
	if allOK {
		// Only now may the server say "not modified": the items that failed must be listed again.
		p.ETag = resp.header.Get("ETag")
		p.LastModified = resp.header.Get("Last-Modified")
	}
	if err := w.st.save(w.opts.StatePath); err != nil {
		w.opts.Log("%v", err)
	}
	return s
}

// feedState returns the state of a feed, creating it. w.mu must be held.
func (w *Watcher) feedState(u string) *feedState {
	p := w.st.Feeds[u]
	if p == nil {
		p = &feedState{}
		w.st.Feeds[u] = p
	}
	return p
}

// newItems parses a feed and returns its items not seen yet nor being fetched for another feed,
// marking them in flight, and the ids and links of all items listed. Seen items still listed have
// their time refreshed.
func (w *Watcher) newItems(body []byte, feedURL string) ([]item, []string, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("parsing feed: %w", err)
	}
	// The feed's own articles (items with text), for fallback text, dates and titles.
	own := map[string]*dyad.Article{}
	if arts, err := ingest.ParseFeed(bytes.NewReader(body), feedURL); err == nil {
		for _, a := range arts {
			own[a.ID] = a
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	var items []item
	var listed []string
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := strings.ToValidUTF8(strings.TrimSpace(it.Link), "\uFFFD")
		id := strings.ToValidUTF8(strings.TrimSpace(it.GUID), "\uFFFD")
		if id == "" {
			id = link
		}
		if id == "" {
			continue // nothing to know it by
		}
		listed = append(listed, id)
		if link != "" && link != id {
			listed = append(listed, link)
		}
		_, seenID := w.st.Seen[id]
		_, seenLink := w.st.Seen[link]
		if seenID || (link != "" && seenLink) {
			w.st.Seen[id] = now
			if link != "" {
				w.st.Seen[link] = now
			}
			continue
		}
		if w.inflight[id] || (link != "" && w.inflight[link]) {
			continue
		}
		w.inflight[id] = true
		if link != "" {
			w.inflight[link] = true
		}
		title := strings.ToValidUTF8(strings.Join(strings.Fields(it.Title), " "), "\uFFFD")
		date := feedDate(it.PublishedParsed)
		if date.IsZero() {
			date = feedDate(it.UpdatedParsed)
		}
		if a := own[id]; a != nil {
			title, date = a.Title, a.Date
		}
		items = append(items, item{id: id, link: link, title: title, date: date, fromFeed: own[id]})
	}
	return items, listed, nil
}

// fetchItem fetches and extracts an item's page. Items without a usable page fall back on the
// feed's own text for them when there is one.
func (w *Watcher) fetchItem(ctx context.Context, f Feed, it item) (*dyad.Article, outcome) {
	fallback := func(why string) (*dyad.Article, outcome) {
		if it.fromFeed != nil && it.fromFeed.Text != "" {
			a := *it.fromFeed
			a.ID = it.id
			if f.Name != "" {
				a.Source = f.Name
			}
			return w.accept(&a, "feed item "+it.id+" ("+why+", feed text used)")
		}
		w.opts.Log("item %s: skipped: %s", it.id, why)
		return nil, skipped
	}
	if it.link == "" {
		return fallback("no link")
	}
	resp, err := w.fetch.get(ctx, it.link, http.Header{"Accept": {acceptPage}}, maxPageBytes)
	if err != nil {
		if ctx.Err() != nil {
			return nil, failed
		}
		if isPermanent(err) {
			return fallback(err.Error())
		}
		w.opts.Log("page %s: %v (retried at the next poll)", it.link, err)
		return nil, failed
	}
	if ct := resp.header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "text/html" && mt != "application/xhtml+xml" {
			return fallback("page " + it.link + " is " + mt + ", not HTML")
		}
	}
	a, err := ingest.ExtractHTML(bytes.NewReader(resp.body), resp.url, it.link) // resp.url: after redirects
	if err != nil {
		return fallback(err.Error())
	}
	a.ID = it.id
	if a.Date.IsZero() {
		a.Date = it.date
	}
	if a.Title == "" {
		a.Title = it.title
	}
	if f.Name != "" {
		a.Source = f.Name
	}
	return w.accept(a, fmt.Sprintf("page %s: fetched (%d bytes, %d bytes of text)", it.link, len(resp.body), len(a.Text)))
}

// accept checks an article's language and logs what happens to it.
func (w *Watcher) accept(a *dyad.Article, what string) (*dyad.Article, outcome) {
	if !ingest.IsEnglish(a.Text) {
		w.opts.Log("%s: skipped: not English", what)
		return nil, skipped
	}
	w.opts.Log("%s", what)
	return a, got
}

// feedDate is the day of a time gofeed parsed, in the zone the feed wrote; zero when absent.
func feedDate(t *time.Time) dyad.Date {
	if t == nil || t.IsZero() {
		return dyad.Date{}
	}
	return dyad.DateOf(t.Year(), t.Month(), t.Day())
}
