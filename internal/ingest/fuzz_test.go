package ingest

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// checkArticle fails the test for an article Read or a parser must never produce.
func checkArticle(t *testing.T, a *dyad.Article) {
	t.Helper()
	if a == nil {
		t.Fatal("nil article")
	}
	if strings.TrimSpace(a.Text) == "" {
		t.Fatalf("article %q without text", a.ID)
	}
	if a.Text != strings.TrimSpace(a.Text) {
		t.Fatalf("article %q text not trimmed: %q", a.ID, a.Text)
	}
	if a.ID == "" || a.Origin == "" {
		t.Fatalf("article without id or origin: %+v", a)
	}
}

func FuzzParseJSONLine(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","date":"2024-01-02","title":"t","text":"Some text.","url":"u","source":"s"}`,
		`{"date":"2024-01-02T10:00:00+05:30","text":"x"}`,
		`{"date":null,"text":"x"}`, `{"date":5,"text":"x"}`, `{"id":5,"maintext":"x","date_publish":"2023-10-16 08:01:02"}`, `{"text":""}`, `[]`, `{`, ``, "{\"text\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		a, reason, err := ParseJSONLine(line, "f:1")
		if reason != "" {
			if a != nil {
				t.Fatalf("article and reason %q", reason)
			}
			return
		}
		if err != nil {
			t.Fatalf("error %v without a reason", err)
		}
		if a == nil {
			if len(bytes.TrimSpace(line)) != 0 {
				t.Fatalf("no article, no reason for %q", line)
			}
			return
		}
		checkArticle(t, a)
		if !utf8.ValidString(a.Text) {
			t.Fatalf("invalid UTF-8 text from %q", line)
		}
	})
}

func FuzzParseSeed(f *testing.F) {
	for _, s := range []string{" date 2023-10-16 President spoke.\nMore.", "date 2023-10-16\n", "date 2023-02-30 x", "\ufeffdate 2020-01-01 x\r\ny", "plain", "", "date\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, text, header, err := ParseSeed(b)
		if err != nil {
			if !header {
				t.Fatalf("error %v without a header", err)
			}
			return
		}
		if header && d.IsZero() {
			t.Fatal("header without a date")
		}
		if !header && !d.IsZero() {
			t.Fatal("date without a header")
		}
		if text != strings.TrimSpace(text) || strings.Contains(text, "\r") {
			t.Fatalf("text not normalised: %q", text)
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	page, err := os.ReadFile(in("html/time-only.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page)
	f.Add([]byte(`<html><head><meta property="article:published_time" content="2024-13-45"><link rel=canonical href="/x"></head><body><p>` + strings.Repeat("Words of a story. ", 20) + `</p></body></html>`))
	f.Add([]byte(`<time datetime="99999-01-01">x</time><p>` + strings.Repeat("The talks ended. ", 10) + `</p>`))
	f.Add([]byte(`<meta charset="shift_jis"><p>` + strings.Repeat("\x82\xa0", 80) + `</p>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ExtractHTML(bytes.NewReader(b), "https://example.org/a", "page")
		if err != nil {
			if a != nil {
				t.Fatal("article with an error")
			}
			return
		}
		checkArticle(t, a)
		if len(a.Text) < MinHTMLText {
			t.Fatalf("text of %d bytes accepted", len(a.Text))
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatal("invalid UTF-8 out of charset decoding")
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"feeds/news.rss", "feeds/news.atom", "feeds/broken.rss"} {
		b, err := os.ReadFile(in(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x&lt;/p&gt;</description><pubDate>32 Foo 2024</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, err := ParseFeed(bytes.NewReader(b), "feed")
		if err != nil && len(arts) > 0 {
			t.Fatal("articles with an error")
		}
		for _, a := range arts {
			checkArticle(t, a)
		}
	})
}

func FuzzWARCReader(f *testing.F) {
	for _, name := range []string{"warc/sample.warc"} {
		b, err := os.ReadFile(in(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 4096)])
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nx"))
	f.Add([]byte("WARC/1.0\r\n:\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		wr := NewWARCReader(bytes.NewReader(b))
		total := int64(0)
		for n := 1; ; n++ {
			rec, err := wr.Next()
			if err != nil {
				return
			}
			if rec.N != n || rec.Length < 0 {
				t.Fatalf("record %d numbered %d, length %d", n, rec.N, rec.Length)
			}
			if n%2 == 0 {
				got, _ := io.Copy(io.Discard, rec.Block)
				if got > rec.Length {
					t.Fatalf("block gave %d bytes, Content-Length %d", got, rec.Length)
				}
				total += got
			} else if a, reason, _ := WARCArticle(rec, "w"); reason == "" {
				checkArticle(t, a)
			}
			if total > int64(len(b)) {
				t.Fatal("read more block bytes than the input holds")
			}
		}
	})
}

// FuzzReadStdin runs the whole reader (gzip detection, sniffing, every format) on arbitrary input.
func FuzzReadStdin(f *testing.F) {
	for _, name := range []string{"articles.jsonl", "seed.txt", "html/time-only.html", "feeds/news.atom", "misc/compressed.ndjson"} {
		b, err := os.ReadFile(in(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		skips := 0
		st, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(b), OnSkip: func(error) { skips++ }},
			func(a *dyad.Article) error {
				checkArticle(t, a)
				if !utf8.ValidString(a.Text) {
					t.Fatal("invalid UTF-8 text yielded")
				}
				return nil
			})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if st.Skipped != skips {
			t.Fatalf("Skipped %d, OnSkip called %d times", st.Skipped, skips)
		}
	})
}
