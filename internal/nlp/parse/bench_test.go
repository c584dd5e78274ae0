package parse_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/models"
	"github.com/dyad-events/dyad/internal/testenv"
)

// BenchmarkParseTreebank parses the gold-tagged words of EWT dev greedily with the committed model
// and reports tokens per second and per CPU second of the benchmark's thread (the steadier figure
// on a busy machine). Unlike BenchmarkParse, whose few news sentences keep the weights they touch
// in the caches, its 2,000 sentences make the parser fetch most weights from memory, as when
// parsing news.
func BenchmarkParseTreebank(b *testing.B) {
	gold := testenv.Treebanks(b, "en_ewt-ud-dev.conllu")
	m, err := models.Parser()
	if err != nil {
		b.Fatal(err)
	}
	m.Beam = 1
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
			m.Parse(&sents[i])
		}
	}
	reportThroughput(b, ntok, cputime.Thread()-cpu0)
}

// reportThroughput reports tokens per wall-clock second and, when measured, per CPU second of the
// benchmark's thread.
func reportThroughput(b *testing.B, ntok int, cpu time.Duration) {
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}
