package tokenize_test

import (
	"flag"
	"fmt"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/tokenize"
)

var retrain = flag.Bool("retrain", false, "retrain segmenter.bin from ../shared/treebanks")

// treebankDir returns ../shared/treebanks relative to the repository root, skipping the test
// when it is absent.
func treebankDir(t testing.TB) string {
	t.Helper()
	return testenv.Shared(t, "treebanks")
}

func readTreebank(t testing.TB, dir, name string) []*conllu.Sentence {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("treebank not available: %v", err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRetrain rewrites segmenter.bin when run with -retrain:
//
//	go test ./internal/nlp/tokenize -run TestRetrain -retrain
func TestRetrain(t *testing.T) {
	if !*retrain {
		t.Skip("run with -retrain to rewrite segmenter.bin")
	}
	dir := treebankDir(t)
	var docs []nlp.Doc
	for _, name := range []string{"en_ewt-ud-train.conllu", "en_gum-ccby-train.conllu"} {
		docs = append(docs, treebank.Documents(readTreebank(t, dir, name), treebank.JoinParagraphs)...)
	}
	m, err := tokenize.TrainSegmenter(docs, tokenize.SegTrainOptions{Seed: 1, Augment: true, Bags: 4, Margin: 4}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("segmenter.bin", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"en_ewt-ud-dev.conllu", "en_gum-ccby-dev.conllu"} {
		sc := treebank.Segmentation(readTreebank(t, dir, name), tokenize.NewWithModel(m))
		t.Logf("%s: sentences %s, tokens %s", name, prf(sc.Sentences), prf(sc.Tokens))
	}
}

func prf(s treebank.PRF) string {
	return fmt.Sprintf("P %.2f R %.2f F1 %.2f (gold %d, pred %d, correct %d)", 100*s.P, 100*s.R, 100*s.F1,
		s.Gold, s.Pred, s.Correct)
}

// TestTreebankScores measures sentence and token F1 on raw text rebuilt from the test
// treebanks (run with -v to see the figures) and fails below floors well under them.
func TestTreebankScores(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads treebanks")
	}
	dir := treebankDir(t)
	tok := tokenize.New()
	for _, c := range []struct {
		file     string
		filter   string // sent_id prefix of the documents kept, "" for all
		join     treebank.Join
		minSent  float64
		minToken float64
	}{
		{"en_ewt-ud-test.conllu", "", treebank.JoinParagraphs, 0.85, 0.97},
		{"en_ewt-ud-test.conllu", "", treebank.JoinSpace, 0.70, 0.97},
		{"en_gum-ccby-test.conllu", "", treebank.JoinParagraphs, 0.85, 0.97},
		{"en_gum-ccby-test.conllu", "", treebank.JoinSpace, 0.70, 0.97},
		{"en_gum-ccby-test.conllu", "GUM_news", treebank.JoinParagraphs, 0.85, 0.97},
		{"en_gum-ccby-dev.conllu", "GUM_news", treebank.JoinParagraphs, 0.85, 0.97},
	} {
		gold := readTreebank(t, dir, c.file)
		if c.filter != "" {
			gold = filterDocs(gold, c.filter)
		}
		sc := treebank.SegmentDocs(treebank.Documents(gold, c.join), tok)
		join := "paragraphs on new lines"
		if c.join == treebank.JoinSpace {
			join = "all joined by spaces"
		}
		t.Logf("%s %s (%d docs, %s): sentences %s; tokens %s", c.file, c.filter, sc.Docs, join,
			prf(sc.Sentences), prf(sc.Tokens))
		if sc.Sentences.F1 < c.minSent || sc.Tokens.F1 < c.minToken {
			t.Errorf("%s %s: sentence F1 %.4f (floor %.2f), token F1 %.4f (floor %.2f)", c.file, c.filter,
				sc.Sentences.F1, c.minSent, sc.Tokens.F1, c.minToken)
		}
	}
}

// filterDocs keeps the sentences whose sent_id starts with prefix (whole documents).
func filterDocs(gold []*conllu.Sentence, prefix string) []*conllu.Sentence {
	var out []*conllu.Sentence
	for _, s := range gold {
		if strings.HasPrefix(s.ID, prefix) {
			out = append(out, s)
		}
	}
	return out
}
