package parse_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/models"
	"github.com/dyad-events/dyad/internal/nlp/parse"
)

func Example() {
	f, err := os.Open("testdata/tiny.conllu")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	train, err := conllu.ReadAll(f, "testdata/tiny.conllu")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := parse.Train(train, parse.TrainOptions{Iterations: 10, Seed: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Parse needs tagged and lemmatized words.
	s := nlp.Sentence{Tokens: []nlp.Token{
		{Text: "The", UPOS: "DET", XPOS: "DT", Lemma: "the"},
		{Text: "army", UPOS: "NOUN", XPOS: "NN", Lemma: "army"},
		{Text: "attacked", UPOS: "VERB", XPOS: "VBD", Lemma: "attack"},
		{Text: "the", UPOS: "DET", XPOS: "DT", Lemma: "the"},
		{Text: "base", UPOS: "NOUN", XPOS: "NN", Lemma: "base"},
		{Text: ".", UPOS: "PUNCT", XPOS: ".", Lemma: "."},
	}}
	m.Parse(&s)
	for _, t := range s.Tokens {
		fmt.Println(t.Text, t.Head, t.Rel)
	}
	// Output:
	// The 1 det
	// army 2 nsubj
	// attacked -1 root
	// the 4 det
	// base 2 obj
	// . 2 punct
}

// BenchmarkParse parses tagged news sentences with the embedded parser, greedily and with beams of
// 4, 8 and 16 configurations, and reports tokens per second of parsing alone.
func BenchmarkParse(b *testing.B) {
	p, err := models.Pipeline()
	if err != nil {
		b.Fatal(err)
	}
	text, err := os.ReadFile("../models/testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := p.Annotate(strings.Repeat(string(text), 4))
	n := 0
	for _, s := range doc.Sentences {
		n += len(s.Tokens)
	}
	m := p.Parser.(*parse.Model)
	for _, k := range []int{1, 4, 8, 16} {
		b.Run(fmt.Sprintf("beam=%d", k), func(b *testing.B) {
			m.Beam = k
			b.ReportAllocs()
			for b.Loop() {
				for j := range doc.Sentences {
					m.Parse(&doc.Sentences[j])
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
