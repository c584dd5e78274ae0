// Package tag is dyad's part-of-speech tagger: a greedy left-to-right averaged perceptron that
// predicts a joint (UPOS, Penn XPOS) label per token from hashed word, affix, shape and context
// features and the two previous predictions. It owns training, the compact binary model format and
// tagging; it knows nothing of the other NLP stages.
package tag

import (
	"github.com/dyad-events/dyad/internal/nlp"
)

// maxClasses bounds the number of joint labels (a class index fits a byte).
const maxClasses = 255

// Model is a trained tagger. It is immutable after Train or Load and safe for concurrent use.
type Model struct {
	upos, xpos []string // per class
	feats      table    // feature hash → row
	rowStart   []uint32 // row r has entries rowStart[r]:rowStart[r+1]
	cls        []uint8
	w          []float32
	dict       table // word norm hash → class, for frequent unambiguous words
	amb        table // word norm hash → index in ambs
	ambs       []uint64
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

// table is an open-addressing hash table from non-zero uint64 keys to int32 values.
type table struct {
	keys []uint64
	vals []int32
	mask uint64
}

func newTable(n int) table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return table{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

func (t *table) put(k uint64, v int32) {
	i := k & t.mask
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & t.mask
	}
	t.keys[i] = k
	t.vals[i] = v
}

func (t *table) get(k uint64) (int32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	i := k & t.mask
	for {
		kk := t.keys[i]
		if kk == k {
			return t.vals[i], true
		}
		if kk == 0 {
			return 0, false
		}
		i = (i + 1) & t.mask
	}
}

// Classes returns the number of joint labels of the model.
func (m *Model) Classes() int { return len(m.upos) }

// Features returns the number of feature rows and non-zero weights of the model.
func (m *Model) Features() (rows, weights int) { return len(m.rowStart) - 1, len(m.w) }

// stackTokens is the sentence length up to which Tag works without heap allocation.
const stackTokens = 96

// Tag sets UPOS and XPOS on every token of s.
func (m *Model) Tag(s *nlp.Sentence) {
	n := len(s.Tokens)
	if n == 0 || len(m.upos) == 0 {
		return
	}
	var tbuf [stackTokens]tokFeat
	var cbuf [stackTokens]int
	toks, classes := tbuf[:0], cbuf[:0]
	if n > stackTokens {
		toks, classes = make([]tokFeat, 0, n), make([]int, 0, n)
	}
	for i := range s.Tokens {
		toks = append(toks, wordFeat(s.Tokens[i].Text, i == 0))
	}
	m.setAmb(toks)
	classes = classes[:n]
	m.tagSeq(toks, classes)
	for i := range s.Tokens {
		s.Tokens[i].UPOS = m.upos[classes[i]]
		s.Tokens[i].XPOS = m.xpos[classes[i]]
	}
}

// tagSeq predicts the class of every token greedily from left to right.
func (m *Model) tagSeq(toks []tokFeat, out []int) {
	var fs [numFeatures]uint64
	var scores [maxClasses]float32
	nc := len(m.upos)
	prev, prev2 := -1, -1
	for i := range toks {
		c, ok := m.dict.get(toks[i].norm)
		if !ok {
			extract(toks, i, prev, prev2, &fs)
			sc := scores[:nc]
			clear(sc)
			for _, f := range fs {
				r, ok := m.feats.get(f)
				if !ok {
					continue
				}
				lo, hi := m.rowStart[r], m.rowStart[r+1]
				cl, w := m.cls[lo:hi], m.w[lo:hi]
				for k := range cl {
					sc[cl[k]] += w[k]
				}
			}
			best := 0
			for k := 1; k < nc; k++ {
				if sc[k] > sc[best] {
					best = k
				}
			}
			c = int32(best)
		}
		out[i] = int(c)
		prev2, prev = prev, int(c)
	}
}
