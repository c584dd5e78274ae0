// Package prefetch makes the tagger's and the parser's weight tables quicker to read: it asks the
// processor to bring hash-table slots into its caches before they are read, and it allocates large
// tables on huge pages where the system offers them (Alloc).
package prefetch

import "unsafe"

// Slots asks the processor to bring into the caches, for each key, the home slot
// base[key&mask] of a table whose slots are size bytes: the cache lines of its first and its last
// byte, as a slot may straddle two lines. It does not read memory as Go code could: a prefetch
// leaves the pipeline at once, where a load that misses the caches holds back every later
// instruction from retiring, so that only a few dozen misses can overlap.
//
//go:noescape
func Slots(base unsafe.Pointer, size uintptr, mask uint64, keys []uint64)
