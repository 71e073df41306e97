package render

import (
	"sync"
	"sync/atomic"
)

// Memo remembers, from one render of a site to the next, what is costly to make again and the same when its
// inputs are: each entry's item in the filter data (by the entry's own hash and the site part of the
// fingerprints, which cover all the item shows). A preview (generator/preview.go) keeps one while its theme is the same; a one-off build needs none.
//
// A Memo is safe for the concurrent use of renderers; Sweep, between builds, forgets what the renders since the
// last Sweep did not use.
type Memo struct {
	gen   uint64   // the build: what a build uses is marked with it
	items sync.Map // uint64 → *memoItem
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{} }

// memoItem is a remembered item, with the last build that used it.
type memoItem struct {
	b   []byte
	gen atomic.Uint64
}

// item returns the bytes remembered for key, or build's, remembered.
func (m *Memo) item(key uint64, build func() ([]byte, error)) ([]byte, error) {
	if v, ok := m.items.Load(key); ok {
		x := v.(*memoItem)
		x.gen.Store(m.gen)
		return x.b, nil
	}
	b, err := build()
	if err != nil {
		return b, err
	}
	x := &memoItem{b: b}
	x.gen.Store(m.gen)
	m.items.Store(key, x)
	return b, nil
}

// Sweep forgets what no render used since the last Sweep. Call it between builds, not during one.
func (m *Memo) Sweep() {
	m.items.Range(func(k, v any) bool {
		if v.(*memoItem).gen.Load() != m.gen {
			m.items.Delete(k)
		}
		return true
	})
	m.gen++
}

// Remember makes the renderer use m: see Memo.
func (r *Renderer) Remember(m *Memo) { r.memo = m }
