package dict

import (
	"cmp"
	"slices"
)

// cand is one phrase of an index: its words and what it stands for.
type cand[T any] struct {
	words []string
	v     T
	rank  int64 // higher wins among phrases of the same length
	seq   int   // insertion order, lower wins last
}

// phraseIndex finds the longest phrase at the start of a word sequence. Phrases are grouped by
// their first word, longest first, so a match looks at the few phrases sharing the first word.
type phraseIndex[T any] struct {
	m   map[string][]cand[T]
	seq int
	n   int
	// first has the bit firstBit(w) set for every first word w of a phrase: most words of a
	// text start no phrase, and the filter turns them away faster than the map does.
	first []uint64
	bits  uint // the filter has 1<<bits bits
}

// firstBit is a word's bit in a first-word filter of 1<<bits bits: a hash of its length and its
// first three and last three bytes, cheap enough to be worth it when most words miss.
func firstBit(w string, bits uint) uint64 {
	n := len(w)
	h := uint64(n)
	if n >= 3 {
		h |= uint64(w[0])<<8 | uint64(w[1])<<16 | uint64(w[2])<<24 | uint64(w[n-3])<<32 | uint64(w[n-2])<<40 | uint64(w[n-1])<<48
	} else {
		for i := 0; i < n; i++ {
			h |= uint64(w[i]) << (8 * (i + 1))
		}
	}
	return (h * 0x9e3779b97f4a7c15) >> (64 - bits)
}

// newPhraseIndex returns an empty index with room for about size phrases.
func newPhraseIndex[T any](size int) *phraseIndex[T] {
	return &phraseIndex[T]{m: make(map[string][]cand[T], size)}
}

func (ix *phraseIndex[T]) add(words []string, v T, rank int64) {
	if len(words) == 0 {
		return
	}
	ix.seq++
	ix.n++
	ix.m[words[0]] = append(ix.m[words[0]], cand[T]{words: words, v: v, rank: rank, seq: ix.seq})
}

// finish orders each group: longer phrases first, then higher rank, then earlier insertion, and
// fills the first-word filter.
func (ix *phraseIndex[T]) finish() {
	ix.bits = 10
	for ix.bits < 24 && 1<<ix.bits < 12*len(ix.m) { // about 1 word in 12 passes by chance
		ix.bits++
	}
	ix.first = make([]uint64, 1<<ix.bits/64)
	for w := range ix.m {
		b := firstBit(w, ix.bits)
		ix.first[b/64] |= 1 << (b % 64)
	}
	for _, cs := range ix.m {
		slices.SortFunc(cs, func(a, b cand[T]) int {
			if len(a.words) != len(b.words) {
				return len(b.words) - len(a.words)
			}
			if a.rank != b.rank {
				return cmp.Compare(b.rank, a.rank)
			}
			return a.seq - b.seq // seq is unique: the order is total
		})
	}
}

// lookup returns the longest phrase that words start with.
func (ix *phraseIndex[T]) lookup(words []string) (int, *cand[T]) {
	if len(words) == 0 {
		return 0, nil
	}
	if b := firstBit(words[0], ix.bits); ix.first[b/64]&(1<<(b%64)) == 0 {
		return 0, nil
	}
	return ix.scan(words)
}

// scan is lookup without the first-word filter: the phrases of words' first word, longest first.
func (ix *phraseIndex[T]) scan(words []string) (int, *cand[T]) {
	cs := ix.m[words[0]]
next:
	for i := range cs {
		c := &cs[i]
		if len(c.words) > len(words) {
			continue
		}
		for j := 1; j < len(c.words); j++ {
			if c.words[j] != words[j] {
				continue next
			}
		}
		return len(c.words), c
	}
	return 0, nil
}

// match is lookup that also tries the words after a leading "the" when skipThe is set, and
// returns the longer of the two matches.
func (ix *phraseIndex[T]) match(words []string, skipThe bool) (int, *cand[T]) {
	n, c := ix.lookup(words)
	if skipThe && len(words) > 1 && words[0] == "the" {
		if m, d := ix.lookup(words[1:]); d != nil && m+1 > n {
			return m + 1, d
		}
	}
	return n, c
}

// matchAll is match returning every value of the longest phrase, best first.
func (ix *phraseIndex[T]) matchAll(words []string, skipThe bool) (int, []T) {
	n, c := ix.match(words, skipThe)
	if c == nil {
		return 0, nil
	}
	var out []T
	seen := map[any]bool{}
	for _, d := range ix.m[c.words[0]] {
		if len(d.words) != len(c.words) || !equalWords(d.words, c.words) || seen[d.v] {
			continue
		}
		seen[d.v] = true
		out = append(out, d.v)
	}
	return n, out
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// all calls f for every phrase.
func (ix *phraseIndex[T]) all(f func(words []string, v T)) {
	for _, cs := range ix.m {
		for _, c := range cs {
			f(c.words, c.v)
		}
	}
}
