//go:build !amd64

package dense

import "unsafe"

// Add adds to sc[0:8*blocks] the dense rows that start at dense[r] for each r of rows.
func Add(sc *int32, dense *int16, rows []int32, blocks int) {
	n := 8 * blocks
	out := unsafe.Slice(sc, n)
	for _, r := range rows {
		row := unsafe.Slice((*int16)(unsafe.Add(unsafe.Pointer(dense), 2*int(r))), n)
		for c, x := range row {
			out[c] += int32(x)
		}
	}
}
