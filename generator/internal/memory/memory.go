// Package memory keeps a process's memory near a target without making the garbage collector thrash.
//
// Go's collector lets the heap grow to twice what was live at the last collection (GOGC=100), so a build whose
// live data peaks at 130 MB maps 300 MB and more. A soft memory limit (debug.SetMemoryLimit) makes it collect
// sooner instead; but a fixed limit is a trap for a site whose live data comes close to it, where the collector
// would run nearly all the time. So after each collection Target sets the limit to the target or, when that
// would leave the heap less than Headroom × the live heap to grow into before the next collection, to what does
// leave that much: the live heap, the headroom, and the memory the runtime holds beside its objects
// (fragmentation, stacks, metadata). A build then collects at most four times as often as with no limit, and
// a site too large for the target uses more memory rather than ever more time.
//
// The live heap a collection reports is more than what is live: it counts every object allocated while it was
// marking, and a build's workers allocate fast (a 10,000-entry build's collections report 145–165 MiB live at
// the end of the model stage, where a heap profile finds about 100 MB). The headroom is a share of that.
package memory

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Headroom is the least growth, as a share of the live heap, that Target leaves between collections: at 1/4 a
// collection comes at most four times as often as with GOGC=100, which leaves a growth of the whole live heap.
// (At 1/3, a 10,000-entry build peaked at 248–255 MiB, with the limit raised to 258 MiB at the end of its model
// stage; at 1/4, 236–246 MiB in as much time.)
const Headroom = 1.0 / 4

// Target sets a soft memory limit of target bytes, raised as the package comment says. It does nothing when the
// environment sets GOMEMLIMIT (its own choice, "off" included) or target is not positive. stop puts the limit
// back as it was, and stops adjusting it.
func Target(target int64) (stop func()) {
	if target <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &tuner{target: target}
	t.prev = debug.SetMemoryLimit(target)
	t.arm()
	return t.stop
}

type tuner struct {
	mu      sync.Mutex
	target  int64
	prev    int64
	stopped bool
}

// sentinel is an object nothing refers to, so that each collection finds it unreachable and runs its cleanup:
// a hook called after every collection. It holds pointers, so it is not one of the tiny allocations whose
// cleanups may never run.
type sentinel struct{ _ [2]*byte }

func (t *tuner) arm() {
	runtime.AddCleanup(new(sentinel), func(t *tuner) {
		if t.adjust() {
			t.arm()
		}
	}, t)
}

// adjust sets the limit after a collection, and reports whether to go on.
func (t *tuner) adjust() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	live, beside := heap()
	debug.SetMemoryLimit(Limit(t.target, live, beside))
	return true
}

func (t *tuner) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.stopped {
		t.stopped = true
		debug.SetMemoryLimit(t.prev)
	}
}

// Limit is the memory limit for a target, a live heap of live bytes and beside bytes the runtime holds besides
// its objects.
func Limit(target, live, beside int64) int64 {
	return max(target, live+int64(float64(live)*Headroom)+beside)
}

var names = []string{"/gc/heap/live:bytes", "/memory/classes/total:bytes", "/memory/classes/heap/released:bytes",
	"/memory/classes/heap/objects:bytes", "/memory/classes/heap/free:bytes"}

// heap returns the bytes the last collection found live, and the bytes of memory the runtime holds from the
// system besides its heap objects and the free memory they can grow into (fragmentation, stacks, metadata).
func heap() (live, beside int64) {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]int64, len(s))
	for i, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			v[i] = int64(x.Value.Uint64())
		}
	}
	return v[0], max(0, v[1]-v[2]-v[3]-v[4])
}
