package lemma

import (
	"flag"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

var (
	trainFlag = flag.Bool("train", false, "train a lemmatizer on ../shared/treebanks, report dev accuracy per pass")
	outFlag   = flag.String("out", "", "with -train: write the trained model to this file")
	errsFlag  = flag.Bool("errs", false, "with -train: log dev errors")
)

func readTreebanks(t testing.TB, names ...string) []*conllu.Sentence {
	t.Helper()
	return testenv.Treebanks(t, names...)
}

// TestTrainTreebank trains on EWT+GUM train and reports accuracy with gold tags. Run with -train.
func TestTrainTreebank(t *testing.T) {
	if !*trainFlag || testing.Short() {
		t.Skip("run with -train")
	}
	train := readTreebanks(t, "en_ewt-ud-train.conllu", "en_gum-ccby-train.conllu")
	start := time.Now()
	m, err := Train(train, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained in %v", time.Since(start))
	for _, n := range []string{"en_ewt-ud-dev.conllu", "en_gum-ccby-dev.conllu", "en_ewt-ud-test.conllu", "en_gum-ccby-test.conllu"} {
		t.Logf("%s: lemma %.2f%% (gold tags)", n, 100*Accuracy(m, readTreebanks(t, n)))
	}
	if *errsFlag {
		for _, g := range readTreebanks(t, "en_ewt-ud-dev.conllu") {
			s := g.NLP()
			s.Tokens = slices.Clone(s.Tokens)
			m.Lemmatize(&s)
			for i, tk := range s.Tokens {
				if tk.Lemma != g.Tokens[i].Lemma {
					t.Logf("ERR %s %s got %s want %s", tk.Text, tk.XPOS, tk.Lemma, g.Tokens[i].Lemma)
				}
			}
		}
	}
	if *outFlag != "" {
		f, err := os.Create(*outFlag)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestModelFileAccuracy checks the committed model on the EWT and GUM test sets with gold tags.
func TestModelFileAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	m := loadModelFile(t)
	for _, c := range []struct {
		file string
		min  float64
	}{
		{"en_ewt-ud-test.conllu", 0.985},
		{"en_gum-ccby-test.conllu", 0.985},
	} {
		a := Accuracy(m, readTreebanks(t, c.file))
		t.Logf("%s: lemma %.2f%% with gold tags", c.file, 100*a)
		if a < c.min {
			t.Errorf("%s: lemma accuracy %.4f, want >= %.4f", c.file, a, c.min)
		}
	}
}
