package parse

import (
	"unsafe"

	"github.com/dyad-events/dyad/internal/nlp/dense"
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

// labTable maps feature keys to label weights. Slot i holds the fingerprint of its key and a ref:
// start<<8 | length of its run of entries in ents, or, for a row of denseMin weights or more,
// denseRef | the offset of the row in dense, an int16 weight for every label (stride of them).
// Weights are quantized as the model file stores them: a weight q stands for q*scale. The long
// rows belong to the commonest features: on EWT dev a label decision reads about 410 weights, 360
// of them from the 19 long rows among its 31 features found, which dense.Add sums eight labels at
// a time.
type labTable struct {
	slots []lslot
	ents  []lent
	mask  uint64
	n     int
	scale float32

	dense     []int16
	stride    int      // the number of labels rounded up to a multiple of 8
	denseOrig []uint32 // the ref (a run in ents) of each dense row's slot
}

type lslot struct{ fp, ref uint32 }

type lent struct {
	lab uint8
	q   int16
}

// denseRef marks the ref of a dense row; runs of entries start below 1<<23.
const denseRef = 1 << 31

// denseMin is the length from which a row is kept dense: with 51 labels a dense row takes 112
// bytes, which dense.Add adds with 7 blocks of instructions, as many as about 8 entries cost.
const denseMin = 8

// maxEnts bounds the number of entries of a label table, so that a run's start fits its ref.
const maxEnts = 1 << 23

// run returns the entries of a ref that is a run.
func (t *labTable) run(ref uint32) []lent { return t.ents[ref>>8 : ref>>8+ref&0xff] }

// stored returns the ref as the model file has it: a dense row's slot gets back its run.
func (t *labTable) stored(ref uint32) uint32 {
	if ref&denseRef != 0 {
		return t.denseOrig[int(ref&^denseRef)/t.stride]
	}
	return ref
}

// densify makes the rows of denseMin entries or more dense, for nl labels.
func (t *labTable) densify(nl int) {
	t.stride = (nl + 7) &^ 7
	t.dense, t.denseOrig = nil, nil
	for i := range t.slots {
		s := &t.slots[i]
		if s.fp == 0 || s.ref&denseRef != 0 || int(s.ref&0xff) < denseMin {
			continue
		}
		off := len(t.dense)
		t.dense = append(t.dense, make([]int16, t.stride)...)
		row, ok := t.dense[off:], true
		for _, e := range t.run(s.ref) {
			ok = ok && int(e.lab) < nl && row[e.lab] == 0
			row[min(int(e.lab), nl-1)] = e.q
		}
		if !ok { // a label twice or out of range: left as a run
			t.dense = t.dense[:off]
			continue
		}
		t.denseOrig = append(t.denseOrig, s.ref)
		s.ref = denseRef | uint32(off)
	}
}

// score sets out (one score a label) to the sums of the label weights of the features.
//
// Like actTable.score it works in phases whose loads do not wait for one another: the home slots
// of all features, then the probing, which yields each found feature's row, then the first entry
// of every sparse run (the entries are another array of megabytes; fetched in the loop that adds
// them, each run's cache miss would come after the previous run's). The weights are integers, so
// the order of the additions does not change the sums.
func (t *labTable) score(feats []uint64, out []float32) {
	var acc [256]int32
	if t.n > 0 {
		t.sum(feats, &acc)
	}
	for i := range out {
		out[i] = float32(acc[i]) * t.scale
	}
}

func (t *labTable) sum(feats []uint64, acc *[256]int32) {
	var home [featChunk]uint32
	var runs [featChunk]uint32 // refs of the sparse rows found
	var drows [featChunk]int32 // offsets of the dense rows found
	var heads [featChunk]lent
	slots, mask, ents := t.slots, t.mask, t.ents
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), featChunk)]
		feats = feats[len(chunk):]
		prefetch.Slots(unsafe.Pointer(&slots[0]), unsafe.Sizeof(lslot{}), mask, chunk) // as in actTable.score
		for k, f := range chunk {
			home[k] = slots[f&mask].fp
		}
		n, nd := 0, 0
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
			if h != fp {
				continue
			}
			switch ref := slots[i].ref; {
			case ref&denseRef != 0:
				drows[nd] = int32(ref &^ denseRef)
				nd++
			case ref&0xff != 0:
				runs[n] = ref
				n++
			}
		}
		for k, ref := range runs[:n] {
			heads[k] = ents[ref>>8]
		}
		for k, ref := range runs[:n] {
			acc[heads[k].lab] += int32(heads[k].q)
			for _, e := range ents[ref>>8+1 : ref>>8+ref&0xff] {
				acc[e.lab] += int32(e.q)
			}
		}
		if nd > 0 {
			dense.Add(&acc[0], &t.dense[0], drows[:nd], t.stride/8)
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
