package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
)

func build(t *testing.T, out, marker string) {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "a/index.html", "a/b/c.txt"} {
		if err := s.WriteFile(f, []byte(marker)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, "one")
	if got := read(t, filepath.Join(out, "a/b/c.txt")); got != "one" {
		t.Fatalf("first build: %q", got)
	}
	if err := os.WriteFile(filepath.Join(out, "stale.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, out, "two")
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Fatalf("second build: %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left beside public/: %v", entries)
	}
}

func TestAbortLeavesOutputAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, "one")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.WriteFile("index.html", []byte("half"))
	s.Abort()
	if got := read(t, filepath.Join(out, "index.html")); got != "one" {
		t.Errorf("output changed by an aborted build: %q", got)
	}
	if _, err := os.Stat(s.Dir()); !os.IsNotExist(err) {
		t.Error("staging folder left behind")
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	_ = os.MkdirAll(content, 0o755)
	docs := filepath.Join(dir, "docs")
	_ = os.MkdirAll(docs, 0o755)
	_ = os.WriteFile(filepath.Join(docs, "notes.txt"), []byte("precious"), 0o644)
	tests := map[string]string{
		dir:     "holds",           // the content folder's parent
		content: "holds",           // the content folder itself
		docs:    "does not look",   // a non-empty folder that is not a site
		"/":     "refusing to use", // the filesystem root
	}
	for out, want := range tests {
		_, err := Begin(out, content)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Begin(%s): err = %v, want %q", out, err, want)
		}
	}
	if read(t, filepath.Join(docs, "notes.txt")) != "precious" {
		t.Error("refused folder was changed")
	}
}

func TestStaleStagingRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	dead := filepath.Join(dir, ".public.tmp-999999999-123")
	_ = os.MkdirAll(dead, 0o755)
	build(t, out, "x")
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Error("staging folder of a dead build not removed")
	}
}

func TestOutputPathsStayInside(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, p := range []string{"../x", "/etc/x", "a/../../x", ""} {
		if err := s.WriteFile(p, nil); err == nil {
			t.Errorf("WriteFile(%q) accepted", p)
		}
	}
	if err := s.WriteFile("a.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a.html", nil); err == nil {
		t.Error("two outputs at one path accepted")
	}
	fsys := fstest.MapFS{"img.png": {Data: []byte("png")}}
	if err := s.Copy(fsys, "img.png", "p/img.png"); err != nil {
		t.Fatal(err)
	}
}

// TestReaderNeverSeesNoSite rebuilds repeatedly while a reader polls public/index.html: with the atomic
// exchange it is always there.
func TestReaderNeverSeesNoSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, "0")
	var misses, reads atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil {
				misses.Add(1)
			}
			reads.Add(1)
		}
	})
	for i := range 30 {
		build(t, out, string(rune('a'+i%26)))
	}
	close(stop)
	wg.Wait()
	if misses.Load() > 0 {
		t.Errorf("%d of %d reads found no site", misses.Load(), reads.Load())
	}
}

// TestConcurrentWritesToNewFolder: writers racing into the same new folder all succeed (one of them makes it; the
// others must not open their files before it exists).
func TestConcurrentWritesToNewFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for round := range 20 {
		st, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := range 64 {
			wg.Go(func() {
				errs <- st.WriteFile(fmt.Sprintf("r%d/deep/dir/f%d.txt", round, i), []byte("x"))
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		st.Abort()
	}
}

// TestWriteAfterCommit: a file sent after the build ended is an error, not a crash.
func TestWriteAfterCommit(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("late.html", []byte("x")); err == nil {
		t.Error("a write after Commit was accepted")
	}
	s.Abort() // after Commit: nothing to wait for, nothing to remove but the empty staging path
}

// TestWrittenIsWhatStatSays: what Written reports of a file written, copied or linked is what os.Lstat says of
// it in the committed site (the manifest of an incremental build records it: size, time, mode, inode).
func TestWrittenIsWhatStatSays(t *testing.T) {
	old := syscall.Umask(0o027) // files are then rw-r-----: the mode is the file's, not a constant
	defer syscall.Umask(old)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, "first")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789", 100_000) // beyond the pooled buffers
	files := map[string]string{"index.html": "<p>one</p>", "a/b/big.txt": big, "empty.txt": ""}
	for rel, data := range files {
		if err := s.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Copy(fstest.MapFS{"c.css": {Data: []byte("body{}")}}, "c.css", "css/c.css"); err != nil {
		t.Fatal(err)
	}
	if err := s.Link(filepath.Join(out, "a/index.html"), "kept/index.html"); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "a/b/big.txt", "empty.txt", "css/c.css", "kept/index.html"} {
		got, ok := s.Written(rel)
		if !ok {
			t.Fatalf("%s: not recorded", rel)
		}
		want, err := os.Lstat(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		if got.Name() != want.Name() || got.Size() != want.Size() || got.Mode() != want.Mode() ||
			!got.ModTime().Equal(want.ModTime()) || got.IsDir() || inode(got) != inode(want) || inode(got) == 0 {
			t.Errorf("%s: Written %v %d %v %v, Lstat %v %d %v %v", rel, got.Name(), got.Size(), got.Mode(),
				got.ModTime(), want.Name(), want.Size(), want.Mode(), want.ModTime())
		}
		if data, ok := files[rel]; ok && read(t, filepath.Join(out, rel)) != data {
			t.Errorf("%s: not the bytes written", rel)
		}
	}
}

// inode is the inode number fi's Sys holds, 0 when it holds none.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

func TestCreateFileRefusesAnExistingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.html")
	if _, err := createFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if _, err := createFile(p, []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second createFile: %v, want an error that is fs.ErrExist", err)
	}
	if got := read(t, p); got != "one" {
		t.Errorf("the file holds %q", got)
	}
	if _, err := createFile(filepath.Join(p, "x"), nil); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("createFile under a file: %v, want an error naming the path", err)
	}
}
