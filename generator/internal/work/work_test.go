package work

import (
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		hits := make([]int32, n)
		var calls atomic.Int32
		Each(n, func(i int) { atomic.AddInt32(&hits[i], 1); calls.Add(1) })
		if int(calls.Load()) != n {
			t.Errorf("n=%d: %d calls", n, calls.Load())
		}
		for i, h := range hits {
			if h != 1 {
				t.Errorf("n=%d: job %d ran %d times", n, i, h)
			}
		}
	}
}
