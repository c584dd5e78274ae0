package tokenize

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
)

// SegModel is a trained sentence-boundary classifier: feature weights and the abbreviations
// learned from training text.
type SegModel struct {
	weights map[uint32]float32
	table   wtable // weights for lookup
	abbrevs map[string]bool
	// ortho is how words (lower case) were written in the training text: orthoLower when only
	// in lower case inside sentences, orthoCap when only capitalised inside sentences,
	// orthoBoth, orthoStart when only at sentence starts; absent words are orthoUnknown.
	ortho map[string]byte
}

// Orthographic classes of words.
const (
	orthoUnknown = 'u'
	orthoLower   = 'l'
	orthoCap     = 'c'
	orthoBoth    = 'b'
	orthoStart   = 's'
)

// modelMagic starts a saved SegModel; the digit is bumped when the features change.
const modelMagic = "dyad-seg 7\n"

// Save writes the model in a compact binary form.
func (m *SegModel) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(modelMagic)
	abbr := make([]string, 0, len(m.abbrevs))
	for a := range m.abbrevs {
		abbr = append(abbr, a)
	}
	sort.Strings(abbr)
	var buf [8]byte
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(abbr)))
	bw.Write(buf[:4])
	for _, a := range abbr {
		bw.WriteByte(byte(len(a)))
		bw.WriteString(a)
	}
	words := make([]string, 0, len(m.ortho))
	for w := range m.ortho {
		words = append(words, w)
	}
	sort.Strings(words)
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(words)))
	bw.Write(buf[:4])
	for _, w := range words {
		bw.WriteByte(m.ortho[w])
		bw.WriteByte(byte(len(w)))
		bw.WriteString(w)
	}
	// weights: keys ascending as varint gaps, values quantized to int8 steps of scale
	keys := make([]uint32, 0, len(m.weights))
	var max float32
	for k, v := range m.weights {
		keys = append(keys, k)
		if v < 0 {
			v = -v
		}
		max = float32(math.Max(float64(max), float64(v)))
	}
	slices.Sort(keys)
	scale := max / 127
	if scale == 0 {
		scale = 1
	}
	binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(scale))
	bw.Write(buf[:4])
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(keys)))
	bw.Write(buf[:4])
	var vb [binary.MaxVarintLen32]byte
	prev := uint32(0)
	for _, k := range keys {
		bw.Write(vb[:binary.PutUvarint(vb[:], uint64(k-prev))])
		prev = k
		bw.WriteByte(byte(int8(math.Round(float64(m.weights[k] / scale)))))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing segmenter model: %w", err)
	}
	return nil
}

// LoadSegModel reads a model written by Save.
func LoadSegModel(r io.Reader) (*SegModel, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("reading segmenter model: not a dyad-seg model of this version")
	}
	fail := func(err error) (*SegModel, error) {
		return nil, fmt.Errorf("reading segmenter model: %w", err)
	}
	var buf [8]byte
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return fail(err)
	}
	n := binary.LittleEndian.Uint32(buf[:4])
	if n > 1<<20 {
		return fail(fmt.Errorf("%d abbreviations", n))
	}
	m := &SegModel{abbrevs: make(map[string]bool, n)}
	word := make([]byte, 256)
	for range n {
		l, err := br.ReadByte()
		if err != nil {
			return fail(err)
		}
		if _, err := io.ReadFull(br, word[:l]); err != nil {
			return fail(err)
		}
		m.abbrevs[string(word[:l])] = true
	}
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return fail(err)
	}
	n = binary.LittleEndian.Uint32(buf[:4])
	if n > 1<<22 {
		return fail(fmt.Errorf("%d words", n))
	}
	m.ortho = make(map[string]byte, n)
	for range n {
		if _, err := io.ReadFull(br, buf[:2]); err != nil {
			return fail(err)
		}
		if _, err := io.ReadFull(br, word[:buf[1]]); err != nil {
			return fail(err)
		}
		m.ortho[string(word[:buf[1]])] = buf[0]
	}
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return fail(err)
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(buf[:4]))
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return fail(err)
	}
	n = binary.LittleEndian.Uint32(buf[:4])
	if n > 1<<24 {
		return fail(fmt.Errorf("%d weights", n))
	}
	m.weights = make(map[uint32]float32, n)
	key := uint64(0)
	for range n {
		gap, err := binary.ReadUvarint(br)
		if err != nil {
			return fail(err)
		}
		key += gap
		if key > math.MaxUint32 {
			return fail(errors.New("weight key out of range"))
		}
		v, err := br.ReadByte()
		if err != nil {
			return fail(err)
		}
		m.weights[uint32(key)] = float32(int8(v)) * scale
	}
	m.table = newWtable(m.weights)
	return m, nil
}

// score sums the weights of the features of gap c.
func (m *SegModel) score(c *ctx) float32 {
	var f [maxFeatures]uint64
	n := features(c, &f)
	var s float32
	for _, h := range f[:n] {
		s += m.table.get(fold(h))
	}
	return s
}

func fold(h uint64) uint32 { return uint32(h) ^ uint32(h>>32) }

// Size returns the number of learned abbreviations and of weights, for reports.
func (m *SegModel) Size() (abbrevs, weights int) { return len(m.abbrevs), len(m.weights) }

// wtable is an open-addressing hash table of weights, faster than a map for this lookup.
type wtable struct {
	keys  []uint32 // 0: empty slot (key 0 is stored as 1)
	vals  []float32
	shift uint
}

func newWtable(w map[uint32]float32) wtable {
	size, shift := 16, uint(28)
	for size < 2*len(w) {
		size *= 2
		shift--
	}
	t := wtable{keys: make([]uint32, size), vals: make([]float32, size), shift: shift}
	for k, v := range w {
		if k == 0 {
			k = 1
		}
		i := t.slot(k)
		for t.keys[i] != 0 && t.keys[i] != k {
			i = (i + 1) & uint32(size-1)
		}
		t.keys[i], t.vals[i] = k, t.vals[i]+v
	}
	return t
}

func (t *wtable) slot(k uint32) uint32 { return (k * 0x9e3779b1) >> t.shift }

func (t *wtable) get(k uint32) float32 {
	if len(t.keys) == 0 {
		return 0
	}
	if k == 0 {
		k = 1
	}
	mask := uint32(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}
