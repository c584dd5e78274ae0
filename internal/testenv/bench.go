package testenv

import (
	"runtime"
	"testing"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// Sentences copies the words of gold sentences into sentences of their own, for a tagger or a
// parser to annotate without touching the gold.
func Sentences(gold []*conllu.Sentence) []nlp.Sentence {
	sents := make([]nlp.Sentence, len(gold))
	for i, g := range gold {
		sents[i] = nlp.Sentence{Tokens: append([]nlp.Token(nil), g.Tokens...)}
	}
	return sents
}

// BenchTokens runs annotate over every sentence once per iteration of b, on one locked thread,
// and reports allocations, tokens per wall-clock second and, when measured, tokens per CPU second
// of the thread (the steadier figure when other processes compete for the cores).
func BenchTokens(b *testing.B, sents []nlp.Sentence, annotate func(*nlp.Sentence)) {
	ntok := 0
	for i := range sents {
		ntok += len(sents[i].Tokens)
	}
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cputime.Thread()
	for b.Loop() {
		for i := range sents {
			annotate(&sents[i])
		}
	}
	cpu := cputime.Thread() - cpu0
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}
