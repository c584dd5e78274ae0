// Package tag is dyad's part-of-speech tagger: a greedy left-to-right averaged perceptron that
// predicts a joint (UPOS, Penn XPOS) label per token from hashed features — the word, its affixes,
// shape and ambiguity class (the labels it took in training), the same for two words either side,
// and the two previous predictions — with a dictionary of frequent unambiguous words, and
// optionally a stacked second pass. It owns training, the compact binary model format and tagging;
// it knows nothing of the other NLP stages.
package tag

import (
	"unsafe"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/dense"
	"github.com/dyad-events/dyad/internal/nlp/prefetch"
)

// maxClasses bounds the number of joint labels (a class index fits a byte).
const maxClasses = 255

// Model is a trained tagger. It is immutable after Train or Load and safe for concurrent use.
//
// Weights are quantised to int16 and packed with their class into one int32 (weight<<8 | class);
// the feature table maps a feature hash to the run of packed weights of its row, so that scoring a
// feature costs one table probe and one contiguous read.
//
// With a second pass (w2 not empty) the sentence is tagged twice: the second pass sees the first
// pass's predictions for the words to the right.
type Model struct {
	upos, xpos []string // per class
	w1, w2     weights  // first and (optional) second pass
	dict       table    // word norm hash → class, for frequent unambiguous words
	amb        table    // word norm hash → index in ambs
	ambs       []uint64 // hashes of the ambiguity classes
}

// weights are the feature weights of one pass. A row of two weights (most rows: a perceptron
// update touches two classes) is kept in its table slot (val, val2); a longer row is a run of ent,
// with val = start<<8 | length and val2 = 0.
//
// A loaded model keeps its long rows (denseMin weights or more) dense as well (densify): such a
// slot has val2 = denseMark and val = the offset of its row in dense, a row of int16 weights for
// every class (stride values), which best adds eight classes at a time. Rows that long belong to the
// commonest features: on EWT dev a tagged word adds up about 1,200 weights, most from such rows.
type weights struct {
	feats table   // feature hash → row
	ent   []int32 // packed weights: weight<<8 | class, never 0
	scale float32 // a packed weight stands for (ent>>8)*scale
	bias  scores  // the row of the bias feature, which every position has, by class

	dense     []int16  // dense rows, stride weights each
	stride    int      // the number of classes rounded up to a multiple of 8
	denseOrig []uint32 // the val (start<<8 | length in ent) of each dense row's slot
}

// denseMark is the val2 of a slot whose row is dense. It is no packed weight: its class would be
// 255, and a model has fewer classes.
const denseMark int32 = -1

// denseMin is the length from which a row is kept dense: a dense row of a model with 50-90
// classes takes 96-180 bytes, and adding it costs about as much as adding 10-20 packed weights.
const denseMin = 16

// densify makes the rows of denseMin weights or more dense, for nc classes.
func (w *weights) densify(nc int) {
	w.stride = (nc + 7) &^ 7
	for i := range w.feats.slots {
		s := &w.feats.slots[i]
		if s.fp == 0 || s.val2 != 0 || int(s.val&0xff) < denseMin {
			continue
		}
		row := w.ent[s.val>>8 : s.val>>8+s.val&0xff]
		d := make([]int32, w.stride)
		ok := true
		for _, e := range row {
			c := int(uint8(e))
			ok = ok && c < nc && d[c] == 0
			if ok {
				d[c] = e >> 8
			}
		}
		off := len(w.dense)
		for _, x := range d {
			ok = ok && x == int32(int16(x))
			w.dense = append(w.dense, int16(x))
		}
		if !ok { // a row Load would not accept, or with weights too large: left as it is
			w.dense = w.dense[:off]
			continue
		}
		w.denseOrig = append(w.denseOrig, s.val)
		s.val, s.val2 = uint32(off), denseMark
	}
}

// stored returns slot s as the model file has it: a dense row's slot gets back its run of ent.
func (w *weights) stored(s slot) slot {
	if s.val2 == denseMark {
		s.val, s.val2 = w.denseOrig[int(s.val)/w.stride], 0
	}
	return s
}

// scores holds one score a class; indexed by a uint8 class it needs no bounds checks.
type scores [maxClasses + 1]int32

// setBias reads the bias feature's row into bias. It is called once the table is complete.
func (w *weights) setBias() {
	w.bias = scores{}
	s, ok := w.feats.slot(combine(0, 0, 0)) // the bias feature (template 0 of extract)
	if !ok {
		return
	}
	var buf [2]int32
	for _, e := range w.row(s, &buf) {
		w.bias[uint8(e)] += e >> 8
	}
}

// row returns the packed weights of a slot's row; buf holds an inline row.
func (w *weights) row(s slot, buf *[2]int32) []int32 {
	s = w.stored(s)
	if s.val2 != 0 {
		buf[0], buf[1] = int32(s.val), s.val2
		return buf[:]
	}
	start := s.val >> 8
	return w.ent[start : start+s.val&0xff]
}

// pack moves the two-weight rows into their slots and drops them from ent.
func (w *weights) pack() {
	var ent []int32
	for i := range w.feats.slots {
		s := &w.feats.slots[i]
		if s.fp == 0 || s.val2 != 0 {
			continue
		}
		start, n := s.val>>8, s.val&0xff
		r := w.ent[start : start+n]
		if n == 2 {
			s.val, s.val2 = uint32(r[0]), r[1]
			continue
		}
		s.val = uint32(len(ent))<<8 | n
		ent = append(ent, r...)
	}
	w.ent = ent
	w.setBias()
}

// best returns the highest-scoring of the first nc classes for the features of a position: the
// bias feature, whose row w.bias holds, and fs, the others; sc is scratch.
//
// Scoring is bound by memory latency (the tables are several megabytes), so it is done in phases
// whose loads do not wait for one another: first every feature's home slot is prefetched (on
// amd64; a prefetch does not hold back the instructions after it as a load that misses does), then
// read in a loop without branches, so that their cache misses overlap; then the slots are checked (probing on
// only for collisions) and the two-weight rows added, the dense rows eight classes at a time
// (dense.Add); then the first weight of every other row is read, again in one sweep, before those
// rows are added up. The sums are those of a plain
// feature-by-feature loop: integer addition does not depend on the order.
func (w *weights) best(fs []uint64, nc int, sc *scores) int {
	*sc = w.bias
	t := &w.feats
	if len(t.slots) == 0 {
		return 0
	}
	prefetch.Slots(unsafe.Pointer(&t.slots[0]), unsafe.Sizeof(slot{}), t.mask, fs)
	var home [maxFeatures]slot
	for k, f := range fs {
		home[k] = t.slots[f&t.mask]
	}
	var rows [maxFeatures]uint32
	var drows [maxFeatures]int32 // offsets in dense
	n, nd := 0, 0
	for k, f := range fs {
		s, fp := home[k], fingerprint(f)
		if s.fp != fp {
			if s.fp == 0 {
				continue
			}
			var ok bool
			if s, ok = t.probeAfter(f, fp); !ok {
				continue
			}
		}
		if s.val2 == denseMark {
			drows[nd] = int32(s.val)
			nd++
			continue
		}
		if s.val2 != 0 {
			e1, e2 := int32(s.val), s.val2
			sc[uint8(e1)] += e1 >> 8
			sc[uint8(e2)] += e2 >> 8
			continue
		}
		rows[n] = s.val
		n++
	}
	if nd > 0 {
		dense.Add(&sc[0], &w.dense[0], drows[:nd], w.stride/8)
	}
	var heads [maxFeatures]int32
	for k, r := range rows[:n] {
		heads[k] = w.ent[r>>8]
	}
	for k, r := range rows[:n] {
		e := heads[k]
		sc[uint8(e)] += e >> 8
		start := r >> 8
		for _, e := range w.ent[start+1 : start+r&0xff] {
			sc[uint8(e)] += e >> 8
		}
	}
	best := 0
	for k := 1; k < nc; k++ {
		if sc[k] > sc[best] {
			best = k
		}
	}
	return best
}

// setAmb looks up the ambiguity class of each token.
func (m *Model) setAmb(toks []tokFeat) {
	for i := range toks {
		toks[i].amb = hAmbUnknown
		if a, ok := m.amb.get(toks[i].norm); ok {
			toks[i].amb = m.ambs[a]
		}
	}
}

// table is an open-addressing hash table from 64-bit hashes to uint32 values. A slot keeps a
// 32-bit fingerprint of the upper half of the hash (the slot index comes from the lower half).
type table struct {
	slots []slot
	mask  uint64
}

type slot struct {
	fp, val uint32
	val2    int32 // used by the weight tables only
}

func fingerprint(h uint64) uint32 { return uint32(h>>32) | 1 }

func newTable(n int) table {
	size := 16
	for size < n+n/2+1 { // load factor at most 2/3
		size <<= 1
	}
	return table{slots: make([]slot, size), mask: uint64(size - 1)}
}

func (t *table) put(h uint64, v uint32) {
	fp := fingerprint(h)
	i := h & t.mask
	for t.slots[i].fp != 0 && t.slots[i].fp != fp {
		i = (i + 1) & t.mask
	}
	t.slots[i] = slot{fp: fp, val: v}
}

func (t *table) get(h uint64) (uint32, bool) {
	s, ok := t.slot(h)
	return s.val, ok
}

func (t *table) slot(h uint64) (slot, bool) {
	if len(t.slots) == 0 {
		return slot{}, false
	}
	fp := fingerprint(h)
	i := h & t.mask
	for {
		s := t.slots[i]
		if s.fp == fp {
			return s, true
		}
		if s.fp == 0 {
			return slot{}, false
		}
		i = (i + 1) & t.mask
	}
}

// probeAfter goes on probing for h, whose fingerprint is fp, after its home slot.
func (t *table) probeAfter(h uint64, fp uint32) (slot, bool) {
	i := h & t.mask
	for {
		i = (i + 1) & t.mask
		s := t.slots[i]
		if s.fp == fp {
			return s, true
		}
		if s.fp == 0 {
			return slot{}, false
		}
	}
}

func (t *table) len() int {
	n := 0
	for _, s := range t.slots {
		if s.fp != 0 {
			n++
		}
	}
	return n
}

// Classes returns the number of joint labels of the model.
func (m *Model) Classes() int { return len(m.upos) }

// Features returns the number of feature rows and non-zero weights of the model.
func (m *Model) Features() (rows, nweights int) {
	for _, w := range []*weights{&m.w1, &m.w2} {
		var buf [2]int32
		for _, s := range w.feats.slots {
			if s.fp != 0 {
				rows++
				nweights += len(w.row(s, &buf))
			}
		}
	}
	return rows, nweights
}

// stackTokens is the sentence length up to which Tag works without heap allocation.
const stackTokens = 96

// Tag sets UPOS and XPOS on every token of s.
func (m *Model) Tag(s *nlp.Sentence) {
	n := len(s.Tokens)
	if n == 0 || len(m.upos) == 0 {
		return
	}
	var tbuf [stackTokens]tokFeat
	var cbuf, fbuf [stackTokens]int
	toks, classes, first := tbuf[:0], cbuf[:0], fbuf[:0]
	if n > stackTokens {
		toks, classes, first = make([]tokFeat, 0, n), make([]int, 0, n), make([]int, 0, n)
	}
	for i := range s.Tokens {
		toks = append(toks, wordFeat(s.Tokens[i].Text, i == 0))
	}
	m.setAmb(toks)
	classes, first = classes[:n], first[:n]
	m.tagSeq(toks, classes, first)
	for i := range s.Tokens {
		s.Tokens[i].UPOS = m.upos[classes[i]]
		s.Tokens[i].XPOS = m.xpos[classes[i]]
	}
}

// tagSeq predicts the class of every token greedily from left to right, twice when the model has
// a second pass; first is scratch of the sentence's length.
func (m *Model) tagSeq(toks []tokFeat, out, first []int) {
	if len(m.w2.feats.slots) == 0 {
		m.pass(&m.w1, toks, nil, out)
		return
	}
	m.pass(&m.w1, toks, nil, first)
	m.pass(&m.w2, toks, first, out)
}

// pass tags the sentence with the weights w; first holds the first pass's classes in the second.
func (m *Model) pass(w *weights, toks []tokFeat, first, out []int) {
	var fs [maxFeatures]uint64
	var sc scores
	prev, prev2 := -1, -1
	for i := range toks {
		c, ok := m.dict.get(toks[i].norm)
		if !ok {
			n := extract(toks, i, prev, prev2, first, &fs) // fs[0] is the bias: w.bias
			c = uint32(w.best(fs[1:n], len(m.upos), &sc))
		}
		out[i] = int(c)
		prev2, prev = prev, int(c)
	}
}
