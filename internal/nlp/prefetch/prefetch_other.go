//go:build !amd64

// Package prefetch makes the tagger's and the parser's weight tables quicker to read: it asks the
// processor to bring hash-table slots into its caches before they are read, and it allocates large
// tables on huge pages where the system offers them (Alloc).
package prefetch

import "unsafe"

// Slots does nothing on this architecture (see prefetch_amd64.go): the tables' first reads of
// their home slots overlap their cache misses as far as the processor allows.
func Slots(base unsafe.Pointer, size uintptr, mask uint64, keys []uint64) {}
