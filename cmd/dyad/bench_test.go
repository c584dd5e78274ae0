package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBench runs dyad bench briefly on a small corpus and checks that every stage is reported on
// one core and on two workers.
func TestBench(t *testing.T) {
	dir := t.TempDir()
	text := " date 2024-03-01\nThe ministers met in Geneva on Monday. They agreed to talks.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runDyad(t, "bench", "--min-time", "1ms", "--workers", "2", "--repeat", "2", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "corpus: 2 articles (1 read, 0 skipped, x2), 4 sentences") {
		t.Errorf("corpus line missing or wrong:\n%s", out)
	}
	for _, stage := range []string{"tokenize", "tag", "lemmatize", "parse", "code", "dyad code"} {
		found := false
		for _, line := range strings.Split(out, "\n") {
			f := strings.Split(line, "|")
			if len(f) == 4 && strings.TrimSpace(f[0]) == stage && strings.Contains(f[2], "x") {
				found = true
			}
		}
		if !found {
			t.Errorf("no row with both measurements for %s:\n%s", stage, out)
		}
	}
	if code, _, _ := runDyad(t, "bench", "--repeat", "0", dir); code == 0 {
		t.Error("--repeat 0 accepted")
	}
}
