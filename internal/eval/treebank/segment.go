package treebank

import (
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// PRF is a precision/recall/F1 score over matched items.
type PRF struct {
	P, R, F1            float64
	Gold, Pred, Correct int
}

// NewPRF computes precision, recall and F1 from counts; empty sides score 0.
func NewPRF(gold, pred, correct int) PRF {
	s := PRF{Gold: gold, Pred: pred, Correct: correct}
	if pred > 0 {
		s.P = float64(correct) / float64(pred)
	}
	if gold > 0 {
		s.R = float64(correct) / float64(gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// Add returns the sum of the counts of two scores with P, R and F1 recomputed.
func (s PRF) Add(o PRF) PRF {
	return NewPRF(s.Gold+o.Gold, s.Pred+o.Pred, s.Correct+o.Correct)
}

// Tokenizer is what Segmentation scores: raw text in, sentences of tokens with byte offsets out.
type Tokenizer interface {
	Tokenize(text string) []nlp.Sentence
}

// SegScores are the scores of a tokenizer on raw text rebuilt from gold sentences. Sentences
// counts a sentence correct when its span (first token start to last token end) equals a gold
// sentence's span; Tokens counts a token correct when its byte span equals a gold word's span.
type SegScores struct {
	Docs      int
	Sentences PRF
	Tokens    PRF
}

// Join says how Documents glues the gold sentences of a document into raw text.
type Join int

const (
	// JoinParagraphs separates sentences by one space and paragraphs ("# newpar") by a newline.
	JoinParagraphs Join = iota
	// JoinSpace separates every sentence by one space: no layout cue is left.
	JoinSpace
)

// Documents rebuilds raw documents from gold sentences: a document starts at a "# newdoc"
// sentence, its text is the sentences' "# text" joined as join says, and its Sentences are the
// gold sentences with byte offsets (sentence spans and word spans) into that text. A word whose
// form cannot be found at its place in the text (a multiword token spelled differently from
// its words) gets a best-effort span.
func Documents(gold []*conllu.Sentence, join Join) []nlp.Doc {
	var docs []nlp.Doc
	var b strings.Builder
	var sents []nlp.Sentence
	flush := func() {
		if len(sents) > 0 {
			docs = append(docs, nlp.Doc{Text: b.String(), Sentences: sents})
		}
		b.Reset()
		sents = nil
	}
	for _, g := range gold {
		if g.NewDoc {
			flush()
		}
		text := g.Text
		if text == "" { // no "# text": rebuild it from the words
			text = segWordsText(g.Tokens)
		}
		if len(sents) > 0 {
			if g.NewPar && join == JoinParagraphs {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		base := b.Len()
		b.WriteString(text)
		s := nlp.Sentence{Start: base, End: base + len(text), Tokens: make([]nlp.Token, len(g.Tokens))}
		segAlign(text, base, g.Tokens, s.Tokens)
		sents = append(sents, s)
	}
	flush()
	return docs
}

func segWordsText(toks []nlp.Token) string {
	var b strings.Builder
	for i, t := range toks {
		b.WriteString(t.Text)
		if t.SpaceAfter && i < len(toks)-1 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// segAlign copies the gold words into out with spans found by walking text.
func segAlign(text string, base int, words, out []nlp.Token) {
	pos := 0
	for i, w := range words {
		for pos < len(text) && segIsSpace(text[pos]) {
			pos++
		}
		t := w
		t.Start, t.End = base+pos, base+pos
		switch {
		case strings.HasPrefix(text[pos:], w.Text):
			pos += len(w.Text)
		case len(text)-pos >= len(w.Text) && strings.EqualFold(text[pos:pos+len(w.Text)], w.Text):
			pos += len(w.Text)
		default: // spelled differently: take the rest of the white-space delimited chunk
			e := pos
			for e < len(text) && !segIsSpace(text[e]) {
				e++
			}
			if e > pos && len(w.Text) < e-pos && i+1 < len(words) {
				e = pos + len(w.Text)
			}
			pos = e
		}
		t.End = base + pos
		t.SpaceAfter = pos < len(text) && segIsSpace(text[pos])
		out[i] = t
	}
}

// segSpan is a byte span [a, b) in a document.
type segSpan struct{ a, b int }

func segIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Segmentation scores tok on the raw text of the gold sentences, rebuilt per document with
// sentences separated by a space and paragraphs by a newline (JoinParagraphs).
func Segmentation(gold []*conllu.Sentence, tok Tokenizer) SegScores {
	return SegmentDocs(Documents(gold, JoinParagraphs), tok)
}

// SegmentDocs scores tok on documents with gold offsets (as made by Documents).
func SegmentDocs(docs []nlp.Doc, tok Tokenizer) SegScores {
	var sc SegScores
	var sg, sp, sc1, tg, tp, tc int
	goldS := map[segSpan]bool{}
	goldT := map[segSpan]bool{}
	for _, d := range docs {
		clear(goldS)
		clear(goldT)
		for _, s := range d.Sentences {
			goldS[sentSpan(d.Text, s)] = true
			for _, t := range s.Tokens {
				goldT[segSpan{t.Start, t.End}] = true
			}
		}
		sg += len(goldS)
		tg += len(goldT)
		for _, s := range tok.Tokenize(d.Text) {
			sp++
			if goldS[sentSpan(d.Text, s)] {
				sc1++
			}
			for _, t := range s.Tokens {
				tp++
				if goldT[segSpan{t.Start, t.End}] {
					tc++
				}
			}
		}
		sc.Docs++
	}
	sc.Sentences = NewPRF(sg, sp, sc1)
	sc.Tokens = NewPRF(tg, tp, tc)
	return sc
}

// sentSpan is the span of a sentence from its first token to its last, or its own span with
// white space trimmed when it has no tokens.
func sentSpan(text string, s nlp.Sentence) segSpan {
	if n := len(s.Tokens); n > 0 {
		return segSpan{s.Tokens[0].Start, s.Tokens[n-1].End}
	}
	a, b := s.Start, s.End
	for a < b && segIsSpace(text[a]) {
		a++
	}
	for b > a && segIsSpace(text[b-1]) {
		b--
	}
	return segSpan{a, b}
}
