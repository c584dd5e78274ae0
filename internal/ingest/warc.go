package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
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

// warcPayload is what the sequential part of WARC reading takes from a record: the HTML payload
// and what is needed to make an article of it, or why the record is skipped.
type warcPayload struct {
	where       string // origin of the record: "file record N"
	html        []byte
	contentType string
	target      string
	recordID    string
	warcDate    string
	reason      string // skip reason, "" when html is to be extracted
	err         error
}

// maxHTTPHeader bounds the HTTP header of a WARC response.
const maxHTTPHeader = 1 << 20

// readPayload reads the HTTP response in a response record: status line, headers and body (to the
// end of the block, whatever Content-Length the server sent; de-chunked and gunzipped when the
// headers say so), keeping at most maxHTML bytes of body.
func readPayload(rec *WARCRecord, where string) *warcPayload {
	p := &warcPayload{where: where}
	skip := func(reason string, err error) *warcPayload {
		p.reason, p.err = reason, err
		return p
	}
	if !strings.EqualFold(rec.Header.Get("WARC-Type"), "response") {
		return skip(ReasonWARCNonResp, fmt.Errorf("WARC-Type %q", rec.Header.Get("WARC-Type")))
	}
	ct := rec.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "application/http" {
		return skip(ReasonWARCNonResp, fmt.Errorf("Content-Type %q", ct))
	}
	hl := &headLimit{r: io.LimitReader(rec.Block, rec.Length), left: maxHTTPHeader}
	br := bufio.NewReader(hl)
	status, hdr, err := readHTTPHead(br)
	hl.left = -1 // the body is bounded by the block and maxHTML
	if err != nil {
		return skip(ReasonWARCBadHTTP, err)
	}
	if status != 200 {
		return skip(ReasonWARCStatus, fmt.Errorf("HTTP status %d", status))
	}
	p.contentType = hdr.Get("Content-Type")
	if p.contentType != "" && !isHTMLType(p.contentType) {
		return skip(ReasonWARCNonHTML, fmt.Errorf("Content-Type %q", p.contentType))
	}
	body := io.Reader(br)
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		body = httputil.NewChunkedReader(br)
	}
	switch enc := strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return skip(ReasonWARCBadHTTP, fmt.Errorf("gzip body: %w", err))
		}
		defer zr.Close()
		body = zr
	case "deflate":
		zr, err := zlib.NewReader(body)
		if err != nil {
			return skip(ReasonWARCBadHTTP, fmt.Errorf("deflate body: %w", err))
		}
		defer zr.Close()
		body = zr
	default:
		return skip(ReasonWARCBadHTTP, fmt.Errorf("Content-Encoding %q not supported", enc))
	}
	if p.contentType == "" { // no type sent: sniff it from the first bytes
		bb := bufio.NewReader(body)
		head, _ := bb.Peek(512)
		if !isHTMLType(http.DetectContentType(head)) {
			return skip(ReasonWARCNonHTML, errors.New("no Content-Type, and the body does not look like HTML"))
		}
		body = bb
	}
	html, err := io.ReadAll(io.LimitReader(body, maxHTML))
	if err != nil && len(html) == 0 {
		return skip(ReasonWARCBadHTTP, fmt.Errorf("body: %w", err))
	}
	p.html = html
	p.target = strings.TrimSuffix(strings.TrimPrefix(rec.Header.Get("WARC-Target-URI"), "<"), ">")
	p.recordID = strings.TrimSuffix(strings.TrimPrefix(rec.Header.Get("WARC-Record-ID"), "<"), ">")
	p.warcDate = rec.Header.Get("WARC-Date")
	return p
}

// isHTMLType reports whether a Content-Type is HTML.
func isHTMLType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// headLimit fails reads once left bytes have been read, while left >= 0.
type headLimit struct {
	r    io.Reader
	left int64
}

func (h *headLimit) Read(p []byte) (int, error) {
	if h.left < 0 {
		return h.r.Read(p)
	}
	if h.left == 0 {
		return 0, fmt.Errorf("HTTP header over %d bytes", maxHTTPHeader)
	}
	if int64(len(p)) > h.left {
		p = p[:h.left]
	}
	n, err := h.r.Read(p)
	h.left -= int64(n)
	return n, err
}

// readHTTPHead reads an HTTP response's status line and header fields.
func readHTTPHead(br *bufio.Reader) (int, textproto.MIMEHeader, error) {
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return 0, nil, fmt.Errorf("HTTP status line: %w", unexpected(err))
	}
	proto, rest, _ := strings.Cut(line, " ")
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	status, err := strconv.Atoi(code)
	if !strings.HasPrefix(proto, "HTTP/") || err != nil || len(code) != 3 {
		return 0, nil, fmt.Errorf("bad HTTP status line %q", truncate(line, 40))
	}
	// Header lines are read leniently, as crawled servers send odd ones: a line without a colon or
	// with a bad name is ignored; only Content-Type and the encodings matter here.
	hdr := textproto.MIMEHeader{}
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return 0, nil, fmt.Errorf("HTTP header: %w", unexpected(err))
		}
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			continue
		}
		hdr.Add(textproto.CanonicalMIMEHeaderKey(k), strings.TrimSpace(v))
	}
	return status, hdr, nil
}

// article extracts the article from a payload that has HTML, or gives the skip reason.
func (p *warcPayload) article() (*dyad.Article, string, error) {
	if p.reason != "" {
		return nil, p.reason, p.err
	}
	a, err := extractHTML(bytes.NewReader(p.html), p.contentType, p.target, p.where)
	if err != nil {
		if errors.Is(err, ErrNoText) {
			return nil, ReasonNoText, unwrapOrigin(err, p.where)
		}
		return nil, ReasonBadHTML, unwrapOrigin(err, p.where)
	}
	if p.target != "" {
		a.URL = valid(p.target)
	}
	if p.recordID != "" {
		a.ID = valid(p.recordID)
	}
	if a.Date.IsZero() {
		if t, err := time.Parse(time.RFC3339, p.warcDate); err == nil {
			a.Date = plausibleDate(t)
		}
	}
	return a, "", nil
}

// WARCArticle extracts the article from a WARC response record holding an HTML page with HTTP status
// 200 (url from WARC-Target-URI, id the WARC-Record-ID, date from the page, else WARC-Date). For any
// other record it returns a nil article and the skip reason (ReasonWARCNonResp, ReasonWARCStatus,
// ReasonWARCNonHTML, ReasonWARCBadHTTP, ReasonNoText, ReasonBadHTML).
func WARCArticle(rec *WARCRecord, origin string) (*dyad.Article, string, error) {
	return readPayload(rec, origin).article()
}

// readWARC reads the response records of a WARC file; their HTML is extracted on workers.
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
		p := readPayload(rec, origin+" record "+strconv.Itoa(rec.N))
		if p.reason != "" {
			r.skip(p.where, p.reason, p.err)
			continue
		}
		if err := r.extract(p.where, p.article); err != nil {
			return err
		}
	}
}
