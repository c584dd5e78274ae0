package prefetch

import "testing"

type owner struct{ slots []uint64 }

// TestAlloc checks that tables small and large come zeroed, of the asked length, and hold what is
// written to them.
func TestAlloc(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 20, 3<<20 + 5} {
		o := &owner{}
		o.slots = Alloc[uint64](o, n)
		if len(o.slots) != n {
			t.Fatalf("Alloc(%d): length %d", n, len(o.slots))
		}
		for i, x := range o.slots {
			if x != 0 {
				t.Fatalf("Alloc(%d): slot %d is %d, not zero", n, i, x)
			}
		}
		for i := range o.slots {
			o.slots[i] = uint64(i) * 3
		}
		for i, x := range o.slots {
			if x != uint64(i)*3 {
				t.Fatalf("Alloc(%d): slot %d reads %d after writing %d", n, i, x, i*3)
			}
		}
	}
}
