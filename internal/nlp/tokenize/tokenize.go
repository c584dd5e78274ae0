// Package tokenize owns dyad's sentence segmenter and word tokenizer for English. Tokens follow
// Universal Dependencies English (EWT) conventions: clitics split ("don't" → do n't, "Iran's" →
// Iran 's, "can't" → ca n't, "gonna" → gon na), punctuation split off, abbreviations ("U.S.",
// "Gen."), numbers ("3.5", "10,000"), URLs, e-mail addresses and words with bound prefixes
// ("e-mail", "de-escalate") kept whole, other hyphens split ("well - known"). A sentence-final
// abbreviation gives its period to the sentence ("in the U.S." → U.S .), as in UD. Every token
// and sentence carries byte offsets into the input.
//
// Words are found by hand-written rules over bytes (no regular expressions). A blank line always
// ends a sentence, and so does a web or e-mail address followed by another (a list of them);
// "a.m."/"p.m." before a day or time zone ("5 p.m. Monday") never does, nor does "AM"/"PM" after
// anything but a clock time ("India's PM Modi"). Every other gap that
// could end one (after punctuation, before a capital, at a line break, around an address) is
// decided by an averaged-perceptron classifier over the tokens around the gap, the spelling
// statistics of the words on both sides of it, the sentence so far (its first word, brackets and
// quotes left open), the place of the gap in its line and the first token of that line, the
// layout of the text (single line, lines, blank-line paragraphs with wrapped lines) and its
// punctuation habits (see casualness: mail and forum text often ends sentences without a mark).
// The model (segmenter.bin, embedded) is trained by TrainSegmenter on raw text rebuilt from the
// EWT and GUM training treebanks, plus one-line and hard-wrapped variants of it; it averages
// four perceptrons trained on different shufflings, each also updated on right decisions that
// scored within a margin of the threshold. To retrain it (about a minute):
//
//	go test ./internal/nlp/tokenize -run TestRetrain -retrain
//
// which reads ../shared/treebanks/{en_ewt-ud-train,en_gum-ccby-train}.conllu (seed 1, four
// bags, five iterations, margin 4: the result is deterministic) and reports the scores on the
// EWT and GUM dev sets; `go test ./internal/nlp/tokenize -run TestTreebank -v` reports the
// scores on the test sets, and
//
//	go test ./internal/nlp/tokenize -run TestSegmentErrors -segerrors /tmp/errors.tsv -v
//
// lists the sentence-boundary errors on the EWT dev set by type.
package tokenize

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

//go:embed segmenter.bin
var segmenterBin string

// Tokenizer splits English text into sentences of tokens. It is safe for concurrent use.
type Tokenizer struct {
	model *SegModel // nil: rules only
}

// New returns a tokenizer with the embedded sentence-boundary model. It panics when the
// embedded model is corrupt, which the package's tests rule out.
func New() *Tokenizer {
	m, err := LoadSegModel(strings.NewReader(segmenterBin))
	if err != nil {
		panic(fmt.Sprintf("tokenize: embedded model: %v", err))
	}
	return &Tokenizer{model: m}
}

// NewWithModel returns a tokenizer that uses m to find sentence ends; with a nil m it uses
// rules only.
func NewWithModel(m *SegModel) *Tokenizer { return &Tokenizer{model: m} }

// Tokenize splits text into sentences of tokens. Offsets are byte offsets into text; Head is -1
// and tags are empty. Every non-space character of text is in exactly one token, and every
// token in one sentence.
func (t *Tokenizer) Tokenize(text string) []nlp.Sentence {
	toks := t.words(text)
	if len(toks) == 0 {
		return nil
	}
	// Decide the sentence ends, marking them in Head (reset below) to spare an allocation.
	const endMark = -2
	sc := scanner{text: text, learned: t.learned()}
	lay := ctx{text: text, toks: toks, style: layout(text), casual: casualness(toks)}
	if lay.style > 0 {
		lay.maxLine = maxLine(text)
	}
	since, nsent, splits := 0, 0, 0
	lay.lineEnd = -1
	for i := range toks {
		since++
		lay.track(&toks[i])
		if t.ends(&sc, &lay, i, since-1) {
			lay.newSentence()
			toks[i].Head = endMark
			nsent++
			since = 0
			if class(toks[i].Text) == kAbbr {
				splits++
			}
		}
	}
	out := toks
	if splits > 0 {
		// UD: a sentence-final abbreviation gives up its period to the sentence ("U.S" "."). The
		// tokens move right from the back, in the spare capacity when there is some.
		n := len(toks)
		if cap(toks) >= n+splits {
			out = toks[:n+splits]
		} else {
			out = make([]nlp.Token, n+splits)
			copy(out, toks)
		}
		w := n + splits - 1
		for r := n - 1; r >= 0; r-- {
			tok := out[r]
			if tok.Head == endMark && class(tok.Text) == kAbbr {
				dot := tok
				dot.Text, dot.Start = tok.Text[len(tok.Text)-1:], tok.End-1
				tok.Text, tok.End, tok.SpaceAfter, tok.Head = tok.Text[:len(tok.Text)-1], tok.End-1, false, -1
				out[w] = dot
				w--
			}
			out[w] = tok
			w--
		}
	}
	sents := make([]nlp.Sentence, 0, nsent)
	a := 0
	for i := range out {
		if out[i].Head == endMark {
			out[i].Head = -1
			ts := out[a : i+1 : i+1]
			sents = append(sents, nlp.Sentence{Start: ts[0].Start, End: ts[len(ts)-1].End, Tokens: ts})
			a = i + 1
		}
	}
	return sents
}

// Words returns the tokens of text without sentence segmentation (abbreviations keep their
// period).
func (t *Tokenizer) Words(text string) []nlp.Token { return t.words(text) }

func (t *Tokenizer) words(text string) []nlp.Token {
	sc := scanner{text: text, learned: t.learned(), toks: make([]nlp.Token, 0, len(text)/4+16)}
	sc.scan()
	return sc.toks
}

func (t *Tokenizer) learned() map[string]bool {
	if t.model == nil {
		return nil
	}
	return t.model.abbrevs
}

// ends reports whether a sentence ends after lay.toks[i]; since counts the tokens of the
// sentence before it; lay holds the text, tokens and layout.
func (t *Tokenizer) ends(sc *scanner, lay *ctx, i, since int) bool {
	toks := lay.toks
	if i == len(toks)-1 {
		return true
	}
	if !candidate(sc.text, toks, i) {
		return false
	}
	nl := newlines(sc.text, toks, i)
	if nl >= 2 {
		return true
	}
	if urlLike(toks[i].Text) && urlLike(toks[i+1].Text) {
		return true // a list of addresses: one sentence each, as in EWT
	}
	if nl == 0 && lay.style == 0 && class(toks[i].Text) == kUpper && class(toks[i+1].Text) == kUpper {
		// Text with no line breaks at all (a news article flattened onto one line) does not end
		// a sentence between two capitalised words with no punctuation: "President Vladimir
		// Putin", "Supreme Leader Ali Khamenei".
		return false
	}
	if nl == 0 && (toks[i].Text == "PM" || toks[i].Text == "AM") && (i == 0 || class(toks[i-1].Text) != kDigit) {
		// "AM"/"PM" not after a clock time is no time of day ("India's PM Narendra Modi"), so
		// nothing ends after it; the treebanks have it almost only as one ("05:09 PM Jeff,").
		return false
	}
	c := *lay
	c.i, c.since = i, since
	if class(toks[i].Text) == kAbbr {
		if nl == 0 && sc.timeOfDay(toks[i].Text, toks[i+1].Text) {
			return false
		}
		c.abbrevListed = sc.listed(toks[i].Text)
	}
	if t.model != nil {
		c.ortho1 = sc.orthoOf(t.model.ortho, toks[i+1].Text)
		c.ortho0 = sc.orthoOf(t.model.ortho, toks[i].Text)
		return t.model.score(&c) > 0
	}
	return ruleEnds(&c, nl)
}

// listed reports whether the abbreviation w (with its period) is in a word list or learned.
func (s *scanner) listed(w string) bool {
	w = w[:len(w)-1]
	if len(w) > 8 {
		return false
	}
	s.key = lowerKey(s.key, w)
	k := string(s.key)
	return abbrevs[k] || numberAbbrevs[k] || s.learned[k]
}

// timeOfDay reports whether abbreviation w is a.m. or p.m. and the next word next names the
// day or the time zone, as in news style "at 5 p.m. Monday", "9 a.m. EST": then the sentence
// goes on (the treebanks have too few of these for the model to learn it).
func (s *scanner) timeOfDay(w, next string) bool {
	if len(w) != 4 || len(next) > 9 || !strings.EqualFold(w[1:], ".m.") || (w[0]|0x20 != 'a' && w[0]|0x20 != 'p') {
		return false
	}
	s.key = lowerKey(s.key, next)
	return dayWords[string(s.key)]
}

// orthoOf returns the orthographic class of word w in ortho, 'p' for a non-word.
func (s *scanner) orthoOf(ortho map[string]byte, w string) byte {
	r, _ := decode(w, 0)
	if !isAlnum(r) || isDigit(r) {
		return 'p'
	}
	if len(w) > 40 {
		return orthoUnknown
	}
	s.key = lowerKey(s.key, w)
	if o, ok := ortho[string(s.key)]; ok {
		return o
	}
	return orthoUnknown
}

// ruleEnds decides a sentence end without a model.
func ruleEnds(c *ctx, nl int) bool {
	toks, i := c.toks, c.i
	k0 := class(toks[i].Text)
	r1, _ := decode(toks[i+1].Text, 0)
	k1 := class(toks[i+1].Text)
	next := isUpper(r1) || isDigit(r1) || k1 == kOpen || k1 == kQuote
	switch k0 {
	case kFinal:
		return next || nl > 0
	case kClose, kQuote:
		if i > 0 && class(toks[i-1].Text) == kFinal {
			return next || nl > 0
		}
	case kAbbr:
		return !c.abbrevListed && len(toks[i].Text) > 2 && isUpper(r1) || nl > 0 && next
	}
	return nl > 0 && next
}
