package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sharedDir returns ../shared beside the repository, or skips the test when it is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	return testenv.Shared(t, ".")
}

func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	return Main(context.Background(), args, e), out.String(), errb.String()
}

func decodeEvents(t *testing.T, jsonl string) []dyad.Event {
	t.Helper()
	var out []dyad.Event
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e dyad.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("bad event line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

// eventSummary writes events without their text: codes, dates and offsets only, so that goldens
// derived from outside articles keep none of their words.
func eventSummary(evs []dyad.Event) string {
	var b strings.Builder
	for _, e := range evs {
		loc := "-"
		if e.Location != nil {
			loc = e.Location.Country
		}
		fmt.Fprintf(&b, "%s s%d %s %s %s %s %s [%d,%d] %s\n", e.Doc, e.Sentence, e.Date, e.Source.Code, e.CAMEO,
			e.Target.Code, e.PLOVER, e.Span.Start, e.Span.End, loc)
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), []byte(got), *update)
}

// TestCodeSeedArticle pins what dyad codes from the seed article, and checks the events its
// issue asks for.
func TestCodeSeedArticle(t *testing.T) {
	seed := filepath.Join(sharedDir(t), "seed-article.txt")
	code, out, errs := runDyad(t, "code", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	evs := decodeEvents(t, out)
	checkGolden(t, "seed.golden", eventSummary(evs))
	has := func(src, codePrefix, tgt, date string) bool {
		for _, e := range evs {
			if strings.HasPrefix(e.Source.Code, src) && strings.HasPrefix(e.CAMEO, codePrefix) &&
				strings.HasPrefix(e.Target.Code, tgt) && (date == "" || e.Date.String() == date) {
				return true
			}
		}
		return false
	}
	for _, w := range []struct{ src, code, tgt, date string }{
		{"TURGOV", "041", "IRNGOV", "2023-10-16"}, // the phone call, both ways
		{"IRNGOV", "041", "TURGOV", "2023-10-16"},
		{"IRN", "13", "ISR", "2023-10-15"}, // Iran warned Israel on Sunday
		{"ISR", "112", "IRN", ""},          // Israel accused Iran
		{"IRNGOV", "112", "ISR", ""},       // the foreign minister accused Israel
		{"IRNGOV", "04", "PSE", "2023-10-14"},
		{"PSE", "04", "IRNGOV", "2023-10-14"}, // the meeting, both ways
		{"IRNGOV", "02", "FRA", ""},           // urged France
	} {
		if !has(w.src, w.code, w.tgt, w.date) {
			t.Errorf("seed: no %s %s %s %s event", w.src, w.code, w.tgt, w.date)
		}
	}
	for _, e := range evs {
		if e.Date.IsZero() || e.DocDate.String() != "2023-10-16" {
			t.Errorf("event %s: date %s, doc_date %s", e.ID, e.Date, e.DocDate)
		}
		if e.Evidence == "" || e.Span.End <= e.Span.Start {
			t.Errorf("event %s has no evidence", e.ID)
		}
	}
}

// TestCodeExamples pins the output of the README's first command.
func TestCodeExamples(t *testing.T) {
	code, out, errs := runDyad(t, "code", "../../examples")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	evs := decodeEvents(t, out)
	if len(evs) == 0 {
		t.Fatal("no events from the bundled examples")
	}
	checkGolden(t, "examples.golden", eventSummary(evs))
	if !strings.Contains(errs, "news.jsonl:4") {
		t.Errorf("the malformed example record is not reported with file:line: %s", errs)
	}
	if !strings.Contains(errs, "4 articles read, 1 skipped") {
		t.Errorf("summary line missing or wrong: %s", errs)
	}
}

func TestCodeFormatsAndInputs(t *testing.T) {
	text := "Chile and Peru signed a trade agreement in Lima on Tuesday. Bolivia did not attack Peru."
	tests := []struct {
		name   string
		stdin  string
		args   []string
		exit   int
		stdout []string // substrings
		stderr []string
	}{
		{"stdin text with date", text, []string{"code", "--date", "2024-03-07", "-"}, 0,
			[]string{`"cameo":"057"`, `"date":"2024-03-05"`}, []string{"1 articles read, 0 skipped"}},
		{"tsv header", text, []string{"code", "--date", "2024-03-07", "--format", "tsv", "-"}, 0,
			[]string{"GLOBALEVENTID\tDocID", "\t057\t"}, nil},
		{"csv", text, []string{"code", "--date", "2024-03-07", "--format", "csv", "-"}, 0,
			[]string{"GLOBALEVENTID,DocID", ",057,"}, nil},
		{"no date is said", text, []string{"code", "-"}, 0, nil, []string{"no --date"}},
		{"bad jsonl only", "{not json\n", []string{"code", "-"}, 1, nil, []string{"no article could be read"}},
		{"bad format", text, []string{"code", "--format", "xml", "-"}, 2, nil, []string{"--format"}},
		{"bad date flag", text, []string{"code", "--date", "yesterday", "-"}, 2, nil, []string{"--date"}},
		{"no input", "", []string{"code"}, 2, nil, []string{"no input"}},
		{"missing file", "", []string{"code", "/nonexistent/file.txt"}, 1, nil, []string{"/nonexistent/file.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runWithStdin(t, tc.stdin, tc.args...)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.exit, errs)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
}

func TestCodeOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "events.jsonl")
	code, _, errs := runWithStdin(t, "Chile accused Peru of espionage on Monday.", "code", "--date", "2024-03-06", "-o", out, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	evs := decodeEvents(t, string(b))
	if len(evs) != 1 || evs[0].CAMEO[:2] != "11" || evs[0].Date.String() != "2024-03-04" {
		t.Errorf("events = %s", eventSummary(evs))
	}
}

// TestCodeProgressBar forces the progress bar of dyad code on a WARC file with skipped records: the
// bar reaches 100 % with the counts, every skip message is still printed (above the bar), and the
// events are those of a run without the bar.
func TestCodeProgressBar(t *testing.T) {
	warc := filepath.Join("..", "..", "internal", "ingest", "testdata", "in", "warc", "sample.warc.gz")
	out := filepath.Join(t.TempDir(), "events.jsonl")
	code, _, errs := runWithStdin(t, "", "code", "--progress", "on", "-o", out, warc)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, plain, plainErrs := runWithStdin(t, "", "code", "--progress", "off", warc)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != plain || plain == "" {
		t.Errorf("events with the bar differ from those without:\n%s\nwant\n%s", b, plain)
	}
	skips := 0
	for _, line := range strings.Split(plainErrs, "\n") {
		if strings.Contains(line, "record ") {
			skips++
			if !strings.Contains(errs, line) {
				t.Errorf("with the bar, the message %q is missing:\n%s", line, errs)
			}
		}
	}
	if skips == 0 {
		t.Errorf("no skip messages without the bar; the test needs some:\n%s", plainErrs)
	}
	for _, want := range []string{"code ", "100 %", "articles/s", "events/s", "ETA"} {
		if !strings.Contains(errs, want) {
			t.Errorf("progress output lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(plainErrs, "100 %") {
		t.Errorf("--progress off drew a bar:\n%s", plainErrs)
	}
	if code, _, errs := runWithStdin(t, "", "code", "--progress", "sometimes", warc); code != 2 || !strings.Contains(errs, "want auto, on or off") {
		t.Errorf("--progress sometimes: exit %d, %q", code, errs)
	}
}
