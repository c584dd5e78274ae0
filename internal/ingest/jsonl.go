package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// jsonArticle is one JSONL line: the fields of the format, and the names other corpora use for
// them (news-please: maintext, date_publish, source_domain; others: body, content, published,
// headline), read only when the format's own field is absent and only when they hold a string.
type jsonArticle struct {
	ID     json.RawMessage `json:"id"` // a string, or a number taken as written
	Date   json.RawMessage `json:"date"`
	Title  string          `json:"title"`
	Text   string          `json:"text"`
	URL    string          `json:"url"`
	Source string          `json:"source"`

	MainText     json.RawMessage `json:"maintext"`
	Body         json.RawMessage `json:"body"`
	Content      json.RawMessage `json:"content"`
	DatePublish  json.RawMessage `json:"date_publish"`
	Published    json.RawMessage `json:"published"`
	Headline     json.RawMessage `json:"headline"`
	SourceDomain json.RawMessage `json:"source_domain"`
}

// rawString returns the string a raw JSON value holds, or "" when it holds something else.
func rawString(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// firstString returns the first non-empty string among the raw values.
func firstString(raws ...json.RawMessage) string {
	for _, r := range raws {
		if s := rawString(r); s != "" {
			return s
		}
	}
	return ""
}

// errLineTooLong is returned by lineReader for a line over its limit (the line is consumed).
var errLineTooLong = errors.New("line too long")

// lineReader reads lines of at most max bytes, without the line end, reusing one buffer.
type lineReader struct {
	br  *bufio.Reader
	buf []byte
	max int
}

// next returns the next line (valid until the next call), errLineTooLong for a line over the limit
// (which is skipped), or io.EOF at the end.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.br.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > l.max+1 { // +1: the '\n'
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if tooLong {
				return nil, errLineTooLong
			}
			if len(l.buf) == 0 {
				return nil, io.EOF
			}
			return l.buf, nil
		case err != nil:
			return nil, err
		}
		if tooLong {
			return nil, errLineTooLong
		}
		return bytes.TrimSuffix(bytes.TrimSuffix(l.buf, []byte("\n")), []byte("\r")), nil
	}
}

// readJSONL reads one article a line; lines are decoded on workers. Blank lines are ignored. A file that starts with '[' is read
// as one JSON array of articles instead.
func (r *reader) readJSONL(br *bufio.Reader, origin string) error {
	if first, err := firstNonSpace(br); err == nil && first == '[' {
		return r.readJSONArray(br, origin)
	}
	lr := &lineReader{br: br, max: maxLine}
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, err := lr.next()
		where := origin + ":" + strconv.Itoa(n)
		if err == io.EOF {
			return nil
		}
		if err == errLineTooLong {
			r.skip(where, ReasonTooLarge, fmt.Errorf("line over %d MB", maxLine>>20))
			continue
		}
		if err != nil {
			r.skip(where, ReasonUnreadable, err)
			return nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue // blank line
		}
		line = bytes.Clone(line) // the line reader reuses its buffer
		if err := r.extract(where, func() (*dyad.Article, string, error) { return ParseJSONLine(line, where) }); err != nil {
			return err
		}
	}
}

// ParseJSONLine reads one JSONL line {"id","date","title","text","url","source"}; origin (file:line)
// is the id when the line has none (a numeric id is taken as written). The date may be YYYY-MM-DD or
// RFC 3339 (the day in the time's own zone); a JSON null or "" date is unknown. Other corpora's
// names for the fields are read when the format's own are absent: maintext, body or content for
// text; date_publish or published for date; headline for title; source_domain for source. A blank line gives a nil
// article and no reason; a bad line gives a skip reason (ReasonBadJSON, ReasonBadDate,
// ReasonInvalidUTF8, ReasonEmptyText) and the error behind it.
func ParseJSONLine(line []byte, origin string) (*dyad.Article, string, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil, "", nil
	}
	if !utf8.Valid(line) {
		return nil, ReasonInvalidUTF8, fmt.Errorf("byte %d", invalidUTF8(string(line)))
	}
	if line[0] != '{' {
		return nil, ReasonBadJSON, errors.New("not a JSON object")
	}
	var j jsonArticle
	if err := json.Unmarshal(line, &j); err != nil {
		return nil, ReasonBadJSON, err
	}
	var date dyad.Date
	rawDate := j.Date
	if len(rawDate) == 0 {
		rawDate = j.DatePublish
		if len(rawDate) == 0 {
			rawDate = j.Published
		}
	}
	if len(rawDate) > 0 && string(rawDate) != "null" {
		var s string
		if err := json.Unmarshal(rawDate, &s); err != nil {
			return nil, ReasonBadDate, fmt.Errorf("date %s is not a string", rawDate)
		}
		d, err := parseDate(s)
		if err != nil {
			return nil, ReasonBadDate, err
		}
		date = d
	}
	if j.Text == "" {
		j.Text = firstString(j.MainText, j.Body, j.Content)
	}
	if j.Title == "" {
		j.Title = rawString(j.Headline)
	}
	if j.Source == "" {
		j.Source = rawString(j.SourceDomain)
	}
	text := normaliseText(j.Text)
	if text == "" {
		return nil, ReasonEmptyText, nil
	}
	id := rawString(j.ID)
	if id == "" && len(j.ID) > 0 && (j.ID[0] == '-' || j.ID[0] >= '0' && j.ID[0] <= '9') {
		id = string(j.ID) // a number
	}
	if id == "" {
		id = origin
	}
	return &dyad.Article{ID: id, Date: date, Title: strings.TrimSpace(j.Title), Text: text, URL: strings.TrimSpace(j.URL), Source: strings.TrimSpace(j.Source), Origin: origin}, "", nil
}

// firstNonSpace returns the first byte after white space and a byte-order mark, without consuming it.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for i := 0; ; i++ {
		b, err := br.Peek(i + 1)
		if err != nil {
			return 0, err
		}
		c := b[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case i == 0 && len(b) >= 1 && c == 0xef:
			if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
				br.Discard(3)
				i = -1
				continue
			}
		}
		return c, nil
	}
}

// readJSONArray reads a JSON array of article objects, one element at a time; element N (from 1)
// has origin file#N.
func (r *reader) readJSONArray(br *bufio.Reader, origin string) error {
	dec := json.NewDecoder(br)
	if _, err := dec.Token(); err != nil {
		r.skip(origin, ReasonBadJSON, err)
		return nil
	}
	for n := 1; dec.More(); n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		where := origin + "#" + strconv.Itoa(n)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			r.skip(where, ReasonBadJSON, err) // a syntax error: the rest cannot be read
			return nil
		}
		if err := r.extract(where, func() (*dyad.Article, string, error) { return ParseJSONLine(raw, where) }); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		r.skip(origin, ReasonBadJSON, fmt.Errorf("end of array: %w", err))
	}
	return nil
}
