package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The gold file holds events of the bundled examples, hand-coded for this test.
func TestEvalCommand(t *testing.T) {
	gold := filepath.Join("testdata", "examples-gold.jsonl")
	code, out, errs := runDyad(t, "eval", "--gold", gold, "../../examples/news.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{"articles 3, gold events 4", "level  precision", "root ", "code ", "full ",
		"per CAMEO root", "misses", "false alarms"} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
	code, out, errs = runDyad(t, "eval", "--json", "--gold", gold, "../../examples/news.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var levels []struct {
		Level             string
		Precision, Recall float64
		Gold, Coded       int
		Match             int
	}
	if err := json.Unmarshal([]byte(out), &levels); err != nil || len(levels) != 3 {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if levels[0].Level != "root" || levels[0].Gold != 4 || levels[0].Match < 2 {
		t.Errorf("root level = %+v: the phone call should match both ways", levels[0])
	}
	if levels[0].Match < levels[1].Match || levels[1].Match < levels[2].Match {
		t.Errorf("levels not nested: %+v", levels)
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "../../examples/news.jsonl"},
		{"eval", "--gold", "testdata/examples-gold.jsonl"},
	} {
		if code, _, errs := runDyad(t, args...); code != 2 || !strings.Contains(errs, "--gold") {
			t.Errorf("dyad %v: exit %d, stderr %q; want a usage error", args, code, errs)
		}
	}
	if code, _, errs := runDyad(t, "eval", "--gold", "/nonexistent.jsonl", "../../examples/news.jsonl"); code != 1 || !strings.Contains(errs, "nonexistent") {
		t.Errorf("missing gold file: exit %d, %q", code, errs)
	}
}

// --events also takes a gold-format file (a second annotator's); only events of the articles given
// are scored, and a line of neither format is an error naming the file and line.
func TestEvalGoldAsEvents(t *testing.T) {
	gold := filepath.Join("testdata", "examples-gold.jsonl")
	b, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	extra := filepath.Join(dir, "extra.jsonl")
	other := `{"article": "not-in-articles", "sentence": 0, "evidence": "x", "date": "2020-01-01", "source": {"name": "Chile", "country": "CHL", "agent": "GOV"}, "code": "040", "target": {"name": "Peru", "country": "PER", "agent": ""}, "location": null, "plover": "CONSULT"}` + "\n"
	if err := os.WriteFile(extra, append(append([]byte{}, b...), other...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, events string
		want         []string
	}{
		{"self", gold, []string{"articles 3, gold events 4, coded events 4", "full       1.000     1.000     1.000       4       4       4"}},
		{"other article ignored", extra, []string{"articles 3, gold events 4, coded events 4", "root       1.000     1.000     1.000       4       4       4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runDyad(t, "eval", "--details=false", "--gold", gold, "--events", tc.events, "../../examples/news.jsonl")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, s := range tc.want {
				if !strings.Contains(out, s) {
					t.Errorf("report lacks %q:\n%s", s, out)
				}
			}
		})
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, append(append([]byte{}, b...), `{"id": "x", "text": "an article"}`+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runDyad(t, "eval", "--gold", gold, "--events", bad, "../../examples/news.jsonl"); code != 1 || !strings.Contains(errs, "bad.jsonl:5:") {
		t.Errorf("bad events file: exit %d, stderr %q; want exit 1 naming bad.jsonl:5", code, errs)
	}
}
