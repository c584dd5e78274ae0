package treebank

import (
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

func TestAttachment(t *testing.T) {
	gold := []nlp.Token{
		{Text: "Talks", UPOS: "NOUN", XPOS: "NNS", Lemma: "talk", Head: 2, Rel: "nsubj:pass"},
		{Text: "were", UPOS: "AUX", XPOS: "VBD", Lemma: "be", Head: 2, Rel: "aux:pass"},
		{Text: "held", UPOS: "VERB", XPOS: "VBN", Lemma: "hold", Head: -1, Rel: "root"},
		{Text: ".", UPOS: "PUNCT", XPOS: ".", Lemma: ".", Head: 2, Rel: "punct"},
	}
	change := func(f func(p []nlp.Token)) []nlp.Token {
		p := append([]nlp.Token(nil), gold...)
		f(p)
		return p
	}
	tests := []struct {
		name                                  string
		pred                                  []nlp.Token
		upos, xpos, lemma, uas, las, ulas, ex int
	}{
		{"identical", gold, 4, 4, 4, 4, 4, 4, 1},
		{"wrong head", change(func(p []nlp.Token) { p[3].Head = 0 }), 4, 4, 4, 3, 3, 3, 0},
		{"subtype lost", change(func(p []nlp.Token) { p[0].Rel = "nsubj" }), 4, 4, 4, 4, 3, 4, 0},
		{"wrong relation", change(func(p []nlp.Token) { p[1].Rel = "cop" }), 4, 4, 4, 4, 3, 3, 0},
		{"wrong head and relation", change(func(p []nlp.Token) { p[1].Head, p[1].Rel = 0, "dep" }), 4, 4, 4, 3, 3, 3, 0},
		{"tags and lemma", change(func(p []nlp.Token) { p[2].UPOS, p[2].XPOS, p[0].Lemma = "ADJ", "JJ", "talks" }), 3, 3, 3, 4, 4, 4, 1},
	}
	for _, tt := range tests {
		var a Attachment
		if err := a.Add(gold, tt.pred); err != nil {
			t.Fatal(err)
		}
		got := []int{a.UPOS, a.XPOS, a.Lemma, a.UAS, a.LAS, a.ULAS, a.ExactSentence}
		want := []int{tt.upos, tt.xpos, tt.lemma, tt.uas, tt.las, tt.ulas, tt.ex}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: counts UPOS XPOS lemma UAS LAS ULAS exact = %v, want %v", tt.name, got, want)
				break
			}
		}
		if a.Words != 4 || a.Sentences != 1 {
			t.Errorf("%s: %d words %d sentences, want 4 and 1", tt.name, a.Words, a.Sentences)
		}
	}
}

func TestAttachmentErrorsAndMerge(t *testing.T) {
	var a Attachment
	if err := a.Add(make([]nlp.Token, 2), make([]nlp.Token, 3)); err == nil {
		t.Error("Add of sentences of different lengths succeeded")
	}
	if a.Pct(0) != 0 {
		t.Error("Pct of an empty score is not 0")
	}
	b := Attachment{Words: 4, UAS: 3, LAS: 2, Sentences: 1}
	a.Merge(&b)
	a.Merge(&b)
	if a.Words != 8 || a.UAS != 6 || a.LAS != 4 || a.Sentences != 2 || a.Pct(a.UAS) != 75 {
		t.Errorf("merged %+v, want twice %+v", a, b)
	}
}
