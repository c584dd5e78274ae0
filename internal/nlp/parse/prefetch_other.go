//go:build !amd64

package parse

import "unsafe"

// prefetch does nothing on this architecture (see prefetch_amd64.go): score's first loop, which
// reads the home slots, overlaps their cache misses as far as the processor allows.
func prefetch(base unsafe.Pointer, size uintptr, mask uint64, keys []uint64) {}
