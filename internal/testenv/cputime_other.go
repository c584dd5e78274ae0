//go:build !unix

package testenv

import "time"

// CPUTime returns 0: this system does not tell a process's CPU time.
func CPUTime() time.Duration { return 0 }
