package coder

import (
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// FuzzCode runs any text through the whole analysis and the coder: nothing may panic, and every
// event must be well formed (a known code, both actors with a country, a sentence index and a
// span inside the text, the evidence being the text of that span).
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Chile accused Peru of spying on Monday. Hours later, Peru rejected the charge.",
		"LIMA, May 2 - Peru said on Friday that its navy had seized a Chilean trawler.",
		"The treaty was signed by A and B, three days after Chile and Peru met in Lima.",
		"Chilean and Argentine troops clashed. Brazil urged all sides to show restraint.",
		"\"We will strike,\" he said. If Bolivia attacks, Chile would respond. Did Peru attack?",
		"", " - , .", "LIMA, - ", "a day after after after", "the the the leaders of of",
	} {
		f.Add(s)
	}
	pipe, c := realCoder(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 2000 {
			return
		}
		a := &dyad.Article{ID: "f", Date: dyad.MustDate("2024-03-06"), Text: text}
		analysed := AnalysisText(text)
		doc := pipe.Annotate(analysed)
		for _, e := range c.Code(a, doc) {
			if e.CAMEO == "" || e.Source.Country == "" || e.Target.Country == "" {
				t.Fatalf("incomplete event %+v", e)
			}
			if e.Sentence < 0 || e.Sentence >= len(doc.Sentences) {
				t.Fatalf("sentence %d of %d", e.Sentence, len(doc.Sentences))
			}
			if e.Span.Start < 0 || e.Span.End > len(text) || e.Span.Start > e.Span.End {
				t.Fatalf("span %v outside the text (%d bytes)", e.Span, len(text))
			}
			if e.Evidence != analysed[e.Span.Start:e.Span.End] {
				t.Fatalf("evidence %q is not the text of span %v", e.Evidence, e.Span)
			}
		}
	})
}
