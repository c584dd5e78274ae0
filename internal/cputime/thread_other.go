//go:build !linux

package cputime

import "time"

// Thread returns 0: this system does not tell a thread's CPU time.
func Thread() time.Duration { return 0 }
