package tag

import (
	"slices"
	"testing"
)

// TestDenseRowsScoreAlike checks on the committed model that scoring with dense rows gives every
// class the score the packed rows give it.
func TestDenseRowsScoreAlike(t *testing.T) {
	dense := loadModelFile(t)
	if len(dense.w1.denseOrig) == 0 {
		t.Fatal("the committed model has no dense rows")
	}
	packed := loadModelFile(t)
	for _, w := range []*weights{&packed.w1, &packed.w2} {
		for i := range w.feats.slots {
			w.feats.slots[i] = w.stored(w.feats.slots[i])
		}
		w.dense, w.denseOrig = nil, nil
	}
	nc := len(dense.upos)
	words := []string{"The", "government", "said", "on", "Tuesday", "that", "it", "would", "impose",
		"new", "sanctions", "against", "Iran", "'s", "central", "bank", ",", "officials", "reported", "."}
	var toks []tokFeat
	for i, w := range words {
		toks = append(toks, wordFeat(w, i == 0))
	}
	dense.setAmb(toks)
	var fs [maxFeatures]uint64
	var a, b scores
	n := 0
	for i := range toks {
		for prev := -1; prev < nc; prev += 7 {
			k := extract(toks, i, prev, -1, nil, &fs)
			ba := dense.w1.best(fs[1:k], nc, &a)
			bb := packed.w1.best(fs[1:k], nc, &b)
			if ba != bb || !slices.Equal(a[:nc], b[:nc]) {
				t.Fatalf("word %d %q, previous class %d: dense rows give class %d, packed rows %d", i, words[i], prev, ba, bb)
			}
			n++
		}
	}
	t.Logf("%d positions scored alike", n)
}
