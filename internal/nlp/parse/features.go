package parse

// Feature templates. The transition classifier uses the rich non-local templates of Zhang & Nivre
// (2011): words, tags, lemmas of stack and buffer positions, leftmost and rightmost children and
// their labels, valency, distance, label sets and third-order features. The label classifier looks
// at the head and dependent of the arc being made and their surroundings.
//
// Each feature is the 64-bit hash of a template number and up to three packed attribute values.

// Attribute ids shared by all vocabularies: 0 = no such token, 1 = unknown, 2 = the root.
const (
	idNone = 0
	idUnk  = 1
	idRoot = 2
	idBase = 3
)

func fh(t uint64, a, b, c uint32) uint64 {
	x := uint64(a) | uint64(b)<<21 | uint64(c)<<42
	x ^= t * 0x9E3779B97F4A7C15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	if x == 0 {
		x = 1
	}
	return x
}

func fold(m uint64) uint32 { return uint32((m ^ m>>21 ^ m>>42) & (1<<21 - 1)) }

func pp(a, b uint32) uint32 { return a<<8 | b&255 }

func dist(a, b int32) uint32 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint32(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	default:
		return 7
	}
}

func capv(v uint32) uint32 {
	if v > 6 {
		return 6
	}
	return v
}

// actFeats fills st.feats with the transition features of the current configuration.
func actFeats(st *state) []uint64 {
	N := st.N
	s0 := st.s0()
	s1 := st.s1()
	b0 := st.b
	b1 := min(b0+1, N)
	b2 := min(b0+2, N)
	b3 := min(b0+3, N)
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
	// single words
	add(1, w[s0], p[s0], 0)
	add(2, w[s0], 0, 0)
	add(3, p[s0], 0, 0)
	add(4, w[b0], p[b0], 0)
	add(5, w[b0], 0, 0)
	add(6, p[b0], 0, 0)
	add(7, w[b1], p[b1], 0)
	add(8, w[b1], 0, 0)
	add(9, p[b1], 0, 0)
	add(10, w[b2], p[b2], 0)
	add(11, w[b2], 0, 0)
	add(12, p[b2], 0, 0)
	// pairs
	add(13, w[s0], w[b0], pp(p[s0], p[b0]))
	add(14, w[s0], w[b0], p[s0])
	add(15, w[s0], w[b0], p[b0])
	add(16, w[s0], pp(p[s0], p[b0]), 0)
	add(17, w[b0], pp(p[s0], p[b0]), 0)
	add(18, w[s0], w[b0], 0)
	add(19, p[s0], p[b0], 0)
	add(20, p[b0], p[b1], 0)
	// three words
	add(21, p[b0], p[b1], p[b2])
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
	// unigrams of heads and children
	add(39, w[s0h], 0, 0)
	add(40, p[s0h], 0, 0)
	add(41, st.lab[s0], 0, 0)
	add(42, w[s0l], 0, 0)
	add(43, p[s0l], 0, 0)
	add(44, st.lab[s0l], 0, 0)
	add(45, w[s0r], 0, 0)
	add(46, p[s0r], 0, 0)
	add(47, st.lab[s0r], 0, 0)
	add(48, w[b0l], 0, 0)
	add(49, p[b0l], 0, 0)
	add(50, st.lab[b0l], 0, 0)
	// third order
	add(51, w[s0h2], 0, 0)
	add(52, p[s0h2], 0, 0)
	add(53, st.lab[s0h], 0, 0)
	add(54, w[s0l2], 0, 0)
	add(55, p[s0l2], 0, 0)
	add(56, st.lab[s0l2], 0, 0)
	add(57, w[s0r2], 0, 0)
	add(58, p[s0r2], 0, 0)
	add(59, st.lab[s0r2], 0, 0)
	add(60, w[b0l2], 0, 0)
	add(61, p[b0l2], 0, 0)
	add(62, st.lab[b0l2], 0, 0)
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
	// extensions: second stack item, lemmas, coarse tags, neighbours, bias
	add(73, p[s1], 0, 0)
	add(74, p[s1], p[s0], 0)
	add(75, p[s1], p[s0], p[b0])
	add(76, w[s1], p[s0], p[b0])
	add(77, l[b0], p[s0], 0)
	add(78, l[s0], p[b0], 0)
	add(79, u[s0], u[b0], u[b1])
	add(80, p[b0prev], p[b0], p[s0])
	add(81, p[s0next], p[s0], p[b0])
	add(82, 0, 0, 0)
	var hh uint32
	if s0 != N && st.head[s0] != N {
		hh = 1
	}
	add(83, hh, p[s0], p[b0])
	add(84, p[b3], p[b0], p[b1])
	add(85, l[s0], l[b0], 0)
	add(86, st.shape[b0], p[b0], 0)
	add(87, st.shape[s0], p[s0], 0)
	add(88, w[b0], p[b1], 0)
	add(89, p[s0], w[b1], 0)
	add(90, u[s0h], u[s0], w[b0])
	suf := st.suf
	add(91, suf[s0], p[b0], 0)
	add(92, suf[b0], p[s0], 0)
	add(93, suf[b0], 0, 0)
	add(94, suf[b1], p[b0], 0)
	// more words of the second stack item and heads; with a beam of 8 (one run, EWT dev) these ten
	// templates took UAS/LAS from 86.11/82.67 to 86.41/82.98
	add(95, w[s1], p[s1], 0)
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

// labFeats fills st.lfeats with the label features of the arc h -> d.
func labFeats(st *state, h, d int32) []uint64 {
	N := st.N
	w, p, l, u := st.w, st.p, st.l, st.u
	var dir uint32 = 1
	if d < h {
		dir = 2
	}
	dl, dr := st.lc1[d], st.rc1[d]
	hl, hr := st.lc1[h], st.rc1[h]
	dn := min(d+1, N)
	dpv := N
	if d > 1 {
		dpv = d - 1
	}
	hh := st.head[h]
	dd := dist(h, d)
	b1 := min(st.b+1, N)
	f := st.lfeats[:0]
	add := func(t uint64, a, b, c uint32) { f = append(f, fh(100+t, a, b, c<<2|dir)) }
	add(1, w[d], 0, 0)
	add(2, p[d], 0, 0)
	add(3, w[h], 0, 0)
	add(4, p[h], 0, 0)
	add(5, w[d], p[d], 0)
	add(6, w[h], p[h], 0)
	add(7, p[d], p[h], 0)
	add(8, w[d], p[h], 0)
	add(9, p[d], w[h], 0)
	add(10, w[d], w[h], 0)
	add(11, p[d], p[h], dd)
	add(12, l[d], 0, 0)
	add(13, l[h], 0, 0)
	add(14, p[d], st.lab[dl], 0)
	add(15, p[d], st.lab[dr], 0)
	add(16, p[h], st.lab[hl], 0)
	add(17, p[h], st.lab[hr], 0)
	add(18, p[d], fold(st.ls[d]), 0)
	add(19, p[d], fold(st.rs[d]), 0)
	add(20, p[h], fold(st.ls[h]), fold(st.rs[h]))
	add(21, u[d], u[h], 0)
	add(22, p[d], p[dn], p[h])
	add(23, p[d], p[dpv], p[h])
	add(24, p[h], st.lab[h], p[d])
	add(25, 0, 0, 0)
	add(26, st.shape[d], p[d], 0)
	add(27, p[d], p[h], p[hh])
	add(28, w[dl], p[d], p[h])
	add(29, w[dl], 0, 0)
	add(30, pp(p[d], p[h]), p[b1], 0)
	add(31, p[d], capv(st.nl[d]), capv(st.nr[d]))
	add(32, l[d], l[h], 0)
	add(33, w[hl], p[h], p[d])
	add(34, l[d], p[h], dd)
	add(35, w[dr], p[d], 0)
	add(36, st.suf[d], p[h], 0)
	st.lfeats = f
	return f
}
