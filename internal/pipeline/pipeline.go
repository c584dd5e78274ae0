// Package pipeline runs a function over a stream of items on several workers with bounded memory,
// delivering results in input order, so that the same input always gives byte-identical output.
package pipeline

import (
	"context"
	"runtime"
	"sync"
)

// window is the number of items in flight per worker (see Map).
const window = 16

// Map reads items from in, applies f on workers goroutines (GOMAXPROCS when workers <= 0) and calls
// out with each result in the order the items arrived. At most about window*workers items are in
// flight: enough that the other workers go on while one works on a long item (a long article among
// short ones) instead of waiting for its result to be delivered first.
// Map returns when in is closed and every result has been delivered, or at the first error from out
// or cancellation of ctx (the rest of in is then drained so its producer is not blocked).
func Map[T, R any](ctx context.Context, workers int, in <-chan T, f func(T) R, out func(R) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		item T
		res  chan R
	}
	jobs := make(chan job, workers)
	order := make(chan chan R, window*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- f(j.item)
			}
		}()
	}
	stop := make(chan struct{})
	go func() { // feeder: keeps input order in the order channel
		defer close(order)
		defer close(jobs)
		for {
			select {
			case <-stop:
				for range in {
				}
				return
			case <-ctx.Done():
				for range in {
				}
				return
			case it, ok := <-in:
				if !ok {
					return
				}
				r := make(chan R, 1)
				select {
				case order <- r:
				case <-stop:
					for range in {
					}
					return
				}
				jobs <- job{it, r}
			}
		}
	}()
	var err error
	for r := range order {
		res := <-r
		if err != nil {
			continue
		}
		if err = out(res); err != nil {
			close(stop)
		}
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// MapBatches is Map over batches of items: it groups the items of in into batches, applies f to
// each batch on the workers and calls out with the results one by one, in the order the items
// arrived. f returns one result for each item of its batch, in the batch's order. A batch takes
// the items that have already arrived, without waiting for more, until full reports that it takes
// no more; so a slow input (a feed, a terminal) is not held back, and a fast one makes full
// batches. Working on a batch at once can be cheaper than item by item: each stage of an analysis
// then keeps its tables in the caches for many items.
func MapBatches[T, R any](ctx context.Context, workers int, in <-chan T, full func(batch []T) bool, f func([]T) []R, out func(R) error) error {
	batches := make(chan []T)
	go func() {
		defer close(batches)
		for it := range in {
			b := []T{it}
			open := true
			for open && !full(b) {
				select {
				case it, ok := <-in:
					if !ok {
						open = false
						break
					}
					b = append(b, it)
				default:
					open = false
				}
			}
			batches <- b
		}
	}()
	return Map(ctx, workers, batches, f, func(rs []R) error {
		for _, r := range rs {
			if err := out(r); err != nil {
				return err
			}
		}
		return nil
	})
}
