package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// StatusError is a response with a status that is neither success nor 304 Not Modified, after any
// retries.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Permanent reports whether asking again later is pointless (a client error other than 408 Request
// Timeout and 429 Too Many Requests).
func (e *StatusError) Permanent() bool {
	return e.Status >= 400 && e.Status < 500 && e.Status != http.StatusRequestTimeout && e.Status != http.StatusTooManyRequests
}

// maxRetryAfter bounds how long a server's Retry-After makes the watcher wait.
const maxRetryAfter = 10 * time.Minute

// fetcher makes polite GET requests: at most perHost requests in flight per host, request starts on
// a host at least delay apart, and retries with exponential back-off and jitter on network errors,
// 5xx and 429 (waiting at least as long as Retry-After asks).
type fetcher struct {
	client  *http.Client
	ua      string
	perHost int
	delay   time.Duration
	retries int
	base    time.Duration
	max     time.Duration
	log     func(format string, args ...any)
	// sleep waits d or until ctx is done (tests replace it to record back-off waits).
	sleep func(ctx context.Context, d time.Duration) error

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate limits the requests to one host.
type hostGate struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // earliest start of the next request
}

// response is a fetched response with its body read.
type response struct {
	url    string // after redirects
	status int
	header http.Header
	body   []byte
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get fetches rawURL with the extra headers, reading at most limit bytes of the body. It returns
// the response for 2xx and 304 statuses, else an error (a *StatusError for other statuses).
func (f *fetcher) get(ctx context.Context, rawURL string, hdr http.Header, limit int64) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	for attempt := 0; ; attempt++ {
		resp, err := f.once(ctx, u, hdr, limit)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("GET %s: %w", rawURL, ctx.Err())
		}
		var retryAfter time.Duration
		switch {
		case err != nil:
			// network error, timeout: retry
		case resp.status == http.StatusNotModified || resp.status/100 == 2:
			return resp, nil
		case resp.status/100 == 5 || resp.status == http.StatusTooManyRequests:
			err = &StatusError{URL: rawURL, Status: resp.status}
			retryAfter = parseRetryAfter(resp.header.Get("Retry-After"), time.Now())
		default:
			return nil, &StatusError{URL: rawURL, Status: resp.status}
		}
		if attempt >= f.retries {
			return nil, err
		}
		d := max(f.backoff(attempt), retryAfter)
		f.log("retrying %s in %v (attempt %d of %d): %v", rawURL, d.Round(time.Millisecond), attempt+2, f.retries+1, err)
		if err := f.sleep(ctx, d); err != nil {
			return nil, fmt.Errorf("GET %s: %w", rawURL, err)
		}
	}
}

// backoff is the wait before retry attempt+1: base·2^attempt, at most max, jittered down to between
// half and all of it.
func (f *fetcher) backoff(attempt int) time.Duration {
	d := f.base
	for i := 0; i < attempt && d < f.max; i++ {
		d *= 2
	}
	d = min(d, f.max)
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date. It returns 0 when absent or
// unreadable, and at most maxRetryAfter.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		if n > int(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return max(0, min(d, maxRetryAfter))
}

// gate returns the host's gate.
func (f *fetcher) gate(host string) *hostGate {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := f.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, f.perHost)}
		f.hosts[host] = g
	}
	return g
}

// once makes one request, holding a slot of the host's gate while it runs.
func (f *fetcher) once(ctx context.Context, u *url.URL, hdr http.Header, limit int64) (*response, error) {
	g := f.gate(u.Host)
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-g.sem }()
	if f.delay > 0 {
		g.mu.Lock()
		now := time.Now()
		start := now
		if g.next.After(now) {
			start = g.next
		}
		g.next = start.Add(f.delay)
		g.mu.Unlock()
		if err := sleepCtx(ctx, start.Sub(now)); err != nil {
			return nil, err
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", f.ua)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err // *url.Error names the method and URL
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading body: %w", u, err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
	return &response{url: resp.Request.URL.String(), status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// isPermanent reports whether err says the URL will not work later either.
func isPermanent(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && se.Permanent()
}
