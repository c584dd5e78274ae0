package parse

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"

	"github.com/dyad-events/dyad/internal/nlp/prefetch"
)

// Model file layout (integers are unsigned varints unless said otherwise):
//
//	magic "DYADPARSE5\n"
//	beam width the model was trained with (models with the magic "DYADPARSE4\n" have none: 1)
//	vocabularies words, lemmas, xpos, upos, suffixes (each: count, then per entry length + bytes; id = index+3)
//	labels (count, strings), root label id, left-allowed and right-allowed label flags (a byte each)
//	transition table: log2 of its size, number of used slots, scale (float32, 4 bytes little endian);
//	  per used slot in order: gap from the previous used slot, fingerprint (4 bytes little endian),
//	  nAct zig-zag varint weights (weight = q*scale)
//	label table: the same header; per used slot: gap, fingerprint, number of entries, then per entry
//	  the label byte and a zig-zag varint weight
//
// The hash tables are stored as laid out in memory, so loading rebuilds nothing. Weights are
// quantized to 16 bits of a shared scale.
const (
	magic   = "DYADPARSE5\n"
	magicV4 = "DYADPARSE4\n" // before beam search: greedy models without the width
)

const qmax = 32767

type writer struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
}

func (w *writer) uv(v uint64) {
	n := binary.PutUvarint(w.tmp[:], v)
	w.w.Write(w.tmp[:n])
}

func (w *writer) sv(v int64) {
	n := binary.PutVarint(w.tmp[:], v)
	w.w.Write(w.tmp[:n])
}

func (w *writer) str(s string) {
	w.uv(uint64(len(s)))
	w.w.WriteString(s)
}

func (w *writer) u32(v uint32) {
	binary.LittleEndian.PutUint32(w.tmp[:4], v)
	w.w.Write(w.tmp[:4])
}

func (w *writer) f32(f float32) {
	binary.LittleEndian.PutUint32(w.tmp[:4], math.Float32bits(f))
	w.w.Write(w.tmp[:4])
}

func vocabList(m map[string]uint32) []string {
	out := make([]string, len(m))
	for k, v := range m {
		out[v-idBase] = k
	}
	return out
}

func quant(w, scale float32) int64 {
	return int64(math.Round(float64(w / scale)))
}

// Save writes the model in dyad's compact binary format.
func (m *Model) Save(out io.Writer) error {
	w := &writer{w: bufio.NewWriterSize(out, 1<<16)}
	w.w.WriteString(magic)
	w.uv(uint64(m.Width()))
	for _, v := range []map[string]uint32{m.words, m.lemmas, m.xpos, m.upos, m.sufs} {
		list := vocabList(v)
		w.uv(uint64(len(list)))
		for _, s := range list {
			w.str(s)
		}
	}
	w.uv(uint64(len(m.labels)))
	for _, s := range m.labels {
		w.str(s)
	}
	w.uv(uint64(m.rootLab))
	for d := 0; d < 2; d++ {
		for _, ok := range m.dirOK[d] {
			if ok {
				w.w.WriteByte(1)
			} else {
				w.w.WriteByte(0)
			}
		}
	}
	// transition table
	w.uv(uint64(bits.TrailingZeros64(m.act.mask + 1)))
	w.uv(uint64(m.act.n))
	w.f32(m.act.scale)
	prev := 0
	for i, sl := range m.act.slots {
		if sl.fp == 0 {
			continue
		}
		w.uv(uint64(i - prev))
		prev = i
		w.u32(sl.fp)
		for _, x := range sl.w {
			w.sv(int64(x))
		}
	}
	// label table
	w.uv(uint64(bits.TrailingZeros64(m.lab.mask + 1)))
	w.uv(uint64(m.lab.n))
	w.f32(m.lab.scale)
	prev = 0
	for i, sl := range m.lab.slots {
		fp := sl.fp
		if fp == 0 {
			continue
		}
		w.uv(uint64(i - prev))
		prev = i
		w.u32(fp)
		row := m.lab.run(m.lab.stored(sl.ref))
		w.uv(uint64(len(row)))
		for _, e := range row {
			w.w.WriteByte(e.lab)
			w.sv(int64(e.q))
		}
	}
	return w.w.Flush()
}

// reader decodes a model held in memory; the first error sticks and zero values follow it.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("unexpected end of model")

func (r *reader) uv() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) sv() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) count(limit uint64) int {
	n := r.uv()
	if n > limit {
		r.setErr(fmt.Errorf("count %d exceeds %d", n, limit))
		return 0
	}
	return int(n)
}

func (r *reader) setErr(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.err = errShort
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) str() string { return string(r.take(r.count(1 << 16))) }

func (r *reader) byte() byte {
	b := r.take(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (r *reader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

// Load reads a model written by Save.
func Load(in io.Reader) (*Model, error) {
	var data []byte
	var err error
	if l, ok := in.(interface{ Len() int }); ok { // strings.Reader, bytes.Reader: no regrowing
		data = make([]byte, l.Len())
		_, err = io.ReadFull(in, data)
	} else {
		data, err = io.ReadAll(in)
	}
	if err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", err)
	}
	v4 := bytes.HasPrefix(data, []byte(magicV4))
	if !v4 && !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("parse: not a dyad parser model")
	}
	r := &reader{b: data[len(magic):]}
	m := &Model{width: 1}
	if !v4 {
		m.width = r.count(MaxBeam)
		if r.err == nil && m.width < 1 {
			r.setErr(errors.New("beam width 0"))
		}
	}
	vmaps := make([]map[string]uint32, 5)
	for i := range vmaps {
		n := r.count(1 << 24)
		v := make(map[string]uint32, min(n, 1<<12))
		for j := 0; j < n && r.err == nil; j++ {
			v[r.str()] = uint32(j + idBase)
		}
		vmaps[i] = v
	}
	m.words, m.lemmas, m.xpos, m.upos, m.sufs = vmaps[0], vmaps[1], vmaps[2], vmaps[3], vmaps[4]
	m.index()
	nl := r.count(250)
	for i := 0; i < nl && r.err == nil; i++ {
		m.labels = append(m.labels, r.str())
	}
	m.rootLab = int(r.uv())
	if r.err == nil && (nl == 0 || m.rootLab >= nl) {
		r.setErr(errors.New("bad root label"))
	}
	for d := 0; d < 2; d++ {
		m.dirOK[d] = make([]bool, nl)
		for i := 0; i < nl; i++ {
			m.dirOK[d][i] = r.byte() == 1
		}
	}
	// transition table; a used slot takes at least 9 bytes, which bounds what a damaged count
	// can make Load allocate
	size, n := r.tableHeader()
	scale := r.f32()
	if r.err == nil && n > len(r.b)/9 {
		r.setErr(fmt.Errorf("%d transition features in %d bytes", n, len(r.b)))
	}
	if r.err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", r.err)
	}
	m.act = &actTable{mask: uint64(size - 1), n: n, scale: scale}
	m.act.slots = prefetch.Alloc[aslot](m.act, size)
	pos := 0
	for k := 0; k < n && r.err == nil; k++ {
		gap := int(r.uv())
		if pos+gap >= size || (k > 0 && gap == 0) {
			r.setErr(errors.New("bad transition table"))
			break
		}
		pos += gap
		sl := &m.act.slots[pos]
		sl.fp = r.u32()
		for a := range sl.w {
			q := r.sv()
			if q < -qmax || q > qmax {
				r.setErr(errors.New("weight out of range"))
			}
			sl.w[a] = int16(q)
		}
		if sl.fp == 0 {
			r.setErr(errors.New("zero fingerprint"))
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", r.err)
	}
	// label table
	size, n = r.tableHeader()
	if r.err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", r.err)
	}
	scale = r.f32()
	type row struct {
		pos   int
		fp    uint32
		first int
	}
	if r.err == nil && n > len(r.b)/6 {
		r.setErr(fmt.Errorf("%d label features in %d bytes", n, len(r.b)))
	}
	if r.err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", r.err)
	}
	lt := &labTable{mask: uint64(size - 1), n: n, scale: scale}
	lt.slots = prefetch.Alloc[lslot](lt, size)
	pos = 0
	for k := 0; k < n && r.err == nil; k++ {
		gap := int(r.uv())
		if pos+gap >= size || (k > 0 && gap == 0) {
			r.setErr(errors.New("bad label table"))
			break
		}
		pos += gap
		s := &lt.slots[pos]
		s.fp = r.u32()
		if s.fp == 0 {
			r.setErr(errors.New("zero fingerprint"))
		}
		cnt := r.count(uint64(nl))
		if len(lt.ents)+cnt >= maxEnts {
			r.setErr(errors.New("too many label weights"))
			break
		}
		s.ref = uint32(len(lt.ents))<<8 | uint32(cnt)
		for e := 0; e < cnt && r.err == nil; e++ {
			l := r.byte()
			if int(l) >= nl {
				r.setErr(errors.New("label out of range"))
			}
			q := r.sv()
			if q < -qmax || q > qmax {
				r.setErr(errors.New("label weight out of range"))
			}
			lt.ents = append(lt.ents, lent{l, int16(q)})
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("parse: reading model: %w", r.err)
	}
	ents := prefetch.Alloc[lent](lt, len(lt.ents))
	copy(ents, lt.ents)
	lt.ents = ents
	lt.densify(nl)
	m.lab = lt
	return m, nil
}

// tableHeader reads the size and the number of used slots of a hash table.
func (r *reader) tableHeader() (size, n int) {
	lg := r.uv()
	if r.err == nil && (lg < 1 || lg > 28) {
		r.setErr(fmt.Errorf("table size 2^%d out of range", lg))
	}
	if r.err != nil {
		return 0, 0
	}
	size = 1 << lg
	n = r.count(uint64(size))
	if r.err == nil && !tableSizeOK(size, n) {
		r.setErr(fmt.Errorf("table of %d slots for %d features", size, n))
	}
	return size, n
}
