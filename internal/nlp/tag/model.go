package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip-compressed; inside, after the magic string, all integers are unsigned
// varints unless stated:
//
//	classes: n, then n × (UPOS, XPOS) as length-prefixed strings
//	dictionary: n, then n × (key delta from the previous key, class)
//	ambiguity classes: n, then n × uint64 little-endian hash
//	ambiguity dictionary: n, then n × (key delta, class index)
//	weights: scale as float32 bits (a weight is stored as round(w/scale), an int16)
//	rows: n, then n × (key delta, entries k, k × (class, zig-zag quantised weight))
//
// Keys are written in increasing order.
const magic = "dyad-tagger-1\n"

// Save writes the model in its compact binary format (about 4 bytes per non-zero weight).
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("saving tagger: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }

	bw.WriteString(magic)
	uv(uint64(len(m.upos)))
	for i := range m.upos {
		str(m.upos[i])
		str(m.xpos[i])
	}
	type kv struct {
		k uint64
		v int32
	}
	sorted := func(t table) []kv {
		var out []kv
		for i, k := range t.keys {
			if k != 0 {
				out = append(out, kv{k, t.vals[i]})
			}
		}
		slices.SortFunc(out, func(a, b kv) int {
			if a.k < b.k {
				return -1
			}
			if a.k > b.k {
				return 1
			}
			return 0
		})
		return out
	}
	dict := sorted(m.dict)
	uv(uint64(len(dict)))
	last := uint64(0)
	for _, e := range dict {
		uv(e.k - last)
		last = e.k
		uv(uint64(e.v))
	}
	uv(uint64(len(m.ambs)))
	for _, h := range m.ambs {
		binary.Write(bw, binary.LittleEndian, h)
	}
	amb := sorted(m.amb)
	uv(uint64(len(amb)))
	last = 0
	for _, e := range amb {
		uv(e.k - last)
		last = e.k
		uv(uint64(e.v))
	}
	maxAbs := float32(0)
	for _, x := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	binary.Write(bw, binary.LittleEndian, math.Float32bits(scale))
	rows := sorted(m.feats)
	uv(uint64(len(rows)))
	last = 0
	for _, e := range rows {
		uv(e.k - last)
		last = e.k
		lo, hi := m.rowStart[e.v], m.rowStart[e.v+1]
		uv(uint64(hi - lo))
		for j := lo; j < hi; j++ {
			uv(uint64(m.cls[j]))
			q := int64(math.Round(float64(m.w[j] / scale)))
			uv(uint64((q << 1) ^ (q >> 63)))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("saving tagger: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("saving tagger: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("loading tagger: %w", err)
	}
	m, err := decode(bufio.NewReaderSize(zr, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("loading tagger: %w", err)
	}
	return m, nil
}

var errCorrupt = errors.New("corrupt model")

func decode(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a dyad tagger model")
	}
	var err error
	uv := func(limit uint64) uint64 {
		if err != nil {
			return 0
		}
		var x uint64
		x, err = binary.ReadUvarint(br)
		if err == nil && x > limit {
			err = errCorrupt
		}
		return x
	}
	str := func() string {
		n := uv(64)
		if err != nil {
			return ""
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		return string(b)
	}
	m := &Model{}
	nc := int(uv(maxClasses))
	for range nc {
		m.upos = append(m.upos, str())
		m.xpos = append(m.xpos, str())
	}
	if err != nil {
		return nil, err
	}
	if nc == 0 {
		return nil, errCorrupt
	}
	nd := int(uv(1 << 24))
	if err != nil {
		return nil, err
	}
	var dkeys []uint64
	var dvals []int32
	key := uint64(0)
	for range nd {
		d := uv(math.MaxUint64)
		c := uv(uint64(nc - 1))
		if err != nil {
			return nil, err
		}
		key += d
		if key == 0 || (d == 0 && nd > 1) {
			return nil, errCorrupt
		}
		dkeys = append(dkeys, key)
		dvals = append(dvals, int32(c))
	}
	m.dict = newTable(len(dkeys))
	for i, k := range dkeys {
		m.dict.put(k, dvals[i])
	}
	na := int(uv(1 << 24))
	if err != nil {
		return nil, err
	}
	for range na {
		var h uint64
		if err := binary.Read(br, binary.LittleEndian, &h); err != nil {
			return nil, err
		}
		m.ambs = append(m.ambs, h)
	}
	if m.amb, err = readKeyed(br, uint64(max(na-1, 0))); err != nil {
		return nil, err
	}
	var sbits uint32
	if err := binary.Read(br, binary.LittleEndian, &sbits); err != nil {
		return nil, err
	}
	scale := math.Float32frombits(sbits)
	nr := int(uv(1 << 26))
	if err != nil {
		return nil, err
	}
	var fkeys []uint64
	key = 0
	for r := range nr {
		d := uv(math.MaxUint64)
		k := uv(uint64(nc))
		if err != nil {
			return nil, err
		}
		key += d
		if key == 0 || (d == 0 && r > 0) {
			return nil, errCorrupt
		}
		fkeys = append(fkeys, key)
		m.rowStart = append(m.rowStart, uint32(len(m.w)))
		for range k {
			c := uv(uint64(nc - 1))
			z := uv(math.MaxUint64)
			q := int64(z>>1) ^ -int64(z&1)
			m.cls = append(m.cls, uint8(c))
			m.w = append(m.w, float32(q)*scale)
		}
		if err != nil {
			return nil, err
		}
	}
	m.rowStart = append(m.rowStart, uint32(len(m.w)))
	m.feats = newTable(len(fkeys))
	for r, k := range fkeys {
		m.feats.put(k, int32(r))
	}
	return m, nil
}

// readKeyed reads n, then n × (key delta, value ≤ limit) into a table.
func readKeyed(br *bufio.Reader, limit uint64) (table, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return table{}, err
	}
	if n > 1<<24 {
		return table{}, errCorrupt
	}
	var keys []uint64
	var vals []int32
	key := uint64(0)
	for i := range n {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return table{}, err
		}
		v, err := binary.ReadUvarint(br)
		if err != nil {
			return table{}, err
		}
		key += d
		if key == 0 || v > limit || (d == 0 && i > 0) {
			return table{}, errCorrupt
		}
		keys = append(keys, key)
		vals = append(vals, int32(v))
	}
	t := newTable(len(keys))
	for i, k := range keys {
		t.put(k, vals[i])
	}
	return t, nil
}
