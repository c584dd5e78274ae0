package main

import (
	"context"
	"fmt"
	"io"
	"maps"
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
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/server"
)

var loadCountries = []string{"USA", "CHN", "RUS", "TUR", "IRN", "ISR", "UKR", "FRA", "DEU", "GBR", "IND", "PAK", "EGY", "SAU", "SYR", "IRQ", "JPN", "KOR", "PRK", "BRA"}
var loadAgents = []string{"GOV", "MIL", "", "OPP", "GOV", "CVL"}
var loadCodes = []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "090", "111", "112", "120", "130", "138", "141", "163", "172", "190", "193", "195"}
var loadPlaces = []dyad.Location{
	{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52}, {Name: "Ankara", Country: "TUR", Lat: 39.93, Lon: 32.85},
	{Name: "Tehran", Country: "IRN", Lat: 35.69, Lon: 51.39}, {Name: "Gaza", Country: "PSE", Lat: 31.5, Lon: 34.47},
	{Name: "Beijing", Country: "CHN", Lat: 39.9, Lon: 116.4}, {Name: "Washington", Country: "USA", Lat: 38.9, Lon: -77.04},
	{Name: "Damascus", Country: "SYR", Lat: 33.51, Lon: 36.29}, {Name: "Moscow", Country: "RUS", Lat: 55.76, Lon: 37.62},
}

// loadBatch makes n synthetic articles with per events each, numbered from first, dated over four
// years, with varied actors, codes and places.
func loadBatch(first, n, per int) ([]*dyad.Article, []dyad.Event) {
	arts := make([]*dyad.Article, 0, n)
	evs := make([]dyad.Event, 0, n*per)
	base := dyad.MustDate("2021-01-01")
	for i := first; i < first+n; i++ {
		id := fmt.Sprintf("load%08d", i)
		d := base.AddDays(i % 1461)
		arts = append(arts, &dyad.Article{ID: id, Date: d, Source: "outlet" + fmt.Sprint(i%13), Text: id + " text", URL: "https://example.org/" + id})
		for j := range per {
			k := i*per + j
			sc, tc := loadCountries[(k*7)%len(loadCountries)], loadCountries[(k/3+k%5+1)%len(loadCountries)]
			sa, ta := loadAgents[k%len(loadAgents)], loadAgents[(k/7)%len(loadAgents)]
			e := dyad.Event{ID: fmt.Sprintf("%s-%d-0", id, j), Doc: id, Sentence: j, Date: d.AddDays(-(k % 3)), DocDate: d,
				Source:   dyad.Actor{Text: sc, Name: sc + " " + sa, Code: sc + sa, Country: sc, Agent: sa},
				Target:   dyad.Actor{Text: tc, Name: tc + " " + ta, Code: tc + ta, Country: tc, Agent: ta},
				Evidence: "Officials of " + sc + " and " + tc + " were reported in sentence " + fmt.Sprint(j) + ".",
				Span:     dyad.Span{Start: j * 60, End: j*60 + 55}}
			e.SetCode(loadCodes[(k*13+i)%len(loadCodes)])
			if k%3 == 0 {
				l := loadPlaces[k%len(loadPlaces)]
				e.Location = &l
			}
			evs = append(evs, e)
		}
	}
	return arts, evs
}

// loadStore returns a store of 1,000,000 synthetic events, written with the store's Appender.
// $DYAD_LOAD_DB names a file to keep it in between runs (created when missing).
func loadStore(b *testing.B) string {
	b.Helper()
	path := os.Getenv("DYAD_LOAD_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "load.duckdb")
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	ctx := context.Background()
	st, err := duckdb.Open(ctx, path, duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	const arts, per = 10000, 10
	for i := range 10 {
		a, e := loadBatch(i*arts, arts, per)
		if err := st.Write(ctx, "load", a, e); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.Merge(ctx, 0); err != nil {
		b.Fatal(err)
	}
	b.Logf("wrote 1,000,000 events in %v", time.Since(start).Round(time.Millisecond))
	return path
}

// loadURLs are the aggregate requests of the load test: every aggregate endpoint, with filters
// that vary by actor, dyad, root, type, quad class and dates.
func loadURLs() []string {
	var urls []string
	roots := []string{"01", "04", "11", "19", "05", "17"}
	plovers := []string{"CONSULT", "ASSAULT", "ACCUSE", "AGREE"}
	for i, c := range loadCountries {
		o := loadCountries[(i+3)%len(loadCountries)]
		r, p := roots[i%len(roots)], plovers[i%len(plovers)]
		year := 2021 + i%4
		urls = append(urls,
			"/api/series?by=month&actor="+c,
			"/api/series?by=week&dyad="+c+"-"+o,
			"/api/series?by=day&code="+r+fmt.Sprintf("&from=%d-01-01&to=%d-12-31", year, year),
			"/api/dyad?a="+c+"&b="+o+"&by=month",
			"/api/top/dyads?level=country&limit=30&plover="+p,
			"/api/top/dyads?limit=20&actor="+c,
			"/api/counts?actor="+c,
			fmt.Sprintf("/api/counts?quad=%d&from=%d-01-01", 1+i%4, year),
			"/api/places?limit=500&actor="+c,
			"/api/series?by=month&plover="+p+"&quad="+fmt.Sprint(1+i%4),
		)
	}
	return append(urls, "/api/series?by=month", "/api/series?by=week", "/api/top/dyads?level=country&limit=30", "/api/counts", "/api/places")
}

// BenchmarkServeLoad measures the latency of the aggregate endpoints over a 1,000,000-event store
// under 20 concurrent clients on loopback; one iteration is 20 clients × 50 requests over 205
// different aggregate URLs. The p95-ms metric is the figure of the target (<= 100 ms).
// "sql" answers with DuckDB only, "index" with the in-memory aggregate index (dyad serve's
// default), both without the response cache; "index+cache" adds dyad serve's response cache.
// Run: go test ./cmd/dyad -run '^$' -bench 'ServeLoad/index' -benchtime 1x
func BenchmarkServeLoad(b *testing.B) {
	path := loadStore(b)
	st, err := openStore(context.Background(), path, true)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	urls := loadURLs()
	indexed := &indexedStore{serveStore: serveStore{st}}
	start := time.Now()
	n, err := indexed.loadIndex(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d events in %v", n, time.Since(start).Round(time.Millisecond))
	for _, bc := range []struct {
		name  string
		store server.Store
		cache int
	}{{"sql", serveStore{st}, 0}, {"index", indexed, 0}, {"index+cache", indexed, 4096}} {
		b.Run(bc.name, func(b *testing.B) {
			ts := httptest.NewServer(server.New(bc.store, nil, server.Options{CacheEntries: bc.cache}))
			defer ts.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
			const clients, perClient = 20, 50
			var lat []time.Duration
			var mu sync.Mutex
			round := 0
			c0 := cputime.Process()
			for b.Loop() {
				var wg sync.WaitGroup
				for c := range clients {
					wg.Go(func() {
						mine := make([]time.Duration, 0, perClient)
						for r := range perClient {
							u := urls[(round*clients*perClient+c*perClient+r)%len(urls)]
							t0 := time.Now()
							resp, err := client.Get(ts.URL + u)
							if err != nil {
								b.Error(err)
								return
							}
							io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
							if resp.StatusCode != 200 {
								b.Errorf("%s: status %d", u, resp.StatusCode)
							}
							mine = append(mine, time.Since(t0))
						}
						mu.Lock()
						lat = append(lat, mine...)
						mu.Unlock()
					})
				}
				wg.Wait()
				round++
			}
			slices.Sort(lat)
			q := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.95), "p95-ms")
			b.ReportMetric(q(0.99), "p99-ms")
			b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
			// CPU time of server and clients together, per request: what the figure would be on
			// two otherwise idle cores is about clients × this / 2.
			b.ReportMetric(float64((cputime.Process()-c0).Microseconds())/1000/float64(len(lat)), "cpu-ms/req")
		})
	}
}

// BenchmarkServeEndpointCPU measures the CPU time of each aggregate request, one at a time, over
// the 1,000,000-event store with the aggregate index and without the response cache: the cost
// that decides latency when 20 clients share two cores. Run: go test ./cmd/dyad -run '^$' -bench ServeEndpointCPU -benchtime 1x
func BenchmarkServeEndpointCPU(b *testing.B) {
	path := loadStore(b)
	st, err := openStore(context.Background(), path, true)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	indexed := &indexedStore{serveStore: serveStore{st}}
	if _, err := indexed.loadIndex(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv := server.New(indexed, nil, server.Options{})
	groups := map[string][]string{}
	for _, u := range loadURLs() {
		k := u
		if i := strings.IndexAny(u, "?"); i > 0 {
			k = u[:i]
		}
		if strings.Contains(u, "actor=") {
			k += "+actor"
		}
		groups[k] = append(groups[k], u)
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		b.Run(strings.ReplaceAll(strings.TrimPrefix(k, "/api/"), "/", "_"), func(b *testing.B) {
			n := 0
			c0 := cputime.Process()
			for b.Loop() {
				for _, u := range groups[k] {
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
					if rec.Code != 200 {
						b.Fatalf("%s: %d %s", u, rec.Code, rec.Body)
					}
					n++
				}
			}
			b.ReportMetric(float64((cputime.Process()-c0).Microseconds())/1000/float64(n), "cpu-ms/req")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(n), "wall-ms/req")
		})
	}
}
