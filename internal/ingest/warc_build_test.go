package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// testRecord describes one WARC record for buildWARC. For response records the block is an HTTP
// response made of status, headers and body.
type testRecord struct {
	typ     string // WARC-Type
	uri     string
	date    string // WARC-Date
	status  int    // HTTP status (responses only)
	ctype   string // HTTP Content-Type (responses only)
	extra   string // more HTTP header lines, each ending in \r\n
	body    []byte // payload; the whole block for non-response records
	rawType string // WARC Content-Type of the block; default application/http for responses
}

// buildWARC writes records as a WARC file; with gz each record is its own gzip member, as in
// Common Crawl's CC-NEWS files.
func buildWARC(w io.Writer, gz bool, recs []testRecord) error {
	for i, r := range recs {
		var block []byte
		ct := r.rawType
		switch r.typ {
		case "response":
			var b bytes.Buffer
			fmt.Fprintf(&b, "HTTP/1.1 %d Status\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n", r.status, r.ctype, r.extra, len(r.body))
			b.Write(r.body)
			block = b.Bytes()
			if ct == "" {
				ct = "application/http; msgtype=response"
			}
		default:
			block = r.body
			if ct == "" {
				ct = "application/warc-fields"
			}
		}
		var rec bytes.Buffer
		fmt.Fprintf(&rec, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", r.typ, r.date, i+1)
		if r.uri != "" {
			fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", r.uri)
		}
		fmt.Fprintf(&rec, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, len(block))
		rec.Write(block)
		rec.WriteString("\r\n\r\n")
		if !gz {
			if _, err := w.Write(rec.Bytes()); err != nil {
				return err
			}
			continue
		}
		zw := gzip.NewWriter(w)
		if _, err := zw.Write(rec.Bytes()); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
	}
	return nil
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// sampleRecords returns the records of the stored WARC fixtures, made from the HTML fixtures.
func sampleRecords(t testing.TB) []testRecord {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "in", "html", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	undated := []byte(`<html><head><title>Council vote</title></head><body><article><h1>Council vote</h1>
<p>The city council of Valletta voted on Tuesday to ban cruise ships from the inner harbour during the summer months, the mayor's office said.</p>
<p>Shipping companies said they would appeal against the decision to the transport ministry.</p></article></body></html>`)
	return []testRecord{
		{typ: "warcinfo", date: "2024-06-12T00:00:00Z", body: []byte("software: dyad test builder\r\nformat: WARC File Format 1.0\r\n")},
		{typ: "request", uri: "https://www.dailymeridian.example/world/africa/kenya-ethiopia-moyale-border-reopen", date: "2024-06-12T01:00:00Z",
			rawType: "application/http; msgtype=request", body: []byte("GET /world/africa/kenya-ethiopia-moyale-border-reopen HTTP/1.1\r\nHost: www.dailymeridian.example\r\n\r\n")},
		{typ: "response", uri: "https://www.dailymeridian.example/world/africa/kenya-ethiopia-moyale-border-reopen", date: "2024-06-12T01:00:01Z",
			status: 200, ctype: "text/html; charset=utf-8", body: read("news-page.html")},
		{typ: "metadata", uri: "https://www.dailymeridian.example/world/africa/kenya-ethiopia-moyale-border-reopen", date: "2024-06-12T01:00:01Z",
			body: []byte("fetchTimeMs: 120\r\n")},
		{typ: "response", uri: "https://harbourpost.example/missing", date: "2024-06-12T01:00:02Z", status: 404, ctype: "text/html", body: read("short.html")},
		{typ: "response", uri: "https://harbourpost.example/report.pdf", date: "2024-06-12T01:00:03Z", status: 200, ctype: "application/pdf", body: []byte("%PDF-1.4 not really")},
		{typ: "response", uri: "https://harbourpost.example/2024/02/ferry-deal?utm=feed", date: "2024-06-12T01:00:04Z", status: 200, ctype: "text/html", body: read("time-only.html")},
		{typ: "response", uri: "https://valletta.example/council-vote", date: "2024-06-11T22:15:00Z", status: 200, ctype: "text/html", body: undated},
		{typ: "response", uri: "https://zeitung.example/hilfe", date: "2024-06-12T01:00:06Z", status: 200, ctype: "text/html; charset=utf-8", body: read("german.html")},
		{typ: "response", uri: "https://harbourpost.example/empty", date: "2024-06-12T01:00:07Z", status: 200, ctype: "text/html", body: read("short.html")},
		{typ: "response", uri: "https://tagus.example/lisbon-talks", date: "2024-06-12T01:00:08Z", status: 200, ctype: "text/html; charset=windows-1252",
			extra: "Content-Encoding: gzip\r\n", body: gzipBytes(read("cp1252.html"))},
		{typ: "revisit", uri: "https://valletta.example/council-vote", date: "2024-06-12T01:00:09Z", body: nil},
	}
}

// TestWARCFixtures checks that the stored WARC fixtures are what buildWARC makes from the HTML
// fixtures; with -update it writes them.
func TestWARCFixtures(t *testing.T) {
	recs := sampleRecords(t)
	var plain, gz bytes.Buffer
	if err := buildWARC(&plain, false, recs); err != nil {
		t.Fatal(err)
	}
	if err := buildWARC(&gz, true, recs); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "in", "warc")
	if *update {
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, "sample.warc"), plain.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sample.warc.gz"), gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := os.ReadFile(filepath.Join(dir, "sample.warc"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, plain.Bytes()) {
		t.Errorf("testdata/in/warc/sample.warc differs from the builder's output; run go test -run TestWARCFixtures -update")
	}
	f, err := os.Open(filepath.Join(dir, "sample.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	unz, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(unz, plain.Bytes()) {
		t.Errorf("testdata/in/warc/sample.warc.gz does not decompress to sample.warc")
	}
}
