package parse

import (
	"slices"

	"github.com/dyad-events/dyad/internal/nlp"
)

// Beam search (Zhang & Clark 2008; Zhang & Nivre 2011): the parser keeps the k highest-scoring
// configurations, a configuration's score being the sum of the scores of the transitions that made
// it. Each step extends every configuration by each valid transition and keeps the k best results;
// a configuration whose buffer is empty is carried over unchanged until all are. Relation labels
// are chosen by the label classifier when an arc is made and do not enter the score.

// histEntry is one transition in the history of the beam: the entry it extends (-1 for the initial
// configuration), the transition and, for arcs, the label id.
type histEntry struct {
	parent int32
	act    int8
	lab    uint8
}

// item is one configuration in the beam.
type item struct {
	st    *state
	score float64
	hist  int32  // last history entry, -1 for none
	hash  uint64 // hash of the transition sequence
	done  bool
}

type beamCand struct {
	from  int32
	act   int8 // -1: a finished configuration carried over
	score float64
}

// beam is the scratch space of beam search, reused between sentences.
type beam struct {
	base      *state // the sentence's token attributes, shared by all configurations
	cur, next []item
	free      []*state
	hist      []histEntry
	cands     []beamCand
	lscores   []float32
	sc        [nAct]float64 // transition scores (a field: passed to score, a local would escape)
}

func (bm *beam) getState() *state {
	if n := len(bm.free); n > 0 {
		st := bm.free[n-1]
		bm.free = bm.free[:n-1]
		return st
	}
	return &state{}
}

// start empties the beam and puts in it the initial configuration of the sentence in bm.base.
func (bm *beam) start() {
	for _, it := range bm.cur {
		bm.free = append(bm.free, it.st)
	}
	bm.cur = bm.cur[:0]
	bm.hist = bm.hist[:0]
	st := bm.getState()
	st.copyFrom(bm.base)
	bm.cur = append(bm.cur, item{st: st, hist: -1, done: st.b >= st.N})
}

// copyFrom makes st a copy of src. The token attributes (w, l, p, u, suf, shape) are shared with
// src, not copied: they never change during a sentence, and st must never be reset or filled.
func (st *state) copyFrom(src *state) {
	st.N = src.N
	st.w, st.l, st.p, st.u, st.suf, st.shape = src.w, src.l, src.p, src.u, src.suf, src.shape
	st.head = append(st.head[:0], src.head...)
	st.lab = append(st.lab[:0], src.lab...)
	st.lc1 = append(st.lc1[:0], src.lc1...)
	st.lc2 = append(st.lc2[:0], src.lc2...)
	st.rc1 = append(st.rc1[:0], src.rc1...)
	st.rc2 = append(st.rc2[:0], src.rc2...)
	st.nl = append(st.nl[:0], src.nl...)
	st.nr = append(st.nr[:0], src.nr...)
	st.ls = append(st.ls[:0], src.ls...)
	st.rs = append(st.rs[:0], src.rs...)
	st.stack = append(st.stack[:0], src.stack...)
	st.b = src.b
	st.rootKids = src.rootKids
}

// seqHash extends the hash h of a transition sequence by transition a.
func seqHash(h uint64, a int) uint64 {
	x := h ^ uint64(a+1)*0x9E3779B97F4A7C15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// step extends the beam by one transition and keeps the k best configurations, best first (ties
// broken by position in the old beam, then transition, so the search is deterministic). score
// fills the transition scores of a configuration; label returns the label of the arc h -> d made
// in st. step reports whether every configuration in the beam has an empty buffer.
func (bm *beam) step(k int, score func(*state, *[nAct]float64), label func(st *state, h, d int32) int) bool {
	bm.cands = bm.cands[:0]
	sc := &bm.sc
	for i := range bm.cur {
		it := &bm.cur[i]
		if it.done {
			bm.cands = append(bm.cands, beamCand{int32(i), -1, it.score})
			continue
		}
		v := it.st.valid()
		score(it.st, sc)
		for a := 0; a < nAct; a++ {
			if v[a] {
				bm.cands = append(bm.cands, beamCand{int32(i), int8(a), it.score + sc[a]})
			}
		}
	}
	slices.SortFunc(bm.cands, func(x, y beamCand) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		case x.from != y.from:
			return int(x.from - y.from)
		}
		return int(x.act) - int(y.act)
	})
	cands := bm.cands[:min(k, len(bm.cands))]
	all := true
	bm.next = bm.next[:0]
	for _, c := range cands {
		from := &bm.cur[c.from]
		st := bm.getState()
		st.copyFrom(from.st)
		it := item{st: st, score: c.score, hist: from.hist, hash: from.hash, done: from.done}
		if c.act >= 0 {
			a := int(c.act)
			lab := 0
			if a == actLeft || a == actRight {
				h, d := st.arcOf(a)
				lab = label(st, h, d)
			}
			st.apply(a, lab)
			bm.hist = append(bm.hist, histEntry{from.hist, c.act, uint8(lab)})
			it.hist = int32(len(bm.hist) - 1)
			it.hash = seqHash(from.hash, a)
			it.done = st.b >= st.N
		}
		all = all && it.done
		bm.next = append(bm.next, it)
	}
	for _, it := range bm.cur {
		bm.free = append(bm.free, it.st)
	}
	bm.cur, bm.next = bm.next, bm.cur
	return all
}

// sequence appends to out the transitions of history entry h, first to last.
func (bm *beam) sequence(h int32, out []histEntry) []histEntry {
	n := len(out)
	for ; h >= 0; h = bm.hist[h].parent {
		out = append(out, bm.hist[h])
	}
	slices.Reverse(out[n:])
	return out
}

func (m *Model) getBeam() *beam {
	if bm, ok := m.beams.Get().(*beam); ok {
		return bm
	}
	return &beam{base: newState()}
}

// label picks the label of the arc h -> d in st with the label classifier.
func (m *Model) label(st *state, h, d int32, scores []float32) int {
	if h == 0 {
		return m.rootLab
	}
	m.lab.score(labFeats(st, h, d), scores)
	return m.bestLabel(st, h, d, scores)
}

// parseBeam parses s with a beam of k configurations (k <= 1: greedy).
func (m *Model) parseBeam(s *nlp.Sentence, k int) {
	if k <= 1 {
		m.parseGreedy(s) // the same result as beamSearch(s, 1), without copying configurations
		return
	}
	m.beamSearch(s, k)
}

// beamSearch parses s with a beam of k >= 1 configurations.
func (m *Model) beamSearch(s *nlp.Sentence, k int) {
	if len(s.Tokens) == 0 {
		return
	}
	bm := m.getBeam()
	defer m.beams.Put(bm)
	var buf [64]byte
	m.fill(bm.base, s.Tokens, buf[:0])
	if cap(bm.lscores) < len(m.labels) {
		bm.lscores = make([]float32, len(m.labels))
	}
	ls := bm.lscores[:len(m.labels)]
	var sc [nAct]int32
	score := func(st *state, out *[nAct]float64) {
		st.feats = actFeats(st)
		m.act.score(st.feats, &sc)
		for a := range out {
			out[a] = float64(sc[a])
		}
	}
	label := func(st *state, h, d int32) int { return m.label(st, h, d, ls) }
	bm.start()
	for !bm.step(k, score, label) {
	}
	st := bm.cur[0].st
	st.lscores = ls
	m.finish(st)
	for i := range s.Tokens {
		j := i + 1
		s.Tokens[i].Head = int(st.head[j]) - 1
		s.Tokens[i].Rel = m.labels[st.lab[j]-1]
	}
}

// MaxBeam is the largest beam width.
const MaxBeam = 256

// DefaultBeam is the beam width recommended for training a beam model (dyad train --beam 8). On EWT
// dev (EWT+GUM train, jackknifed tags, one run, before the templates 95-104) training with 8 and 16
// gave about the same accuracy after 7 passes (85.89 and 85.86 UAS), training with 16 taking twice
// as long. The bundled model is greedy (width 1): see the package doc.
const DefaultBeam = 8
