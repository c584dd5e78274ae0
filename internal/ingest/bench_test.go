package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
)

// reportRate reports n items per wall-clock second and per CPU second of the whole process (the
// latter is what a core gives when the machine is shared; it includes the garbage collector).
func reportRate(b *testing.B, n int, unit string, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), unit+"/s")
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), unit+"/cpu-s")
	}
}

// benchJSONL returns n JSONL articles of about 2 KB each.
func benchJSONL(n int) []byte {
	var b bytes.Buffer
	para := "The foreign minister of Kenya said on Monday that talks with Ethiopia on the reopening of the border crossing at Moyale would resume next week in Addis Ababa, after a pause of several months caused by clashes between herding communities. "
	for i := range n {
		text := ""
		for range 8 {
			text += para
		}
		fmt.Fprintf(&b, `{"id":"b-%d","date":"2024-06-%02d","title":"Headline %d","text":%q,"url":"https://news.example/%d","source":"News Example"}`+"\n", i, 1+i%28, i, text, i)
	}
	return b.Bytes()
}

func BenchmarkReadJSONL(b *testing.B) {
	const n = 2000
	data := benchJSONL(n)
	b.SetBytes(int64(len(data)))
	articles := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		st, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(*dyad.Article) error { return nil })
		if err != nil || st.Articles != n {
			b.Fatalf("%v %+v", err, st)
		}
		articles += st.Articles
	}
	reportRate(b, articles, "articles", cpu0)
}

func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile(in("html/news-page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	pages := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		if _, err := ExtractHTML(bytes.NewReader(page), "https://www.dailymeridian.example/x", "bench"); err != nil {
			b.Fatal(err)
		}
		pages++
	}
	reportRate(b, pages, "pages", cpu0)
}

// benchWARC is a WARC of n copies of the news page fixture, each with a request and a metadata
// record around it, as in a crawl.
func benchWARC(b testing.TB, n int, gz bool) []byte {
	page, err := os.ReadFile(in("html/news-page.html"))
	if err != nil {
		b.Fatal(err)
	}
	var recs []testRecord
	for i := range n {
		uri := fmt.Sprintf("https://www.dailymeridian.example/story/%d", i)
		recs = append(recs,
			testRecord{typ: "request", uri: uri, date: "2024-06-12T01:00:00Z", rawType: "application/http; msgtype=request", body: []byte("GET / HTTP/1.1\r\n\r\n")},
			testRecord{typ: "response", uri: uri, date: "2024-06-12T01:00:00Z", status: 200, ctype: "text/html; charset=utf-8", body: page},
			testRecord{typ: "metadata", uri: uri, date: "2024-06-12T01:00:00Z", body: []byte("fetchTimeMs: 100\r\n")})
	}
	var buf bytes.Buffer
	if err := buildWARC(&buf, gz, recs); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchmarkReadWARC(b *testing.B, gz bool) {
	const n = 50
	data := benchWARC(b, n, gz)
	b.SetBytes(int64(len(data)))
	pages := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		st, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(*dyad.Article) error { return nil })
		if err != nil || st.Articles != n {
			b.Fatalf("%v %+v", err, st)
		}
		pages += st.Articles
	}
	reportRate(b, pages, "pages", cpu0)
}

func BenchmarkReadWARC(b *testing.B)   { benchmarkReadWARC(b, false) }
func BenchmarkReadWARCgz(b *testing.B) { benchmarkReadWARC(b, true) }

// BenchmarkWARCRecords measures the record reader alone (no HTML extraction).
func BenchmarkWARCRecords(b *testing.B) {
	data := benchWARC(b, 50, false)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		wr := NewWARCReader(bytes.NewReader(data))
		for {
			if _, err := wr.Next(); err != nil {
				break
			}
		}
	}
}

func BenchmarkIsEnglish(b *testing.B) {
	text := string(benchJSONL(1))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if !IsEnglish(text) {
			b.Fatal("not English")
		}
	}
}

// BenchmarkExtractHTMLDir extracts every .html file under the directory named by the environment
// variable DYAD_HTML_PAGES (skipped when unset), to measure speed on real pages, e.g. the test pages
// go-readability ships:
//
//	DYAD_HTML_PAGES=$(go env GOMODCACHE)/codeberg.org/readeck/go-readability/v2@v2.1.3/test-pages \
//	  go test -run XXX -bench ExtractHTMLDir -cpu 1 ./internal/ingest
func BenchmarkExtractHTMLDir(b *testing.B) {
	dir := os.Getenv("DYAD_HTML_PAGES")
	if dir == "" {
		b.Skip("DYAD_HTML_PAGES not set")
	}
	var pages [][]byte
	total := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "expected.html") {
			return err
		}
		data, err := os.ReadFile(p)
		pages = append(pages, data)
		total += len(data)
		return err
	})
	if err != nil || len(pages) == 0 {
		b.Fatalf("no pages in %s: %v", dir, err)
	}
	b.SetBytes(int64(total))
	n, extracted := 0, 0
	cpu0 := cputime.Process()
	for b.Loop() {
		for _, p := range pages {
			if _, err := ExtractHTML(bytes.NewReader(p), "", "bench"); err == nil {
				extracted++
			}
			n++
		}
	}
	reportRate(b, n, "pages", cpu0)
	b.ReportMetric(float64(total)/float64(len(pages))/1024, "KB/page")
	b.ReportMetric(100*float64(extracted)/float64(n), "%extracted")
}
