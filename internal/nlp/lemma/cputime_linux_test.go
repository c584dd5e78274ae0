package lemma

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time used by the calling OS thread, so that benchmarks on a busy machine
// can report throughput per CPU second as well as per wall-clock second. The caller must hold
// runtime.LockOSThread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
