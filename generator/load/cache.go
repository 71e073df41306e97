package load

import (
	"io/fs"
	"sync"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
)

// Cache keeps the parsed form of every entry and YAML document between loads of the same folder, so that
// `showcase serve` re-reads only the files that changed. A file is reused while its size and modification time
// are unchanged and it has not been named to Changed (the watcher names every file it saw change, which covers
// edits within one timestamp tick).
//
// It also keeps the last load's list of the folder's files. Once the folder was walked, a load after Changed
// looks only at the paths named (a file added, changed or removed; a folder added, renamed or removed is walked
// or dropped whole), which at thousands of entries is most of an edit's load time; a load without Changed, or
// after Rescan, walks the whole folder again.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached

	index    map[string]FileInfo   // the last load's files; nil: walk the folder
	problems map[string]*diag.List // the problems the walk found, by path
	changed  []string              // the paths named since the last load; nil: walk the folder
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

// Changed tells the cache that the given paths (slash paths relative to the content root, files or folders)
// were added, changed or removed since the last load: what is kept for them is dropped, and the next load looks
// at them again; Changed with no path says nothing in the folder changed. Paths that are not local are ignored.
func (c *Cache) Changed(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.changed == nil {
		c.changed = []string{}
	}
	for _, p := range paths {
		if p == "." {
			c.index = nil // the folder itself: walk it
			continue
		}
		if !fs.ValidPath(p) {
			continue
		}
		delete(c.files, p)
		c.changed = append(c.changed, p)
	}
}

// Rescan makes the next load walk the whole folder and check every kept file by its size and time: for when
// changes may have gone unreported (a watcher's event queue overflowed).
func (c *Cache) Rescan() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.index = nil
}

// takeIndex returns the folder's files and their problems: the last load's, updated at the changed paths, when the
// cache can tell (ok is false when the folder must be walked).
func (c *Cache) takeIndex() (index map[string]FileInfo, problems map[string]*diag.List, changed []string, ok bool) {
	if c == nil {
		return nil, nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	index, problems, changed = c.index, c.problems, c.changed
	c.index, c.problems, c.changed = nil, nil, nil
	return index, problems, changed, index != nil && changed != nil
}

// keepIndex keeps a load's list of files for the next load.
func (c *Cache) keepIndex(index map[string]FileInfo, problems map[string]*diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.index, c.problems = index, problems
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
