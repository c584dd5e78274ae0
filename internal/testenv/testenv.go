// Package testenv finds what dyad's tests read from outside the repository: the repository root
// and the shared data folder beside it (../shared: treebanks, ontology, dev set, seed article).
// Tests that need shared data skip cleanly when it is absent. Only tests import this package.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
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
