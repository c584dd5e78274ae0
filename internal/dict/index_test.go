package dict

import "testing"

// lookupScan is lookup without the first-word filter.
func lookupScan[T any](ix *phraseIndex[T], words []string) (int, *cand[T]) {
	if len(words) == 0 {
		return 0, nil
	}
	return ix.scan(words)
}

// checkFilter fails when the first-word filter turns away a phrase of the index, or when lookup
// differs from a plain scan on the phrases, on each phrase's first word alone and on text.
func checkFilter[T any](t *testing.T, name string, ix *phraseIndex[T], text []string) {
	t.Helper()
	same := func(words []string) {
		n, c := ix.lookup(words)
		m, d := lookupScan(ix, words)
		if n != m || c != d {
			t.Fatalf("%s: lookup(%q) = %d, %v; a scan finds %d, %v", name, words, n, c, m, d)
		}
	}
	phrases := 0
	for w, cs := range ix.m {
		if b := firstBit(w, ix.bits); ix.first[b/64]&(1<<(b%64)) == 0 {
			t.Fatalf("%s: the filter turns away %q", name, w)
		}
		for _, c := range cs {
			same(c.words)
			phrases++
		}
		same([]string{w})
	}
	for i := range text {
		same(text[i:])
	}
	if phrases == 0 {
		t.Fatalf("%s: no phrases", name)
	}
}

func TestFirstWordFilter(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := append(append([]string(nil), benchText...), benchPlain...)
	checkFilter(t, "actors", d.actors, text)
	checkFilter(t, "agents", d.agents, text)
	checkFilter(t, "places", d.places, text)

	small := loadDir(t, "good")
	checkFilter(t, "small actors", small.actors, text)
}

func TestFirstBitSpread(t *testing.T) {
	// Words that differ only in a middle byte share a bit (the hash reads the ends), others
	// rarely do: 64 short words in a 1<<16 filter should land on almost as many bits.
	seen := map[uint64]bool{}
	for _, w := range benchPlain {
		seen[firstBit(w, 16)] = true
	}
	distinct := map[string]bool{}
	for _, w := range benchPlain {
		distinct[w] = true
	}
	if len(seen) < len(distinct)*9/10 {
		t.Fatalf("%d words on %d bits", len(distinct), len(seen))
	}
}
