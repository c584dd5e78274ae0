package tokenize_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/tokenize"
	"github.com/dyad-events/dyad/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden renders a tokenization: a line per sentence with its span and text, then a line per
// token with its span, form and SpaceAfter=No when no space follows.
func golden(text string, sents []nlp.Sentence) string {
	var b strings.Builder
	for i, s := range sents {
		fmt.Fprintf(&b, "# sentence %d [%d,%d) %s\n", i+1, s.Start, s.End, strings.ReplaceAll(s.Text(text), "\n", `\n`))
		for _, t := range s.Tokens {
			misc := ""
			if !t.SpaceAfter {
				misc = "\tSpaceAfter=No"
			}
			fmt.Fprintf(&b, "%d\t%d\t%s%s\n", t.Start, t.End, t.Text, misc)
		}
	}
	return b.String()
}

// TestGolden tokenizes testdata/*.txt and compares with testdata/*.golden; -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	tok := tokenize.New()
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			sents := tok.Tokenize(string(text))
			checkInvariants(t, string(text), sents)
			got := golden(string(text), sents)
			path := strings.TrimSuffix(in, ".txt") + ".golden"
			testenv.Golden(t, path, []byte(got), *update)
		})
	}
}
