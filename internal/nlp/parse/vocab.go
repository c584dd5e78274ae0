package parse

import (
	"hash/maphash"
	"unsafe"
)

// vocab is a read-only table from strings to ids, for the vocabularies fill looks tokens up in.
// A Go map keeps its string keys out of line, so that a look-up reads the map's group and then
// the key's bytes elsewhere: two cache misses for most of the two words and a lemma a token looks
// up in vocabularies of tens of thousands, which parsing news does not keep in the caches. vocab
// keeps short keys in its slots (linear probing, at most half full); longer ones, rare, are in
// a map.
type vocab struct {
	seed  maphash.Seed
	slots []vslot
	mask  uint64
	long  map[string]uint32 // keys longer than vkeyMax
}

// vkeyMax is the longest key kept in a slot (a slot then takes 32 bytes).
const vkeyMax = 27

type vslot struct {
	key [vkeyMax]byte
	n   uint8 // length of the key + 1; 0 for an empty slot
	id  uint32
}

func newVocab(ids map[string]uint32) *vocab {
	size := 16
	for size < 2*len(ids) {
		size <<= 1
	}
	v := &vocab{seed: maphash.MakeSeed(), slots: make([]vslot, size), mask: uint64(size - 1)}
	for k, id := range ids {
		if len(k) > vkeyMax {
			if v.long == nil {
				v.long = map[string]uint32{}
			}
			v.long[k] = id
			continue
		}
		i := maphash.String(v.seed, k) & v.mask
		for v.slots[i].n != 0 {
			i = (i + 1) & v.mask
		}
		s := &v.slots[i]
		copy(s.key[:], k)
		s.n, s.id = uint8(len(k)+1), id
	}
	return v
}

// get returns the id of k, or idUnk.
func (v *vocab) get(k string) uint32 {
	if len(k) > vkeyMax {
		if id, ok := v.long[k]; ok {
			return id
		}
		return idUnk
	}
	for i := maphash.String(v.seed, k) & v.mask; ; i = (i + 1) & v.mask {
		s := &v.slots[i]
		if s.n == 0 {
			return idUnk
		}
		if int(s.n) == len(k)+1 && string(s.key[:len(k)]) == k {
			return s.id
		}
	}
}

// getBytes is get for a key in bytes, without copying them: get keeps no reference to its key,
// and maphash.String hashes a string as maphash.Bytes hashes the same bytes.
func (v *vocab) getBytes(k []byte) uint32 {
	return v.get(unsafe.String(unsafe.SliceData(k), len(k)))
}

// vocabs are the vocabularies of a model as vocab tables.
type vocabs struct{ words, lemmas, xpos, upos, sufs *vocab }

// index makes m.voc from the vocabulary maps, which must not change afterwards.
func (m *Model) index() {
	m.voc = vocabs{newVocab(m.words), newVocab(m.lemmas), newVocab(m.xpos), newVocab(m.upos), newVocab(m.sufs)}
}
