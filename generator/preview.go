package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/echarts"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/render"
	"github.com/hkshopendata/showcase/generator/theme"
	"github.com/hkshopendata/showcase/generator/validate"
)

// Preview builds a site into memory, again after every change, for `showcase serve`. It keeps what a change
// cannot have touched: the parsed YAML and Markdown of unchanged files, the Markdown conversions whose links
// still resolve the same way, the snapshot tables and charts whose inputs are the same, the parsed theme and the
// ECharts library; and the pages whose fingerprint (everything their layouts read, see render.Fingerprints) did
// not change are not rendered again. The files whose bytes differ from the last build are reported, so that only
// the browsers showing them reload. A build with content errors leaves the last good site in place.
//
// The output of a Preview is byte for byte the output Build writes for the same content and options.
type Preview struct {
	o       Options
	caches  caches
	root    *os.Root
	mu      sync.RWMutex // guards files
	files   map[string][]byte
	theme   *theme.Theme
	themeOf theme.Options
	lib     *echarts.Library
	dirty   bool                  // the themes changed since the theme was loaded
	pages   map[string]rendered   // the last good build's pages, with the fingerprints they were rendered from
	search  map[string]*lazyIndex // the last good build's search indexes, by folder (previewkeep.go)
	last    *built                // what the last good build made, while it is what the content folder holds
	model   sync.RWMutex          // held to read (search indexes) or write (patch) last's model

	// pages rendered later (previewlater.go)
	rendering sync.RWMutex         // held to write by a build, to read by a deferred page's render
	building  atomic.Int32         // builds waiting for or holding rendering: Settle stops for them
	deferOn   bool                 // see DeferPages
	renderNow bool                 // a page left for later failed: this build leaves none
	later     map[string]laterPage // the last build's pages not rendered yet, by output path; guarded by mu
	viewMu    sync.Mutex
	viewed    []string // the pages browsers asked for last, the latest last
}

// built is what a good build made, for the next to patch (patch.go).
type built struct {
	data      model.Data // the tables and charts the sites were built with
	content   *validate.Content
	sites     []*model.Site
	renderers []*render.Renderer
	diags     []diag.Diagnostic
}

// Update is what one preview build did.
type Update struct {
	// Changed lists the output files (slash paths such as "projects/a/index.html") that were added, changed or
	// removed, sorted. Empty after a build that changed nothing a browser can see.
	Changed     []string
	Diagnostics []diag.Diagnostic // all problems found, warnings included, sorted
	Pages       int
	Rendered    int // pages rendered; the others were kept from the last build or left for later
	Later       int // pages left for later (DeferPages), among Changed
	// Moved maps the output path of a page that moved (an entry's, after a new slug) to its new one, so that a
	// browser showing it can follow; only a build that changed the last one in place (Patched) tells.
	Moved map[string]string
	// Patched is true when the build changed the last one in place (an edit of one entry that keeps the site's
	// pages and terms, see patch.go) instead of building the whole site.
	Patched bool
	// FromBuild is how many Markdown bodies were not converted because the last build into the output folder
	// saved their conversion (in the first builds only: until one succeeds).
	FromBuild int
	Files     int
	Duration  time.Duration
	Timings   []Timing // how long each stage took, in order
}

// NewPreview prepares a preview of o's content; call Build for the first site.
func NewPreview(o Options) (*Preview, error) {
	o.defaults()
	root, err := os.OpenRoot(o.ContentDir)
	if err != nil {
		return nil, fmt.Errorf("open content folder: %w", err)
	}
	md := markdown.NewCache()
	if saved := savedBodies(o.OutDir); saved != nil {
		md.From(saved) // the first build takes the conversions a build into the output folder saved
	}
	return &Preview{o: o, root: root, files: map[string][]byte{},
		caches: caches{load: load.NewCache(), validate: validate.NewCache(), markdown: md,
			data: newDataCache(root)}}, nil
}

// Close releases the content folder.
func (p *Preview) Close() error { return p.root.Close() }

// Build builds the site again. changed names the files that changed since the last build (as the watcher
// reported them: paths under the content or themes folder); they are read again even if their size and time
// look the same. On content errors the error is a *diag.Errors and the last good site stays.
func (p *Preview) Build(changed []string) (up Update, err error) {
	start := time.Now()
	defer func() { up.Duration = time.Since(start) }()
	p.building.Add(1)
	p.rendering.Lock()
	defer func() {
		p.building.Add(-1)
		p.rendering.Unlock()
	}()
	p.renderLeft() // before the model changes
	rels := p.forget(changed)
	if up, ok, err := p.patch(rels); ok {
		return up, err
	}
	p.last = nil // until this build is good
	taken := p.caches.markdown.Taken()
	sites, res, err := check(p.o, &p.caches, nil)
	up.Diagnostics, up.Timings = res.Diagnostics, res.Timings
	up.FromBuild = p.caches.markdown.Taken() - taken
	if err != nil {
		return up, err
	}
	clock := startWatch()
	p.caches.markdown.Sweep()
	p.caches.data.sweep()
	lib, err := library(sites, p.o.ECharts, p.lib)
	if err != nil {
		return up, err
	}
	if lib != nil {
		p.lib = lib
	}
	to := themeOptions(sites, p.o)
	if p.theme == nil || p.dirty || !sameThemeOptions(to, p.themeOf) {
		th, err := theme.Load(to)
		if err != nil {
			return up, fmt.Errorf("theme: %w", err)
		}
		p.theme, p.themeOf, p.dirty, p.pages = th, to, false, nil
	}
	res.lap("theme", &clock)
	mem := &memory{files: map[string][]byte{}}
	if err := write(sites, p.theme, mem, p.o.ContentDir, lib); err != nil {
		return up, err
	}
	p.mu.RLock()
	keep := &keeper{pages: p.pages, prev: p.search, next: map[string]*lazyIndex{}, model: &p.model,
		later: p.deferrable()}
	p.mu.RUnlock()
	all := map[string]rendered{}
	var renderers []*render.Renderer
	for _, s := range sites {
		r := render.New(s, p.theme)
		renderers = append(renderers, r)
		r.KeepPartials()
		fps, n, err := r.Render(mem, keep)
		if err != nil {
			return up, err
		}
		for rel, fp := range fps {
			html, ok := mem.files[rel]
			if _, deferred := keep.deferred[rel]; deferred {
				all[rel] = rendered{fingerprint: fp}
				continue
			}
			if !ok { // kept: the bytes of the last build
				html = keep.pages[rel].html
				mem.files[rel] = html
			}
			all[rel] = rendered{fingerprint: fp, html: html}
		}
		up.Rendered += n
		up.Pages += len(s.Outputs)
	}
	p.pages = all
	res.lap("render", &clock)
	p.mu.Lock()
	up.Changed = diff(p.files, mem.files) // a deferred page is among them, unless it is new
	for rel := range keep.deferred {
		if _, ok := p.files[rel]; !ok {
			up.Changed = append(up.Changed, rel)
		}
	}
	slices.Sort(up.Changed)
	p.files, p.search, p.later = mem.files, keep.next, keep.deferred
	p.mu.Unlock()
	up.Later = len(keep.deferred)
	up.Files = len(mem.files)
	res.lap("diff", &clock)
	up.Timings = res.Timings
	p.last = &built{content: res.content, data: res.data, sites: sites, renderers: renderers, diags: up.Diagnostics}
	return up, nil
}

// forget drops the cached forms of the changed files; a change under the themes folder reloads the theme. A nil
// list (the first build, or a caller that cannot tell) and the watcher's "" (it lost events) make the load walk
// the whole content folder; otherwise it looks only at the paths named.
//
// It returns the content paths named, or nil when the whole folder is looked at or the theme changed.
func (p *Preview) forget(changed []string) []string {
	if changed == nil {
		p.caches.load.Rescan()
		return nil
	}
	whole := false
	content, _ := filepath.Abs(p.o.ContentDir)
	themes, _ := filepath.Abs(p.o.ThemesDir)
	var rels []string
	for _, c := range changed {
		if c == "" {
			p.caches.load.Rescan()
			whole = true
			continue
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(content, abs); err == nil && filepath.IsLocal(rel) { // "." too: the folder itself
			rels = append(rels, filepath.ToSlash(rel))
		}
		if rel, err := filepath.Rel(themes, abs); err == nil && filepath.IsLocal(rel) {
			p.dirty = true
		}
	}
	p.caches.load.Changed(rels...)
	if whole || p.dirty {
		return nil
	}
	return rels
}

// File returns the built file at rel ("projects/a/index.html"), from the last good build.
func (p *Preview) File(rel string) ([]byte, bool) {
	b, ok, err := p.file(rel)
	return b, ok && err == nil
}

// file returns the built file at rel, rendering it if it was left for later; ok tells whether the build has it.
func (p *Preview) file(rel string) (b []byte, ok bool, err error) {
	p.mu.RLock()
	b, ok = p.files[rel]
	_, deferred := p.later[rel]
	p.mu.RUnlock()
	if deferred {
		p.rendering.RLock()
		defer p.rendering.RUnlock()
		return p.renderLater(rel) // or the build's, if one started meanwhile
	}
	if ok {
		return b, true, nil
	}
	b, ok = p.lazyFile(rel)
	return b, ok, nil
}

// Files returns the paths of the last good build, sorted; it builds the search indexes not yet asked for.
func (p *Preview) Files() []string {
	p.mu.RLock()
	out := slices.Collect(maps.Keys(p.files))
	out = slices.AppendSeq(out, maps.Keys(p.later))
	lazy := slices.Collect(maps.Values(p.search))
	p.mu.RUnlock()
	for _, l := range lazy {
		if files, err := l.get(); err == nil {
			out = append(out, slices.Collect(maps.Keys(files))...)
		}
	}
	slices.Sort(out)
	return out
}

func sameThemeOptions(a, b theme.Options) bool {
	return a.ThemesDir == b.ThemesDir && a.Name == b.Name && a.BasePath == b.BasePath && a.BaseURL == b.BaseURL &&
		a.Default == b.Default && slices.Equal(a.Languages, b.Languages)
}

// diff lists the paths whose content differs between two builds, or that only one of them has.
func diff(old, cur map[string][]byte) []string {
	var out []string
	for k, v := range cur {
		if o, ok := old[k]; !ok || !bytes.Equal(o, v) {
			out = append(out, k)
		}
	}
	for k := range old {
		if _, ok := cur[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// memory is a sink that keeps the files.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(rel string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "\\") {
		return fmt.Errorf("output path %q is outside the site", rel)
	}
	b := bytes.Clone(data) // the renderer reuses its buffers
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[rel]; ok {
		return fmt.Errorf("two outputs write %s", rel)
	}
	m.files[rel] = b
	return nil
}

func (m *memory) Copy(fsys fs.FS, src, rel string) error {
	b, err := fs.ReadFile(fsys, src)
	if err != nil {
		return err
	}
	return m.WriteFile(rel, b)
}
