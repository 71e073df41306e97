package generator

import (
	"strings"
	"sync"

	"github.com/hkshopendata/showcase/generator/render"
)

// What a preview keeps between builds of the site. A page whose fingerprint did not change is not rendered again:
// its bytes are the last build's. A language's search index is built only when a browser first asks for one of
// its files, and kept while no entry changes: the index is the slowest part of a rebuild at thousands of
// entries, and an edit should not wait for it. Its files are not announced as changed (no tab shows them).

// rendered is a page of the last build: its HTML and the fingerprint it was rendered from.
type rendered struct {
	fingerprint uint64
	html        []byte
}

// lazyIndex is one search folder of a preview: built once, on demand.
type lazyIndex struct {
	model *sync.RWMutex // read-held while the index reads the site's model, which a patch changes in place
	fp    uint64
	build func(render.Sink) error
	once  sync.Once
	files map[string][]byte
	err   error
}

// get builds the index the first time it is asked for.
func (l *lazyIndex) get() (map[string][]byte, error) {
	l.once.Do(func() {
		l.model.RLock()
		defer l.model.RUnlock()
		mem := &memory{files: map[string][]byte{}}
		l.err = l.build(mem)
		l.files, l.build = mem.files, nil
	})
	return l.files, l.err
}

// keeper is the render.Keeper of a preview build: it keeps the last build's pages whose fingerprint is the same,
// and defers every search index, keeping the last build's when its fingerprint is the same.
type keeper struct {
	pages      map[string]rendered   // the last build's, by output path
	prev, next map[string]*lazyIndex // search indexes by folder: "search/", "zh-hant/search/"
	model      *sync.RWMutex         // the preview's
	// later tells whether a page not kept may be left for later (previewlater.go); nil: none may
	later    func(rel string) bool
	mu       sync.Mutex
	deferred map[string]laterPage // the pages left for later, guarded by mu
}

// KeepPage keeps a page whose fingerprint is its last build's; the preview then takes its bytes from there.
func (k *keeper) KeepPage(rel string, fp uint64) bool {
	old, ok := k.pages[rel]
	return ok && old.fingerprint == fp && old.html != nil // not one left for later that failed
}

func (k *keeper) KeepFolder(dir string, fp uint64, build func(render.Sink) error) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if old := k.prev[dir]; old != nil && old.fp == fp {
		k.next[dir] = old
	} else {
		k.next[dir] = &lazyIndex{model: k.model, fp: fp, build: build}
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
