package parse

// The weights of both classifiers live in open-addressing hash tables keyed by the 64-bit hash of a
// feature (never 0). Lookups touch one slot array, so scoring a transition costs one cache line per
// feature and no allocation.

// nAct is the number of unlabelled transitions: shift, reduce, left-arc, right-arc.
const nAct = 4

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

func tableSize(n int) int {
	c := 1024
	for c < n*10/7+1 {
		c <<= 1
	}
	return c
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
	*out = [nAct]int32{}
	for _, f := range feats {
		fp := fingerprint(f)
		i := f & t.mask
		for {
			s := &t.slots[i]
			if s.fp == fp {
				out[0] += int32(s.w[0])
				out[1] += int32(s.w[1])
				out[2] += int32(s.w[2])
				out[3] += int32(s.w[3])
				break
			}
			if s.fp == 0 {
				break
			}
			i = (i + 1) & t.mask
		}
	}
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
func (t *labTable) score(feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	if t.n == 0 {
		return
	}
	for _, f := range feats {
		fp := fingerprint(f)
		i := f & t.mask
		for {
			k := t.slots[i].fp
			if k == fp {
				for _, e := range t.ents[t.slots[i].start:t.slots[i+1].start] {
					out[e.lab] += e.w
				}
				break
			}
			if k == 0 {
				break
			}
			i = (i + 1) & t.mask
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
