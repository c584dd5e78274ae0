package tag

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"

	"github.com/dyad-events/dyad/internal/nlp/prefetch"
)

// The model file is not compressed (gzip saves under 15% and doubles load time). After the magic
// string, integers are unsigned varints unless stated:
//
//	classes:      n, then n × (UPOS, XPOS) as length-prefixed strings
//	dictionary:   table of word → class
//	ambiguity:    n, then n × uint64 little-endian class hashes; table of word → class index
//	two passes, each (all sizes 0 for no second pass):
//	  scale:      float32 bits, little-endian (a weight is stored as an integer multiple of it)
//	  features:   the feature table in its memory layout, so that loading it is a copy: its size
//	              (log2), its number of used slots and the number of weights of long rows; then,
//	              when slots are used, a bitmap of the used slots (uint64 words), each used slot in
//	              index order (fingerprint, value, second value: 32 bits each) and the weights of
//	              the long rows (int32, weight<<8 | class); all little-endian
//
// A dictionary or ambiguity table is written as its size (log2), its number of used slots, then
// for each used slot in index order: the slot index delta, the 32-bit fingerprint (little-endian)
// and the value.
const magic = "dyad-tagger-5\n"

const maxTableLog = 26

// Save writes the model in its compact binary format.
func (m *Model) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	u32 := func(x uint32) { bw.Write(binary.LittleEndian.AppendUint32(buf[:0], x)) }
	writeTable := func(t *table, val func(s slot)) {
		log := 0
		for 1<<log < len(t.slots) {
			log++
		}
		uv(uint64(log))
		uv(uint64(t.len()))
		last := 0
		for i, s := range t.slots {
			if s.fp == 0 {
				continue
			}
			uv(uint64(i - last))
			last = i
			u32(s.fp)
			val(s)
		}
	}

	bw.WriteString(magic)
	uv(uint64(len(m.upos)))
	for i := range m.upos {
		str(m.upos[i])
		str(m.xpos[i])
	}
	writeTable(&m.dict, func(s slot) { uv(uint64(s.val)) })
	uv(uint64(len(m.ambs)))
	for _, h := range m.ambs {
		bw.Write(binary.LittleEndian.AppendUint64(buf[:0], h))
	}
	writeTable(&m.amb, func(s slot) { uv(uint64(s.val)) })
	for _, w := range []*weights{&m.w1, &m.w2} {
		u32(math.Float32bits(w.scale))
		t := &w.feats
		log := 0
		for 1<<log < len(t.slots) {
			log++
		}
		n := t.len()
		uv(uint64(log))
		uv(uint64(n))
		if n == 0 {
			uv(0)
			continue
		}
		uv(uint64(len(w.ent)))
		bitmap := make([]uint64, (len(t.slots)+63)/64)
		for i, s := range t.slots {
			if s.fp != 0 {
				bitmap[i/64] |= 1 << (i % 64)
			}
		}
		for _, x := range bitmap {
			bw.Write(binary.LittleEndian.AppendUint64(buf[:0], x))
		}
		for _, s := range t.slots {
			if s.fp != 0 {
				s = w.stored(s)
				u32(s.fp)
				u32(s.val)
				u32(uint32(s.val2))
			}
		}
		for _, e := range w.ent {
			u32(uint32(e))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("saving tagger: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	var data []byte
	var err error
	if lr, ok := r.(interface{ Len() int }); ok { // bytes.Reader, strings.Reader: read in one go
		data = make([]byte, lr.Len())
		_, err = io.ReadFull(r, data)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, fmt.Errorf("loading tagger: %w", err)
	}
	d := &decoder{data: data}
	m := d.model()
	if d.err != nil {
		return nil, fmt.Errorf("loading tagger: %w", d.err)
	}
	return m, nil
}

var errCorrupt = errors.New("corrupt model")

// decoder reads the model format from memory, keeping the first error.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) uv(limit uint64) uint64 {
	if len(d.data) > 0 {
		if x := uint64(d.data[0]); x < 0x80 && x <= limit && d.err == nil { // one byte: most of them
			d.data = d.data[1:]
			return x
		}
	}
	return d.uvLong(limit)
}

func (d *decoder) uvLong(limit uint64) uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.data)
	if n <= 0 || x > limit {
		d.err = errCorrupt
		return 0
	}
	d.data = d.data[n:]
	return x
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.data) {
		d.err = errCorrupt
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

func (d *decoder) u32() uint32 {
	b := d.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

// table reads a table; val reads the value (val, val2) of a slot.
func (d *decoder) table(val func() (uint32, int32)) table {
	log := d.uv(maxTableLog)
	n := d.uv(1 << maxTableLog)
	if d.err != nil {
		return table{}
	}
	size := 1 << log
	if n >= uint64(size) { // a full table would make lookups of absent keys loop
		d.err = errCorrupt
		return table{}
	}
	t := table{mask: uint64(size - 1)}
	if n > 0 {
		// Allocate only once the first slot has been read, so that a short corrupt input does not
		// make a large table.
		idx := -1
		for k := uint64(0); k < n; k++ {
			delta := d.uv(uint64(size))
			fp := d.u32()
			v, v2 := val()
			if d.err != nil {
				return table{}
			}
			idx += int(delta)
			if k == 0 {
				idx = int(delta)
				t.slots = make([]slot, size)
			} else if delta == 0 {
				d.err = errCorrupt
			}
			if idx >= size || fp&1 == 0 {
				d.err = errCorrupt
			}
			if d.err != nil {
				return table{}
			}
			t.slots[idx] = slot{fp: fp, val: v, val2: v2}
		}
	}
	return t
}

func (d *decoder) model() *Model {
	head := d.bytes(len(magic))
	if d.err != nil || string(head) != magic {
		d.err = errors.New("not a dyad tagger model")
		return nil
	}
	m := &Model{}
	nc := int(d.uv(maxClasses))
	for range nc {
		m.upos = append(m.upos, string(d.bytes(int(d.uv(64)))))
		m.xpos = append(m.xpos, string(d.bytes(int(d.uv(64)))))
	}
	if nc == 0 && d.err == nil {
		d.err = errCorrupt
	}
	m.dict = d.table(func() (uint32, int32) { return uint32(d.uv(uint64(nc - 1))), 0 })
	na := int(d.uv(1 << 24))
	for range na {
		b := d.bytes(8)
		if b == nil {
			break
		}
		m.ambs = append(m.ambs, binary.LittleEndian.Uint64(b))
	}
	m.amb = d.table(func() (uint32, int32) {
		v := d.uv(uint64(max(na-1, 0)))
		if na == 0 && d.err == nil {
			d.err = errCorrupt
		}
		return uint32(v), 0
	})
	m.w1 = d.weights(m, nc)
	m.w2 = d.weights(m, nc)
	if d.err != nil {
		return nil
	}
	return m
}

// weights reads the weights of one pass, whose tables owner keeps (see prefetch.Alloc).
func (d *decoder) weights(owner *Model, nc int) weights {
	var w weights
	w.scale = math.Float32frombits(d.u32())
	log := d.uv(maxTableLog)
	n := int(d.uv(1 << maxTableLog))
	nent := int(d.uv(1<<24 - 1))
	if d.err != nil {
		return w
	}
	size := 1 << log
	if n >= size || n == 0 && nent != 0 { // a full table would make lookups of absent keys loop
		d.err = errCorrupt
		return w
	}
	if n == 0 {
		w.setBias()
		return w
	}
	words := (size + 63) / 64
	if words*8+n*12+nent*4 > len(d.data) { // before allocating: a short input makes no large table
		d.err = errCorrupt
		return w
	}
	bitmap, slots, ent := d.bytes(words*8), d.bytes(n*12), d.bytes(nent*4)
	entry := func(e int32) bool { return int(uint8(e)) < nc && e>>8 != 0 } // Save writes no zero weights
	w.ent = prefetch.Alloc[int32](owner, nent)
	for i := range w.ent {
		e := int32(binary.LittleEndian.Uint32(ent[4*i:]))
		if !entry(e) {
			d.err = errCorrupt
			return weights{}
		}
		w.ent[i] = e
	}
	t := table{slots: prefetch.Alloc[slot](owner, size), mask: uint64(size - 1)}
	k := 0
	for wi := range words {
		for x := binary.LittleEndian.Uint64(bitmap[8*wi:]); x != 0; x &= x - 1 {
			i := wi*64 + bits.TrailingZeros64(x)
			if i >= size || k >= n {
				d.err = errCorrupt
				return weights{}
			}
			b := slots[12*k : 12*k+12]
			k++
			s := slot{fp: binary.LittleEndian.Uint32(b), val: binary.LittleEndian.Uint32(b[4:]), val2: int32(binary.LittleEndian.Uint32(b[8:]))}
			ok := s.fp&1 == 1
			if s.val2 != 0 { // a row of two weights, in the slot
				ok = ok && entry(int32(s.val)) && entry(s.val2)
			} else if start, l := int(s.val>>8), int(s.val&0xff); start+l > nent || l > nc {
				ok = false
			}
			if !ok {
				d.err = errCorrupt
				return weights{}
			}
			t.slots[i] = s
		}
	}
	if k != n {
		d.err = errCorrupt
		return weights{}
	}
	w.feats = t
	w.setBias()
	w.densify(nc)
	return w
}
