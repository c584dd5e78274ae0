package parse

import (
	"bytes"
	"testing"
)

// TestTrainPrunings trains once and prunes at several thresholds: the first model is Train's, a
// higher threshold keeps fewer features, and every weight kept is at least the threshold.
func TestTrainPrunings(t *testing.T) {
	tb := readFile(t, "testdata/tiny.conllu")
	opt := TrainOptions{Iterations: 15, Seed: 1}
	one, err := Train(tb, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	more := []Pruning{{Act: 0.5, Label: 0.5}, {Act: 2, Label: 1}, {Act: 4, Label: 2}}
	ms, err := TrainPrunings(tb, opt, more, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1+len(more) {
		t.Fatalf("%d models, want %d", len(ms), 1+len(more))
	}
	if !bytes.Equal(modelBytes(t, one), modelBytes(t, ms[0])) {
		t.Error("the first model of TrainPrunings differs from Train's")
	}
	if ms[0].tact != nil || ms[0].tlab != nil {
		t.Error("TrainPrunings keeps the training tables")
	}
	tests := []struct {
		m    *Model
		p    Pruning
		prev *Model
	}{
		{ms[1], more[0], ms[0]},
		{ms[2], more[1], ms[1]},
		{ms[3], more[2], ms[2]},
	}
	for _, tt := range tests {
		if tt.m.act.n >= tt.prev.act.n || tt.m.lab.n > tt.prev.lab.n {
			t.Errorf("pruned at %v: %d+%d features, not fewer than %d+%d", tt.p, tt.m.act.n, tt.m.lab.n, tt.prev.act.n, tt.prev.lab.n)
		}
		for _, sl := range tt.m.act.slots {
			if sl.fp == 0 {
				continue
			}
			var mw float64
			for _, q := range sl.w {
				mw = max(mw, float64(q)*float64(tt.m.act.scale), -float64(q)*float64(tt.m.act.scale))
			}
			if mw < tt.p.Act*0.999 {
				t.Errorf("pruned at %v: kept a transition feature of largest weight %g", tt.p, mw)
				break
			}
		}
		for _, e := range tt.m.lab.ents {
			if w := float64(e.q) * float64(tt.m.lab.scale); w < tt.p.Label*0.999 && w > -tt.p.Label*0.999 {
				t.Errorf("pruned at %v: kept a label weight %g", tt.p, w)
				break
			}
		}
		// a pruned model still saves, loads and parses
		m2 := loadBytes(t, modelBytes(t, tt.m))
		parseAll(m2, tb)
	}
}

func loadBytes(t *testing.T, b []byte) *Model {
	t.Helper()
	m, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
