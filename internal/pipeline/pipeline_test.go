package pipeline

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// counting returns a channel (with a buffer of size) that yields 0 to n-1, then closes.
func counting(n, size int) <-chan int {
	in := make(chan int, size)
	go func() {
		for i := range n {
			in <- i
		}
		close(in)
	}()
	return in
}

// checkSquares checks that got holds the squares of 0 to 999 in order.
func checkSquares(t *testing.T, workers int, got []int) {
	t.Helper()
	if len(got) != 1000 {
		t.Fatalf("workers=%d: got %d results, want 1000", workers, len(got))
	}
	for i, r := range got {
		if r != i*i {
			t.Fatalf("workers=%d: result %d = %d, want %d", workers, i, r, i*i)
		}
	}
}

func TestMapKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		in := counting(1000, 0)
		var got []int
		err := Map(context.Background(), workers, in, func(i int) int { return i * i }, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		checkSquares(t, workers, got)
	}
}

// TestMapStopsAtError checks that Map and MapBatches stop delivering at out's first error and
// return it.
func TestMapStopsAtError(t *testing.T) {
	identity := func(i int) int { return i }
	maps := map[string]func(in <-chan int, out func(int) error) error{
		"Map": func(in <-chan int, out func(int) error) error {
			return Map(context.Background(), 3, in, identity, out)
		},
		"MapBatches": func(in <-chan int, out func(int) error) error {
			full := func(b []int) bool { return len(b) >= 4 }
			return MapBatches(context.Background(), 3, in, full, func(b []int) []int { return b }, out)
		},
	}
	for name, run := range maps {
		boom := errors.New("boom")
		n := 0
		err := run(counting(100, 0), func(r int) error {
			n++
			if r == 10 {
				return boom
			}
			return nil
		})
		if !errors.Is(err, boom) {
			t.Fatalf("%s: err = %v, want boom", name, err)
		}
		if n != 11 {
			t.Fatalf("%s: out called %d times, want 11", name, n)
		}
	}
}

func TestMapCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := counting(100, 0)
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
	in := counting(b.N, 0)
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
		in := counting(items, 0)
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

func TestMapBatches(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		in := counting(1000, 100)
		var got []int
		var mu sync.Mutex
		largest := 0
		full := func(b []int) bool { return len(b) >= 8 }
		err := MapBatches(context.Background(), workers, in, full, func(b []int) []int {
			if len(b) > 8 {
				t.Errorf("batch of %d, want at most 8", len(b))
			}
			mu.Lock()
			largest = max(largest, len(b))
			mu.Unlock()
			out := make([]int, len(b))
			for k, i := range b {
				out[k] = i * i
			}
			return out
		}, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		checkSquares(t, workers, got)
		if workers == 1 && largest < 2 {
			t.Errorf("workers=1: no batch had more than one item on a buffered input")
		}
	}
}

// TestMapBatchesSlowInput sends each item only after the result of the one before has come out:
// a batch must not wait for items that have not arrived.
func TestMapBatchesSlowInput(t *testing.T) {
	in := make(chan int)
	done := make(chan int)
	go func() {
		defer close(in)
		for i := range 20 {
			in <- i
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Error("no result within 5s of its item: the batch waited for more")
				return
			}
		}
	}()
	n := 0
	err := MapBatches(context.Background(), 2, in, func(b []int) bool { return len(b) >= 8 },
		func(b []int) []int { return b },
		func(r int) error {
			if r != n {
				t.Errorf("result %d, want %d", r, n)
			}
			n++
			done <- r
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Fatalf("%d results, want 20", n)
	}
}
