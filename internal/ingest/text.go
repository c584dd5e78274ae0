package ingest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// seedHeader matches the first line of a seed-format file: optional blanks, "date", a date that
// looks like YYYY-MM-DD, then blanks or the end of the line.
var seedHeader = regexp.MustCompile(`^[ \t]*date[ \t]+([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ \t]+|$)`)

// ParseSeed reads a one-article text: when its first line starts with "date YYYY-MM-DD" (the seed
// format) the date is taken from there and the text is the rest of that line and the lines after;
// otherwise the whole input is the text and the date is zero. hasHeader tells which it was. Line ends
// are normalised to "\n" and the text is trimmed of surrounding white space. A header whose date does
// not parse is an error.
func ParseSeed(b []byte) (date dyad.Date, text string, hasHeader bool, err error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	first := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		first = b[:i]
	}
	first = bytes.TrimSuffix(first, []byte("\r"))
	if m := seedHeader.FindSubmatchIndex(first); m != nil {
		d, perr := dyad.ParseDate(string(first[m[2]:m[3]]))
		if perr != nil {
			return dyad.Date{}, "", true, perr
		}
		date, hasHeader = d, true
		b = b[m[1]:]
	}
	return date, normaliseText(string(b)), hasHeader, nil
}

// normaliseText turns CRLF and CR line ends into LF, drops NUL bytes and trims the text.
func normaliseText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.TrimSpace(s)
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in s, or -1.
func invalidUTF8(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineOf returns the 1-based line number of byte offset off in b.
func lineOf(b []byte, off int) int { return bytes.Count(b[:off], []byte("\n")) + 1 }

// readText reads a seed-format or plain-text file: one article whose id is the file name stem.
func (r *reader) readText(in io.Reader, origin, id string) error {
	b, err := io.ReadAll(io.LimitReader(in, maxTextFile+1))
	if err != nil {
		r.skip(origin, ReasonUnreadable, err)
		return nil
	}
	if len(b) > maxTextFile {
		r.skip(origin, ReasonTooLarge, fmt.Errorf("over %d MB", maxTextFile>>20))
		return nil
	}
	if !utf8.Valid(b) {
		off := invalidUTF8(string(b))
		r.skip(fmt.Sprintf("%s:%d", origin, lineOf(b, off)), ReasonInvalidUTF8, fmt.Errorf("byte %d", off))
		return nil
	}
	date, text, _, err := ParseSeed(b)
	if err != nil {
		r.skip(origin+":1", ReasonBadDate, err)
		return nil
	}
	return r.emit(&dyad.Article{ID: id, Date: date, Text: text, Origin: origin})
}

// dateOfTime returns the calendar day of t in its own zone: the day the publisher wrote.
func dateOfTime(t time.Time) dyad.Date {
	return dyad.DateOf(t.Year(), t.Month(), t.Day())
}

// parseDate reads a date given as YYYY-MM-DD, YYYYMMDD, RFC 3339, or RFC 3339 without zone (also
// with a space for the T). A time's date is the day in the time's own zone.
func parseDate(s string) (dyad.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return dyad.Date{}, nil
	}
	if d, err := dyad.ParseDate(s); err == nil {
		return d, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dateOfTime(t), nil
		}
	}
	return dyad.Date{}, fmt.Errorf("%q: want YYYY-MM-DD or RFC 3339", s)
}
