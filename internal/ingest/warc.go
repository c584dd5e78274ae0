package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// WARCRecord is one WARC record: its named header fields and a reader over its block, valid until
// the next call to WARCReader.Next.
type WARCRecord struct {
	Header textproto.MIMEHeader // WARC header fields (WARC-Type, WARC-Target-URI, WARC-Date, ...)
	Length int64                // Content-Length of the block
	Block  io.Reader            // the block, at most Length bytes
	N      int                  // 1-based number of the record in the file
}

// WARCReader streams the records of a WARC file (uncompressed; a .warc.gz made of one gzip member per
// record is read through compress/gzip, which reads concatenated members). Only one record's header
// is held in memory; blocks are streamed and what a caller leaves unread is skipped.
type WARCReader struct {
	br   *bufio.Reader
	left *io.LimitedReader // unread rest of the current block
	n    int
}

// maxWARCHeader bounds the size of one record's header.
const maxWARCHeader = 1 << 20

// NewWARCReader returns a reader of the WARC records in r.
func NewWARCReader(r io.Reader) *WARCReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &WARCReader{br: br}
}

// Next returns the next record, or io.EOF after the last. A malformed record gives an error; the
// reader cannot go on after it.
func (w *WARCReader) Next() (*WARCRecord, error) {
	if w.left != nil {
		if _, err := io.Copy(io.Discard, w.left); err != nil {
			return nil, fmt.Errorf("record %d: %w", w.n, err)
		}
		if w.left.N > 0 {
			return nil, fmt.Errorf("record %d: %w", w.n, io.ErrUnexpectedEOF)
		}
		w.left = nil
	}
	// Skip the CRLF CRLF after the previous block (and any stray blank lines).
	var version string
	for {
		line, err := w.readLine()
		if err == io.EOF && line == "" {
			return nil, io.EOF
		}
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", w.n+1, err)
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		version = line
		break
	}
	w.n++
	if !strings.HasPrefix(version, "WARC/") {
		return nil, fmt.Errorf("record %d: want a WARC/ version line, got %q", w.n, truncate(version, 40))
	}
	h := textproto.MIMEHeader{}
	size := 0
	for {
		line, err := w.readLine()
		if err != nil {
			return nil, fmt.Errorf("record %d: header: %w", w.n, unexpected(err))
		}
		size += len(line)
		if size > maxWARCHeader {
			return nil, fmt.Errorf("record %d: header over %d bytes", w.n, maxWARCHeader)
		}
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("record %d: header line without a colon: %q", w.n, truncate(line, 40))
		}
		h.Add(textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v))
	}
	cl := h.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("record %d: bad Content-Length %q", w.n, cl)
	}
	w.left = &io.LimitedReader{R: w.br, N: n}
	return &WARCRecord{Header: h, Length: n, Block: w.left, N: w.n}, nil
}

// readLine reads one header line without its line end; lines are bounded by maxWARCHeader.
func (w *WARCReader) readLine() (string, error) {
	var buf []byte
	for {
		chunk, err := w.br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			if len(buf) > maxWARCHeader {
				return "", fmt.Errorf("header line over %d bytes", maxWARCHeader)
			}
			continue
		}
		if err != nil {
			if err == io.EOF && len(buf) > 0 {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		return string(bytes.TrimRight(buf, "\r\n")), nil
	}
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// WARCArticle extracts the article from a WARC response record holding an HTML page with HTTP status
// 200 (url from WARC-Target-URI, id the WARC-Record-ID, date from the page, else WARC-Date). For any
// other record it returns a nil article and the skip reason (ReasonWARCNonResp, ReasonWARCStatus,
// ReasonWARCNonHTML, ReasonNoText, ReasonBadWARC).
func WARCArticle(rec *WARCRecord, origin string) (*dyad.Article, string, error) {
	if !strings.EqualFold(rec.Header.Get("WARC-Type"), "response") {
		return nil, ReasonWARCNonResp, fmt.Errorf("WARC-Type %q", rec.Header.Get("WARC-Type"))
	}
	ct := rec.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "application/http" {
		return nil, ReasonWARCNonResp, fmt.Errorf("Content-Type %q", ct)
	}
	resp, err := http.ReadResponse(bufio.NewReader(rec.Block), nil)
	if err != nil {
		return nil, ReasonBadWARC, fmt.Errorf("HTTP response: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, ReasonWARCStatus, fmt.Errorf("HTTP status %d", resp.StatusCode)
	}
	pct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(pct)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, ReasonWARCNonHTML, fmt.Errorf("Content-Type %q", pct)
	}
	body := io.Reader(resp.Body)
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, ReasonBadWARC, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		body = zr
	}
	target := rec.Header.Get("WARC-Target-URI")
	target = strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">")
	a, err := extractHTML(body, pct, target, origin)
	if err != nil {
		if errors.Is(err, ErrNoText) {
			return nil, ReasonNoText, unwrapOrigin(err, origin)
		}
		return nil, ReasonBadHTML, unwrapOrigin(err, origin)
	}
	if target != "" {
		a.URL = target
	}
	if id := rec.Header.Get("WARC-Record-ID"); id != "" {
		a.ID = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	}
	if a.Date.IsZero() {
		if t, err := time.Parse(time.RFC3339, rec.Header.Get("WARC-Date")); err == nil {
			a.Date = plausibleDate(t)
		}
	}
	return a, "", nil
}

// readWARC reads the response records of a WARC file as articles.
func (r *reader) readWARC(in *bufio.Reader, origin string) error {
	wr := NewWARCReader(in)
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			r.skip(origin, ReasonBadWARC, err)
			return nil
		}
		where := origin + " record " + strconv.Itoa(rec.N)
		a, reason, err := WARCArticle(rec, where)
		if reason != "" {
			r.skip(where, reason, err)
			continue
		}
		if err := r.emit(a); err != nil {
			return err
		}
	}
}
