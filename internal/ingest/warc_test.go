package ingest

import (
	"bufio"
	"bytes"
	"context"
	"io"
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
