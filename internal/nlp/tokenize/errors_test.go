package tokenize

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/testenv"
)

var segErrors = flag.String("segerrors", "", "write the sentence-boundary errors of the embedded model on -segerrors-tb to this file")
var segErrorsTB = flag.String("segerrors-tb", "en_ewt-ud-dev.conllu", "treebank (in ../shared/treebanks) for -segerrors")

// TestSegmentErrors lists the sentence-boundary errors of the embedded model on a treebank's raw
// text (paragraphs on new lines), one a line with its type and context, and logs the count of
// each type. Use it on dev sets only:
//
//	go test ./internal/nlp/tokenize -run TestSegmentErrors -segerrors /tmp/errors.tsv -v
func TestSegmentErrors(t *testing.T) {
	if *segErrors == "" {
		t.Skip("run with -segerrors FILE")
	}
	docs := treebank.Documents(testenv.Treebanks(t, *segErrorsTB), treebank.JoinParagraphs)
	lines, counts := segmentErrors(docs, New())
	if err := os.WriteFile(*segErrors, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return counts[b] - counts[a] })
	for _, k := range keys {
		t.Logf("%4d %s", counts[k], k)
	}
}

// segmentErrors returns the missed and spurious sentence ends of tok on docs, as lines, and how
// many there are of each type.
func segmentErrors(docs []nlp.Doc, tok *Tokenizer) (lines []string, counts map[string]int) {
	counts = map[string]int{}
	for _, d := range docs {
		gold := map[int]bool{}
		for _, e := range goldEnds(d) {
			gold[e] = true
		}
		pred := map[int]bool{}
		for _, s := range tok.Tokenize(d.Text) {
			pred[s.Tokens[len(s.Tokens)-1].End] = true
		}
		toks := tok.words(d.Text)
		for i := 0; i+1 < len(toks); i++ {
			e := toks[i].End
			if gold[e] == pred[e] {
				continue
			}
			kind := "spurious"
			if gold[e] {
				kind = "missed"
			}
			typ := kind + ": " + gapType(d.Text, toks, i)
			counts[typ]++
			a, b := max(0, e-60), min(len(d.Text), e+50)
			lines = append(lines, fmt.Sprintf("%s\t%q ‖ %q\n", typ, d.Text[a:e], d.Text[e:b]))
		}
	}
	return lines, counts
}

// gapType describes the gap after toks[i] for error reports.
func gapType(text string, toks []nlp.Token, i int) string {
	k0 := class(toks[i].Text)
	if (k0 == kClose || k0 == kQuote) && i > 0 && class(toks[i-1].Text) == kFinal {
		k0 = kFinal
	}
	r, _ := decode(toks[i+1].Text, 0)
	next := "next not a letter"
	switch {
	case isUpper(r):
		next = "next capitalised"
	case isLower(r):
		next = "next lower-case"
	}
	switch {
	case newlines(text, toks, i) > 0:
		return "at a line break"
	case !candidate(text, toks, i):
		return "not a candidate (no space, or a word before a lower-case word)"
	case k0 == kFinal:
		return "after . ! ? …, " + next
	case k0 == kAbbr:
		return "after an abbreviation, " + next
	case k0 == kColon || k0 == kDash || k0 == kComma:
		return "after : ; , or a dash, " + next
	case k0 == kLower || k0 == kUpper || k0 == kCaps || k0 == kDigit:
		return "after a word, " + next
	}
	return "after other punctuation, " + next
}
