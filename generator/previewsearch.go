package generator

import (
	"strings"
	"sync"

	"github.com/hkshopendata/showcase/generator/render"
)

// A preview builds a language's search index only when a browser first asks for one of its files, and keeps it
// while no entry changes: the index is the slowest part of a rebuild at thousands of entries, and an edit should
// not wait for it. Its files are not announced as changed (no tab shows them).

// lazyIndex is one search folder of a preview: built once, on demand.
type lazyIndex struct {
	fp    uint64
	build func(render.Sink) error
	once  sync.Once
	files map[string][]byte
	err   error
}

// get builds the index the first time it is asked for.
func (l *lazyIndex) get() (map[string][]byte, error) {
	l.once.Do(func() {
		mem := &memory{files: map[string][]byte{}}
		l.err = l.build(mem)
		l.files, l.build = mem.files, nil
	})
	return l.files, l.err
}

// searchKeeper is the render.Keeper of a preview build: it defers every search index, keeping the last build's
// when its fingerprint is the same.
type searchKeeper struct {
	prev, next map[string]*lazyIndex // by folder: "search/", "zh-hant/search/"
	mu         sync.Mutex
}

func (k *searchKeeper) KeepPage(string, uint64) bool { return false } // pages are RenderSince's

func (k *searchKeeper) KeepFolder(dir string, fp uint64, build func(render.Sink) error) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if old := k.prev[dir]; old != nil && old.fp == fp {
		k.next[dir] = old
	} else {
		k.next[dir] = &lazyIndex{fp: fp, build: build}
	}
	return true
}

// lazyFile returns the search file at rel, building its index if need be.
func (p *Preview) lazyFile(rel string) ([]byte, bool) {
	p.mu.RLock()
	var l *lazyIndex
	for dir, x := range p.search {
		if strings.HasPrefix(rel, dir) && !strings.Contains(rel[len(dir):], "/") {
			l = x
		}
	}
	p.mu.RUnlock()
	if l == nil {
		return nil, false
	}
	files, err := l.get()
	if err != nil {
		return nil, false
	}
	b, ok := files[rel]
	return b, ok
}
