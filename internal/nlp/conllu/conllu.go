// Package conllu reads and writes the CoNLL-U format of Universal Dependencies: the 10-column token
// lines, comments, multiword-token ranges (skipped, their words kept) and empty nodes (skipped).
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

// Sentence is one CoNLL-U sentence: its comments (without "# "), the text from "# text = ",
// and its syntactic words as nlp tokens (offsets are not known from CoNLL-U and stay 0),
// plus the raw MISC column of each word.
type Sentence struct {
	ID       string // from "# sent_id = "
	Text     string // from "# text = "
	NewDoc   bool   // a "# newdoc" comment precedes the sentence
	NewPar   bool   // a "# newpar" comment precedes the sentence
	Comments []string
	Tokens   []nlp.Token
	Misc     []string
}

// NLP returns the sentence as an nlp.Sentence (the tokens are shared, not copied).
func (s *Sentence) NLP() nlp.Sentence { return nlp.Sentence{Tokens: s.Tokens} }

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader returns a reader of r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	return &Reader{sc: sc, name: name}
}

// Read returns the next sentence, or io.EOF after the last one. A malformed line gives an error
// naming the file and line; the reader may be called again to go on with the next sentence.
func (r *Reader) Read() (*Sentence, error) {
	var s *Sentence
	var bad error
	for r.sc.Scan() {
		r.line++
		line := r.sc.Text()
		if strings.TrimSpace(line) == "" {
			if s != nil && (len(s.Tokens) > 0 || bad != nil) {
				if bad != nil {
					return nil, bad
				}
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if line[0] == '#' {
			c := strings.TrimSpace(line[1:])
			s.Comments = append(s.Comments, c)
			switch {
			case strings.HasPrefix(c, "text = "):
				s.Text = c[len("text = "):]
			case strings.HasPrefix(c, "sent_id = "):
				s.ID = c[len("sent_id = "):]
			case strings.HasPrefix(c, "newdoc"):
				s.NewDoc = true
			case strings.HasPrefix(c, "newpar"):
				s.NewPar = true
			}
			continue
		}
		if bad != nil {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			bad = fmt.Errorf("%s:%d: want 10 tab-separated columns, got %d", r.name, r.line, len(f))
			continue
		}
		if strings.ContainsAny(f[0], "-.") { // multiword token range or empty node
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(s.Tokens)+1 {
			bad = fmt.Errorf("%s:%d: bad token id %q", r.name, r.line, f[0])
			continue
		}
		head := -1
		if f[6] != "_" {
			h, err := strconv.Atoi(f[6])
			if err != nil || h < 0 {
				bad = fmt.Errorf("%s:%d: bad head %q", r.name, r.line, f[6])
				continue
			}
			head = h - 1
		}
		s.Tokens = append(s.Tokens, nlp.Token{
			Text: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5], Head: head, Rel: f[7],
			SpaceAfter: !strings.Contains(f[9], "SpaceAfter=No"),
		})
		s.Misc = append(s.Misc, f[9])
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, err)
	}
	if s != nil {
		if bad != nil {
			return nil, bad
		}
		if len(s.Tokens) > 0 {
			return s, nil
		}
	}
	return nil, io.EOF
}

// ReadAll reads every sentence. It stops at the first error.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		for i := range s.Tokens {
			if h := s.Tokens[i].Head; h >= len(s.Tokens) {
				return out, fmt.Errorf("%s: sentence %q: head %d out of range", name, s.ID, h+1)
			}
		}
		out = append(out, s)
	}
}

// Write writes a sentence in CoNLL-U: "# sent_id", "# text" when given, then the 10 columns.
// Empty fields are written as "_".
func Write(w io.Writer, id, text string, s *nlp.Sentence) error {
	b := &strings.Builder{}
	if id != "" {
		fmt.Fprintf(b, "# sent_id = %s\n", id)
	}
	if text != "" {
		fmt.Fprintf(b, "# text = %s\n", strings.ReplaceAll(text, "\n", " "))
	}
	for i, t := range s.Tokens {
		misc := "_"
		if !t.SpaceAfter && i < len(s.Tokens)-1 {
			misc = "SpaceAfter=No"
		}
		head := "_"
		if t.Rel != "" {
			head = strconv.Itoa(t.Head + 1)
		}
		fmt.Fprintf(b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", i+1, or_(t.Text), or_(t.Lemma),
			or_(t.UPOS), or_(t.XPOS), or_(t.Feats), head, or_(t.Rel), misc)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func or_(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
