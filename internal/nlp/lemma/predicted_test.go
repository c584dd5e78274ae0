package lemma_test

import (
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/lemma"
	"github.com/dyad-events/dyad/internal/nlp/tag"
)

// TestPredictedTags measures the committed lemmatizer on the EWT and GUM test sets tagged by the
// committed tagger (gold tokenization). Only the test imports the tagger.
func TestPredictedTags(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	load := func(path string, load func(f *os.File) error) {
		f, err := os.Open(path)
		if err != nil {
			t.Skipf("no model: %v", err)
		}
		defer f.Close()
		if err := load(f); err != nil {
			t.Fatal(err)
		}
	}
	var tm *tag.Model
	var lm *lemma.Model
	load("../models/tagger.bin", func(f *os.File) (err error) { tm, err = tag.Load(f); return err })
	load("../models/lemma.bin", func(f *os.File) (err error) { lm, err = lemma.Load(f); return err })
	shared := filepath.Dir(testenv.Shared(t, "treebanks"))
	for _, c := range []struct {
		file string
		min  float64
	}{
		{"en_ewt-ud-test.conllu", 0.97},
		{"en_gum-ccby-test.conllu", 0.975},
	} {
		f, err := os.Open(filepath.Join(shared, "treebanks", c.file))
		if err != nil {
			t.Skipf("treebank absent: %v", err)
		}
		gold, err := conllu.ReadAll(f, c.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var n, ok, nn, okn int
		for _, g := range gold {
			news := strings.HasPrefix(g.ID, "GUM_news_")
			s := g.NLP()
			s.Tokens = slices.Clone(s.Tokens)
			tm.Tag(&s)
			lm.Lemmatize(&s)
			for i, tk := range s.Tokens {
				n++
				if tk.Lemma == g.Tokens[i].Lemma {
					ok++
				}
				if news {
					nn++
					if tk.Lemma == g.Tokens[i].Lemma {
						okn++
					}
				}
			}
		}
		a := float64(ok) / float64(n)
		t.Logf("%s: lemma %.2f%% with predicted tags", c.file, 100*a)
		if nn > 0 {
			t.Logf("%s, news genre only: lemma %.2f%% with predicted tags", c.file, 100*float64(okn)/float64(nn))
		}
		if a < c.min {
			t.Errorf("%s: lemma accuracy %.4f with predicted tags, want >= %.2f", c.file, a, c.min)
		}
	}
}
