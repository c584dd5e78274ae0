package tag

import (
	"bytes"
	"flag"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

var (
	trainFlag = flag.Bool("train", false, "train a tagger on ../shared/treebanks, report dev accuracy per pass")
	outFlag   = flag.String("out", "", "with -train: write the trained model to this file")
	itersFlag = flag.Int("iters", 0, "with -train: training passes (0: default)")
)

func readTreebanks(t testing.TB, names ...string) []*conllu.Sentence {
	t.Helper()
	return testenv.Treebanks(t, names...)
}

// TestTrainTreebank trains on EWT+GUM train and reports dev and test accuracy. It runs only with
// -train (it takes a minute or more).
func TestTrainTreebank(t *testing.T) {
	if !*trainFlag || testing.Short() {
		t.Skip("run with -train")
	}
	train := readTreebanks(t, "en_ewt-ud-train.conllu", "en_gum-ccby-train.conllu")
	dev := readTreebanks(t, "en_ewt-ud-dev.conllu")
	start := time.Now()
	m, err := trainDev(train, dev, TrainOptions{Iterations: *itersFlag, Seed: 1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained in %v", time.Since(start))
	for _, n := range []string{"en_ewt-ud-dev.conllu", "en_gum-ccby-dev.conllu", "en_ewt-ud-test.conllu", "en_gum-ccby-test.conllu"} {
		u, x := Accuracy(m, readTreebanks(t, n))
		t.Logf("%s: UPOS %.2f%% XPOS %.2f%%", n, 100*u, 100*x)
	}
	if *outFlag != "" {
		f, err := os.Create(*outFlag)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// modelPath is the committed model file, relative to this package.
const modelPath = "../models/tagger.bin"

func loadModelFile(t testing.TB) *Model {
	t.Helper()
	return testenv.LoadFile(t, modelPath, Load)
}

// TestModelFileAccuracy checks the committed model on the EWT and GUM test sets (gold tokenization).
func TestModelFileAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	m := loadModelFile(t)
	for _, c := range []struct {
		file string
		min  float64
	}{
		{"en_ewt-ud-test.conllu", 0.945},
		{"en_gum-ccby-test.conllu", 0.955},
	} {
		gold := readTreebanks(t, c.file)
		u, x := Accuracy(m, gold)
		t.Logf("%s: UPOS %.2f%% XPOS %.2f%%", c.file, 100*u, 100*x)
		if u < c.min {
			t.Errorf("%s: UPOS %.4f, want >= %.4f", c.file, u, c.min)
		}
		var news []*conllu.Sentence
		for _, s := range gold {
			if strings.HasPrefix(s.ID, "GUM_news_") {
				news = append(news, s)
			}
		}
		if len(news) > 0 {
			u, x := Accuracy(m, news)
			t.Logf("%s, news genre only (%d sentences): UPOS %.2f%% XPOS %.2f%%", c.file, len(news), 100*u, 100*x)
		}
	}
}

// TestModelFileRoundTrip checks that saving the loaded committed model gives back its bytes.
func TestModelFileRoundTrip(t *testing.T) {
	want, err := os.ReadFile(modelPath)
	if err != nil {
		t.Skipf("no model file: %v", err)
	}
	m, err := Load(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := m.Save(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("re-saved model differs from %s (%d vs %d bytes)", modelPath, got.Len(), len(want))
	}
	rows, weights := m.Features()
	t.Logf("%s: %d bytes, %d classes, %d feature rows, %d weights", modelPath, len(want), m.Classes(), rows, weights)
}
