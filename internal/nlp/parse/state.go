package parse

// Arc-eager transition system (Nivre 2003) over positions 0..N-1 where 0 is an artificial root and
// 1..N-1 are the words; position N stands for "no such token" so that feature look-ups never branch.

const (
	actShift = iota
	actReduce
	actLeft
	actRight
)

// state is one parser configuration plus the per-sentence token attributes. It is reused between
// sentences (sync.Pool) so that parsing allocates nothing per transition.
type state struct {
	N          int32 // number of positions including the root; also the "none" position
	w, l, p, u []uint32
	suf        []uint32 // id of the last three letters
	shape      []uint32
	head       []int32
	lab        []uint32 // label id + 1, 0 for none
	lc1, lc2   []int32  // leftmost and second leftmost child
	rc1, rc2   []int32  // rightmost and second rightmost child
	nl, nr     []uint32 // numbers of left and right children
	ls, rs     []uint64 // label sets of left and right children
	stack      []int32
	b          int32 // front of the buffer; N when empty
	rootKids   int

	feats   []uint64
	lfeats  []uint64
	lscores []float32
	gold    []int32 // gold heads during training

	// greedy parsing: the static features of every word and role (staticSums), their weights and
	// the sums of those, by role and word
	sfeats []uint64
	sw     [][nAct]int16
	sums   [][nAct]int32
}

func grow32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func growU32(s []uint32, n int) []uint32 {
	if cap(s) < n {
		return make([]uint32, n)
	}
	return s[:n]
}

func growU64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

// reset prepares the state for a sentence of n words; the caller fills w, l, p, u, shape for 1..n.
func (st *state) reset(n int) {
	N := n + 1
	st.N = int32(N)
	size := N + 1
	st.w = growU32(st.w, size)
	st.l = growU32(st.l, size)
	st.p = growU32(st.p, size)
	st.u = growU32(st.u, size)
	st.shape = growU32(st.shape, size)
	st.suf = growU32(st.suf, size)
	st.head = grow32(st.head, size)
	st.lab = growU32(st.lab, size)
	st.lc1 = grow32(st.lc1, size)
	st.lc2 = grow32(st.lc2, size)
	st.rc1 = grow32(st.rc1, size)
	st.rc2 = grow32(st.rc2, size)
	st.nl = growU32(st.nl, size)
	st.nr = growU32(st.nr, size)
	st.ls = growU64(st.ls, size)
	st.rs = growU64(st.rs, size)
	none := int32(N)
	for i := 0; i < size; i++ {
		st.head[i] = none
		st.lab[i] = 0
		st.lc1[i], st.lc2[i], st.rc1[i], st.rc2[i] = none, none, none, none
		st.nl[i], st.nr[i] = 0, 0
		st.ls[i], st.rs[i] = 0, 0
	}
	// root and none attributes
	st.w[0], st.l[0], st.p[0], st.u[0], st.shape[0], st.suf[0] = idRoot, idRoot, idRoot, idRoot, idRoot, idRoot
	st.w[N], st.l[N], st.p[N], st.u[N], st.shape[N], st.suf[N] = 0, 0, 0, 0, 0, 0
	st.stack = append(st.stack[:0], 0)
	st.b = 1
	st.rootKids = 0
}

func (st *state) s0() int32 {
	if len(st.stack) == 0 {
		return st.N
	}
	return st.stack[len(st.stack)-1]
}

func (st *state) s1() int32 {
	if len(st.stack) < 2 {
		return st.N
	}
	return st.stack[len(st.stack)-2]
}

// valid reports which transitions are allowed.
func (st *state) valid() (v [nAct]bool) {
	s0 := st.s0()
	bufOK := st.b < st.N
	v[actShift] = bufOK
	if s0 == st.N {
		return v
	}
	if s0 != 0 {
		hasHead := st.head[s0] != st.N
		v[actReduce] = hasHead
		v[actLeft] = bufOK && !hasHead
		v[actRight] = bufOK
	} else {
		v[actRight] = bufOK // several root dependents are merged by finish
	}
	return v
}

// arc adds the arc h -> d with label id lab.
func (st *state) arc(h, d int32, lab int) {
	st.head[d] = h
	st.lab[d] = uint32(lab + 1)
	bit := uint64(1) << (uint(lab) & 63)
	if d < h {
		st.lc2[h] = st.lc1[h]
		st.lc1[h] = d
		st.nl[h]++
		st.ls[h] |= bit
	} else {
		st.rc2[h] = st.rc1[h]
		st.rc1[h] = d
		st.nr[h]++
		st.rs[h] |= bit
	}
	if h == 0 {
		st.rootKids++
	}
}

// apply performs transition a; lab is the label of the arc for left and right arcs.
func (st *state) apply(a int, lab int) {
	switch a {
	case actShift:
		st.stack = append(st.stack, st.b)
		st.b++
	case actReduce:
		st.stack = st.stack[:len(st.stack)-1]
	case actLeft:
		s0 := st.s0()
		st.arc(st.b, s0, lab)
		st.stack = st.stack[:len(st.stack)-1]
	case actRight:
		st.arc(st.s0(), st.b, lab)
		st.stack = append(st.stack, st.b)
		st.b++
	}
}

// arcOf returns head and dependent of the arc transition a would add.
func (st *state) arcOf(a int) (h, d int32) {
	if a == actLeft {
		return st.b, st.s0()
	}
	return st.s0(), st.b
}

// costs returns the number of gold arcs each valid transition would make unreachable (Goldberg &
// Nivre 2012, arc-eager dynamic oracle), for projective gold heads st.gold.
func (st *state) costs(v [nAct]bool) (c [nAct]int) {
	g := st.gold
	s := st.s0()
	b := st.b
	N := st.N
	none := N
	if v[actShift] {
		n := 0
		for _, k := range st.stack {
			if g[b] == k {
				n++
			}
			if g[k] == b && st.head[k] == none {
				n++
			}
		}
		c[actShift] = n
	}
	if v[actReduce] {
		n := 0
		for k := b; k < N; k++ {
			if g[k] == s {
				n++
			}
		}
		c[actReduce] = n
	}
	if v[actLeft] {
		n := 0
		for k := b; k < N; k++ {
			if g[k] == s {
				n++
			}
			if k != b && g[s] == k {
				n++
			}
		}
		c[actLeft] = n
	}
	if v[actRight] {
		n := 0
		for _, k := range st.stack[:len(st.stack)-1] {
			if g[b] == k {
				n++
			}
			if g[k] == b && st.head[k] == none {
				n++
			}
		}
		for k := b + 1; k < N; k++ {
			if g[b] == k {
				n++
			}
		}
		c[actRight] = n
	}
	return c
}
