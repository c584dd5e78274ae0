package prefetch

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on amd64 and arm64 Linux.
const hugePage = 2 << 20

// Alloc returns n zeroed values of T for a large table that owner holds, which it keeps alive.
// T must hold no pointers: a table of a megabyte or more is memory the garbage collector does not
// scan, mapped apart from the Go heap and given back to the system once owner is unreachable.
//
// The weight tables are read at random, tens of times a word, and the tens of megabytes of the
// parser's span thousands of 4 KB pages, more than the processor's TLB holds, so that most reads
// also walk the page tables. Linux puts such a mapping on 2 MB pages when asked (madvise; with
// transparent_hugepage set to "madvise", its usual setting, the Go heap gets none): on EWT dev
// the parser took 5-10% less CPU time with its tables so placed, the tagger (8 MB) 1-2%, in
// paired runs on a busy 2-core machine. Where huge pages are not
// available, the table works as well on normal pages.
func Alloc[T, O any](owner *O, n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero)) * n
	if size < hugePage/2 {
		return make([]T, n)
	}
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]T, n)
	}
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // only a hint: the table works without it
	runtime.AddCleanup(owner, func(b []byte) { _ = syscall.Munmap(b) }, b)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}
