package parse

import (
	"fmt"
	"strings"
	"testing"
)

// TestVocab checks vocab against the map it is made from, for keys in it and not, short, empty and
// longer than a slot holds.
func TestVocab(t *testing.T) {
	ids := map[string]uint32{"": idBase}
	for i := range 3000 {
		k := fmt.Sprintf("w%d", i*7)
		if i%50 == 0 {
			k = strings.Repeat("long", 8) + k // longer than vkeyMax
		}
		ids[k] = uint32(i + idBase + 1)
	}
	v := newVocab(ids)
	check := func(k string) {
		want, ok := ids[k]
		if !ok {
			want = idUnk
		}
		if got := v.get(k); got != want {
			t.Errorf("get(%q) = %d, want %d", k, got, want)
		}
		if got := v.getBytes([]byte(k)); got != want {
			t.Errorf("getBytes(%q) = %d, want %d", k, got, want)
		}
	}
	for k := range ids {
		check(k)
		check(k + "x")
		check(k[:len(k)/2])
	}
	check(strings.Repeat("z", vkeyMax))
	check(strings.Repeat("z", vkeyMax+1))
}
