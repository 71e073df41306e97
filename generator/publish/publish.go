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
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Stage is a build in progress. Files are written by a pool of writers, so that a build on a slow disk keeps
// several writes in flight while pages are rendered; Commit waits for them.
type Stage struct {
	out    string   // the output folder, absolute
	dir    string   // the staging folder beside it
	dirs   sync.Map // folder (slash path) → *folder: created once, by whichever writer needs it first
	files  sync.Map // every file's slash path → its fs.FileInfo once written (refuses a second file at one path)
	n      atomic.Int64
	writes chan write
	wg     sync.WaitGroup
	sendMu sync.RWMutex // held for reading while sending to writes, for writing to close it
	closed bool         // guarded by sendMu
	mu     sync.Mutex   // guards errs
	errs   []error
}

type write struct {
	path string // the file, inside the staging folder
	rel  string
	data []byte
	buf  *[]byte // data's buffer, for writeBufs once written
	link string  // when set: the existing file to link at path instead of writing data
}

// writeBufs holds the buffers WriteFile copies data into for the writers: a site's pages pass through a few
// buffers instead of each being a new allocation for the garbage collector.
var writeBufs = sync.Pool{New: func() any { return new([]byte) }}

// pooledBuf is the largest buffer the writers give back to writeBufs. A page is smaller (at 10,000 entries,
// 99% of files are under 27 KB); a search index or sitemap of megabytes is written once, and its buffer, kept,
// would stay in the pool as live memory for the rest of the build: some 30 MB at 10,000 entries.
const pooledBuf = 64 << 10

type folder struct {
	once sync.Once
	err  error
}

// writers is how many files are written at once.
const writers = 8

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
	s := &Stage{out: abs, dir: dir, writes: make(chan write, 4*writers)}
	for range writers {
		s.wg.Go(s.writer)
	}
	return s, nil
}

func (s *Stage) writer() {
	for w := range s.writes {
		if err := s.write(w); err != nil {
			s.mu.Lock()
			s.errs = append(s.errs, err)
			s.mu.Unlock()
		}
		if w.buf != nil && cap(w.data) <= pooledBuf {
			*w.buf = w.data[:0]
			writeBufs.Put(w.buf)
		}
	}
}

func (s *Stage) write(w write) error {
	if err := s.mkdir(path.Dir(w.rel)); err != nil {
		return err
	}
	if w.link != "" {
		if err := os.Link(w.link, w.path); err != nil {
			return fmt.Errorf("keep %s: %w", w.rel, err)
		}
		return s.linked(w.rel, w.path)
	}
	st, err := createFile(w.path, w.data)
	if err != nil {
		return fmt.Errorf("write %s: %w", w.rel, err)
	}
	s.files.Store(w.rel, st)
	return nil
}

// linked records the file at p, a link just made, as rel's.
func (s *Stage) linked(rel, p string) error {
	st, err := os.Lstat(p)
	if err != nil {
		return fmt.Errorf("keep %s: %w", rel, err)
	}
	s.files.Store(rel, st)
	return nil
}

// Written returns, after Commit, what was written at rel (its size, time and, through Sys, its inode): the files
// keep them in the output folder, since the staging folder becomes it whole.
func (s *Stage) Written(rel string) (fs.FileInfo, bool) {
	v, ok := s.files.Load(rel)
	st, isInfo := v.(fs.FileInfo)
	return st, ok && isInfo
}

// mkdir creates the folder rel (a slash path) of the staging folder and its parents, each once.
func (s *Stage) mkdir(rel string) error {
	if rel == "." {
		return nil
	}
	v, _ := s.dirs.LoadOrStore(rel, &folder{})
	f := v.(*folder)
	f.once.Do(func() {
		if f.err = s.mkdir(path.Dir(rel)); f.err != nil {
			return
		}
		err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(rel)), 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			f.err = err
		}
	})
	return f.err
}

// wait lets the writers finish and returns their errors.
func (s *Stage) wait() error {
	s.sendMu.Lock()
	if !s.closed {
		s.closed = true
		close(s.writes)
	}
	s.sendMu.Unlock()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.errs...)
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
func (s *Stage) Count() int { return int(s.n.Load()) }

// WriteFile writes data at rel, a slash path inside the site. It is safe for concurrent use, and returns before
// the file is written (it keeps a copy of data): an error writing it is returned by Commit.
func (s *Stage) WriteFile(rel string, data []byte) error {
	p, err := s.prepare(rel)
	if err != nil {
		return err
	}
	buf := writeBufs.Get().(*[]byte)
	*buf = append((*buf)[:0], data...)
	if err := s.send(write{path: p, rel: rel, data: *buf, buf: buf}); err != nil {
		writeBufs.Put(buf)
		return err
	}
	return nil
}

// send queues w for the writers; after Commit or Abort it is an error.
func (s *Stage) send(w write) error {
	s.sendMu.RLock()
	defer s.sendMu.RUnlock()
	if s.closed {
		return fmt.Errorf("write %s: the build is already committed or aborted", w.rel)
	}
	s.writes <- w
	return nil
}

// Link puts the existing file src (a path on the output's filesystem, such as a file of the current site) at rel
// as a hard link: an incremental build keeps an unchanged file without writing it again. Like WriteFile, it
// returns before the link is made.
func (s *Stage) Link(src, rel string) error {
	p, err := s.prepare(rel)
	if err != nil {
		return err
	}
	return s.send(write{path: p, rel: rel, link: src})
}

// Out is the output folder the stage will replace, absolute.
func (s *Stage) Out() string { return s.out }

// Copy copies the file src of fsys to rel inside the site, before it returns.
func (s *Stage) Copy(fsys fs.FS, src, rel string) error {
	p, err := s.prepare(rel)
	if err != nil {
		return err
	}
	if err := s.mkdir(path.Dir(rel)); err != nil {
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
	st, err := outf.Stat()
	if err != nil {
		outf.Close()
		return fmt.Errorf("copy %s: %w", rel, err)
	}
	s.files.Store(rel, st)
	return outf.Close()
}

// prepare checks rel and counts the file.
func (s *Stage) prepare(rel string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "\\") {
		return "", fmt.Errorf("output path %q is outside the site", rel)
	}
	if _, dup := s.files.LoadOrStore(rel, true); dup {
		return "", fmt.Errorf("write %s: two files at one path", rel)
	}
	s.n.Add(1)
	return filepath.Join(s.dir, filepath.FromSlash(rel)), nil
}

// Commit replaces the output folder with the staged site in one atomic step and removes the previous site.
func (s *Stage) Commit() error {
	if err := s.wait(); err != nil {
		return err
	}
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.dir, s.out)
	}
	if err := exchange(s.dir, s.out); err != nil {
		return fmt.Errorf("swap %s into place: %w", s.out, err)
	}
	return os.RemoveAll(s.dir) // now holds the previous site
}

// Abort removes the staging folder; the output folder is untouched.
func (s *Stage) Abort() {
	_ = s.wait()
	_ = os.RemoveAll(s.dir)
}
