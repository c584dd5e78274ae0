package ingest

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

func newBufReader(r io.Reader, size int) *bufio.Reader { return bufio.NewReaderSize(r, size) }

func TestWARCReaderMalformed(t *testing.T) {
	good := "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"
	tests := []struct {
		name    string
		in      string
		records int    // records read before the error
		errPart string // "" = clean io.EOF
	}{
		{"empty", "", 0, ""},
		{"one", good, 1, ""},
		{"two", good + good, 2, ""},
		{"blank lines between", good + "\r\n\n" + good, 2, ""},
		{"no version", "HTTP/1.1 200 OK\r\n\r\n", 0, "want a WARC/ version line"},
		{"garbage after", good + "garbage\r\n", 1, "want a WARC/ version line"},
		{"no content-length", "WARC/1.0\r\nWARC-Type: x\r\n\r\n", 0, "bad Content-Length"},
		{"negative length", "WARC/1.0\r\nContent-Length: -5\r\n\r\n", 0, "bad Content-Length"},
		{"no colon", "WARC/1.0\r\nbroken header\r\n\r\n", 0, "without a colon"},
		{"truncated header", "WARC/1.0\r\nWARC-Type: x\r\n", 0, "unexpected EOF"},
		{"truncated block", "WARC/1.0\r\nContent-Length: 100\r\n\r\nshort", 1, "unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wr := NewWARCReader(strings.NewReader(tt.in))
			n := 0
			var err error
			for {
				var rec *WARCRecord
				rec, err = wr.Next()
				if err != nil {
					break
				}
				n++
				if rec.N != n {
					t.Errorf("record number %d, want %d", rec.N, n)
				}
			}
			if n != tt.records {
				t.Errorf("read %d records, want %d", n, tt.records)
			}
			if tt.errPart == "" {
				if err != io.EOF {
					t.Errorf("err = %v, want io.EOF", err)
				}
			} else if err == nil || err == io.EOF || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("err = %v, want one containing %q", err, tt.errPart)
			}
		})
	}
}

func TestWARCBlockPartlyRead(t *testing.T) {
	var buf bytes.Buffer
	recs := []testRecord{
		{typ: "resource", date: "2024-01-01T00:00:00Z", body: []byte(strings.Repeat("z", 5000))},
		{typ: "resource", date: "2024-01-01T00:00:00Z", body: []byte("second")},
	}
	if err := buildWARC(&buf, false, recs); err != nil {
		t.Fatal(err)
	}
	wr := NewWARCReader(&buf)
	rec, err := wr.Next()
	if err != nil {
		t.Fatal(err)
	}
	io.ReadFull(rec.Block, make([]byte, 10)) // leave most of the block unread
	rec, err = wr.Next()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rec.Block)
	if string(b) != "second" || rec.Length != 6 {
		t.Errorf("second block %q (length %d)", b, rec.Length)
	}
}

// bigRecordReader streams a WARC file holding one huge non-HTML response and then one HTML page,
// without ever holding the huge record in memory itself.
func bigRecordReader(size int64, page []byte) io.Reader {
	head := "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n"
	warcHead := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/big\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
		itoa64(int64(len(head))+size) + "\r\n\r\n" + head
	var second bytes.Buffer
	buildWARC(&second, false, []testRecord{{typ: "response", uri: "https://x.example/page", date: "2024-06-01T00:00:00Z", status: 200, ctype: "text/html", body: page}})
	return io.MultiReader(strings.NewReader(warcHead), io.LimitReader(zeros{}, size), strings.NewReader("\r\n\r\n"), &second)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func itoa64(n int64) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestWARCBoundedMemory reads a WARC stream with a 256 MB record and checks that far less than
// that is allocated: records are streamed, not read whole.
func TestWARCBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MB")
	}
	page := []byte(`<html><body><article><p>The parliament of Estonia approved a new defence budget on Wednesday after a long debate, the speaker's office said in a statement.</p></article></body></html>`)
	const size = 256 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []*dyad.Article
	st, err := Read(context.Background(), []string{"-"}, Options{Stdin: bigRecordReader(size, page)}, func(a *dyad.Article) error {
		got = append(got, a)
		return nil
	})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].URL != "https://x.example/page" || st.ByReason[ReasonWARCNonHTML] != 1 {
		t.Fatalf("got %d articles, stats %+v", len(got), st)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d MB reading a %d MB record", alloc>>20, size>>20)
	}
}

// TestJSONLLongLine checks that a JSONL line over the limit is skipped and reading goes on after it.
func TestJSONLLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 70 MB")
	}
	long := `{"id":"long","text":"` + strings.Repeat("a ", (maxLine+1024)/2) + `"}` + "\n"
	good := `{"id":"ok","text":"The president of Kenya visited Uganda on Monday for talks on the pipeline."}` + "\n"
	var ids []string
	var skips []string
	st, err := Read(context.Background(), []string{"-"}, Options{
		Stdin:  io.MultiReader(strings.NewReader(good), strings.NewReader(long), strings.NewReader(good)),
		OnSkip: func(err error) { skips = append(skips, err.Error()) },
	}, func(a *dyad.Article) error {
		ids = append(ids, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "ok,ok" || st.ByReason[ReasonTooLarge] != 1 || len(skips) != 1 || !strings.HasPrefix(skips[0], "stdin:2: too large") {
		t.Errorf("ids %v, stats %+v, skips %v", ids, st, skips)
	}
}

// rawResponse builds one WARC response record around a raw HTTP message.
func rawResponse(httpMsg string) []byte {
	return []byte("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://t.example/p\r\nWARC-Date: 2024-03-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:r1>\r\n" +
		"Content-Type: application/http; msgtype=response\r\nContent-Length: " + itoa64(int64(len(httpMsg))) + "\r\n\r\n" + httpMsg + "\r\n\r\n")
}

func chunked(s string, size int) string {
	var b strings.Builder
	for len(s) > 0 {
		n := min(size, len(s))
		b.WriteString(strings.ToLower(strconvHex(n)) + "\r\n" + s[:n] + "\r\n")
		s = s[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

func strconvHex(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{digits[n%16]}, b...)
		n /= 16
	}
	return string(b)
}

func deflateString(s string) string {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.String()
}

func TestWARCPayloads(t *testing.T) {
	page := `<html><body><article><p>The government of Senegal said on Monday that it would hold talks with opposition parties in Dakar next week on the date of the presidential election.</p></article></body></html>`
	tests := []struct {
		name, http, reason string
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page, ""},
		{"wrong content-length", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n" + page, ""},
		{"chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(page, 50), ""},
		{"gzip", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + string(gzipBytes([]byte(page))), ""},
		{"deflate", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n" + deflateString(page), ""},
		{"sniffed html", "HTTP/1.1 200 OK\r\n\r\n" + page, ""},
		{"xhtml", "HTTP/1.0 200 OK\r\nContent-Type: application/xhtml+xml; charset=utf-8\r\n\r\n" + page, ""},
		{"sniffed binary", "HTTP/1.1 200 OK\r\n\r\n\x00\x01\x02binary", ReasonWARCNonHTML},
		{"brotli", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx", ReasonWARCBadHTTP},
		{"bad gzip", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip", ReasonWARCBadHTTP},
		{"status 301", "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", ReasonWARCStatus},
		{"bad status line", "HTTP/1.1 OK\r\n\r\n" + page, ReasonWARCBadHTTP},
		{"not http", "<html>" + page, ReasonWARCBadHTTP},
		{"header too large", "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", maxHTTPHeader) + "\r\n\r\n" + page, ReasonWARCBadHTTP},
		{"json", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", ReasonWARCNonHTML},
		{"odd header lines", "HTTP/1.1 200 OK\r\nBroken line\r\nBad Name: x\r\n: empty\r\nContent-Type: text/html\r\n\r\n" + page, ""},
		{"http/2 without reason", "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n" + page, ""},
		{"lf line ends", "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" + page, ""},
		{"header cut short", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", ReasonWARCBadHTTP},
		{"empty body", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", ReasonNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wr := NewWARCReader(bytes.NewReader(rawResponse(tt.http)))
			rec, err := wr.Next()
			if err != nil {
				t.Fatal(err)
			}
			a, reason, err := WARCArticle(rec, "w record 1")
			if reason != tt.reason {
				t.Fatalf("reason %q (%v), want %q", reason, err, tt.reason)
			}
			if reason == "" {
				if a.ID != "urn:uuid:r1" || a.URL != "https://t.example/p" || a.Date.String() != "2024-03-01" || !strings.HasPrefix(a.Text, "The government of Senegal") {
					t.Errorf("got %+v", a)
				}
			}
			if _, err := wr.Next(); err != io.EOF {
				t.Errorf("after the record: %v, want io.EOF", err)
			}
		})
	}
}

func TestReadWARCStops(t *testing.T) {
	data := benchWARC(t, 20, true)
	stop := errors.New("enough")
	n := 0
	_, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(a *dyad.Article) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("err %v after %d articles, want %v after 3", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = Read(ctx, []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(a *dyad.Article) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("err %v after %d articles, want context.Canceled after 1", err, n)
	}
}

// TestReadWARCOrder checks that parallel extraction keeps record order.
func TestReadWARCOrder(t *testing.T) {
	data := benchWARC(t, 30, false)
	var ids []string
	_, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(a *dyad.Article) error {
		ids = append(ids, a.URL)
		return nil
	})
	if err != nil || len(ids) != 30 {
		t.Fatalf("%v, %d articles", err, len(ids))
	}
	for i, u := range ids {
		if want := "https://www.dailymeridian.example/story/" + itoa64(int64(i)); u != want {
			t.Fatalf("article %d is %s, want %s", i, u, want)
		}
	}
}

// TestReadTruncated reads cut-off files: what comes before the cut is read, the cut is reported.
func TestReadTruncated(t *testing.T) {
	tests := []struct {
		file     string
		cut      float64 // fraction of the file kept
		articles int
		reason   string
	}{
		{"warc/sample.warc.gz", 0.6, 1, ReasonBadWARC},
		{"warc/sample.warc", 0.6, 1, ReasonBadWARC},
		{"tree/a/b/three.jsonl.gz", 0.8, 1, ReasonUnreadable},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(in(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), filepath.Base(tt.file))
		if err := os.WriteFile(path, b[:int(float64(len(b))*tt.cut)], 0o644); err != nil {
			t.Fatal(err)
		}
		var skips []string
		st, err := Read(context.Background(), []string{path}, Options{OnSkip: func(err error) { skips = append(skips, err.Error()) }}, func(*dyad.Article) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != tt.articles || st.ByReason[tt.reason] != 1 {
			t.Errorf("%s cut at %.0f%%: %d articles, skips %q; want %d articles and one %q", tt.file, 100*tt.cut, st.Articles, skips, tt.articles, tt.reason)
		}
	}
}

// TestReadWARCStopsEarly checks that a yield error stops reading the WARC stream soon, not after
// the rest of it has been read.
func TestReadWARCStopsEarly(t *testing.T) {
	data := benchWARC(t, 200, false)
	var read int64
	cr := &countingReader{r: bytes.NewReader(data), count: func(n int) { read += int64(n) }}
	stop := errors.New("enough")
	_, err := Read(context.Background(), []string{"-"}, Options{Stdin: cr}, func(*dyad.Article) error { return stop })
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v", err)
	}
	if read > int64(len(data))/2 {
		t.Errorf("read %d of %d bytes after the first article's yield failed", read, len(data))
	}
}
