// Package generator runs the showcase pipeline: load → validate → data (read snapshots, compute charts) → model →
// render → publish. Check runs the first four stages; Build runs them all and swaps the new site into place only
// when every stage succeeded.
package generator

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/echarts"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/publish"
	"github.com/hkshopendata/showcase/generator/render"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/theme"
	"github.com/hkshopendata/showcase/generator/validate"
	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// Options configure a check or a build.
type Options struct {
	ContentDir string // the content folder (default "content")
	OutDir     string // the output folder (default "public")
	ThemesDir  string // the themes folder (default: "themes" beside the content folder)
	BaseURL    string // overrides site.yaml's base_url
	Strict     bool   // warnings fail the build
	Full       bool   // render every page, ignoring what the previous build into OutDir left (see incremental.go)
	Drafts     bool   // include draft entries
	Builtin    fs.FS  // the built-in theme (default: the embedded default theme)
	// ECharts configures where the ECharts library comes from (default: the user cache, else the npm registry).
	ECharts echarts.Options
}

// Result describes a check or a build.
type Result struct {
	Diagnostics []diag.Diagnostic // sorted; warnings included
	Entries     int               // projects, exhibits and pages
	Pages       int               // HTML pages written
	Files       int               // all files written
	Kept        int               // files kept (hard-linked) from the previous build, unchanged
	Converted   int               // Markdown bodies converted; the others were converted by the previous build
	Duration    time.Duration
	Timings     []Timing // how long each stage took, in order

	content *validate.Content // what the sites were built from (for Preview.patch)
	data    model.Data        // the tables and charts they were built with (for Preview.patch)
}

// Timing is how long one stage of a build took.
type Timing struct {
	Stage    string
	Duration time.Duration
	// CPU is the CPU time the process used meanwhile, on all cores (the collector's included); 0 where the
	// system does not tell it. CPU / Duration is how many cores the stage kept busy.
	CPU time.Duration
}

// stopwatch times a build's stages: the wall clock and the process's CPU time at the start of the next one.
type stopwatch struct {
	wall time.Time
	cpu  time.Duration
}

func startWatch() stopwatch { return stopwatch{time.Now(), processCPU()} }

// lap records the time since the watch's start as stage, and restarts it.
func (r *Result) lap(stage string, w *stopwatch) {
	now := startWatch()
	r.Timings = append(r.Timings, Timing{stage, now.wall.Sub(w.wall), max(0, now.cpu-w.cpu)})
	*w = now
}

func (o *Options) defaults() {
	if o.ContentDir == "" {
		o.ContentDir = "content"
	}
	if o.OutDir == "" {
		o.OutDir = "public"
	}
	if o.ThemesDir == "" {
		o.ThemesDir = filepath.Join(filepath.Dir(filepath.Clean(o.ContentDir)), "themes")
	}
	if o.Builtin == nil {
		o.Builtin = defaulttheme.FS
	}
}

// Check loads and validates the content and builds the model, without rendering. The error is a *diag.Errors
// when the content has errors (or warnings, with Strict). It takes the Markdown conversions the last build into
// o.OutDir saved, and saves none.
func Check(o Options) (Result, error) {
	start := time.Now()
	o.defaults()
	bodies := savedBodies(o.OutDir)
	if bodies == nil {
		bodies = markdown.NewSavedCache() // not saved: it counts the conversions
	}
	_, res, err := check(o, nil, bodies)
	res.Duration = time.Since(start)
	res.Converted = bodies.Converted()
	return res, err
}

// caches are what a preview keeps between builds; nil for a one-off check or build.
type caches struct {
	load     *load.Cache
	validate *validate.Cache
	markdown *markdown.Cache
	data     *dataCache
}

// check runs load → validate → data → model and returns one site per language of site.yaml, the default
// language's first. A one-off check or build (k nil) converts bodies through saved when it is not nil.
func check(o Options, k *caches, saved *markdown.Cache) ([]*model.Site, Result, error) {
	var res Result
	display := filepath.ToSlash(filepath.Clean(o.ContentDir))
	var diags diag.List
	oneOff := k == nil // nothing is kept for a later build: what a stage has used can be let go
	if oneOff {
		k = &caches{markdown: saved}
	}
	clock := startWatch()
	var c *load.Content
	var d diag.List
	var err error
	if oneOff {
		c, d, err = load.LoadOnce(o.ContentDir, display) // each front matter parsed as validate decodes it
	} else {
		c, d, err = load.LoadCached(o.ContentDir, display, k.load)
	}
	diags.Merge(d)
	if err != nil {
		return nil, res, err
	}
	res.lap("load", &clock)
	v, d := validate.ValidateCached(c, display, k.validate)
	diags.Merge(d)
	res.lap("validate", &clock)
	var sites []*model.Site
	if v != nil && !diags.HasErrors(false) {
		data, err := analyse(v, o.ContentDir, k.data, &diags)
		if err != nil {
			return nil, res, err
		}
		res.lap("data", &clock)
		if !diags.HasErrors(false) {
			sites = buildSites(v, o, data, k.markdown, oneOff, &diags)
			if !oneOff { // a preview patches it later; a one-off build lets it go before rendering
				res.content, res.data = v, data
			}
			res.lap("model", &clock)
		}
	}
	res.Diagnostics = diags.Sorted()
	if diags.HasErrors(o.Strict) {
		return nil, res, &diag.Errors{Diagnostics: res.Diagnostics}
	}
	if len(sites) > 0 {
		s := sites[0]
		res.Entries = len(s.Projects) + len(s.Pavilions) + len(s.Pages)
	}
	return sites, res, nil
}

// buildSites builds the model once per language, the default first. A problem found in every language (a
// broken link in a body they share) is reported once.
func buildSites(v *validate.Content, o Options, data model.Data, md *markdown.Cache, oneOff bool,
	diags *diag.List) []*model.Site {
	langs := []string{v.Site.DefaultLanguage}
	for _, l := range v.Site.Languages {
		if l.Code != v.Site.DefaultLanguage {
			langs = append(langs, l.Code)
		}
	}
	switch {
	case oneOff && md == nil && len(langs) > 1:
		md = markdown.NewCache() // shares conversions between the languages (with one, it would only hold memory)
	case oneOff && md != nil && len(langs) == 1:
		md.Forget() // saved for the next build, not held for this one
	}
	var sites []*model.Site
	seen := map[diag.Diagnostic]bool{}
	for i, lang := range langs {
		s, d := model.Build(v, model.Options{BaseURL: o.BaseURL, Drafts: o.Drafts, Data: data, Markdown: md,
			Lang: lang, Release: oneOff && i == len(langs)-1, Patchable: !oneOff})
		for _, x := range d.Sorted() {
			if !seen[x] {
				seen[x] = true
				diags.Add(x)
			}
		}
		if s == nil {
			return nil
		}
		sites = append(sites, s)
	}
	return sites
}

// Build checks the content, renders the site into a staging folder and swaps it into OutDir. On any error
// OutDir is left as it was.
func Build(o Options) (Result, error) {
	start := time.Now()
	o.defaults()
	bodies := openBodies(o.OutDir, o.Full)
	sites, res, err := check(o, nil, bodies.cache)
	if err != nil {
		bodies.abort()
		return res, err
	}
	clock := startWatch()
	res.Converted = bodies.cache.Converted()
	if err := bodies.finish(); err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Pos: diag.Pos{File: bodies.path},
			Severity: diag.Warning, Msg: err.Error(), Hint: "the next build converts every body"})
	}
	res.lap("bodies", &clock)
	lib, err := library(sites, o.ECharts, nil)
	if err != nil {
		return res, err
	}
	th, err := theme.Load(themeOptions(sites, o))
	if err != nil {
		return res, fmt.Errorf("theme: %w", err)
	}
	res.lap("theme", &clock)
	key, err := buildKey(o, th)
	if err != nil {
		return res, err
	}
	stage, err := publish.Begin(o.OutDir, o.ContentDir, o.ThemesDir)
	if err != nil {
		return res, err
	}
	sink := &reuse{stage: stage, out: stage.Out()}
	if !o.Full {
		sink.prev = readManifest(o.OutDir, key)
	}
	fingerprints := map[string]uint64{}
	err = write(sites, th, sink, o.ContentDir, lib)
	for _, s := range sites {
		if err == nil {
			var fps map[string]uint64
			r := render.New(s, th)
			r.ReleaseBodies() // the sites are not used after this build
			fps, _, err = r.Render(sink, sink)
			maps.Copy(fingerprints, fps)
		}
	}
	if err != nil {
		stage.Abort()
		return res, err
	}
	res.lap("render", &clock)
	res.Files, res.Kept = stage.Count(), int(sink.kept.Load())
	if err := stage.Commit(); err != nil {
		stage.Abort()
		return res, err
	}
	if err := sink.writeManifest(key, fingerprints); err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Pos: diag.Pos{File: manifestPath(o.OutDir)},
			Severity: diag.Warning, Msg: err.Error(), Hint: "the next build renders every page"})
	}
	res.lap("publish", &clock)
	for _, s := range sites {
		res.Pages += len(s.Outputs)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// sink receives a build's files: a publish.Stage on disk, or a preview's memory.
type sink interface {
	WriteFile(rel string, data []byte) error
	Copy(fsys fs.FS, src, rel string) error
}

// write copies the theme's static files, the content files the pages use, the files the data stage generated and
// the ECharts library: everything but the rendered pages.
func write(sites []*model.Site, th *theme.Theme, stage sink, contentDir string, lib *echarts.Library) error {
	if lib != nil {
		if err := writeLibrary(stage, lib); err != nil {
			return err
		}
	}
	for _, g := range sites[0].Generated { // the same in every language
		if err := stage.WriteFile(g.Dst[1:], g.Data); err != nil {
			return err
		}
	}
	for _, rel := range th.StaticFiles() {
		b, err := th.Static(rel)
		if err != nil {
			return err
		}
		if err := stage.WriteFile(rel, b); err != nil {
			return err
		}
	}
	root, err := os.OpenRoot(contentDir)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files(sites) {
		if err := stage.Copy(root.FS(), f.Src, f.Dst[1:]); err != nil {
			return fmt.Errorf("publish %s: %w", f.Src, err)
		}
	}
	return nil
}

// files lists the content files the pages of every language use, each once, sorted by destination.
func files(sites []*model.Site) []model.File {
	seen := map[string]bool{}
	var out []model.File
	for _, s := range sites {
		for _, f := range s.Files {
			if !seen[f.Dst] {
				seen[f.Dst] = true
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b model.File) int { return strings.Compare(a.Dst, b.Dst) })
	return out
}

// library loads ECharts when some chart needs it (from kept, when given) and points every site at it.
func library(sites []*model.Site, o echarts.Options, kept *echarts.Library) (*echarts.Library, error) {
	if len(sites[0].Charts) == 0 {
		return nil, nil
	}
	lib := kept
	if lib == nil {
		var err error
		if lib, err = echarts.Load(o); err != nil {
			return nil, err
		}
	}
	for _, s := range sites {
		s.ChartScript = "/" + lib.Path
	}
	return lib, nil
}

// themeOptions are the theme settings for the sites' languages.
func themeOptions(sites []*model.Site, o Options) theme.Options {
	s := sites[0]
	langs := make([]string, len(sites))
	for i, x := range sites {
		langs[i] = x.Lang
	}
	return theme.Options{ThemesDir: o.ThemesDir, Name: s.Config.Theme, Builtin: o.Builtin, BasePath: s.BasePath,
		BaseURL: s.BaseURL, Languages: langs, Default: s.Default}
}

// writeLibrary publishes ECharts with its licence and notice, as its Apache-2.0 licence asks.
func writeLibrary(stage sink, lib *echarts.Library) error {
	files := map[string][]byte{lib.Path: lib.Script}
	if lib.License != nil { // nil for a local echarts.min.js
		files["js/echarts-LICENSE.txt"] = lib.License
	}
	if lib.Notice != nil {
		files["js/echarts-NOTICE.txt"] = lib.Notice
	}
	for _, p := range []string{lib.Path, "js/echarts-LICENSE.txt", "js/echarts-NOTICE.txt"} {
		if b, ok := files[p]; ok {
			if err := stage.WriteFile(p, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// Site reads and checks the site.yaml of o.ContentDir alone; the error lists its problems.
func Site(o Options) (*schema.Site, error) {
	o.defaults()
	display := filepath.ToSlash(filepath.Clean(o.ContentDir))
	c, _, err := load.Load(o.ContentDir, display)
	if err != nil {
		return nil, err
	}
	v, d := validate.Validate(c, display)
	if v == nil || siteHasErrors(d, display) {
		var ds []diag.Diagnostic
		for _, x := range d.Sorted() {
			if x.Pos.File == display+"/site.yaml" || v == nil {
				ds = append(ds, x)
			}
		}
		return nil, &diag.Errors{Diagnostics: ds}
	}
	return v.Site, nil
}

// Schemas returns the JSON Schema of every kind of content document, by file name ("project.schema.json"), with
// the taxonomy terms and languages of the site in o.ContentDir when its site.yaml is valid.
func Schemas(o Options) (map[string][]byte, error) {
	o.defaults()
	var site *schema.Site
	display := filepath.ToSlash(filepath.Clean(o.ContentDir))
	if c, _, err := load.Load(o.ContentDir, display); err == nil {
		if v, d := validate.Validate(c, display); v != nil && !siteHasErrors(d, display) {
			site = v.Site
		}
	}
	out := map[string][]byte{}
	for _, doc := range schema.Documents {
		b, err := schema.JSONSchema(doc, site)
		if err != nil {
			return nil, err
		}
		out[doc.Name+".schema.json"] = b
	}
	return out, nil
}

// siteHasErrors reports whether site.yaml itself has errors.
func siteHasErrors(d diag.List, display string) bool {
	for _, x := range d.Sorted() {
		if x.Severity == diag.Error && x.Pos.File == display+"/site.yaml" {
			return true
		}
	}
	return false
}
