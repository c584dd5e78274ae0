package tag

import (
	"bytes"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cputime"
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
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cputime.Thread()
	for b.Loop() {
		for i := range sents {
			m.Tag(&sents[i])
		}
	}
	reportThroughput(b, ntok, cputime.Thread()-cpu0)
}

// reportThroughput reports tokens per wall-clock second and, when measured, per CPU second of the
// benchmark's thread (the useful figure when other processes compete for the cores).
func reportThroughput(b *testing.B, ntok int, cpu time.Duration) {
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad reads the committed model file.
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cputime.Thread()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Thread()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
