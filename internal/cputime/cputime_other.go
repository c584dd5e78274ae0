//go:build !unix

package cputime

import "time"

// Process returns 0: this system does not tell a process's CPU time.
func Process() time.Duration { return 0 }
