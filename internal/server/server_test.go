package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

// fakeStore records the filter of the last read and answers with nothing.
type fakeStore struct {
	last Filter
	page Page
}

func (s *fakeStore) Events(_ context.Context, f Filter, p Page) ([]dyad.Event, int, error) {
	s.last, s.page = f, p
	return nil, 0, nil
}
func (s *fakeStore) Series(_ context.Context, f Filter, _ string) ([]Point, error) {
	s.last = f
	return nil, nil
}
func (s *fakeStore) TopDyads(_ context.Context, f Filter, _ string, _ int) ([]DyadCount, error) {
	s.last = f
	return nil, nil
}
func (s *fakeStore) Counts(_ context.Context, f Filter) (Counts, error) {
	s.last = f
	return Counts{}, nil
}
func (s *fakeStore) Places(_ context.Context, f Filter, _ int) ([]PlaceCount, error) {
	s.last = f
	return nil, nil
}
func (s *fakeStore) Actors(context.Context, string, int) ([]ActorCount, error) { return nil, nil }
func (s *fakeStore) Article(context.Context, string) (*dyad.Article, []dyad.Event, error) {
	return nil, nil, ErrNotFound
}
func (s *fakeStore) Stats(context.Context) (Stats, error) { return Stats{}, nil }

// echoCoder gives one event spanning the whole text.
type echoCoder struct{}

func (echoCoder) Code(a *dyad.Article) []dyad.Event {
	return []dyad.Event{{ID: a.ID + "-0-0", Doc: a.ID, Date: a.Date, Evidence: a.Text, Span: dyad.Span{End: len(a.Text)}}}
}

// TestFilterParams checks that query parameters reach the store as the filter "dyad query" would
// build from the same flags.
func TestFilterParams(t *testing.T) {
	st := &fakeStore{}
	srv := New(st, nil, Options{})
	tests := []struct {
		query string
		want  Filter
	}{
		{"", Filter{}},
		{"actor=+Iran+&source=TURGOV&target=ukr", Filter{Actor: "Iran", Source: "TURGOV", Target: "ukr"}},
		{"dyad=tur-irn", Filter{DyadSource: "TUR", DyadTarget: "IRN"}},
		{"code=043&plover=consult&quad=1", Filter{Code: "043", PLOVER: "CONSULT", Quad: 1}},
		{"country=ukr&place=Ky&text=shelled", Filter{Country: "UKR", Place: "Ky", Text: "shelled"}},
		{"from=2024-01-01&to=20240131", Filter{From: dyad.MustDate("2024-01-01"), To: dyad.MustDate("2024-01-31")}},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/events", "/api/series", "/api/top/dyads", "/api/counts", "/api/places"} {
			st.last = Filter{Text: "unset"}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", path+"?"+tt.query, nil))
			if rec.Code != 200 {
				t.Fatalf("%s?%s: %d %s", path, tt.query, rec.Code, rec.Body)
			}
			if st.last != tt.want {
				t.Errorf("%s?%s: filter %+v, want %+v", path, tt.query, st.last, tt.want)
			}
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events?offset=50&limit=25&sort=goldstein", nil))
	if st.page != (Page{Offset: 50, Limit: 25, Sort: "goldstein"}) {
		t.Errorf("page %+v", st.page)
	}
}

func TestCodeAndLimits(t *testing.T) {
	srv := New(&fakeStore{}, nil, Options{MaxBody: 64})
	post := func(ctype, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/code?date=2024-02-03", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		srv.ServeHTTP(rec, req)
		return rec
	}
	if rec := post("text/plain", "Talks."); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("without a coder: %d, want 503", rec.Code)
	}
	srv.SetCoder(echoCoder{})
	rec := post("text/plain", "Talks were held.")
	var res ArticleResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 || len(res.Events) != 1 ||
		res.Article.Date != dyad.MustDate("2024-02-03") || res.Events[0].Evidence != "Talks were held." {
		t.Errorf("POST text: %d %s (%v)", rec.Code, rec.Body, err)
	}
	if rec := post("application/json", `{"text":"`+strings.Repeat("a", 64)+`"}`); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("big body: %d, want 413", rec.Code)
	}
	if rec := post("application/json", `{"text":"x","date":"2024-01-02"}`); rec.Code != 200 {
		t.Errorf("JSON body: %d %s", rec.Code, rec.Body)
	}
}

func TestCache(t *testing.T) {
	c := newCache(2)
	c.put("a", []byte("1"))
	c.put("b", []byte("2"))
	c.put("a", []byte("changed"))
	c.put("c", []byte("3"))
	if _, ok := c.get("a"); ok {
		t.Error("the oldest entry was kept")
	}
	if b, ok := c.get("b"); !ok || string(b) != "2" {
		t.Errorf("b: %q %v", b, ok)
	}
	if b, ok := c.get("c"); !ok || string(b) != "3" {
		t.Errorf("c: %q %v", b, ok)
	}
}

// FuzzParseFilter checks that any query string either is refused with a message or gives a
// filter that keeps the rules the store relies on.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "actor=TUR&dyad=TUR-IRN", "quad=4&plover=assault", "from=2024-01-01&to=2023-01-01",
		"code=1823&country=ukr", "dyad=-", "quad=-1", "country=%C3%A9%C3%A9%C3%A9", "from=20240101"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		vals, err := url.ParseQuery(q)
		if err != nil {
			return
		}
		flt, err := parseFilter(vals)
		if err != nil {
			if err.Error() == "" {
				t.Error("empty message")
			}
			return
		}
		if flt.Quad < 0 || flt.Quad > 4 {
			t.Errorf("quad %d", flt.Quad)
		}
		if flt.PLOVER != "" && !slices.Contains(dyad.PLOVERTypes, flt.PLOVER) {
			t.Errorf("plover %q", flt.PLOVER)
		}
		if flt.Code != "" {
			if _, ok := dyad.LookupCode(flt.Code); !ok {
				t.Errorf("code %q", flt.Code)
			}
		}
		if flt.Country != "" && (len(flt.Country) != 3 || strings.ToUpper(flt.Country) != flt.Country) {
			t.Errorf("country %q", flt.Country)
		}
		if (flt.DyadSource == "") != (flt.DyadTarget == "") {
			t.Errorf("half a dyad: %q %q", flt.DyadSource, flt.DyadTarget)
		}
		if !flt.From.IsZero() && !flt.To.IsZero() && flt.To.Before(flt.From) {
			t.Errorf("to %s before from %s", flt.To, flt.From)
		}
	})
}

// FuzzCode posts any body to /api/code: the answer is JSON with a 200, 400, 413 or 415 status.
func FuzzCode(f *testing.F) {
	f.Add("application/json", `{"text":"Talks.","date":"2024-01-01"}`)
	f.Add("text/plain", "Talks were held.")
	f.Add("application/json", `{"text":1}`)
	f.Add("image/png", "x")
	srv := New(&fakeStore{}, echoCoder{}, Options{MaxBody: 256})
	f.Fuzz(func(t *testing.T, ctype, body string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/code", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413, 415:
		default:
			t.Errorf("status %d for %q %q: %s", rec.Code, ctype, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Errorf("not JSON: %s", rec.Body)
		}
	})
}
