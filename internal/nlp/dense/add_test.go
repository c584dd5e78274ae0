package dense

import (
	"math/rand"
	"testing"
)

// TestAdd compares Add with a plain loop over random rows, with negative weights and the
// int16 extremes.
func TestAdd(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, blocks := range []int{1, 2, 11, 32} {
		stride := 8 * blocks
		dense := make([]int16, 20*stride)
		for i := range dense {
			switch r.Intn(10) {
			case 0:
				dense[i] = -32768
			case 1:
				dense[i] = 32767
			default:
				dense[i] = int16(r.Intn(65536) - 32768)
			}
		}
		for _, nrows := range []int{1, 3, 37} {
			rows := make([]int32, nrows)
			for i := range rows {
				rows[i] = int32(r.Intn(20) * stride)
			}
			var got, want [256]int32
			for i := range got {
				got[i] = int32(r.Intn(1000) - 500)
				want[i] = got[i]
			}
			Add(&got[0], &dense[0], rows, blocks)
			for _, off := range rows {
				for c := range stride {
					want[c] += int32(dense[int(off)+c])
				}
			}
			if got != want {
				t.Errorf("%d blocks, %d rows: Add differs from a plain sum", blocks, nrows)
			}
		}
	}
}
