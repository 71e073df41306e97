// Package work runs independent jobs on all cores.
package work

import (
	"runtime"
	"sync"
)

// Each runs f(0), …, f(n-1) on GOMAXPROCS goroutines and returns when all are done. f must be safe to run
// concurrently; results go into slots the caller indexes by i, so their order never depends on scheduling.
func Each(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
