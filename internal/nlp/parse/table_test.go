package parse

import (
	"math/rand"
	"testing"
)

// TestLabTableRows builds a label table with short rows (kept as runs) and long ones (made dense)
// and checks that it scores every feature set as a plain sum of the rows' quantized weights does,
// with features the table lacks mixed in, and that a dense row's slot still yields its run.
func TestLabTableRows(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const nl = 51
	var keys []uint64
	var rows [][]labW
	for i := range 3000 {
		keys = append(keys, r.Uint64()|1)
		n := 1 + r.Intn(4)
		if i%5 == 0 {
			n = denseMin + r.Intn(nl-denseMin+1)
		}
		var row []labW
		for _, l := range r.Perm(nl)[:n] {
			row = append(row, labW{uint8(l), float32(r.NormFloat64())})
		}
		rows = append(rows, row)
	}
	tab := buildLab(keys, rows, nl)
	if len(tab.denseOrig) == 0 {
		t.Fatal("no dense rows")
	}
	byKey := map[uint64][]labW{}
	for i, k := range keys {
		byKey[k] = rows[i]
	}
	out := make([]float32, nl)
	for trial := range 200 {
		var feats []uint64
		var want [nl]int32
		for range 1 + r.Intn(300) { // more than featChunk at times
			k := keys[r.Intn(len(keys))]
			if r.Intn(4) == 0 {
				k = r.Uint64() | 1 // most likely absent
			}
			feats = append(feats, k)
			for _, e := range byKey[k] {
				want[e.lab] += int32(quant(e.w, tab.scale))
			}
		}
		tab.score(feats, out)
		for l := range nl {
			if out[l] != float32(want[l])*tab.scale {
				t.Fatalf("trial %d, label %d: score %g, want %g", trial, l, out[l], float32(want[l])*tab.scale)
			}
		}
	}
	for i, s := range tab.slots {
		if s.fp == 0 {
			continue
		}
		ref := tab.stored(s.ref)
		if ref&denseRef != 0 || (s.ref&denseRef != 0) != (int(ref&0xff) >= denseMin) {
			t.Fatalf("slot %d: ref %x stored as %x", i, s.ref, ref)
		}
	}
}
