package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBench runs dyad bench briefly on a small corpus and checks that every stage is reported on
// one core and on two workers, and that it leaves no store behind.
func TestBench(t *testing.T) {
	dir := t.TempDir()
	text := " date 2024-03-01\nThe ministers met in Geneva on Monday. They agreed to talks.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the store stage writes
	code, out, errOut := runDyad(t, "bench", "--min-time", "1ms", "--workers", "2", "--repeat", "2", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "corpus: 2 articles (1 read, 0 skipped, x2), 4 sentences") {
		t.Errorf("corpus line missing or wrong:\n%s", out)
	}
	for _, stage := range []string{"read", "tokenize", "tag", "lemmatize", "parse", "code", "store", "dyad code"} {
		if !benchRow(out, stage) {
			t.Errorf("no row with both measurements for %s:\n%s", stage, out)
		}
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		t.Errorf("bench left %v in its temporary directory (%v)", left, err)
	}
	// Standard input can be read only once: no read row, the other stages as before.
	var sout, serr bytes.Buffer
	e := &env{stdin: strings.NewReader(text), stdout: &sout, stderr: &serr, getenv: func(string) string { return "" }}
	if code := Main(context.Background(), []string{"bench", "--min-time", "1ms", "--workers", "2", "-"}, e); code != 0 {
		t.Fatalf("standard input: exit %d: %s", code, serr.String())
	}
	if benchRow(sout.String(), "read") || !benchRow(sout.String(), "store") {
		t.Errorf("standard input: want no read row and a store row:\n%s", sout.String())
	}
	if code, _, _ := runDyad(t, "bench", "--repeat", "0", dir); code == 0 {
		t.Error("--repeat 0 accepted")
	}
}

// benchRow reports whether the bench output out has a row for stage with both measurements.
func benchRow(out, stage string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "|")
		if len(f) == 4 && strings.TrimSpace(f[0]) == stage && strings.Contains(f[2], "x") {
			return true
		}
	}
	return false
}
