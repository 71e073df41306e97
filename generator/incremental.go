package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/publish"
	"github.com/hkshopendata/showcase/generator/render"
	"github.com/hkshopendata/showcase/generator/theme"
)

// An incremental build: every build leaves a manifest beside its output folder (public/ → .public.build.json)
// with, for each file it wrote, the file's identity (size, modification time, inode) and, for a page, its
// fingerprint — an xxHash of everything its layouts read (render/fingerprint.go). The next build into the same
// folder still loads, checks and models all the content, but a page whose fingerprint is unchanged, and whose
// file is still the one the manifest describes, is not rendered: the file is hard-linked into the new site. Other
// files (feeds, sitemap, search index, copied images and snapshots) are produced again and linked when their
// bytes are the same. What a fingerprint does not cover — the showcase binary and the theme's files, the build
// options — is the manifest's key: any change there renders everything. `build --full` ignores the manifest.

// manifestVersion changes whenever the manifest's meaning does.
const manifestVersion = 1

type manifest struct {
	Version int
	Key     string
	Files   map[string]fileRecord // by slash path inside the site
}

type fileRecord struct {
	Fingerprint uint64 `json:",omitempty"` // pages only
	Size        int64
	ModTime     int64  // nanoseconds
	Inode       uint64 `json:",omitempty"`
}

// manifestPath is where the manifest of the output folder out is kept: beside it, hidden, so that it is not
// published with the site.
func manifestPath(out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".build.json")
}

// buildKey hashes what page fingerprints do not cover: this program, the theme's files and the build options.
func buildKey(o Options, th *theme.Theme) (string, error) {
	exe, err := programSum()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(exe)
	if err := th.Hash(h); err != nil {
		return "", err
	}
	fmt.Fprintf(h, "\x00%d\x00%q\x00%v\x00%q", manifestVersion, o.BaseURL, o.Drafts, o.ECharts.File)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// programSum is the SHA-256 of this program's executable.
var programSum = sync.OnceValues(func() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
})

// Bodies: besides the manifest, a build leaves the Markdown conversions of its entries' bodies beside its output
// folder (public/ → .public.bodies), and the next build into that folder, unless --full, converts only the
// bodies that are not there (markdown/store.go). This program's hash is the saved cache's version: another
// build of showcase converts everything again.

// bodies is the Markdown cache of a build into a folder: read from the last build's, and saved for the next.
type bodies struct {
	cache *markdown.Cache
	path  string   // where it is kept
	tmp   *os.File // where it is being saved; nil if it cannot be
}

// openBodies reads the conversions the last build into out saved (unless full) and starts saving this build's.
func openBodies(out string, full bool) *bodies {
	b := &bodies{cache: markdown.NewSavedCache(), path: bodiesPath(out)}
	if !full {
		if saved := savedBodies(out); saved != nil {
			b.cache = saved
		}
	}
	version, err := bodiesVersion()
	if err != nil {
		return b
	}
	if err := os.MkdirAll(filepath.Dir(b.path), 0o755); err != nil {
		return b
	}
	if b.tmp, err = os.Create(b.path + ".tmp"); err != nil { // one name: a build stopped half way leaves one file
		return b
	}
	if err := b.cache.Save(b.tmp, version); err != nil {
		b.abort()
	}
	return b
}

func bodiesPath(out string) string {
	return strings.TrimSuffix(manifestPath(out), ".build.json") + ".bodies"
}

// bodiesVersion names this program's conversions: its executable's SHA-256.
func bodiesVersion() (string, error) {
	sum, err := programSum()
	return hex.EncodeToString(sum), err
}

// savedBodies returns the conversions the last build into out saved, or nil when there are none this program can
// use.
func savedBodies(out string) *markdown.Cache {
	version, err := bodiesVersion()
	if err != nil {
		return nil
	}
	f, err := os.Open(bodiesPath(out))
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	c, err := markdown.ReadCache(f, st.Size(), version)
	if err != nil {
		return nil
	}
	return c
}

// finish saves the conversions of this build for the next one, unless they are the ones read. A cache that
// cannot be saved is removed, so that the next build converts every body.
func (b *bodies) finish() error {
	if b.tmp == nil {
		return nil
	}
	changed, err := b.cache.Finish()
	if cerr := b.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && changed {
		err = os.Rename(b.tmp.Name(), b.path)
	}
	if err != nil || !changed {
		_ = os.Remove(b.tmp.Name())
	}
	if err != nil {
		_ = os.Remove(b.path)
		return fmt.Errorf("saved Markdown conversions: %w", err)
	}
	return nil
}

// abort stops saving: the conversions the last build saved stay.
func (b *bodies) abort() {
	if b.tmp != nil {
		b.tmp.Close()
		_ = os.Remove(b.tmp.Name())
		b.tmp = nil
	}
}

// readManifest returns the manifest of the last build into out, or nil when there is none or it was made with
// another key.
func readManifest(out, key string) *manifest {
	b, err := os.ReadFile(manifestPath(out))
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(b, &m) != nil || m.Version != manifestVersion || m.Key != key {
		return nil
	}
	return &m
}

// reuse is the sink of a build: it keeps from the previous build whatever is unchanged and records every file
// for the next manifest.
type reuse struct {
	stage *publish.Stage
	prev  *manifest // nil: nothing is kept
	out   string    // the output folder, absolute
	kept  atomic.Int64
	mu    sync.Mutex
	rels  []string
	// folders are the fingerprints of the files of the folders kept whole (KeepFolder): the renderer wrote none of
	// them, so its fingerprints do not name them, and the next build must find them in the manifest.
	folders map[string]uint64
}

func (u *reuse) record(rel string) {
	u.mu.Lock()
	u.rels = append(u.rels, rel)
	u.mu.Unlock()
}

// intact returns the current output's file rel when it is still the one the previous build wrote.
func (u *reuse) intact(rel string) (string, fileRecord, bool) {
	if u.prev == nil {
		return "", fileRecord{}, false
	}
	rec, ok := u.prev.Files[rel]
	if !ok {
		return "", rec, false
	}
	p := filepath.Join(u.out, filepath.FromSlash(rel))
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() || identity(st) != (fileRecord{Size: rec.Size, ModTime: rec.ModTime,
		Inode: rec.Inode}) {
		return "", rec, false
	}
	return p, rec, true
}

// identity is what a manifest records of a file, besides a page's fingerprint.
func identity(st fs.FileInfo) fileRecord {
	r := fileRecord{Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		r.Inode = s.Ino
	}
	return r
}

// KeepPage links the previous build's page at rel when its fingerprint is fp; false means: render it.
func (u *reuse) KeepPage(rel string, fp uint64) bool {
	p, rec, ok := u.intact(rel)
	if !ok || rec.Fingerprint != fp || u.stage.Link(p, rel) != nil {
		return false
	}
	u.kept.Add(1)
	u.record(rel)
	return true
}

// KeepFolder links every file the previous build wrote in the folder dir with the folder's fingerprint (pages
// there have their own) when that fingerprint was fp and every one is intact; false means: produce them again.
func (u *reuse) KeepFolder(dir string, fp uint64, _ func(render.Sink) error) bool {
	if u.prev == nil {
		return false
	}
	var paths, rels []string
	for rel, rec := range u.prev.Files {
		if !strings.HasPrefix(rel, dir) || strings.Contains(rel[len(dir):], "/") || strings.HasSuffix(rel, ".html") {
			continue // not in the folder itself, or a page there (pages have fingerprints of their own)
		}
		p, _, ok := u.intact(rel)
		if !ok || rec.Fingerprint != fp {
			return false
		}
		paths, rels = append(paths, p), append(rels, rel)
	}
	if len(rels) == 0 {
		return false
	}
	for i, rel := range rels {
		if err := u.stage.Link(paths[i], rel); err != nil {
			return false // cannot happen once the checks above passed: nothing else writes there
		}
		u.kept.Add(1)
		u.record(rel)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.folders == nil {
		u.folders = map[string]uint64{}
	}
	for _, rel := range rels {
		u.folders[rel] = fp
	}
	return true
}

// same reports whether the file p holds exactly data.
func same(p string, size int64, data []byte) bool {
	if int64(len(data)) != size {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}

func (u *reuse) WriteFile(rel string, data []byte) error {
	u.record(rel)
	if p, rec, ok := u.intact(rel); ok && same(p, rec.Size, data) {
		u.kept.Add(1)
		return u.stage.Link(p, rel)
	}
	return u.stage.WriteFile(rel, data)
}

func (u *reuse) Copy(fsys fs.FS, src, rel string) error {
	u.record(rel)
	if p, rec, ok := u.intact(rel); ok {
		if b, err := fs.ReadFile(fsys, src); err == nil && same(p, rec.Size, b) {
			u.kept.Add(1)
			return u.stage.Link(p, rel)
		}
	}
	return u.stage.Copy(fsys, src, rel)
}

// writeManifest records the committed site's files for the next build. A manifest that cannot be written is
// removed, so that the next build renders everything.
func (u *reuse) writeManifest(key string, fingerprints map[string]uint64) error {
	m := manifest{Version: manifestVersion, Key: key, Files: make(map[string]fileRecord, len(u.rels))}
	slices.Sort(u.rels)
	for _, rel := range u.rels {
		st, ok := u.stage.Written(rel)
		if !ok {
			return u.dropManifest(fmt.Errorf("%s was not written", rel))
		}
		r := identity(st)
		r.Fingerprint = fingerprints[rel]
		if fp, ok := u.folders[rel]; ok {
			r.Fingerprint = fp
		}
		m.Files[rel] = r
	}
	b := m.encode()
	p := manifestPath(u.out)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return u.dropManifest(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return u.dropManifest(err)
	}
	return nil
}

func (u *reuse) dropManifest(err error) error {
	_ = os.Remove(manifestPath(u.out))
	return fmt.Errorf("build manifest: %w", err)
}
