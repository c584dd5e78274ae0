package models_test

import (
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// sharedTreebank returns the path of a file in ../shared/treebanks next to the repository root,
// skipping the test when it is absent.
func sharedTreebank(t *testing.T, name string) string {
	t.Helper()
	return testenv.Shared(t, filepath.Join("treebanks", name))
}

// TestTreebankAccuracy guards the committed models against regressions: tags, lemmas and
// attachments on the gold words of EWT dev must stay above floors a little below the figures
// measured when the models were committed (UPOS 95.5, lemma 97.3, UAS 86.4, LAS 83.1 with the
// beam-8 parser).
func TestTreebankAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a treebank")
	}
	path := sharedTreebank(t, "en_ewt-ud-dev.conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline(t)
	var a treebank.Attachment
	for _, g := range gold {
		toks := make([]nlp.Token, len(g.Tokens))
		for i, tk := range g.Tokens {
			toks[i] = nlp.Token{Text: tk.Text, SpaceAfter: tk.SpaceAfter, Head: -1}
		}
		s := nlp.Sentence{Tokens: toks}
		p.AnnotateSentence(&s)
		if err := a.Add(g.Tokens, s.Tokens); err != nil {
			t.Fatal(err)
		}
	}
	t.Log(a.String())
	for _, c := range []struct {
		name  string
		got   float64
		floor float64
	}{
		{"UPOS", a.Pct(a.UPOS), 94.5},
		{"lemma", a.Pct(a.Lemma), 96.5},
		{"UAS", a.Pct(a.UAS), 85.5},
		{"LAS", a.Pct(a.LAS), 82},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.2f on %s, below the floor %.1f", c.name, c.got, path, c.floor)
		}
	}
}
