package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changed files under some folders, including folders created after it started.
type watcher struct {
	w *fsnotify.Watcher
}

func newWatcher(dirs []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			continue // a themes folder need not exist
		}
		if err := w.addTree(d); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it, skipping hidden ones (.git, editors' folders).
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable: the build reports what matters
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && hidden(d.Name()) {
			return fs.SkipDir
		}
		return w.w.Add(p)
	})
}

func (w *watcher) close() { _ = w.w.Close() }

// hidden tells names no build reads: dot files and editors' backup and swap files.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || name == "4913"
}

// batches sends the files changed, gathered until no event came for quiet, until ctx is done.
func (w *watcher) batches(ctx context.Context, quiet time.Duration) <-chan []string {
	out := make(chan []string)
	go func() {
		defer close(out)
		var pending []string
		seen := map[string]bool{}
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case e, ok := <-w.w.Events:
				if !ok {
					return
				}
				if hidden(filepath.Base(e.Name)) || e.Op == fsnotify.Chmod {
					continue
				}
				if e.Op.Has(fsnotify.Create) {
					if st, err := os.Stat(e.Name); err == nil && st.IsDir() {
						_ = w.addTree(e.Name) // a new folder: a new bundle, dataset or theme
					}
				}
				if !seen[e.Name] {
					seen[e.Name] = true
					pending = append(pending, e.Name)
				}
				timer.Reset(quiet)
			case _, ok := <-w.w.Errors:
				if !ok {
					return
				}
				// An overflow loses events: rebuild with every cached file checked by its size and time.
				pending = append(pending, "")
				timer.Reset(quiet)
			case <-timer.C:
				batch := pending
				pending, seen = nil, map[string]bool{}
				select {
				case out <- batch:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}
