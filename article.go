package dyad

import (
	"encoding/json"
	"strconv"
)

// Article is one news document to be coded.
type Article struct {
	ID     string `json:"id"`     // unique within a corpus; a file name or file:line when the input has none
	Date   Date   `json:"date"`   // publication date; zero when unknown
	Title  string `json:"title"`  // headline, not coded
	Text   string `json:"text"`   // body text; span offsets in events are byte offsets into it
	URL    string `json:"url"`    // where it was published, if known
	Source string `json:"source"` // outlet or feed name, if known
	Origin string `json:"-"`      // where dyad read it (file, file:line, WARC record), for messages
}

// Span is a half-open byte range [Start, End) in an article's text.
type Span struct{ Start, End int }

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies inside s.
func (s Span) Contains(t Span) bool { return t.Start >= s.Start && t.End <= s.End }

// MarshalJSON writes the span as [start,end].
func (s Span) MarshalJSON() ([]byte, error) {
	return []byte("[" + strconv.Itoa(s.Start) + "," + strconv.Itoa(s.End) + "]"), nil
}

// UnmarshalJSON reads [start,end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var v [2]int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	s.Start, s.End = v[0], v[1]
	return nil
}
