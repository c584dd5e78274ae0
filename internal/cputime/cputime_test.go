package cputime

import (
	"runtime"
	"testing"
)

// TestAdvances checks that both clocks move forward while the thread works (on systems that tell).
func TestAdvances(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	_ = x
	p1, t1 := Process(), Thread()
	if runtime.GOOS == "linux" && (p1 <= p0 || t1 <= t0) {
		t.Errorf("process %v -> %v, thread %v -> %v: want both to advance", p0, p1, t0, t1)
	}
	if p1 < p0 || t1 < t0 {
		t.Errorf("a clock went back: process %v -> %v, thread %v -> %v", p0, p1, t0, t1)
	}
}
