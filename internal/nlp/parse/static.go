package parse

import (
	"unsafe"

	"github.com/dyad-events/dyad/internal/nlp/prefetch"
)

// Greedy parsing scores about two transitions a word, each from the 104 features of actFeats, and
// most of its time goes to fetching their weights from the transition table, which is far larger
// than the caches. 47 of those features depend on less than the configuration:
//
//   - 38 on the fixed attributes of one word in one role: the front of the buffer (b0, with the
//     words after it), the top two words of the stack (s0, s1), the head and grandparent of s0 and
//     the outermost children of s0 and b0. Their weights are summed once for every word and role
//     when a sentence starts (staticSums), in one sweep whose cache misses overlap, instead of at
//     every transition that puts the word in the role;
//   - 8 on the label of one word alone and 1 (the bias) on nothing: their sums are computed once per
//     model (staticModel).
//
// dynFeats makes the other 57, whose weights are fetched at each transition. actFeats, which
// training and beam search score, is the union of the three kinds. The weights are integers, so
// adding the same weights in another order gives the same scores: greedy parses are those of
// scoring actFeats (TestStaticSplit checks it).

// Word roles of the static features.
const (
	roleB0 = iota
	roleS0
	roleS1
	roleS0h  // head of s0
	roleS0h2 // head of the head of s0
	roleS0l  // leftmost child of s0
	roleS0l2 // second leftmost child of s0
	roleS0r  // rightmost child of s0
	roleS0r2 // second rightmost child of s0
	roleB0l  // leftmost child of b0
	roleB0l2 // second leftmost child of b0
	nRoles
)

// labTemplates are the templates of actFeats whose only attribute is the label of a word.
var labTemplates = [...]uint64{41, 44, 47, 50, 53, 56, 59, 62}

// biasTemplate is the template of actFeats without attributes.
const biasTemplate = 82

// roleFeats appends to f the static features of word j in role r.
func roleFeats(st *state, j int32, r int, f []uint64) []uint64 {
	w, p := st.w, st.p
	add := func(t uint64, a, b, c uint32) { f = append(f, fh(t, a, b, c)) }
	switch r {
	case roleB0:
		N := st.N
		b1 := min(j+1, N)
		b2 := min(j+2, N)
		b3 := min(j+3, N)
		add(4, w[j], p[j], 0)
		add(5, w[j], 0, 0)
		add(6, p[j], 0, 0)
		add(7, w[b1], p[b1], 0)
		add(8, w[b1], 0, 0)
		add(9, p[b1], 0, 0)
		add(10, w[b2], p[b2], 0)
		add(11, w[b2], 0, 0)
		add(12, p[b2], 0, 0)
		add(20, p[j], p[b1], 0)
		add(21, p[j], p[b1], p[b2])
		add(84, p[b3], p[j], p[b1])
		add(86, st.shape[j], p[j], 0)
		add(88, w[j], p[b1], 0)
		add(93, st.suf[j], 0, 0)
		add(94, st.suf[b1], p[j], 0)
	case roleS0:
		add(1, w[j], p[j], 0)
		add(2, w[j], 0, 0)
		add(3, p[j], 0, 0)
		add(87, st.shape[j], p[j], 0)
	case roleS1:
		add(73, p[j], 0, 0)
		add(95, w[j], p[j], 0)
	default:
		t := wordTemplates[r]
		add(t, w[j], 0, 0)
		add(t+1, p[j], 0, 0)
	}
	return f
}

// wordTemplates gives, for the roles whose static features are a word and its tag, the template of
// the word (that of the tag follows it).
var wordTemplates = [nRoles]uint64{
	roleS0h: 39, roleS0h2: 51, roleS0l: 42, roleS0l2: 54, roleS0r: 45, roleS0r2: 57, roleB0l: 48, roleB0l2: 60,
}

// dynFeats fills st.feats with the features of actFeats that are not static: the templates that
// combine two or more words of the configuration or read its distances, valencies and label sets.
// (Templates 1-12, single words of s0 and the buffer, and 39-62, words and labels of heads and
// children, are static.)
func dynFeats(st *state) []uint64 {
	N := st.N
	s0 := st.s0()
	s1 := st.s1()
	b0 := st.b
	b1 := min(b0+1, N)
	w, p, l, u := st.w, st.p, st.l, st.u
	s0h := st.head[s0]
	s0h2 := st.head[s0h]
	s0l, s0l2 := st.lc1[s0], st.lc2[s0]
	s0r, s0r2 := st.rc1[s0], st.rc2[s0]
	b0l, b0l2 := st.lc1[b0], st.lc2[b0]
	var d uint32
	if s0 != N && b0 != N {
		d = dist(s0, b0)
	}
	b0prev := N
	if b0 != N && b0 > 1 {
		b0prev = b0 - 1
	}
	s0next := N
	if s0 != N && s0+1 < b0 {
		s0next = s0 + 1
	}
	f := st.feats[:0]
	add := func(t uint64, a, b, c uint32) { f = append(f, fh(t, a, b, c)) }
	// pairs
	add(13, w[s0], w[b0], pp(p[s0], p[b0]))
	add(14, w[s0], w[b0], p[s0])
	add(15, w[s0], w[b0], p[b0])
	add(16, w[s0], pp(p[s0], p[b0]), 0)
	add(17, w[b0], pp(p[s0], p[b0]), 0)
	add(18, w[s0], w[b0], 0)
	add(19, p[s0], p[b0], 0)
	// three words
	add(22, p[s0], p[b0], p[b1])
	add(23, p[s0h], p[s0], p[b0])
	add(24, p[s0], p[s0l], p[b0])
	add(25, p[s0], p[s0r], p[b0])
	add(26, p[s0], p[b0], p[b0l])
	// distance
	add(27, w[s0], d, 0)
	add(28, p[s0], d, 0)
	add(29, w[b0], d, 0)
	add(30, p[b0], d, 0)
	add(31, w[s0], w[b0], d)
	add(32, p[s0], p[b0], d)
	// valency
	add(33, w[s0], capv(st.nr[s0]), 0)
	add(34, p[s0], capv(st.nr[s0]), 0)
	add(35, w[s0], capv(st.nl[s0]), 0)
	add(36, p[s0], capv(st.nl[s0]), 0)
	add(37, w[b0], capv(st.nl[b0]), 0)
	add(38, p[b0], capv(st.nl[b0]), 0)
	// third order
	add(63, p[s0], p[s0l], p[s0l2])
	add(64, p[s0], p[s0r], p[s0r2])
	add(65, p[s0], p[s0h], p[s0h2])
	add(66, p[b0], p[b0l], p[b0l2])
	// label sets
	add(67, w[s0], fold(st.rs[s0]), 0)
	add(68, p[s0], fold(st.rs[s0]), 0)
	add(69, w[s0], fold(st.ls[s0]), 0)
	add(70, p[s0], fold(st.ls[s0]), 0)
	add(71, w[b0], fold(st.ls[b0]), 0)
	add(72, p[b0], fold(st.ls[b0]), 0)
	// extensions
	add(74, p[s1], p[s0], 0)
	add(75, p[s1], p[s0], p[b0])
	add(76, w[s1], p[s0], p[b0])
	add(77, l[b0], p[s0], 0)
	add(78, l[s0], p[b0], 0)
	add(79, u[s0], u[b0], u[b1])
	add(80, p[b0prev], p[b0], p[s0])
	add(81, p[s0next], p[s0], p[b0])
	var hh uint32
	if s0 != N && st.head[s0] != N {
		hh = 1
	}
	add(83, hh, p[s0], p[b0])
	add(85, l[s0], l[b0], 0)
	add(89, p[s0], w[b1], 0)
	add(90, u[s0h], u[s0], w[b0])
	suf := st.suf
	add(91, suf[s0], p[b0], 0)
	add(92, suf[b0], p[s0], 0)
	add(96, w[s1], w[s0], 0)
	add(97, w[s1], w[b0], p[s0])
	add(98, w[s0h], p[s0], p[b0])
	add(99, w[s0], w[b0], p[b1])
	add(100, l[s0], l[b0], p[b1])
	add(101, w[s0r], p[s0], p[b0])
	add(102, w[b0l], p[s0], p[b0])
	add(103, u[s1], u[s0], u[b0])
	add(104, suf[s0], suf[b0], 0)
	st.feats = f
	return f
}

// staticModel holds the weight sums of the features that depend on the model alone: the bias and,
// for each label template and label value (0: no label), its feature.
type staticModel struct {
	bias [nAct]int32
	lab  [len(labTemplates)][][nAct]int32
}

// staticModel returns the model's static sums, computed on first use.
func (m *Model) staticModel() *staticModel {
	m.staticOnce.Do(func() {
		sm := &staticModel{}
		m.act.score([]uint64{fh(biasTemplate, 0, 0, 0)}, &sm.bias)
		for k, t := range labTemplates {
			sm.lab[k] = make([][nAct]int32, len(m.labels)+1)
			for v := range sm.lab[k] {
				m.act.score([]uint64{fh(t, uint32(v), 0, 0)}, &sm.lab[k][v])
			}
		}
		m.static = sm
	})
	return m.static
}

// staticSums sets st.sums[r*(N+1)+j] to the sum of the weights of the static features of word j in
// role r, for every word of the sentence (with the root, 0, and "none", N).
func (m *Model) staticSums(st *state) {
	n := int(st.N) + 1
	f := st.sfeats[:0]
	for j := range int32(n) {
		for r := range nRoles {
			f = roleFeats(st, j, r, f)
		}
	}
	st.sfeats = f
	if cap(st.sw) < len(f) {
		st.sw = make([][nAct]int16, len(f))
	}
	w := st.sw[:len(f)]
	m.act.weights(f, w)
	if cap(st.sums) < nRoles*n {
		st.sums = make([][nAct]int32, nRoles*n)
	}
	st.sums = st.sums[:nRoles*n]
	k := 0
	for j := range n {
		for r := range nRoles {
			var s [nAct]int32
			for _, x := range w[k : k+roleSize[r]] {
				s[0] += int32(x[0])
				s[1] += int32(x[1])
				s[2] += int32(x[2])
				s[3] += int32(x[3])
			}
			k += roleSize[r]
			st.sums[r*n+j] = s
		}
	}
}

// roleSize is the number of features roleFeats makes for each role.
var roleSize = [nRoles]int{roleB0: 16, roleS0: 4, roleS1: 2, roleS0h: 2, roleS0h2: 2, roleS0l: 2,
	roleS0l2: 2, roleS0r: 2, roleS0r2: 2, roleB0l: 2, roleB0l2: 2}

// staticAt returns the words in each role of the current configuration and the words whose
// labels the label templates read, in the order of labTemplates.
func staticAt(st *state) (roles [nRoles]int32, labs [len(labTemplates)]int32) {
	s0 := st.s0()
	b0 := st.b
	s0h := st.head[s0]
	roles = [nRoles]int32{
		roleB0: b0, roleS0: s0, roleS1: st.s1(), roleS0h: s0h, roleS0h2: st.head[s0h],
		roleS0l: st.lc1[s0], roleS0l2: st.lc2[s0], roleS0r: st.rc1[s0], roleS0r2: st.rc2[s0],
		roleB0l: st.lc1[b0], roleB0l2: st.lc2[b0],
	}
	labs = [len(labTemplates)]int32{s0, roles[roleS0l], roles[roleS0r], roles[roleB0l], s0h,
		roles[roleS0l2], roles[roleS0r2], roles[roleB0l2]}
	return roles, labs
}

// addStatic adds to sc the weights of the static features of the current configuration.
func addStatic(st *state, sm *staticModel, sc *[nAct]int32) {
	n := st.N + 1
	roles, labs := staticAt(st)
	o := *sc
	for r, j := range roles {
		s := &st.sums[int32(r)*n+j]
		o[0] += s[0]
		o[1] += s[1]
		o[2] += s[2]
		o[3] += s[3]
	}
	for k, j := range labs {
		s := &sm.lab[k][st.lab[j]]
		o[0] += s[0]
		o[1] += s[1]
		o[2] += s[2]
		o[3] += s[3]
	}
	o[0] += sm.bias[0]
	o[1] += sm.bias[1]
	o[2] += sm.bias[2]
	o[3] += sm.bias[3]
	*sc = o
}

// weights sets out[k] to the weights of feats[k] (zero for a feature the table lacks), fetching
// them as score does.
func (t *actTable) weights(feats []uint64, out [][nAct]int16) {
	var home [featChunk]uint32
	slots, mask := t.slots, t.mask
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), featChunk)]
		feats = feats[len(chunk):]
		o := out[:len(chunk)]
		out = out[len(chunk):]
		prefetch.Slots(unsafe.Pointer(&slots[0]), unsafe.Sizeof(aslot{}), mask, chunk)
		for k, f := range chunk {
			home[k] = slots[f&mask].fp
		}
		for k, f := range chunk {
			o[k] = [nAct]int16{}
			if i, ok := probe(slots, mask, f, home[k]); ok {
				o[k] = slots[i].w
			}
		}
	}
}
