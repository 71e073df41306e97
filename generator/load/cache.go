package load

import (
	"sync"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
)

// Cache keeps the parsed form of every entry and YAML document between loads of the same folder, so that
// `showcase serve` re-reads only the files that changed. A file is reused while its size and modification time
// are unchanged and it has not been named to Forget (the watcher names every file it saw change, which covers
// edits within one timestamp tick).
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	size  int64
	mod   time.Time
	entry *Entry // for an entry file
	doc   *Doc   // for a dataset or chart document
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// Forget drops what is kept for the given content paths (slash paths relative to the content root).
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		delete(c.files, p)
	}
}

// Reset drops everything.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files = map[string]cached{}
}

// lookup returns what is kept for p if the file still has the size and time it had then.
func (c *Cache) lookup(p string, info FileInfo) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.files[p]
	if !ok || k.size != info.Size || !k.mod.Equal(info.ModTime) || info.ModTime.IsZero() {
		return cached{}, false
	}
	return k, true
}

func (c *Cache) store(p string, info FileInfo, k cached) {
	if c == nil {
		return
	}
	k.size, k.mod = info.Size, info.ModTime
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[p] = k
}

// prune drops files that no longer exist.
func (c *Cache) prune(files map[string]FileInfo) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.files {
		if _, ok := files[p]; !ok {
			delete(c.files, p)
		}
	}
}
