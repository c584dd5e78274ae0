package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"github.com/dyad-events/dyad/internal/testenv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// goldenArticle is an article as stored in golden files (with its origin, which dyad.Article does
// not marshal).
type goldenArticle struct {
	ID     string    `json:"id"`
	Date   dyad.Date `json:"date"`
	Title  string    `json:"title,omitempty"`
	URL    string    `json:"url,omitempty"`
	Source string    `json:"source,omitempty"`
	Origin string    `json:"origin"`
	Text   string    `json:"text"`
}

type goldenRun struct {
	Articles []goldenArticle `json:"articles"`
	Skips    []string        `json:"skips"`
	Stats    Stats           `json:"stats"`
}

func run(t *testing.T, inputs []string, opts Options) goldenRun {
	t.Helper()
	var g goldenRun
	opts.OnSkip = func(err error) {
		var se *SkipError
		if !errors.As(err, &se) {
			t.Errorf("OnSkip got %T, want *SkipError", err)
		}
		if se.Origin == "" || se.Reason == "" {
			t.Errorf("skip without origin or reason: %v", err)
		}
		g.Skips = append(g.Skips, err.Error())
	}
	st, err := Read(context.Background(), inputs, opts, func(a *dyad.Article) error {
		if a.Text == "" || !utf8.ValidString(a.Text) || a.ID == "" || a.Origin == "" {
			t.Errorf("bad article yielded: %+v", a)
		}
		g.Articles = append(g.Articles, goldenArticle{a.ID, a.Date, a.Title, a.URL, a.Source, a.Origin, a.Text})
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if st.Articles != len(g.Articles) || st.Skipped != len(g.Skips) {
		t.Errorf("stats %+v disagree with %d articles and %d skips seen", st, len(g.Articles), len(g.Skips))
	}
	sum := 0
	for _, n := range st.ByReason {
		sum += n
	}
	if sum != st.Skipped {
		t.Errorf("ByReason %v adds up to %d, Skipped is %d", st.ByReason, sum, st.Skipped)
	}
	g.Stats = st
	return g
}

func checkGolden(t *testing.T, name string, got goldenRun) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	testenv.Golden(t, filepath.Join("testdata", "golden", name+".json"), b, *update)
}

func in(name string) string { return filepath.Join("testdata", "in", name) }

func TestReadGolden(t *testing.T) {
	tests := []struct {
		name   string
		inputs []string
		date   dyad.Date
		stdin  string // file whose bytes are standard input
	}{
		{name: "seed", inputs: []string{in("seed.txt"), in("bad-date.txt")}},
		{name: "plain", inputs: []string{in("plain.txt")}, date: dyad.MustDate("2024-05-10")},
		{name: "plain-undated", inputs: []string{in("plain.txt"), in("misc/invalid-utf8.txt"), in("misc/empty.txt")}},
		{name: "jsonl", inputs: []string{in("articles.jsonl")}},
		{name: "gzip", inputs: []string{in("misc/compressed.ndjson"), in("misc/seed-copy.txt.gz"), in("tree/a/b/three.jsonl.gz")}},
		{name: "tree", inputs: []string{in("tree")}, date: dyad.MustDate("2023-11-30")},
		{name: "html", inputs: []string{in("html")}},
		{name: "feeds", inputs: []string{in("feeds")}},
		{name: "warc", inputs: []string{in("warc/sample.warc")}},
		{name: "warc-gz", inputs: []string{in("warc/sample.warc.gz")}},
		{name: "json-array", inputs: []string{in("misc/array.json")}},
		{name: "stdin-json-array", inputs: []string{"-"}, stdin: in("misc/array.json")},
		{name: "missing", inputs: []string{in("no-such-file.txt"), in("seed.txt")}},
		{name: "stdin-jsonl", inputs: []string{"-"}, stdin: in("articles.jsonl")},
		{name: "stdin-seed", inputs: []string{"-"}, stdin: in("seed.txt")},
		{name: "stdin-html", inputs: []string{"-"}, stdin: in("html/time-only.html")},
		{name: "stdin-rss", inputs: []string{"-"}, stdin: in("feeds/news.rss")},
		{name: "stdin-atom", inputs: []string{"-"}, stdin: in("feeds/news.atom")},
		{name: "stdin-warc-gz", inputs: []string{"-"}, stdin: in("warc/sample.warc.gz")},
		{name: "stdin-gz-jsonl", inputs: []string{"-"}, stdin: in("misc/compressed.ndjson")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Date: tt.date}
			if tt.stdin != "" {
				b, err := os.ReadFile(tt.stdin)
				if err != nil {
					t.Fatal(err)
				}
				opts.Stdin = bytes.NewReader(b)
			}
			checkGolden(t, tt.name, run(t, tt.inputs, opts))
		})
	}
}

// TestReadWorkers checks that the number of extraction workers changes nothing Read yields.
func TestReadWorkers(t *testing.T) {
	for _, inputs := range [][]string{{in("html")}, {in("warc/sample.warc")}, {in("tree")}, {in("feeds"), in("articles.jsonl")}} {
		var want []byte
		for _, w := range []int{1, 3, 0} {
			b, err := json.Marshal(run(t, inputs, Options{Workers: w}))
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = b
			} else if !bytes.Equal(b, want) {
				t.Errorf("%v: %d workers read\n%s\none worker read\n%s", inputs, w, b, want)
			}
		}
	}
}

// TestReadOnRead checks that OnRead counts every byte of the files Read opens, as stored (a gzipped
// file by its compressed size), including files whose records are all skipped, and nothing of
// standard input; and that Size foretells that count (hidden files and files with an unknown
// extension in a directory are not read).
func TestReadOnRead(t *testing.T) {
	tree := in("tree")
	inputs := []string{in("warc/sample.warc"), in("warc/sample.warc.gz"), in("html"), in("feeds"), in("bad-date.txt"), tree}
	var want int64
	for _, p := range inputs[:len(inputs)-1] {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			want += info.Size()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"a/b/three.jsonl.gz", "a/b/two.ndjson", "a/one.txt", "readme"} {
		info, err := os.Stat(filepath.Join(tree, f))
		if err != nil {
			t.Fatal(err)
		}
		want += info.Size()
	}
	var got int64
	run(t, inputs, Options{OnRead: func(n int) { got += int64(n) }})
	if got != want {
		t.Errorf("OnRead counted %d bytes, want the files' %d", got, want)
	}
	if size := Size(inputs); size != want {
		t.Errorf("Size = %d, want %d", size, want)
	}
	got = 0
	run(t, []string{"-"}, Options{Stdin: strings.NewReader("Ghana recalled its envoy."), OnRead: func(n int) { got += int64(n) }})
	if got != 0 {
		t.Errorf("OnRead counted %d bytes of standard input, want 0", got)
	}
	if size := Size([]string{inputs[0], "-"}); size != 0 {
		t.Errorf("Size with standard input = %d, want 0 (unknown)", size)
	}
}

// TestReadFacts checks the facts the golden files hold that matter most, so that a careless
// -update cannot hide a regression in them.
func TestReadFacts(t *testing.T) {
	g := run(t, []string{in("articles.jsonl"), in("html"), in("feeds"), in("warc/sample.warc.gz"), in("tree")}, Options{})
	byID := map[string]goldenArticle{}
	for _, a := range g.Articles {
		byID[a.ID] = a
	}
	want := []struct {
		id, date, url, source, textPrefix string
	}{
		{"jl-1", "2024-01-15", "https://news.example/ghana-envoy", "News Example", "Ghana recalled"},
		{"testdata/in/articles.jsonl:2", "2024-01-16", "", "", "The United Nations"},
		{"jl-3", "2024-01-17", "", "", "Canada and Denmark"}, // the day in the writer's zone
		{"jl-null-date", "", "", "", "Thousands of farmers"},
		{"jl-crlf", "2024-01-19", "", "", "Line one of a record with Windows line ends.\nLine two"},
		{"news-page", "2024-06-11", "https://www.dailymeridian.example/world/africa/kenya-ethiopia-moyale-border-reopen", "The Daily Meridian", "Kenya and Ethiopia agreed on Tuesday"},
		{"time-only", "2024-02-08", "https://harbourpost.example/2024/02/ferry-deal", "harbourpost.example", "Sri Lanka and India signed"},
		{"cp1252", "", "", "Tagus Wire", "Portugal’s prime minister"},
		{"caribdesk-4411", "2023-12-14", "https://caribdesk.example/2023/12/guyana-venezuela-talks", "Caribbean Desk", "The presidents of Guyana and Venezuela"},
		{"https://caribdesk.example/2023/12/jamaica-police", "2023-12-15", "https://caribdesk.example/2023/12/jamaica-police", "Caribbean Desk", "Jamaica's police commissioner"},
		{"tag:pacificnotes.example,2024:fiji-leaders", "2024-04-02", "https://pacificnotes.example/2024/04/fiji-leaders", "Pacific Notes", "Fiji's prime minister"},
		{"tag:pacificnotes.example,2024:samoa-fisheries", "2024-04-03", "https://pacificnotes.example/2024/04/samoa-fisheries", "Pacific Notes", "Samoa signed"},
		{"urn:uuid:00000000-0000-4000-8000-000000000003", "2024-06-11", "https://www.dailymeridian.example/world/africa/kenya-ethiopia-moyale-border-reopen", "The Daily Meridian", "Kenya and Ethiopia agreed"},
		{"urn:uuid:00000000-0000-4000-8000-000000000007", "2024-02-08", "https://harbourpost.example/2024/02/ferry-deal?utm=feed", "harbourpost.example", "Sri Lanka and India"},
		{"urn:uuid:00000000-0000-4000-8000-000000000008", "2024-06-11", "https://valletta.example/council-vote", "valletta.example", "The city council of Valletta"},
		{"urn:uuid:00000000-0000-4000-8000-000000000011", "2024-06-12", "https://tagus.example/lisbon-talks", "Tagus Wire", "Portugal’s prime minister met"},
		{"one", "2023-11-20", "", "", "Japan and South Korea"},
		{"tree-2", "2023-11-21", "", "", "Nigeria's army"},
		{"readme", "", "", "", "The mayor of Athens"},
	}
	for _, w := range want {
		a, ok := byID[w.id]
		if !ok {
			t.Errorf("no article %q", w.id)
			continue
		}
		if a.Date.String() != w.date || a.URL != w.url || a.Source != w.source || !strings.HasPrefix(a.Text, w.textPrefix) {
			t.Errorf("article %q = date %q url %q source %q text %.60q; want %q %q %q %q...", w.id, a.Date, a.URL, a.Source, a.Text, w.date, w.url, w.source, w.textPrefix)
		}
	}
	for _, id := range []string{"jl-de", "jl-fr", "jl-es", "jl-ru", "german", "secret", ".dotfile", "jl-bad-utf8"} {
		if _, ok := byID[id]; ok {
			t.Errorf("article %q should have been skipped", id)
		}
	}
	// boilerplate of the news page must be gone
	page := byID["news-page"].Text
	for _, junk := range []string{"Advertisement", "cookies", "Reply", "Most read", "Sign up", "Breaking", "All rights reserved", "gtag", "Lorries queue"} {
		if strings.Contains(page, junk) {
			t.Errorf("news page text contains boilerplate %q", junk)
		}
	}
	if !strings.Contains(page, "Djibouti next month.") || !strings.HasSuffix(page, "funding shortfalls.") {
		t.Errorf("news page text lost article paragraphs")
	}
	wantReasons := map[string]int{
		ReasonBadJSON: 2, ReasonBadDate: 3, ReasonEmptyText: 3, ReasonInvalidUTF8: 1, ReasonNotEnglish: 7,
		ReasonNoText: 3, ReasonWARCNonResp: 4, ReasonWARCNonHTML: 1, ReasonWARCStatus: 1, ReasonUnknownFormat: 2, ReasonBadFeed: 1,
	}
	for r, n := range wantReasons {
		if g.Stats.ByReason[r] != n {
			t.Errorf("ByReason[%q] = %d, want %d (all: %v)", r, g.Stats.ByReason[r], n, g.Stats.ByReason)
		}
	}
}

func TestReadOptionsDate(t *testing.T) {
	d := dyad.MustDate("2020-02-29")
	g := run(t, []string{in("plain.txt"), in("seed.txt")}, Options{Date: d})
	if len(g.Articles) != 2 || g.Articles[0].Date != d || g.Articles[1].Date.String() != "2024-03-05" {
		t.Fatalf("got %+v", g.Articles)
	}
}

func TestReadYieldError(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	st, err := Read(context.Background(), []string{in("articles.jsonl")}, Options{}, func(a *dyad.Article) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	if n != 2 || st.Articles != 2 {
		t.Errorf("yield called %d times, %d articles counted; want 2", n, st.Articles)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Read(ctx, []string{in("articles.jsonl"), in("tree")}, Options{}, func(a *dyad.Article) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n != 1 {
		t.Errorf("yield called %d times after cancel, want 1", n)
	}
}

// TestSeedArticle reads the project's shared seed article, when present.
func TestSeedArticle(t *testing.T) {
	path := sharedPath(t, "seed-article.txt")
	g := run(t, []string{path}, Options{})
	if len(g.Articles) != 1 {
		t.Fatalf("got %d articles, skips %v", len(g.Articles), g.Skips)
	}
	a := g.Articles[0]
	if a.ID != "seed-article" || a.Date.String() != "2023-10-16" {
		t.Errorf("id %q date %q, want seed-article 2023-10-16", a.ID, a.Date)
	}
	if strings.HasPrefix(strings.TrimSpace(a.Text), "date") || len(a.Text) < 500 || a.Text != strings.TrimSpace(a.Text) {
		t.Errorf("text not cut after the header or not trimmed: %.40q", a.Text)
	}
}

// sharedPath finds /work/shared as ../shared from the repository root, or skips the test.
func sharedPath(t *testing.T, name string) string {
	t.Helper()
	return testenv.Shared(t, name)
}

func TestParseSeed(t *testing.T) {
	tests := []struct {
		in, date, text string
		header, err    bool
	}{
		{in: " date 2023-10-16 President spoke.\nSecond line.\n", date: "2023-10-16", text: "President spoke.\nSecond line.", header: true},
		{in: "date 2023-10-16\nText on the next line.", date: "2023-10-16", text: "Text on the next line.", header: true},
		{in: "\ufeffdate 2023-10-16 BOM first.", date: "2023-10-16", text: "BOM first.", header: true},
		{in: "\tdate\t2024-01-02\tTabs.\r\nCRLF line.\r\n", date: "2024-01-02", text: "Tabs.\nCRLF line.", header: true},
		{in: "date 2023-13-01 Bad month.", header: true, err: true},
		{in: "date 2023-10-16x Not a header.", text: "date 2023-10-16x Not a header."},
		{in: "Date 2023-10-16 capitalised is text.", text: "Date 2023-10-16 capitalised is text."},
		{in: "Date palms grow in Basra.", text: "Date palms grow in Basra."},
		{in: "A plain first line.\ndate 2023-10-16 not on the first line", text: "A plain first line.\ndate 2023-10-16 not on the first line"},
		{in: "", text: ""},
	}
	for _, tt := range tests {
		d, text, header, err := ParseSeed([]byte(tt.in))
		if (err != nil) != tt.err || header != tt.header {
			t.Errorf("ParseSeed(%q): header %v err %v; want header %v err %v", tt.in, header, err, tt.header, tt.err)
			continue
		}
		if err == nil && (d.String() != tt.date || text != tt.text) {
			t.Errorf("ParseSeed(%q) = %q %q, want %q %q", tt.in, d, text, tt.date, tt.text)
		}
	}
}

func TestParseJSONLine(t *testing.T) {
	tests := []struct {
		line, reason, id, date string
	}{
		{line: `{"id":"a","date":"2024-01-02","text":"x y"}`, id: "a", date: "2024-01-02"},
		{line: `{"date":"2024-01-02T23:59:59Z","text":"x"}`, id: "f:7", date: "2024-01-02"},
		{line: `{"date":"2024-01-02T01:00:00+14:00","text":"x"}`, id: "f:7", date: "2024-01-02"},
		{line: `{"date":"2024-01-02T10:00:00.123-07:00","text":"x"}`, id: "f:7", date: "2024-01-02"},
		{line: `{"date":"20240102","text":"x"}`, id: "f:7", date: "2024-01-02"},
		{line: `{"date":"","text":"x"}`, id: "f:7"},
		{line: `  `},
		{line: `{"date":"2024-02-30","text":"x"}`, reason: ReasonBadDate},
		{line: `{"date":"yesterday","text":"x"}`, reason: ReasonBadDate},
		{line: `{"date":true,"text":"x"}`, reason: ReasonBadDate},
		{line: `{"text":""}`, reason: ReasonEmptyText},
		{line: `{"text":"\u0000 "}`, reason: ReasonEmptyText},
		{line: `{"text":5}`, reason: ReasonBadJSON},
		{line: `{"text":"x"} trailing`, reason: ReasonBadJSON},
		{line: `null`, reason: ReasonBadJSON},
		{line: "{\"text\":\"\xff\"}", reason: ReasonInvalidUTF8},
		{line: `{"id":42,"text":"x"}`, id: "42"},
		{line: `{"id":-7,"text":"x"}`, id: "-7"},
		{line: `{"id":{"a":1},"text":"x"}`, id: "f:7"},
		{line: `{"maintext":"x","date_publish":"2023-10-16 08:01:02","source_domain":"d.example"}`, id: "f:7", date: "2023-10-16"},
		{line: `{"body":"x","published":"2023-10-17T08:01:02Z"}`, id: "f:7", date: "2023-10-17"},
		{line: `{"content":{"html":"<p>x</p>"},"body":"y"}`, id: "f:7"},
		{line: `{"content":["x"]}`, reason: ReasonEmptyText},
		{line: `{"text":"x","date_publish":"later","date":"2023-10-18"}`, id: "f:7", date: "2023-10-18"},
		{line: `{"text":"x","published":5}`, reason: ReasonBadDate},
	}
	for _, tt := range tests {
		a, reason, err := ParseJSONLine([]byte(tt.line), "f:7")
		if reason != tt.reason {
			t.Errorf("ParseJSONLine(%q) reason %q (%v), want %q", tt.line, reason, err, tt.reason)
			continue
		}
		if reason != "" {
			if a != nil {
				t.Errorf("ParseJSONLine(%q) gave an article with reason %q", tt.line, reason)
			}
			continue
		}
		if tt.id == "" {
			if a != nil {
				t.Errorf("ParseJSONLine(%q) = %+v, want nothing", tt.line, a)
			}
			continue
		}
		if a == nil || a.ID != tt.id || a.Date.String() != tt.date {
			t.Errorf("ParseJSONLine(%q) = %+v, want id %q date %q", tt.line, a, tt.id, tt.date)
		}
	}
}

func TestLineReaderLimit(t *testing.T) {
	input := "short\n" + strings.Repeat("x", 100) + "\nafter\n" + strings.Repeat("y", 30) + "\nlast"
	lr := &lineReader{br: newBufReader(strings.NewReader(input), 16), max: 20}
	var got []string
	for {
		line, err := lr.next()
		if err == errLineTooLong {
			got = append(got, "<too long>")
			continue
		}
		if err != nil {
			break
		}
		got = append(got, string(line))
	}
	want := []string{"short", "<too long>", "after", "<too long>", "last"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSniffFormat(t *testing.T) {
	tests := []struct {
		head string
		want format
	}{
		{`{"id":1}`, formatJSONL},
		{"\ufeff  \n{", formatJSONL},
		{"<!DOCTYPE html><html>", formatHTML},
		{"<html lang=en>", formatHTML},
		{"<!-- c --><html>", formatHTML},
		{`<?xml version="1.0"?><rss version="2.0">`, formatFeed},
		{`<?xml version="1.0"?><!-- x --><feed xmlns="http://www.w3.org/2005/Atom">`, formatFeed},
		{`<rdf:RDF xmlns:rdf="x">`, formatFeed},
		{`<?xml version="1.0"?><config/>`, formatText},
		{"WARC/1.0\r\n", formatWARC},
		{" date 2024-01-01 text", formatText},
		{"plain words", formatText},
		{"bin\x00ary", formatUnknown},
	}
	for _, tt := range tests {
		if got := sniffFormat([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffFormat(%q) = %d, want %d", tt.head, got, tt.want)
		}
	}
}

func TestIsEnglish(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"The minister said on Monday that the talks with the rebels would resume in Geneva after a break of two weeks.", true},
		{"Erdoğan met Raisi in Ankara.", true},
		{"Putin, Xi agree", true},
		{"UN: 40 killed in Gaza strike", true},
		{"Der Minister sagte am Montag, dass die Gespräche mit den Rebellen in Genf nach einer Pause von zwei Wochen fortgesetzt werden.", false},
		{"Le ministre a déclaré lundi que les pourparlers avec les rebelles reprendraient à Genève après une pause de deux semaines.", false},
		{"El ministro dijo el lunes que las conversaciones con los rebeldes se reanudarán en Ginebra tras una pausa de dos semanas.", false},
		{"Il ministro ha detto lunedì che i colloqui con i ribelli riprenderanno a Ginevra dopo una pausa di due settimane.", false},
		{"O ministro disse na segunda-feira que as conversas com os rebeldes serão retomadas em Genebra após uma pausa de duas semanas.", false},
		{"De minister zei maandag dat de gesprekken met de rebellen na een pauze van twee weken in Genève worden hervat.", false},
		{"Bakan pazartesi günü yaptığı açıklamada, isyancılarla görüşmelerin iki haftalık bir aradan sonra Cenevre'de yeniden başlayacağını söyledi ve bu konuda bir anlaşma olduğunu belirtti.", false},
		{"Menteri mengatakan pada hari Senin bahwa perundingan dengan para pemberontak akan dilanjutkan di Jenewa setelah jeda dua minggu dan ini adalah langkah yang penting.", false},
		{"Министр заявил в понедельник, что переговоры с повстанцами возобновятся в Женеве после двухнедельного перерыва.", false},
		{"وقال الوزير يوم الاثنين إن المحادثات مع المتمردين ستستأنف في جنيف بعد توقف دام أسبوعين", false},
		{"部长周一表示，与叛军的会谈将在两周的休会后在日内瓦恢复。", false},
		{"Le président et le ministre", false},
		{"[1, 2] 3.5 -- !!", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsEnglish(tt.text); got != tt.want {
			t.Errorf("IsEnglish(%.50q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, s := range []string{"", "not xml at all", "<rss><channel><item>", `{"version":1}`} {
		if arts, err := ParseFeed(strings.NewReader(s), "f"); err == nil && len(arts) > 0 {
			t.Errorf("ParseFeed(%q) = %d articles, want an error or none", s, len(arts))
		}
	}
	f, err := os.Open(in("feeds/news.rss"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, err := ParseFeed(f, "news.rss")
	if err != nil || len(arts) != 3 {
		t.Fatalf("ParseFeed(news.rss) = %d articles, %v; want 3", len(arts), err)
	}
	if arts[0].Origin != "news.rss#1" || arts[2].ID != "news.rss#4" {
		t.Errorf("origins/ids: %q %q", arts[0].Origin, arts[2].ID)
	}
}

func TestExtractHTMLNoText(t *testing.T) {
	for _, s := range []string{"", "<html></html>", "<html><body><p>Too short.</p></body></html>"} {
		_, err := ExtractHTML(strings.NewReader(s), "", "o")
		if !errors.Is(err, ErrNoText) {
			t.Errorf("ExtractHTML(%q) err = %v, want ErrNoText", s, err)
		}
	}
}

func TestExtractHTMLPageURL(t *testing.T) {
	f, err := os.Open(in("html/time-only.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := ExtractHTML(f, "https://harbourpost.example/p?id=4", "o")
	if err != nil {
		t.Fatal(err)
	}
	// the page's og:url wins for URL; the id is the URL the page was fetched from
	if a.ID != "https://harbourpost.example/p?id=4" || a.URL != "https://harbourpost.example/2024/02/ferry-deal" || a.Date.String() != "2024-02-08" {
		t.Errorf("got id %q url %q date %q", a.ID, a.URL, a.Date)
	}
	if a.Title != "Sri Lanka and India sign ferry deal" {
		t.Errorf("title %q", a.Title)
	}
}

func TestParseJSONLineAliases(t *testing.T) {
	a, reason, err := ParseJSONLine([]byte(`{"headline":" Talks resume ","maintext":"Talks resumed in Oslo.","date_publish":"2023-10-16 08:01:02","source_domain":"d.example","url":" https://d.example/1 "}`), "f:1")
	if reason != "" || err != nil {
		t.Fatalf("reason %q: %v", reason, err)
	}
	if a.Title != "Talks resume" || a.Text != "Talks resumed in Oslo." || a.Source != "d.example" || a.URL != "https://d.example/1" || a.Date.String() != "2023-10-16" {
		t.Errorf("got %+v", a)
	}
	// the format's own fields win over the aliases
	a, _, _ = ParseJSONLine([]byte(`{"title":"T","headline":"H","text":"own","body":"alias","source":"S","source_domain":"D"}`), "f:2")
	if a.Title != "T" || a.Text != "own" || a.Source != "S" {
		t.Errorf("got %+v", a)
	}
}

func TestReadJSONVariants(t *testing.T) {
	const text = "The Security Council met on Friday to discuss the crisis in Haiti, diplomats said."
	tests := []struct {
		name, in string
		ids      []string
		reasons  []string
	}{
		{"jsonl with BOM", "\ufeff{\"id\":\"a\",\"text\":\"" + text + "\"}\n", []string{"a"}, nil},
		{"array with BOM", "\ufeff [ {\"id\":\"a\",\"text\":\"" + text + "\"} ]", []string{"a"}, nil},
		{"empty array", "[]", nil, nil},
		{"array of non-objects", `[{"text":"` + text + `"}, 1, "x", null]`, []string{"stdin#1"}, []string{ReasonBadJSON, ReasonBadJSON, ReasonBadJSON}},
		{"not an array of objects: text", `[1, 2]`, nil, []string{ReasonNotEnglish}},
		{"array cut short", `[{"id":"a","text":"` + text + `"}, {"id":`, []string{"a"}, []string{ReasonBadJSON}},
		{"array then garbage", `[{"id":"a","text":"` + text + `"}] x`, []string{"a"}, nil},
		{"unclosed array", `[{"id":"a","text":"` + text + `"}`, []string{"a"}, []string{ReasonBadJSON}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids, reasons []string
			_, err := Read(context.Background(), []string{"-"}, Options{
				Stdin: strings.NewReader(tt.in),
				OnSkip: func(err error) {
					var se *SkipError
					errors.As(err, &se)
					reasons = append(reasons, se.Reason)
				},
			}, func(a *dyad.Article) error {
				ids = append(ids, a.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") || strings.Join(reasons, ",") != strings.Join(tt.reasons, ",") {
				t.Errorf("ids %q reasons %q, want %q %q", ids, reasons, tt.ids, tt.reasons)
			}
		})
	}
}
