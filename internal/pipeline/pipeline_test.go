package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestMapKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		in := make(chan int)
		go func() {
			for i := range 1000 {
				in <- i
			}
			close(in)
		}()
		var got []int
		err := Map(context.Background(), workers, in, func(i int) int { return i * i }, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1000 {
			t.Fatalf("workers=%d: got %d results, want 1000", workers, len(got))
		}
		for i, r := range got {
			if r != i*i {
				t.Fatalf("workers=%d: result %d = %d, want %d", workers, i, r, i*i)
			}
		}
	}
}

func TestMapStopsAtError(t *testing.T) {
	in := make(chan int)
	go func() {
		for i := range 100 {
			in <- i
		}
		close(in)
	}()
	boom := errors.New("boom")
	n := 0
	err := Map(context.Background(), 3, in, func(i int) int { return i }, func(r int) error {
		n++
		if r == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if n != 11 {
		t.Fatalf("out called %d times, want 11", n)
	}
}

func TestMapCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan int)
	go func() {
		for i := range 100 {
			in <- i
		}
		close(in)
	}()
	err := Map(ctx, 2, in, func(i int) int { return i }, func(r int) error {
		if r == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func BenchmarkMap(b *testing.B) {
	in := make(chan int)
	go func() {
		for i := range b.N {
			in <- i
		}
		close(in)
	}()
	_ = Map(context.Background(), 0, in, func(i int) int { return i + 1 }, func(int) error { return nil })
}

// BenchmarkMapSkewed maps items of uneven cost — every eighth takes eight times as long, as a long
// article among short ones does — on two workers, with waits instead of work so that the figure
// does not depend on other load on the machine. busy is the share of the workers' time spent on
// items: below 1 when ordered delivery holds a worker back.
func BenchmarkMapSkewed(b *testing.B) {
	const unit = 2 * time.Millisecond
	const workers = 2
	const items = 96
	var work time.Duration
	for i := range items {
		work += cost(i, unit)
	}
	b.ResetTimer()
	for range b.N {
		in := make(chan int)
		go func() {
			for i := range items {
				in <- i
			}
			close(in)
		}()
		_ = Map(context.Background(), workers, in, func(i int) int { time.Sleep(cost(i, unit)); return i }, func(int) error { return nil })
	}
	b.ReportMetric(float64(work)*float64(b.N)/float64(workers)/float64(b.Elapsed()), "busy")
}

func cost(i int, unit time.Duration) time.Duration {
	if i%8 == 0 {
		return 8 * unit
	}
	return unit
}
