package parse

import (
	"unsafe"

	"github.com/dyad-events/dyad/internal/nlp/prefetch"
)

// The weights of both classifiers live in open-addressing hash tables keyed by the 64-bit hash of a
// feature (never 0). Lookups touch one slot array, so scoring a transition costs one cache line per
// feature and no allocation.

// nAct is the number of unlabelled transitions: shift, reduce, left-arc, right-arc.
const nAct = 4

// featChunk is the number of features whose table slots are fetched together while scoring.
const featChunk = 128

// aslot is one feature of the transition classifier: a 32-bit fingerprint of its key (the slot
// position gives the low bits; 0 marks an empty slot) and its quantized weight for each transition.
type aslot struct {
	fp uint32
	w  [nAct]int16
}

// actTable maps feature keys to transition weights (weight = w*scale).
type actTable struct {
	slots []aslot
	mask  uint64
	n     int
	scale float32
}

func fingerprint(key uint64) uint32 {
	fp := uint32(key >> 32)
	if fp == 0 {
		fp = 1
	}
	return fp
}

// tableSize is the number of slots of a table of n features: a power of two at most 40% full, so
// that most features absent from the model end at an empty home slot. (On news text about 83% of
// look-ups find their feature, 70% in its home slot; 12% end at an empty home slot.)
// At 67% full, EWT parsing was slower although the table was half the size.
func tableSize(n int) int {
	c := 1024
	for c < n*5/2+1 {
		c <<= 1
	}
	return c
}

// tableSizeOK reports whether a table of size slots may hold n features: at most 70% full (probing
// stays short) and no larger than twice tableSize (a damaged file cannot ask for huge tables).
// Models written with an older, denser sizing still load.
func tableSizeOK(size, n int) bool {
	return size >= n*10/7+1 && size <= 2*tableSize(n)
}

func newActTable(n int) *actTable {
	c := tableSize(n)
	return &actTable{slots: make([]aslot, c), mask: uint64(c - 1)}
}

// put stores the weights of key, which must not be in the table yet.
func (t *actTable) put(key uint64, w [nAct]int16) {
	fp := fingerprint(key)
	i := key & t.mask
	for t.slots[i].fp != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i] = aslot{fp, w}
	t.n++
}

// score adds the quantized weights of the features to out.
func (t *actTable) score(feats []uint64, out *[nAct]int32) {
	var o0, o1, o2, o3 int32
	var home [featChunk]uint32
	slots, mask := t.slots, t.mask
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), featChunk)]
		feats = feats[len(chunk):]
		// The table is tens of megabytes and most look-ups miss the caches (and the TLB), so the
		// home slots of all features are first prefetched, which lets more of their misses
		// overlap than loads can (EWT dev: +11% tokens/s). Then read the home slot of every
		// feature: these loads do not depend on each other, so their cache misses overlap instead
		// of queueing behind the probing loop's branches.
		prefetch.Slots(unsafe.Pointer(&slots[0]), unsafe.Sizeof(aslot{}), mask, chunk)
		for k, f := range chunk {
			home[k] = slots[f&mask].fp
		}
		for k, f := range chunk {
			if i, ok := probe(slots, mask, f, home[k]); ok {
				w := &slots[i].w
				o0 += int32(w[0])
				o1 += int32(w[1])
				o2 += int32(w[2])
				o3 += int32(w[3])
			}
		}
	}
	*out = [nAct]int32{o0, o1, o2, o3}
}

// probe returns the slot of key f, given the fingerprint h read from its home slot, and false
// when the table lacks f.
func probe(slots []aslot, mask, f uint64, h uint32) (uint64, bool) {
	if h == 0 {
		return 0, false
	}
	fp := fingerprint(f)
	i := f & mask
	for h != fp {
		i = (i + 1) & mask
		if h = slots[i].fp; h == 0 {
			return 0, false
		}
	}
	return i, true
}

// labTable maps feature keys to sparse label weights: slot i holds the fingerprint of its key and
// owns the entries from slots[i].start to slots[i+1].start (a sentinel slot ends the array).
type labTable struct {
	slots []lslot
	ents  []lent
	mask  uint64
	n     int
}

type lslot struct{ fp, start uint32 }

type lent struct {
	lab uint8
	w   float32
}

// size returns the number of slots, without the sentinel.
func (t *labTable) size() int { return len(t.slots) - 1 }

// score adds the label weights of the features to out (len = number of labels).
//
// Like actTable.score it works in phases whose loads do not wait for one another: the home slots
// of all features, then the probing, which yields each found feature's run of entries, then the
// first entry of every run (the entries are another array of megabytes; fetched in the loop that
// adds them, each run's cache miss would come after the previous run's). The additions are then
// made in the order of a plain feature-by-feature loop, so the float sums are the same.
func (t *labTable) score(feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	if t.n == 0 {
		return
	}
	var home [featChunk]uint32
	var runs [featChunk][2]uint32 // start and end in ents of each found feature's entries
	var heads [featChunk]lent
	slots, mask, ents := t.slots, t.mask, t.ents
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), featChunk)]
		feats = feats[len(chunk):]
		prefetch.Slots(unsafe.Pointer(&slots[0]), unsafe.Sizeof(lslot{}), mask, chunk) // as in actTable.score
		for k, f := range chunk {
			home[k] = slots[f&mask].fp
		}
		n := 0
		for k, f := range chunk {
			h := home[k]
			if h == 0 {
				continue
			}
			fp := fingerprint(f)
			i := f & mask
			for h != fp {
				i = (i + 1) & mask
				if h = slots[i].fp; h == 0 {
					break
				}
			}
			if h == fp {
				if r := [2]uint32{slots[i].start, slots[i+1].start}; r[0] < r[1] {
					runs[n] = r
					n++
				}
			}
		}
		for k, r := range runs[:n] {
			heads[k] = ents[r[0]]
		}
		for k, r := range runs[:n] {
			out[heads[k].lab] += heads[k].w
			for _, e := range ents[r[0]+1 : r[1]] {
				out[e.lab] += e.w
			}
		}
	}
}

// labEntry is one (feature, label) weight during training, with its running total for averaging.
type labEntry struct {
	lab uint8
	w   float32
	u   float64
}

// trainLab is the growable label table used while training: a key index and sparse rows.
type trainLab struct {
	index map[uint64]int32
	rows  [][]labEntry
}

func (t *trainLab) score(feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			out[e.lab] += e.w
		}
	}
}

func (t *trainLab) update(feats []uint64, lab uint8, d float32, c float64) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, nil)
		}
		row := t.rows[r]
		found := false
		for j := range row {
			if row[j].lab == lab {
				row[j].w += d
				row[j].u += c * float64(d)
				found = true
				break
			}
		}
		if !found {
			t.rows[r] = append(row, labEntry{lab: lab, w: d, u: c * float64(d)})
		}
	}
}
