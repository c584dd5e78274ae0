// Package testenv holds what dyad's tests share: finding the repository root and the shared data
// folder beside it (../shared: treebanks, ontology, dev set, seed article; tests that need it skip
// cleanly when it is absent), reading treebanks, comparing output with golden files, and timing
// a tagger or a parser over sentences (BenchTokens). Only
// tests import this package.
package testenv

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// RepoRoot returns the folder holding go.mod, walking up from the test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test folder")
		}
		dir = parent
	}
}

// Shared returns the path of rel inside ../shared beside the repository, or skips the test when
// that file or folder does not exist.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(RepoRoot(t)), "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data not available: %s", p)
	}
	return p
}

// ReadCoNLLU reads every sentence of a CoNLL-U file, failing the test on any error.
func ReadCoNLLU(t testing.TB, path string) []*conllu.Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// Treebanks reads the named files of ../shared/treebanks in order, skipping the test when the
// folder is absent.
func Treebanks(t testing.TB, names ...string) []*conllu.Sentence {
	t.Helper()
	dir := Shared(t, "treebanks")
	var all []*conllu.Sentence
	for _, n := range names {
		all = append(all, ReadCoNLLU(t, filepath.Join(dir, n))...)
	}
	return all
}

// LoadFile opens the file at path and decodes it with load: a committed model, say. The test skips
// when the file is absent and fails when it does not decode.
func LoadFile[T any](t testing.TB, path string, load func(io.Reader) (T, error)) T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no file: %v", err)
	}
	defer f.Close()
	v, err := load(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	return v
}
