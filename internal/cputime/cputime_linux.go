package cputime

import "time"

// Thread returns the user and system CPU time of the calling OS thread; the caller must hold
// runtime.LockOSThread for it to mean anything.
func Thread() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD, Linux only
	return usage(rusageThread)
}
