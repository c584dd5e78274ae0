package tag

import (
	"bytes"
	"os"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

// BenchmarkTag tags the EWT dev set with the committed model; tokens/s is reported.
func BenchmarkTag(b *testing.B) {
	m := loadModelFile(b)
	gold := readTreebanks(b, "en_ewt-ud-dev.conllu")
	sents := make([]nlp.Sentence, len(gold))
	ntok := 0
	for i, g := range gold {
		sents[i] = nlp.Sentence{Tokens: append([]nlp.Token(nil), g.Tokens...)}
		ntok += len(g.Tokens)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range sents {
			m.Tag(&sents[i])
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad reads the committed model file.
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
