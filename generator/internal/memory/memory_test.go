package memory

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	const M = 1 << 20
	for _, c := range []struct{ target, live, beside, want int64 }{
		{224 * M, 0, 0, 224 * M},
		{224 * M, 144 * M, 40 * M, 224 * M},    // 144 MiB + 36 of headroom + 40 beside: the target holds
		{224 * M, 160 * M, 40 * M, 240 * M},    // 160 + 40 + 40 is more than the target
		{224 * M, 3072 * M, 400 * M, 4240 * M}, // a large site: never a collector running flat out
		{0, 32 * M, 0, 40 * M},                 // no target
	} {
		if got := Limit(c.target, c.live, c.beside); got != c.want {
			t.Errorf("Limit(%d, %d, %d MiB) = %d MiB, want %d MiB", c.target/M, c.live/M, c.beside/M, got/M, c.want/M)
		}
	}
}

// TestTargetFollowsLiveHeap keeps 48 MiB live under a 16 MiB target: after a collection the limit must have
// been raised to leave a quarter of the live heap as headroom (60 MiB or more), and stop must put the limit back.
func TestTargetFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // Target respects a limit the environment sets
	before := debug.SetMemoryLimit(-1)
	stop := Target(16 << 20)
	if got := debug.SetMemoryLimit(-1); got != 16<<20 {
		stop()
		t.Fatalf("limit after Target(16 MiB) = %d, want %d", got, 16<<20)
	}
	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20)
		live[i][0] = 1
	}
	var got int64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC() // the cleanup that adjusts the limit runs after a collection, in its own goroutine
		if got = debug.SetMemoryLimit(-1); got >= 60<<20 {
			break
		}
	}
	runtime.KeepAlive(live)
	stop()
	if got < 60<<20 {
		t.Errorf("limit with 48 MiB live = %d MiB, want at least 60 MiB", got>>20)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("limit after stop = %d, want %d as before", after, before)
	}
}

func TestTargetLeavesEnvironmentsLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "off")
	before := debug.SetMemoryLimit(-1)
	stop := Target(16 << 20)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT set, the limit changed: %d, was %d", got, before)
	}
	if before != math.MaxInt64 {
		t.Logf("the test process has a limit of %d", before)
	}
}
