package tag

import "unsafe"

// prefetch asks the processor to bring into the caches, for each key, the home slot
// base[key&mask] of a table whose slots are size bytes. It does not read memory as Go code could:
// a prefetch leaves the pipeline at once, where a load that misses the caches holds back every
// later instruction from retiring, so that only a few dozen misses can overlap. (The same few lines
// of assembly serve the parser's tables in internal/nlp/parse.)
//
//go:noescape
func prefetch(base unsafe.Pointer, size uintptr, mask uint64, keys []uint64)
