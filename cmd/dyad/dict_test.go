package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runDyad(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = Main(context.Background(), args, e)
	return code, out.String(), errb.String()
}

func TestDictCommand(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "people.txt"), []byte("Jo Doe\n\tIRN GOV 2020-99-01..\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := t.TempDir()
	if err := os.WriteFile(filepath.Join(good, "people.txt"), []byte("Jo Doe|Doe\n\tIRN GOV 2020-01-01..2021-01-01 president\n\tIRN OPP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string // substrings of stdout
	}{
		{"stats", []string{"dict", "stats"}, 0, []string{"countries", "places", "CAMEO codes covered"}},
		{"check bundled", []string{"dict", "check"}, 0, []string{"ok: 0 errors"}},
		{"check bad", []string{"dict", "check", "--dict", bad}, 1, []string{"people.txt:2: bad FROM date"}},
		{"lookup seat", []string{"dict", "lookup", "the", "Kremlin"}, 0, []string{`"the kremlin"`, "RUSGOV"}},
		{"lookup dated in", []string{"dict", "lookup", "--dict", good, "--date", "2020-06-01", "Doe"}, 0, []string{"IRNGOV (president)"}},
		{"lookup dated out", []string{"dict", "lookup", "--dict", good, "--date", "2022-06-01", "Doe"}, 0, []string{"IRNOPP"}},
		{"lookup place", []string{"dict", "lookup", "Gaza Strip"}, 0, []string{"place region"}},
		{"lookup nothing", []string{"dict", "lookup", "zzyzx"}, 0, []string{"no match"}},
		{"lookup no words", []string{"dict", "lookup"}, 2, nil},
		{"bad date", []string{"dict", "lookup", "--date", "soon", "Iran"}, 2, nil},
		{"unknown sub", []string{"dict", "frob"}, 2, nil},
		{"no sub", []string{"dict"}, 2, nil},
		{"missing dir", []string{"dict", "stats", "--dict", filepath.Join(bad, "nope")}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runDyad(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
