// Package server is dyad's HTTP face: a JSON API over the event store (events with the filters of
// "dyad query", time series, top dyads, counts by type, places, actors, one article with its
// events) plus POST /api/code, which codes posted text without storing it, and the dashboard, whose
// page, script and vendored libraries are embedded in the binary. It owns request parsing and
// validation, limits, error responses and the response cache; the store and the coder are
// interfaces it defines (Store, Coder) and cmd/dyad wires in.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad"
)

// Options tune a Server; zero fields take the defaults.
type Options struct {
	MaxBody      int64        // largest request body in bytes (default 1 MiB)
	MaxPage      int          // largest page of events (default 500)
	CacheEntries int          // aggregate responses kept in memory; 0 disables the cache
	Coding       int          // texts coded at once by POST /api/code (default 2)
	Log          *slog.Logger // where request errors are logged (default: discarded)
	Version      string       // shown in the dashboard's footer
}

// Server serves the API and the dashboard. Create it with New.
type Server struct {
	store Store
	coder atomic.Pointer[coderBox]
	opts  Options
	cache *cache
	sem   chan struct{} // bounds concurrent coding
	mux   *http.ServeMux
}

type coderBox struct{ c Coder }

// New returns a server over st. The coder may be nil and set later with SetCoder; until then
// POST /api/code answers 503.
func New(st Store, c Coder, opts Options) *Server {
	if opts.MaxBody <= 0 {
		opts.MaxBody = 1 << 20
	}
	if opts.MaxPage <= 0 {
		opts.MaxPage = 500
	}
	if opts.Coding <= 0 {
		opts.Coding = 2
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{store: st, opts: opts, sem: make(chan struct{}, opts.Coding), mux: http.NewServeMux()}
	if opts.CacheEntries > 0 {
		s.cache = newCache(opts.CacheEntries)
	}
	if c != nil {
		s.SetCoder(c)
	}
	s.routes()
	return s
}

// SetCoder makes POST /api/code use c.
func (s *Server) SetCoder(c Coder) { s.coder.Store(&coderBox{c}) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /api/stats", s.cached(s.handleStats))
	s.mux.HandleFunc("GET /api/events", s.handleEvents)
	s.mux.HandleFunc("GET /api/series", s.cached(s.handleSeries))
	s.mux.HandleFunc("GET /api/dyad", s.cached(s.handleDyad))
	s.mux.HandleFunc("GET /api/top/dyads", s.cached(s.handleTopDyads))
	s.mux.HandleFunc("GET /api/counts", s.cached(s.handleCounts))
	s.mux.HandleFunc("GET /api/places", s.cached(s.handlePlaces))
	s.mux.HandleFunc("GET /api/actors", s.cached(s.handleActors))
	s.mux.HandleFunc("GET /api/articles/{id}", s.handleArticle)
	s.mux.HandleFunc("POST /api/code", s.handleCode)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		for _, m := range []string{"GET", "POST"} {
			other := r.Clone(r.Context())
			other.Method = m
			if _, pattern := s.mux.Handler(other); pattern != "/api/" && m != r.Method {
				w.Header().Set("Allow", m)
				writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, m))
				return
			}
		}
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s", r.Method, r.URL.Path))
	})
	s.uiRoutes()
}

// handler is an API handler that returns its response value or an error.
type handler func(r *http.Request) (any, error)

// cached serves h through the response cache (when enabled) and writes its JSON.
func (s *Server) cached(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		if s.cache != nil {
			if b, ok := s.cache.get(key); ok {
				writeJSONBytes(w, http.StatusOK, b)
				return
			}
		}
		v, err := h(r)
		if err != nil {
			s.writeErr(w, r, err)
			return
		}
		b, err := marshal(v)
		if err != nil {
			s.writeErr(w, r, err)
			return
		}
		if s.cache != nil {
			s.cache.put(key, b)
		}
		writeJSONBytes(w, http.StatusOK, b)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, h handler) {
	v, err := h(r)
	if err != nil {
		s.writeErr(w, r, err)
		return
	}
	b, err := marshal(v)
	if err != nil {
		s.writeErr(w, r, err)
		return
	}
	writeJSONBytes(w, http.StatusOK, b)
}

func (s *Server) handleStats(r *http.Request) (any, error) {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	return struct {
		Stats
		Version string `json:"version"`
	}{st, s.opts.Version}, nil
}

// EventsResponse is the body of GET /api/events.
type EventsResponse struct {
	Total  int          `json:"total"`  // events matching the filter
	Offset int          `json:"offset"` // of the first event returned
	Limit  int          `json:"limit"`
	Sort   string       `json:"sort"`
	Events []dyad.Event `json:"events"`
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, func(r *http.Request) (any, error) {
		q := r.URL.Query()
		f, err := parseFilter(q)
		if err != nil {
			return nil, err
		}
		var p Page
		if p.Limit, err = intParam(q, "limit", 50, 1, s.opts.MaxPage); err != nil {
			return nil, err
		}
		if p.Offset, err = intParam(q, "offset", 0, 0, 1<<30); err != nil {
			return nil, err
		}
		if p.Sort, err = choiceParam(q, "sort", "-date", SortKeys...); err != nil {
			return nil, err
		}
		evs, total, err := s.store.Events(r.Context(), f, p)
		if err != nil {
			return nil, err
		}
		if evs == nil {
			evs = []dyad.Event{}
		}
		return EventsResponse{Total: total, Offset: p.Offset, Limit: p.Limit, Sort: p.Sort, Events: evs}, nil
	})
}

// SeriesResponse is the body of GET /api/series.
type SeriesResponse struct {
	By     string  `json:"by"`
	Points []Point `json:"points"`
}

func (s *Server) handleSeries(r *http.Request) (any, error) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return nil, err
	}
	by, err := choiceParam(q, "by", "month", "day", "week", "month")
	if err != nil {
		return nil, err
	}
	pts, err := s.store.Series(r.Context(), f, by)
	if err != nil {
		return nil, err
	}
	return SeriesResponse{By: by, Points: nonNil(pts)}, nil
}

// DyadResponse is the body of GET /api/dyad: the events from A to B and from B to A over time.
type DyadResponse struct {
	A  string  `json:"a"`
	B  string  `json:"b"`
	By string  `json:"by"`
	AB []Point `json:"ab"`
	BA []Point `json:"ba"`
}

func (s *Server) handleDyad(r *http.Request) (any, error) {
	q := r.URL.Query()
	a, b := strings.ToUpper(strings.TrimSpace(q.Get("a"))), strings.ToUpper(strings.TrimSpace(q.Get("b")))
	if a == "" || b == "" {
		return nil, badParam("a and b: give two actor code prefixes, e.g. a=RUS&b=UKR")
	}
	if q.Get("dyad") != "" || q.Get("source") != "" || q.Get("target") != "" || q.Get("actor") != "" {
		return nil, badParam("dyad, source, target and actor: not with a and b")
	}
	f, err := parseFilter(q)
	if err != nil {
		return nil, err
	}
	by, err := choiceParam(q, "by", "month", "day", "week", "month")
	if err != nil {
		return nil, err
	}
	f.DyadSource, f.DyadTarget = a, b
	ab, err := s.store.Series(r.Context(), f, by)
	if err != nil {
		return nil, err
	}
	f.DyadSource, f.DyadTarget = b, a
	ba, err := s.store.Series(r.Context(), f, by)
	if err != nil {
		return nil, err
	}
	return DyadResponse{A: a, B: b, By: by, AB: nonNil(ab), BA: nonNil(ba)}, nil
}

// TopDyadsResponse is the body of GET /api/top/dyads.
type TopDyadsResponse struct {
	Level string      `json:"level"`
	Dyads []DyadCount `json:"dyads"`
}

func (s *Server) handleTopDyads(r *http.Request) (any, error) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return nil, err
	}
	level, err := choiceParam(q, "level", "code", "code", "country")
	if err != nil {
		return nil, err
	}
	limit, err := intParam(q, "limit", 20, 1, 500)
	if err != nil {
		return nil, err
	}
	ds, err := s.store.TopDyads(r.Context(), f, level, limit)
	if err != nil {
		return nil, err
	}
	return TopDyadsResponse{Level: level, Dyads: nonNil(ds)}, nil
}

func (s *Server) handleCounts(r *http.Request) (any, error) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		return nil, err
	}
	c, err := s.store.Counts(r.Context(), f)
	if err != nil {
		return nil, err
	}
	c.PLOVER, c.Quad, c.Root = nonNil(c.PLOVER), nonNil(c.Quad), nonNil(c.Root)
	return c, nil
}

// PlacesResponse is the body of GET /api/places.
type PlacesResponse struct {
	Places []PlaceCount `json:"places"`
}

func (s *Server) handlePlaces(r *http.Request) (any, error) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(q, "limit", 500, 1, 5000)
	if err != nil {
		return nil, err
	}
	ps, err := s.store.Places(r.Context(), f, limit)
	if err != nil {
		return nil, err
	}
	return PlacesResponse{Places: nonNil(ps)}, nil
}

// ActorsResponse is the body of GET /api/actors.
type ActorsResponse struct {
	Actors []ActorCount `json:"actors"`
}

func (s *Server) handleActors(r *http.Request) (any, error) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 20, 1, 200)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(q.Get("q"))
	if len(name) > 100 {
		return nil, badParam("q: at most 100 bytes")
	}
	as, err := s.store.Actors(r.Context(), name, limit)
	if err != nil {
		return nil, err
	}
	return ActorsResponse{Actors: nonNil(as)}, nil
}

// ArticleResponse is the body of GET /api/articles/{id} and POST /api/code. Event spans are byte
// offsets into the article's text.
type ArticleResponse struct {
	Article *dyad.Article `json:"article"`
	Events  []dyad.Event  `json:"events"`
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, func(r *http.Request) (any, error) {
		id := r.PathValue("id")
		a, evs, err := s.store.Article(r.Context(), id)
		if errors.Is(err, ErrNotFound) {
			return nil, &statusError{http.StatusNotFound, fmt.Sprintf("no article %q", id)}
		}
		if err != nil {
			return nil, err
		}
		return ArticleResponse{Article: a, Events: nonNil(evs)}, nil
	})
}

// CodeRequest is the JSON body of POST /api/code.
type CodeRequest struct {
	Text  string    `json:"text"`
	Date  dyad.Date `json:"date"`
	Title string    `json:"title"`
}

func (s *Server) handleCode(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, func(r *http.Request) (any, error) {
		box := s.coder.Load()
		if box == nil {
			return nil, &statusError{http.StatusServiceUnavailable, "the coder is still loading; try again in a few seconds"}
		}
		req, err := s.readCodeRequest(r)
		if err != nil {
			return nil, err
		}
		select {
		case s.sem <- struct{}{}:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
		defer func() { <-s.sem }()
		a := &dyad.Article{ID: "posted", Date: req.Date, Title: req.Title, Text: req.Text}
		evs := box.c.Code(a)
		return ArticleResponse{Article: a, Events: nonNil(evs)}, nil
	})
}

func (s *Server) readCodeRequest(r *http.Request) (CodeRequest, error) {
	var req CodeRequest
	body := http.MaxBytesReader(nil, r.Body, s.opts.MaxBody)
	b, err := io.ReadAll(body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, &statusError{http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", s.opts.MaxBody)}
		}
		return req, badParam("reading body: %v", err)
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		if err := json.Unmarshal(b, &req); err != nil {
			return req, badParam("body: %v", err)
		}
	case "text/plain", "":
		req.Text = string(b)
		if req.Date, err = dyad.ParseDate(strings.TrimSpace(r.URL.Query().Get("date"))); err != nil {
			return req, badParam("date: %v", err)
		}
	default:
		return req, &statusError{http.StatusUnsupportedMediaType, fmt.Sprintf("content type %q: send application/json or text/plain", ct)}
	}
	if strings.TrimSpace(req.Text) == "" {
		return req, badParam("text: empty")
	}
	return req, nil
}

// statusError is an error with its HTTP status.
type statusError struct {
	status int
	msg    string
}

func (e *statusError) Error() string { return e.msg }

// ErrorResponse is the body of every error response.
type ErrorResponse struct {
	Error string `json:"error"`
}

func (s *Server) writeErr(w http.ResponseWriter, r *http.Request, err error) {
	var pe *paramError
	var se *statusError
	switch {
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, pe.msg)
	case errors.As(err, &se):
		writeError(w, se.status, se.msg)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "request cancelled")
	default:
		s.opts.Log.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
		writeError(w, http.StatusInternalServerError, "internal error: "+err.Error())
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := marshal(ErrorResponse{msg})
	writeJSONBytes(w, status, b)
}

func marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding response: %w", err)
	}
	return append(b, '\n'), nil
}

func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// cache keeps the newest aggregate responses by request URL; it forgets the oldest when full.
// It is only correct while the store does not change, as with a read-only store.
type cache struct {
	mu    sync.Mutex
	max   int
	m     map[string][]byte
	order []string
}

func newCache(max int) *cache { return &cache{max: max, m: map[string][]byte{}} }

func (c *cache) get(k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *cache) put(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[k] = b
	c.order = append(c.order, k)
}

// ListenAndServe serves h on addr until ctx is done, then shuts down gracefully, giving requests
// in flight up to grace to finish. ready, if not nil, is called with the address listened on.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, grace time.Duration, ready func(addr string)) error {
	return listenAndServe(ctx, addr, h, grace, ready)
}
