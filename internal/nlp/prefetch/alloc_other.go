//go:build !linux

package prefetch

// Alloc returns n zeroed values of T for a large table that owner holds. T must hold no pointers.
// On Linux a large table is placed on huge pages (see alloc_linux.go); here it is an ordinary slice.
func Alloc[T, O any](owner *O, n int) []T { return make([]T, n) }
