package load

import (
	"io/fs"
	"os"
	"path"
	"sync"
)

// folders opens and stats files of a content root through an os.Root of each file's folder, opened once. A path
// through the content root itself costs a system call per folder on its way (os.Root resolves one name at a
// time, so that no link leads outside it): opening "projects/a.md" is three calls, one through the folder's root.
// Each answer is the content root's own: a folder's root sees less than the content root (a link in it to a
// sibling folder leads outside it), so on any failure the content root is asked instead.
type folders struct {
	root *os.Root
	mu   sync.Mutex
	open map[string]*os.Root // by slash path; nil when the folder cannot be opened as a root
}

func newFolders(root *os.Root) *folders { return &folders{root: root, open: map[string]*os.Root{}} }

// of returns the root of p's folder and p's name in it, or nil when p is in the content root's own folder or its
// folder cannot be opened.
func (f *folders) of(p string) (*os.Root, string) {
	dir, name := path.Split(p)
	if dir == "" {
		return nil, ""
	}
	dir = dir[:len(dir)-1]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.open[dir]
	if !ok {
		r, _ = f.root.OpenRoot(dir)
		f.open[dir] = r
	}
	return r, name
}

// Stat is os.Root.Stat of the content root.
func (f *folders) Stat(p string) (fs.FileInfo, error) {
	if r, name := f.of(p); r != nil {
		if info, err := r.Stat(name); err == nil {
			return info, nil
		}
	}
	return f.root.Stat(p)
}

// Open is os.Root.Open of the content root.
func (f *folders) Open(p string) (*os.File, error) {
	if r, name := f.of(p); r != nil {
		if file, err := r.Open(name); err == nil {
			return file, nil
		}
	}
	return f.root.Open(p)
}

// Close closes the folders' roots (not the content root).
func (f *folders) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for dir, r := range f.open {
		if r != nil {
			r.Close()
		}
		delete(f.open, dir)
	}
}
