package tag

import (
	"bytes"
	"os"
	"runtime"
	"testing"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/testenv"
)

// BenchmarkTag tags the EWT dev set with the committed model; tokens/s is reported.
func BenchmarkTag(b *testing.B) {
	m := loadModelFile(b)
	testenv.BenchTokens(b, testenv.Sentences(readTreebanks(b, "en_ewt-ud-dev.conllu")), m.Tag)
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
