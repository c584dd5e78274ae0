package dense

// Add adds to sc[0:8*blocks] the dense rows that start at dense[r] for each r of rows, eight
// classes at a time (SSE2).
//
//go:noescape
func Add(sc *int32, dense *int16, rows []int32, blocks int)
