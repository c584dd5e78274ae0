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

// actFeats fills st.feats with the transition features of the current configuration: the 57
// dynamic features of dynFeats, then the static ones (see static.go) of the words in their roles,
// the label features and the bias. The templates, numbered 1 to 104, are those of Zhang & Nivre
// (2011) and extensions; each is written once, in dynFeats or roleFeats.
func actFeats(st *state) []uint64 {
	f := dynFeats(st)
	roles, labs := staticAt(st)
	for r, j := range roles {
		f = roleFeats(st, j, r, f)
	}
	for k, j := range labs {
		f = append(f, fh(labTemplates[k], st.lab[j], 0, 0))
	}
	f = append(f, fh(biasTemplate, 0, 0, 0))
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
