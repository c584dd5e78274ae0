package tokenize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// TestTreebankWrapped measures sentence F1 on the test treebanks re-laid as hard-wrapped text
// (see wrapped); run with -v to see the figures.
func TestTreebankWrapped(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads treebanks")
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Skip("no go.mod")
		}
		dir = filepath.Dir(dir)
	}
	tok := New()
	for _, name := range []string{"en_ewt-ud-test.conllu", "en_gum-ccby-test.conllu"} {
		path := filepath.Join(dir, "..", "shared", "treebanks", name)
		f, err := os.Open(path)
		if err != nil {
			t.Skipf("treebank not available: %v", err)
		}
		gold, err := conllu.ReadAll(f, path)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var docs []nlp.Doc
		for i, d := range treebank.Documents(gold, treebank.JoinParagraphs) {
			docs = append(docs, wrapped(d, 72, uint64(i)))
		}
		sc := treebank.SegmentDocs(docs, tok)
		t.Logf("%s wrapped at 72 columns: sentences P %.2f R %.2f F1 %.2f", name, 100*sc.Sentences.P,
			100*sc.Sentences.R, 100*sc.Sentences.F1)
		if sc.Sentences.F1 < 0.8 {
			t.Errorf("%s wrapped: sentence F1 %.4f below 0.80", name, sc.Sentences.F1)
		}
	}
}
