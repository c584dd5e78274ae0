// Package parse is dyad's labelled dependency parser: an arc-eager transition parser (Nivre 2003)
// whose transitions are scored by an averaged perceptron over the rich feature templates of Zhang &
// Nivre (2011). It owns training, the model file format and parsing; tagging and lemmatization are
// done before, by other packages.
//
// A model is trained either for beam search (TrainOptions.Beam > 1; Zhang & Clark 2008): the
// perceptron is trained globally, with max-violation updates (Huang et al. 2012) against the gold
// transition sequence, and Parse keeps the Beam best configurations, scored by the sum of their
// transition scores; or greedily (Beam 1), with the dynamic oracle of Goldberg & Nivre (2012).
// Training trees are projectivized Universal Dependencies trees; the weights are the mean of
// TrainOptions.Runs training runs with different seeds. A second averaged perceptron picks the UD
// relation (nsubj, obj, obl:agent, ...) of each arc as it is made.
//
// The committed model (internal/nlp/models/parser.bin) is made by
//
//	dyad train --parser-only --treebank ../shared/treebanks/en_ewt-ud-train.conllu,../shared/treebanks/en_gum-ccby-train.conllu \
//	    --dev ../shared/treebanks/en_ewt-ud-dev.conllu -o internal/nlp/models
//
// with the defaults of dyad train (--beam 1: greedy, --runs 0 for DefaultRuns, --seed 1, --prune
// 0/0 for DefaultPruneAct and DefaultPruneLabel). With the tagger and lemmatizer of today it makes a
// model slightly unlike the committed one (1,064,066 transition features, not 1,066,154; probably
// from the lemmatizer's changes since, which change the jackknifed lemmas), which codes worse (see
// DefaultPruneAct).
// --prune ACT/LABEL,... also writes more pruned models from the same training. Adding
// --beam 8 trains the beam model instead: on EWT test it parses at UAS/LAS 86.65/83.71 against the
// greedy model's 85.80/82.53, but dyad code runs 3-4 times slower with it, and it coded no better
// (dev root F1 +0.02, held-out -0.02), so the bundled model stays greedy.
package parse

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/nlp"
)

// Model is a trained parser. It is safe for concurrent use.
type Model struct {
	words, lemmas, xpos, upos map[string]uint32
	sufs                      map[string]uint32 // last three letters of lower-cased words
	labels                    []string
	rootLab                   int
	dirOK                     [2][]bool // labels seen on left (0) and right (1) arcs
	act                       *actTable
	lab                       *labTable
	pool                      sync.Pool // *state for greedy parsing
	staticOnce                sync.Once
	static                    *staticModel // see staticModel
	beams                     sync.Pool    // *beam for beam search

	// Beam is the number of configurations Parse keeps: 0 means the width the model was trained
	// with (Width), 1 greedy parsing. Set it before the model is shared between goroutines.
	Beam int
	voc  vocabs // the vocabularies for fill, made by index
	// width is the beam width the model was trained with (1 for greedy training).
	width int

	// training leftovers, kept for experiments with pruning (nil after Load)
	tact   *trainAct
	tlab   *trainLab
	tc     float64
	nTrain int // training sentences
}

// Labels returns the dependency relations the model can produce.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

func newState() *state {
	return &state{feats: make([]uint64, 0, 128), lfeats: make([]uint64, 0, 64)}
}

func (m *Model) getState() *state {
	if st, ok := m.pool.Get().(*state); ok {
		return st
	}
	return newState()
}

// normWord maps a form to its vocabulary key: lower case with ASCII digits replaced by 0. buf is
// scratch space; the returned bytes alias it.
func normWord(s string, buf []byte) ([]byte, bool) {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return nil, true
	}
	buf = buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '0' && c <= '9':
				c = '0'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += n
	}
	return buf, false
}

func normString(s string) string {
	b, plain := normWord(s, nil)
	if plain {
		return s
	}
	return string(b)
}

// shape is a coarse word shape: capitalisation, digits, punctuation, hyphen, length class.
func shape(s string) uint32 {
	var v uint32 = idBase
	if s == "" {
		return v
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		v |= 1 << 2
	}
	allUp, digit, hyphen, letter := true, false, false, false
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			allUp = false
			letter = true
		case unicode.IsUpper(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		case r == '-':
			hyphen = true
		}
	}
	if allUp && letter {
		v |= 1 << 3
	}
	if digit {
		v |= 1 << 4
	}
	if hyphen {
		v |= 1 << 5
	}
	if !letter && !digit {
		v |= 1 << 6
	}
	if len(s) <= 3 {
		v |= 1 << 7
	}
	return v
}

// fill loads the token attributes of s into st.
func (m *Model) fill(st *state, toks []nlp.Token, buf []byte) []byte {
	st.reset(len(toks))
	v := &m.voc
	for i := range toks {
		t := &toks[i]
		j := i + 1
		b, plain := normWord(t.Text, buf)
		if plain {
			st.w[j] = v.words.get(t.Text)
			b = append(buf[:0], t.Text...)
		} else {
			st.w[j] = v.words.getBytes(b)
		}
		st.suf[j] = v.sufs.getBytes(suffix(b))
		buf = b
		b, plain = normWord(t.Lemma, buf)
		if plain {
			st.l[j] = v.lemmas.get(t.Lemma)
		} else {
			buf = b
			st.l[j] = v.lemmas.getBytes(b)
		}
		st.p[j] = v.xpos.get(t.XPOS)
		st.u[j] = v.upos.get(t.UPOS)
		st.shape[j] = shape(t.Text)
	}
	return buf
}

// suffix returns the last three letters (runes) of the normalized word w.
func suffix(w []byte) []byte {
	n := 0
	for i := len(w); i > 0; {
		_, size := utf8.DecodeLastRune(w[:i])
		i -= size
		n++
		if n == 3 {
			return w[i:]
		}
	}
	return w
}

// bestLabel returns the highest-scoring label allowed for the arc h -> d.
func (m *Model) bestLabel(st *state, h, d int32, scores []float32) int {
	if h == 0 {
		return m.rootLab
	}
	dir := 1
	if d < h {
		dir = 0
	}
	ok := m.dirOK[dir]
	best, bi := float32(0), -1
	for i, s := range scores {
		if !ok[i] || i == m.rootLab {
			continue
		}
		if bi < 0 || s > best {
			best, bi = s, i
		}
	}
	if bi < 0 {
		bi = 0
	}
	return bi
}

// Width returns the beam width the model was trained with, which Parse uses when Beam is 0: 1 for a
// greedily trained model.
func (m *Model) Width() int { return max(m.width, 1) }

// Parse sets Head (index into s.Tokens, -1 for the root) and Rel of every token of s from its Text,
// UPOS, XPOS and Lemma, keeping m.Beam configurations (or Width when Beam is 0).
func (m *Model) Parse(s *nlp.Sentence) {
	k := m.Beam
	if k <= 0 {
		k = m.Width()
	}
	m.parseBeam(s, k)
}

// parseGreedy parses s taking the best transition at each step.
func (m *Model) parseGreedy(s *nlp.Sentence) {
	if len(s.Tokens) == 0 {
		return
	}
	st := m.getState()
	defer m.pool.Put(st)
	var buf [64]byte
	m.fill(st, s.Tokens, buf[:0])
	if cap(st.lscores) < len(m.labels) {
		st.lscores = make([]float32, len(m.labels))
	}
	st.lscores = st.lscores[:len(m.labels)]
	sm := m.staticModel()
	m.staticSums(st)
	var sc [nAct]int32
	for st.b < st.N {
		m.act.score(dynFeats(st), &sc)
		addStatic(st, sm, &sc)
		m.advance(st, &sc)
	}
	m.finish(st)
	for i := range s.Tokens {
		j := i + 1
		h := st.head[j]
		s.Tokens[i].Head = int(h) - 1
		s.Tokens[i].Rel = m.labels[st.lab[j]-1]
	}
}

// finish makes a tree with a single root dependent: the words left without a head and the root's
// dependents after the first one are attached to that first one.
func (m *Model) finish(st *state) {
	r := st.N
	for j := int32(1); j < st.N; j++ {
		if st.head[j] == 0 {
			r = j
			break
		}
	}
	for j := int32(1); j < st.N; j++ {
		if j == r || (st.head[j] != st.N && st.head[j] != 0) {
			continue
		}
		if r == st.N {
			st.arc(0, j, m.rootLab)
			r = j
			continue
		}
		m.lab.score(labFeats(st, r, j), st.lscores)
		st.head[j] = r
		st.lab[j] = uint32(m.bestLabel(st, r, j, st.lscores) + 1)
	}
}

// advance applies the valid transition that the scores sc rank highest, labelling its arc.
func (m *Model) advance(st *state, sc *[nAct]int32) {
	v := st.valid()
	a := -1
	for i := range nAct {
		if v[i] && (a < 0 || sc[i] > sc[a]) {
			a = i
		}
	}
	lab := 0
	if a == actLeft || a == actRight {
		h, d := st.arcOf(a)
		if h != 0 {
			m.lab.score(labFeats(st, h, d), st.lscores)
		}
		lab = m.bestLabel(st, h, d, st.lscores)
	}
	st.apply(a, lab)
}
