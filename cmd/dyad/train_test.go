package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/lemma"
	"github.com/dyad-events/dyad/internal/nlp/parse"
	"github.com/dyad-events/dyad/internal/nlp/tag"
)

func TestTrainWritesLoadableModels(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runNLPCmd(t, "", "train", "--treebank", "testdata/parse/tiny.conllu,testdata/parse/tiny.conllu",
		"--dev", "testdata/parse/tiny.conllu", "--iterations", "3", "--jackknife", "2", "--beam", "4", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"jackknife fold 2/2", "parse: iteration 3/3 (beam ", "UAS", "wrote tagger.bin, lemma.bin and parser.bin"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress log lacks %q:\n%s", want, stderr)
		}
	}
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	if _, err := tag.Load(open("tagger.bin")); err != nil {
		t.Errorf("tagger.bin: %v", err)
	}
	if _, err := lemma.Load(open("lemma.bin")); err != nil {
		t.Errorf("lemma.bin: %v", err)
	}
	if _, err := parse.Load(open("parser.bin")); err != nil {
		t.Errorf("parser.bin: %v", err)
	}
	// the same seed gives the same parser
	dir2 := t.TempDir()
	if code, _, stderr := runNLPCmd(t, "", "train", "--treebank", "testdata/parse/tiny.conllu,testdata/parse/tiny.conllu",
		"--iterations", "3", "--jackknife", "2", "--beam", "4", "-o", dir2); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "parser.bin"))
	b, _ := os.ReadFile(filepath.Join(dir2, "parser.bin"))
	if string(a) != string(b) {
		t.Error("two trainings with the same seed wrote different parser.bin files")
	}
}

func TestTrainErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"train", "-o", dir}, 2, "need --treebank"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu"}, 2, "need --treebank"},
		{[]string{"train", "--treebank", "testdata/parse/missing.conllu", "-o", dir}, 1, "testdata/parse/missing.conllu"},
		{[]string{"train", "--treebank", "testdata/parse/news.txt", "-o", dir}, 1, "testdata/parse/news.txt:1"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--dev", "testdata/parse/none.conllu", "-o", dir}, 1, "testdata/parse/none.conllu"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--iterations", "-1", "-o", dir}, 2, "must not be negative"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "-o", dir, "extra"}, 2, "unexpected arguments"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--beam", "0", "-o", dir}, 2, "--beam must be between"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--runs", "-2", "-o", dir}, 2, "must not be negative"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--prune", "1", "-o", dir}, 2, "--prune: want ACT/LABEL"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--prune", "1/x", "-o", dir}, 2, "--prune: want ACT/LABEL"},
		{[]string{"train", "--treebank", "testdata/parse/tiny.conllu", "--prune", "0/0,-1/2", "-o", dir}, 2, "--prune: want ACT/LABEL"},
	}
	for _, tt := range tests {
		code, _, stderr := runNLPCmd(t, "", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
			t.Errorf("dyad %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.inStderr)
		}
	}
}

// TestTrainParserOnly retrains only the parser next to the models of a full run: the tagger and
// lemmatizer are read back from the directory, so the new parser.bin must equal the full run's.
func TestTrainParserOnly(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "--treebank", "testdata/parse/tiny.conllu,testdata/parse/tiny.conllu",
		"--iterations", "3", "--jackknife", "2", "-o", dir}
	if code, _, stderr := runNLPCmd(t, "", args...); code != 0 {
		t.Fatalf("full run: exit %d: %s", code, stderr)
	}
	full, _ := os.ReadFile(filepath.Join(dir, "parser.bin"))
	tagger, _ := os.ReadFile(filepath.Join(dir, "tagger.bin"))
	if err := os.Remove(filepath.Join(dir, "parser.bin")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runNLPCmd(t, "", append(args, "--parser-only", "--dev", "testdata/parse/tiny.conllu")...)
	if code != 0 {
		t.Fatalf("parser-only run: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"jackknife fold 2/2", "UAS", "wrote parser.bin"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress log lacks %q:\n%s", want, stderr)
		}
	}
	again, _ := os.ReadFile(filepath.Join(dir, "parser.bin"))
	if len(full) == 0 || string(again) != string(full) {
		t.Errorf("parser-only run wrote a parser.bin of %d bytes unlike the full run's %d", len(again), len(full))
	}
	if t2, _ := os.ReadFile(filepath.Join(dir, "tagger.bin")); string(t2) != string(tagger) {
		t.Error("parser-only run rewrote tagger.bin")
	}
	// without a tagger to read, parser-only fails
	empty := t.TempDir()
	if code, _, _ := runNLPCmd(t, "", "train", "--treebank", "testdata/parse/tiny.conllu", "--parser-only", "-o", empty); code != 1 {
		t.Errorf("parser-only without tagger.bin: exit %d, want 1", code)
	}
}

// TestTrainPruneList makes parser.bin and a more pruned variant from one training: parser.bin must
// be the file of a run without --prune, the variant a smaller loadable model.
func TestTrainPruneList(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "--treebank", "testdata/parse/tiny.conllu", "--iterations", "3", "--jackknife", "0", "-o", dir}
	if code, _, stderr := runNLPCmd(t, "", args...); code != 0 {
		t.Fatalf("plain run: exit %d: %s", code, stderr)
	}
	plain, _ := os.ReadFile(filepath.Join(dir, "parser.bin"))
	if code, _, stderr := runNLPCmd(t, "", append(args, "--parser-only", "--prune", "0/0,0.5/0.25")...); code != 0 {
		t.Fatalf("run with --prune: exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "parser.bin"))
	if len(plain) == 0 || string(first) != string(plain) {
		t.Errorf("--prune 0/0,...: parser.bin of %d bytes unlike the plain run's %d", len(first), len(plain))
	}
	variant, err := os.ReadFile(filepath.Join(dir, "parser-0.5-0.25.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(variant) >= len(plain) {
		t.Errorf("pruned variant has %d bytes, parser.bin %d", len(variant), len(plain))
	}
	if _, err := parse.Load(bytes.NewReader(variant)); err != nil {
		t.Errorf("loading the pruned variant: %v", err)
	}
}
