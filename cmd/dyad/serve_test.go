package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/server"
	"github.com/dyad-events/dyad/internal/testenv"
)

var updateServe = flag.Bool("update-serve", false, "rewrite the golden files of the serve tests (testdata/serve)")

// newTestServer serves the fixture store (coded by tagCoder) with tagCoder for POST /api/code.
func newTestServer(t *testing.T, opts server.Options) *server.Server {
	t.Helper()
	path := ingestFixture(t, 0)
	st, err := openStore(context.Background(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return server.New(serveStore{st}, tagCoder{}, opts)
}

// serveGolden compares got with testdata/serve/name; -update-serve rewrites it.
func serveGolden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", "serve", name), []byte(got), *updateServe)
}

// TestServeAPI runs every endpoint against a real store: status codes, content type and JSON
// bodies (goldens for successes; the error message for failures).
func TestServeAPI(t *testing.T) {
	srv := newTestServer(t, server.Options{MaxBody: 4096, MaxPage: 100})
	tests := []struct {
		name   string
		method string
		url    string
		ctype  string
		body   string
		status int
		errMsg string // for errors: a part of the message
	}{
		{name: "stats", url: "/api/stats", status: 200},
		{name: "events-first-page", url: "/api/events?limit=3&sort=date", status: 200},
		{name: "events-second-page", url: "/api/events?limit=3&offset=3&sort=date", status: 200},
		{name: "events-dyad", url: "/api/events?dyad=tur-irn&sort=-goldstein", status: 200},
		{name: "events-actor-quad", url: "/api/events?actor=ukr&quad=4&from=2024-04-11", status: 200},
		{name: "events-plover-text", url: "/api/events?plover=consult&text=ANKARA", status: 200},
		{name: "events-code-country-place", url: "/api/events?code=19&country=ukr&place=ky", status: 200},
		{name: "events-source-target", url: "/api/events?source=Russian&target=UKR", status: 200},
		{name: "events-none", url: "/api/events?actor=ZZZ", status: 200},
		{name: "series-month", url: "/api/series", status: 200},
		{name: "series-day-dyad", url: "/api/series?by=day&dyad=TUR-IRN", status: 200},
		{name: "series-week-root", url: "/api/series?by=week&code=19", status: 200},
		{name: "dyad", url: "/api/dyad?a=RUS&b=UKR&by=month", status: 200},
		{name: "top-dyads-code", url: "/api/top/dyads?limit=3", status: 200},
		{name: "top-dyads-country", url: "/api/top/dyads?level=country&to=2024-04-30", status: 200},
		{name: "counts", url: "/api/counts?from=2024-04-01", status: 200},
		{name: "places", url: "/api/places", status: 200},
		{name: "actors-code", url: "/api/actors?q=tur", status: 200},
		{name: "actors-name", url: "/api/actors?q=ukrainian", status: 200},
		{name: "actors-all", url: "/api/actors?limit=3", status: 200},
		{name: "article", url: "/api/articles/a4", status: 200},
		{name: "code-json", method: "POST", url: "/api/code", ctype: "application/json",
			body: `{"text":"Ankara hosted talks with Tehran. [TURGOV IRNGOV 043 Ankara]\nNo event here.","date":"2025-01-02"}`, status: 200},
		{name: "code-text", method: "POST", url: "/api/code?date=2025-02-03", ctype: "text/plain; charset=utf-8",
			body: "Kyiv was shelled again. [RUSMIL UKR 190 Kyiv]", status: 200},

		{name: "article-missing", url: "/api/articles/nope", status: 404, errMsg: `no article "nope"`},
		{name: "no-endpoint", url: "/api/nothing", status: 404, errMsg: "no API endpoint GET /api/nothing"},
		{name: "wrong-method", method: "POST", url: "/api/events", status: 405, errMsg: "POST /api/events: use GET"},
		{name: "code-needs-post", url: "/api/code", status: 405, errMsg: "GET /api/code: use POST"},
		{name: "bad-quad", url: "/api/events?quad=7", status: 400, errMsg: `quad "7": quad classes are 1 to 4`},
		{name: "bad-code", url: "/api/series?code=999", status: 400, errMsg: `code "999": not a CAMEO event code`},
		{name: "bad-plover", url: "/api/counts?plover=HUG", status: 400, errMsg: `plover "HUG": not a PLOVER event type`},
		{name: "bad-from", url: "/api/events?from=2024-13-01", status: 400, errMsg: `from: bad date "2024-13-01"`},
		{name: "bad-to", url: "/api/places?to=yesterday", status: 400, errMsg: `to: bad date "yesterday"`},
		{name: "to-before-from", url: "/api/series?from=2024-05-01&to=2024-04-01", status: 400, errMsg: "to 2024-04-01 is before from 2024-05-01"},
		{name: "bad-dyad", url: "/api/events?dyad=TUR", status: 400, errMsg: `dyad "TUR": want SRC-TGT`},
		{name: "bad-country", url: "/api/events?country=TURK", status: 400, errMsg: `country "TURK": want an ISO 3166 alpha-3 code`},
		{name: "page-too-big", url: "/api/events?limit=101", status: 400, errMsg: `limit "101": want a whole number from 1 to 100`},
		{name: "page-zero", url: "/api/events?limit=0", status: 400, errMsg: `limit "0"`},
		{name: "bad-offset", url: "/api/events?offset=-1", status: 400, errMsg: `offset "-1"`},
		{name: "bad-sort", url: "/api/events?sort=random", status: 400, errMsg: `sort "random": want one of date, -date`},
		{name: "bad-period", url: "/api/series?by=year", status: 400, errMsg: `by "year": want one of day, week, month`},
		{name: "bad-level", url: "/api/top/dyads?level=agent", status: 400, errMsg: `level "agent": want one of code, country`},
		{name: "dyad-needs-two", url: "/api/dyad?a=RUS", status: 400, errMsg: "a and b: give two actor code prefixes"},
		{name: "dyad-with-actor", url: "/api/dyad?a=RUS&b=UKR&actor=USA", status: 400, errMsg: "not with a and b"},
		{name: "actors-long", url: "/api/actors?q=" + strings.Repeat("x", 101), status: 400, errMsg: "q: at most 100 bytes"},
		{name: "code-empty", method: "POST", url: "/api/code", ctype: "application/json", body: `{"text":"  "}`, status: 400, errMsg: "text: empty"},
		{name: "code-bad-json", method: "POST", url: "/api/code", ctype: "application/json", body: `{"text":`, status: 400, errMsg: "body: unexpected end of JSON input"},
		{name: "code-bad-date", method: "POST", url: "/api/code", ctype: "application/json", body: `{"text":"x","date":"2024-02-30"}`, status: 400, errMsg: `bad date "2024-02-30"`},
		{name: "code-bad-query-date", method: "POST", url: "/api/code?date=soon", ctype: "text/plain", body: "x", status: 400, errMsg: `date: bad date "soon"`},
		{name: "code-too-big", method: "POST", url: "/api/code", ctype: "text/plain", body: strings.Repeat("word ", 1000), status: 413, errMsg: "body larger than 4096 bytes"},
		{name: "code-media-type", method: "POST", url: "/api/code", ctype: "application/xml", body: "<text/>", status: 415, errMsg: `content type "application/xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, tt.url, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if tt.status != 200 {
				var e server.ErrorResponse
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
					t.Fatalf("error body %q: %v", rec.Body, err)
				}
				if !strings.Contains(e.Error, tt.errMsg) {
					t.Errorf("error %q, want it to contain %q", e.Error, tt.errMsg)
				}
				return
			}
			var out bytes.Buffer
			if err := json.Indent(&out, rec.Body.Bytes(), "", "  "); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, rec.Body)
			}
			serveGolden(t, tt.name+".json", out.String())
		})
	}
}

// TestServeEventsMatchQuery checks that the API and "dyad query" select the same events for the
// same filters.
func TestServeEventsMatchQuery(t *testing.T) {
	path := ingestFixture(t, 0)
	st, err := openStore(context.Background(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := server.New(serveStore{st}, nil, server.Options{})
	for _, f := range [][2]string{
		{"actor=TUR", "--actor=TUR"}, {"dyad=RUS-UKR", "--dyad=RUS-UKR"}, {"code=04&from=2024-03-05", "--code=04 --from=2024-03-05"},
		{"plover=ASSAULT&place=kyiv", "--plover=ASSAULT --place=kyiv"}, {"text=aid&target=ukr", "--text=aid --target=ukr"},
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events?sort=date&limit=100&"+f[0], nil))
		var res server.EventsResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v: %s", f[0], err, rec.Body)
		}
		var api []string
		for _, e := range res.Events {
			api = append(api, e.ID)
		}
		code, out, errOut := runMain(t, path, append([]string{"query", "--format=jsonl"}, strings.Fields(f[1])...)...)
		if code != 0 {
			t.Fatalf("dyad query %s: exit %d: %s", f[1], code, errOut)
		}
		var cli []string
		for line := range strings.Lines(out) {
			var e struct{ ID string }
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			cli = append(cli, e.ID)
		}
		if len(api) == 0 || strings.Join(api, " ") != strings.Join(cli, " ") || res.Total != len(cli) {
			t.Errorf("%s: API gives %v (total %d), dyad query %v", f[0], api, res.Total, cli)
		}
	}
}

// TestServeCache checks that cached aggregate responses equal fresh ones and that errors are not
// cached.
func TestServeCache(t *testing.T) {
	srv := newTestServer(t, server.Options{CacheEntries: 2})
	get := func(u string) (int, string) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		return rec.Code, rec.Body.String()
	}
	urls := []string{"/api/series?by=day", "/api/counts", "/api/top/dyads", "/api/series?by=day", "/api/series?quad=5", "/api/series?quad=5"}
	first := map[string]string{}
	for _, u := range urls {
		code, body := get(u)
		if prev, ok := first[u]; ok && prev != body {
			t.Errorf("%s: second answer differs:\n%s\n%s", u, prev, body)
		}
		first[u] = body
		if strings.Contains(u, "quad=5") && code != 400 {
			t.Errorf("%s: status %d, want 400", u, code)
		}
	}
}

// TestServeUI checks that the dashboard page and its embedded assets are served, with a content
// security policy that keeps the page to its own files.
func TestServeUI(t *testing.T) {
	srv := newTestServer(t, server.Options{Version: "test-version"})
	for _, tt := range []struct {
		url, ctype, contains string
		status               int
	}{
		{"/", "text/html; charset=utf-8", "dyad test-version", 200},
		{"/static/app.js", "text/javascript; charset=utf-8", "function highlight(", 200},
		{"/static/app.css", "text/css; charset=utf-8", "mark.evidence", 200},
		{"/vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8", "uPlot", 200},
		{"/vendor/topojson-client.min.js", "text/javascript; charset=utf-8", "topojson", 200},
		{"/vendor/countries-110m.json", "application/json", `"countries"`, 200},
		{"/static/missing.js", "text/plain; charset=utf-8", "404 page not found", 404},
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", tt.url, nil))
		if rec.Code != tt.status || rec.Header().Get("Content-Type") != tt.ctype || !strings.Contains(rec.Body.String(), tt.contains) {
			t.Errorf("%s: status %d, type %q, body contains %q: %v", tt.url, rec.Code, rec.Header().Get("Content-Type"),
				tt.contains, strings.Contains(rec.Body.String(), tt.contains))
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	// The page must not load anything from elsewhere.
	if m := regexp.MustCompile(`(src|href)="(https?:)?//`).FindString(rec.Body.String()); m != "" {
		t.Errorf("page refers to an outside resource: %s", m)
	}
}

// lineWriter passes writes to a buffer and sends each to ch; the serve test reads the address
// from it.
type lineWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
	ch  chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	select {
	case w.ch <- string(p):
	default:
	}
	return len(p), nil
}

// TestServeCommand starts "dyad serve" on a free port, asks it for the stats, then cancels its
// context (as SIGINT does) and expects a clean exit.
func TestServeCommand(t *testing.T) {
	path := ingestFixture(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lineWriter{ch: make(chan string, 16)}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"serve", "--db", path, "--addr", "127.0.0.1:0", "--no-coder"}, e) }()
	var addr string
	for addr == "" {
		select {
		case line := <-stderr.ch:
			if m := regexp.MustCompile(`http://([0-9.:]+)/`).FindStringSubmatch(line); m != nil {
				addr = m[1]
			}
		case code := <-done:
			t.Fatalf("dyad serve exited with %d: %s", code, stderr.buf.String())
		}
	}
	resp, err := http.Get("http://" + addr + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st server.Stats
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || st.Articles != 5 || st.Events != 8 {
		t.Errorf("stats %+v, %v", st, err)
	}
	resp, err = http.Post("http://"+addr+"/api/code", "text/plain", strings.NewReader("Talks were held."))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("POST /api/code with --no-coder: status %d, want 503", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after cancel: %s", code, stderr.buf.String())
	}
}

func TestServeFlags(t *testing.T) {
	path := ingestFixture(t, 0)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--cache", "-1"}, 2, "--cache -1: want 0 or more"},
		{[]string{"serve", "--max-page", "0"}, 2, "--max-page 0: want 1 or more"},
		{[]string{"serve", "--max-body", "0"}, 2, "--max-body 0: want 1 or more"},
		{[]string{"serve", "extra"}, 2, `unexpected arguments ["extra"]`},
		{[]string{"serve", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, 1, "no event store at"},
		{[]string{"serve", "--no-coder", "--addr", "256.0.0.1:99999"}, 1, "listening on 256.0.0.1:99999"},
	} {
		code, _, stderr := runMain(t, path, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
}

// TestServeIndexMatchesSQL checks that the in-memory aggregate index answers every aggregate
// read exactly as the SQL does, over the fixture store and over a synthetic store with events
// lacking dates, targets and places.
func TestServeIndexMatchesSQL(t *testing.T) {
	ctx := context.Background()
	synth := filepath.Join(t.TempDir(), "synth.duckdb")
	st, err := duckdb.Open(ctx, synth, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts, evs := loadBatch(0, 1500, 8)
	for i := range evs {
		switch {
		case i%17 == 0:
			evs[i].Target = dyad.Actor{}
		case i%29 == 0:
			evs[i].Date = dyad.Date{}
		case i%31 == 0:
			evs[i].Source.Name = ""
		}
	}
	if err := st.Write(ctx, "test", arts, evs); err != nil {
		t.Fatal(err)
	}
	st.Close()
	filters := []server.Filter{
		{},
		{Actor: "RUS"}, {Actor: "rus gov"}, {Source: "TUR"}, {Target: "ukr"}, {DyadSource: "RUS", DyadTarget: "UKR"},
		{Code: "19"}, {Code: "043"}, {PLOVER: "CONSULT"}, {PLOVER: "RETREAT"}, {Quad: 4}, {Country: "UKR"}, {Place: "an"},
		{From: dyad.MustDate("2022-03-01")}, {To: dyad.MustDate("2021-06-30")},
		{From: dyad.MustDate("2024-03-05"), To: dyad.MustDate("2024-04-12")},
		{Actor: "IRN", Quad: 1, From: dyad.MustDate("2023-01-01")}, {Source: "CHN", Target: "USA", Code: "04"},
		{DyadSource: "TURGOV", DyadTarget: "IRN", Country: "TUR", Place: "ank"}, {Actor: "ZZZ"},
	}
	for _, path := range []string{ingestFixture(t, 0), synth} {
		st, err := openStore(ctx, path, true)
		if err != nil {
			t.Fatal(err)
		}
		sqlStore := serveStore{st}
		is := &indexedStore{serveStore: sqlStore}
		if _, err := is.loadIndex(ctx); err != nil {
			t.Fatal(err)
		}
		x := is.idx.Load()
		same := func(what string, want, got any, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			w, _ := json.Marshal(want)
			g, _ := json.Marshal(got)
			var wv, gv any
			json.Unmarshal(w, &wv)
			json.Unmarshal(g, &gv)
			if !closeJSON(wv, gv) {
				t.Errorf("%s %s:\n sql:   %.600s\n index: %.600s", filepath.Base(path), what, w, g)
			}
		}
		for _, f := range filters {
			name := fmt.Sprintf("%+v", f)
			for _, period := range []string{"day", "week", "month"} {
				want, err := sqlStore.Series(ctx, f, period)
				same("series "+period+" "+name, want, x.Series(f, period), err)
			}
			for _, level := range []string{"code", "country"} {
				want, err := sqlStore.TopDyads(ctx, f, level, 25)
				same("top "+level+" "+name, want, x.TopDyads(f, level, 25), err)
			}
			counts, err := sqlStore.Counts(ctx, f)
			same("counts "+name, counts, x.Counts(f), err)
			places, err := sqlStore.Places(ctx, f, 50)
			same("places "+name, places, x.Places(f, 50), err)
		}
		st.Close()
	}
}

// closeJSON reports whether two decoded JSON values are equal, numbers up to 0.002 (sums of
// Goldstein scores added in another order round differently at the third decimal); null equals [].
func closeJSON(a, b any) bool {
	switch x := a.(type) {
	case nil:
		if y, ok := b.([]any); ok {
			return len(y) == 0
		}
		return b == nil
	case float64:
		y, ok := b.(float64)
		return ok && math.Abs(x-y) <= 0.002
	case []any:
		if b == nil {
			return len(x) == 0
		}
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !closeJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if !closeJSON(v, y[k]) {
				return false
			}
		}
		return true
	}
	return a == b
}
