package treebank

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

// Attachment counts the words of gold-tokenized sentences whose predicted annotation matches the
// gold one. UAS counts correct heads; LAS correct heads with the full relation (subtypes included,
// "nsubj:pass" is not "nsubj"); ULAS correct heads with the universal part of the relation (the
// CoNLL 2018 shared task's LAS). Punctuation counts like any other word.
type Attachment struct {
	Words                    int
	UPOS, XPOS, Lemma        int
	UAS, LAS, ULAS           int
	Sentences, ExactSentence int // sentences, and sentences with every head and relation right
}

// Add compares one sentence; gold and pred must have the same words.
func (a *Attachment) Add(gold, pred []nlp.Token) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("treebank: %d gold words but %d predicted", len(gold), len(pred))
	}
	a.Sentences++
	exact := true
	for i := range gold {
		g, p := &gold[i], &pred[i]
		a.Words++
		if g.UPOS == p.UPOS {
			a.UPOS++
		}
		if g.XPOS == p.XPOS {
			a.XPOS++
		}
		if g.Lemma == p.Lemma {
			a.Lemma++
		}
		if g.Head != p.Head {
			exact = false
			continue
		}
		a.UAS++
		if g.Rel == p.Rel {
			a.LAS++
		} else {
			exact = false
		}
		if universal(g.Rel) == universal(p.Rel) {
			a.ULAS++
		}
	}
	if exact {
		a.ExactSentence++
	}
	return nil
}

func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// Pct returns n as a percentage of the words (0 when there are none).
func (a *Attachment) Pct(n int) float64 {
	if a.Words == 0 {
		return 0
	}
	return 100 * float64(n) / float64(a.Words)
}

// String formats the scores on one line.
func (a *Attachment) String() string {
	return fmt.Sprintf("words %d  UPOS %.2f  XPOS %.2f  lemma %.2f  UAS %.2f  LAS %.2f  (universal-relation LAS %.2f)",
		a.Words, a.Pct(a.UPOS), a.Pct(a.XPOS), a.Pct(a.Lemma), a.Pct(a.UAS), a.Pct(a.LAS), a.Pct(a.ULAS))
}

// Merge adds the counts of b to a.
func (a *Attachment) Merge(b *Attachment) {
	a.Words += b.Words
	a.UPOS += b.UPOS
	a.XPOS += b.XPOS
	a.Lemma += b.Lemma
	a.UAS += b.UAS
	a.LAS += b.LAS
	a.ULAS += b.ULAS
	a.Sentences += b.Sentences
	a.ExactSentence += b.ExactSentence
}
