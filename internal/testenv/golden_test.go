package testenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping the test.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.failed = true; r.msg = f }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = true; r.msg = f }
func (r *recorder) Fatal(a ...any)            { r.failed = true }

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	r := &recorder{TB: t}
	Golden(r, path, []byte("a\nb\n"), false)
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	r = &recorder{TB: t}
	Golden(r, path, []byte("a\nb\n"), true)
	if r.failed {
		t.Errorf("update failed: %s", r.msg)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\nb\n" {
		t.Errorf("update wrote %q", b)
	}
	r = &recorder{TB: t}
	Golden(r, path, []byte("a\nb\n"), false)
	if r.failed {
		t.Error("equal output failed")
	}
	r = &recorder{TB: t}
	Golden(r, path, []byte("a\nc\n"), false)
	if !r.failed {
		t.Error("different output passed")
	}
	if d := FirstDiff("a\nc\n", "a\nb\n"); !strings.Contains(d, "line 2") {
		t.Errorf("FirstDiff = %q, want line 2", d)
	}
	if d := FirstDiff("same", "same"); d != "" {
		t.Errorf("FirstDiff of equal texts = %q", d)
	}
}
