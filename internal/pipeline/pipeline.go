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
