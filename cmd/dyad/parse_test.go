package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// runDyad runs Main in-process with stdin and returns the exit status, stdout and stderr.
func runNLPCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := Main(context.Background(), args, e)
	return code, out.String(), errb.String()
}

// readOutput parses CoNLL-U output and checks that every sentence is a rooted, labelled tree.
func readOutput(t *testing.T, out string) []*conllu.Sentence {
	t.Helper()
	ss, err := conllu.ReadAll(strings.NewReader(out), "stdout")
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out)
	}
	for _, s := range ss {
		roots := 0
		for _, tok := range s.Tokens {
			if tok.UPOS == "" || tok.UPOS == "_" || tok.Lemma == "_" || tok.Rel == "_" {
				t.Errorf("sentence %s: token %q not annotated", s.ID, tok.Text)
			}
			if tok.Head == -1 {
				roots++
			}
		}
		if roots != 1 {
			t.Errorf("sentence %s: %d roots", s.ID, roots)
		}
	}
	return ss
}

func TestParseRawText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"file", "", []string{"parse", "testdata/parse/news.txt"}},
		{"stdin", "Government forces shelled the town on Sunday, killing four people. The attack was condemned by the United Nations.\n", []string{"parse"}},
		{"dash", "Government forces shelled the town on Sunday, killing four people. The attack was condemned by the United Nations.", []string{"parse", "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := runNLPCmd(t, tc.stdin, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			ss := readOutput(t, out)
			if len(ss) != 2 {
				t.Fatalf("%d sentences, want 2:\n%s", len(ss), out)
			}
			if ss[0].ID != "1" || ss[1].ID != "2" {
				t.Errorf("sent_ids %q %q, want 1 2", ss[0].ID, ss[1].ID)
			}
			if want := "The attack was condemned by the United Nations."; ss[1].Text != want {
				t.Errorf("text %q, want %q", ss[1].Text, want)
			}
			if !strings.Contains(out, "\tobl:agent\t") {
				t.Errorf("no obl:agent in the parse of a passive with a by-agent:\n%s", out)
			}
		})
	}
}

// parseTiny runs dyad parse with args and --conllu on the tiny treebank and returns its output
// sentences with the gold ones, as many.
func parseTiny(t *testing.T, args ...string) (got, gold []*conllu.Sentence) {
	t.Helper()
	args = append(append([]string{"parse"}, args...), "--conllu", "testdata/parse/tiny.conllu")
	code, out, stderr := runNLPCmd(t, "", args...)
	if code != 0 {
		t.Fatalf("dyad %v: exit %d: %s", args, code, stderr)
	}
	got = readOutput(t, out)
	gold, err := readTreebank("testdata/parse/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(gold) {
		t.Fatalf("dyad %v: %d sentences, want %d", args, len(got), len(gold))
	}
	return got, gold
}

func TestParseCoNLLU(t *testing.T) {
	got, gold := parseTiny(t)
	for i := range gold {
		if got[i].ID != gold[i].ID || got[i].Text != gold[i].Text {
			t.Errorf("sentence %d: id %q text %q, want %q %q", i, got[i].ID, got[i].Text, gold[i].ID, gold[i].Text)
		}
		if len(got[i].Tokens) != len(gold[i].Tokens) {
			t.Errorf("sentence %s: %d words, want the gold %d", gold[i].ID, len(got[i].Tokens), len(gold[i].Tokens))
			continue
		}
		for j := range gold[i].Tokens {
			if got[i].Tokens[j].Text != gold[i].Tokens[j].Text {
				t.Errorf("sentence %s word %d: %q, want %q", gold[i].ID, j+1, got[i].Tokens[j].Text, gold[i].Tokens[j].Text)
			}
		}
	}
}

// TestParseBeam parses the gold words of a treebank greedily and with beams of several widths: each
// must give trees.
func TestParseBeam(t *testing.T) {
	for _, k := range []string{"1", "3", "16"} {
		code, out, stderr := runNLPCmd(t, "", "parse", "--beam", k, "--conllu", "testdata/parse/tiny.conllu")
		if code != 0 {
			t.Fatalf("--beam %s: exit %d: %s", k, code, stderr)
		}
		if got := readOutput(t, out); len(got) == 0 {
			t.Errorf("--beam %s: no sentences", k)
		}
	}
}

func TestParseEval(t *testing.T) {
	code, out, stderr := runNLPCmd(t, "", "parse", "--eval", "testdata/parse/tiny.conllu", "testdata/parse/tiny.conllu")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"testdata/parse/tiny.conllu: gold tokenization: words 92", "UPOS", "XPOS", "lemma", "UAS", "LAS",
		"sentences F1", "tokens F1", "tokens/s", "all: gold tokenization: words 184"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestParseGoldTags checks that --gold-tags keeps the gold tags and lemmas of every word (--conllu)
// and scores the parser alone on them (--eval). The tagger misses an XPOS of the tiny treebank, so
// a tagged run would not give XPOS 100.
func TestParseGoldTags(t *testing.T) {
	got, gold := parseTiny(t, "--gold-tags")
	for i := range gold {
		for j, g := range gold[i].Tokens {
			p := got[i].Tokens[j]
			if p.UPOS != g.UPOS || p.XPOS != g.XPOS || p.Lemma != g.Lemma {
				t.Errorf("sentence %s word %d: %s/%s/%s, want the gold %s/%s/%s", gold[i].ID, j+1, p.UPOS, p.XPOS, p.Lemma, g.UPOS, g.XPOS, g.Lemma)
			}
			if p.Rel == "" {
				t.Errorf("sentence %s word %d: not parsed", gold[i].ID, j+1)
			}
		}
	}
	code, out, stderr := runNLPCmd(t, "", "parse", "--gold-tags", "--eval", "testdata/parse/tiny.conllu")
	if code != 0 {
		t.Fatalf("--eval: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"gold tokenization and tags: words 92  UPOS 100.00  XPOS 100.00  lemma 100.00  UAS", "parse: ", "sentences F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"parse", "testdata/parse/missing.txt"}, 1, "testdata/parse/missing.txt"},
		{[]string{"parse", "--conllu", "testdata/parse/missing.conllu"}, 1, "testdata/parse/missing.conllu"},
		{[]string{"parse", "--eval", "testdata/parse/missing.conllu"}, 1, "testdata/parse/missing.conllu"},
		{[]string{"parse", "--eval", "testdata/parse/news.txt"}, 1, "testdata/parse/news.txt:1"},
		{[]string{"parse", "--eval"}, 2, "--eval needs CoNLL-U files"},
		{[]string{"parse", "--eval", "--conllu", "x", "y"}, 2, "do not go together"},
		{[]string{"parse", "a.txt", "b.txt"}, 2, "give one FILE"},
		{[]string{"parse", "--gold-tags", "a.txt"}, 2, "--gold-tags needs --conllu or --eval"},
		{[]string{"parse", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"parse", "--beam", "-1"}, 2, "--beam must be between"},
		{[]string{"parse", "--beam", "100000"}, 2, "--beam must be between"},
	}
	for _, tt := range tests {
		code, _, stderr := runNLPCmd(t, "", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
			t.Errorf("dyad %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.inStderr)
		}
	}
}
