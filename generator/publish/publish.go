// Package publish is the only package that writes the site to disk. A build writes into a staging folder beside
// the output folder; Commit swaps it in atomically, so a reader (or a crash) sees either the previous complete
// site or the new complete one, never a mix, and never no site at all.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Stage is a build in progress.
type Stage struct {
	out  string // the output folder, absolute
	dir  string // the staging folder beside it
	mu   sync.Mutex
	dirs map[string]bool // folders already created
	n    int             // files written
}

// Begin checks that out may be replaced, removes staging folders left by builds that died, and creates a new
// staging folder on the same filesystem as out.
func Begin(out string, protected ...string) (*Stage, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := checkOut(abs, protected); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, filepath.Base(abs))
	dir, err := os.MkdirTemp(parent, stagePrefix(filepath.Base(abs))+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	return &Stage{out: abs, dir: dir, dirs: map[string]bool{".": true}}, nil
}

func stagePrefix(base string) string { return "." + base + ".tmp-" }

// checkOut refuses an output folder whose replacement would lose something: the filesystem root, a folder that
// holds the content or theme, or an existing folder that does not look like a built site.
func checkOut(abs string, protected []string) error {
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to use %s as the output folder", abs)
	}
	for _, p := range protected {
		pa, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, pa); err == nil && filepath.IsLocal(rel) || pa == abs {
			return fmt.Errorf("refusing to use %s as the output folder: it holds %s", abs, p)
		}
	}
	entries, err := os.ReadDir(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Name() == "index.html" || e.Name() == "404.html" {
			return nil
		}
	}
	return fmt.Errorf("refusing to replace %s: it is not empty and does not look like a built site "+
		"(no index.html); remove it or choose another --out", abs)
}

// removeStale deletes staging folders of earlier builds whose process is gone.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	prefix := stagePrefix(base)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		pid, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, prefix), "-", 2)[0])
		if err == nil && pid != os.Getpid() && alive(pid) {
			continue // another build is running now
		}
		_ = os.RemoveAll(filepath.Join(parent, name))
	}
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// Dir is the staging folder.
func (s *Stage) Dir() string { return s.dir }

// Count is the number of files written so far.
func (s *Stage) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// WriteFile writes data at rel, a slash path inside the site. It is safe for concurrent use.
func (s *Stage) WriteFile(rel string, data []byte) error {
	p, err := s.prepare(rel)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Copy copies the file src of fsys to rel inside the site.
func (s *Stage) Copy(fsys fs.FS, src, rel string) error {
	p, err := s.prepare(rel)
	if err != nil {
		return err
	}
	in, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if st, err := in.Stat(); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("copy %s: not a regular file", src)
	}
	outf, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(outf, in); err != nil {
		outf.Close()
		return err
	}
	return outf.Close()
}

// prepare checks rel and creates its folder.
func (s *Stage) prepare(rel string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "\\") {
		return "", fmt.Errorf("output path %q is outside the site", rel)
	}
	dir := filepath.Dir(filepath.FromSlash(rel))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if !s.dirs[dir] { // made under the lock: a writer of the same folder must not open a file before it exists
		if err := os.MkdirAll(filepath.Join(s.dir, dir), 0o755); err != nil {
			return "", err
		}
		s.dirs[dir] = true
	}
	return filepath.Join(s.dir, filepath.FromSlash(rel)), nil
}

// Commit replaces the output folder with the staged site in one atomic step and removes the previous site.
func (s *Stage) Commit() error {
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.dir, s.out)
	}
	if err := exchange(s.dir, s.out); err != nil {
		return fmt.Errorf("swap %s into place: %w", s.out, err)
	}
	return os.RemoveAll(s.dir) // now holds the previous site
}

// Abort removes the staging folder; the output folder is untouched.
func (s *Stage) Abort() { _ = os.RemoveAll(s.dir) }
