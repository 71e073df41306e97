// Package validate turns loaded content into typed, checked documents. It decodes site.yaml and every entry's
// front matter (schema.Decode), every dataset.yaml and chart (files and ```chart blocks), then applies the rules
// that span files: unique slugs, existing covers of a sensible size and snapshot files, known datasets, tables and
// charts, the translations site.yaml requires. Every problem is collected; nothing stops at the first.
package validate

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Doc is one validated entry: its front matter decoded into F.
type Doc[F any] struct {
	Entry *load.Entry
	File  string // display path, e.g. "content/projects/a.md"
	Front F
	Slug  string
	Pos   schema.Positions
	Cover string // the cover's path relative to the content root, or "" (none, or missing)
	// Charts are the ids of the charts the body's ```chart blocks show, in order ("" for an invalid block).
	Charts []string
	// Redrawn are the whole charts its ```chart blocks declare when Recheck found the blocks changed (showing the
	// same charts; empty, not nil, when they are all refs); nil otherwise.
	Redrawn []*Chart
}

// Content is the validated content of a site.
type Content struct {
	Site      *schema.Site
	Projects  []*Doc[schema.Project]
	Pavilions []*Doc[schema.Pavilion]
	Pages     []*Doc[schema.Page]
	Datasets  []*Dataset // sorted by id
	Charts    []*Chart   // declared charts by id, then inline charts in entry order
	// Translations are the entries' translation files, by the entry's content path and language.
	Translations map[string]map[string]*Doc[schema.Translation]
	Files        map[string]load.FileInfo // every regular file under the content root
	Display      string                   // how the content root is shown in diagnostics ("content")

	terms      *siteTerms // site.yaml's terms, for Recheck
	datasetIDs []string   // the validator's, for Recheck
}

// ImageExts are the file extensions a cover (or an image in a body) may have.
var ImageExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}

// Reserved are the first URL segments the site uses itself; a page slug may not take one.
var Reserved = []string{"projects", "pavilion", "pages", "themes", "cities", "years", "tags", "awards", "sectors",
	"datasets", "charts", "images", "css", "js", "assets", "search", "feed", "404", "en", "zh-hant", "zh-hans"}

type validator struct {
	c          *load.Content
	display    string
	diags      *diag.List
	datasetIDs []string // ids under content/datasets/, sorted; nil when that folder does not exist
	refs       []chartRef
	sitePos    schema.Positions // of site.yaml's fields
	imageKB    int              // site.yaml's limits.image_kb
	cache      *Cache
}

// Validate checks the loaded content. The result is nil only when site.yaml could not be read at all; it may be
// returned with error diagnostics, which the caller must honour. It lets go of each entry's parsed front matter
// (load.Entry.Front) once decoded, keeping the peak of a large build low: the decoded form, with its positions,
// is what later stages use.
func Validate(c *load.Content, display string) (*Content, diag.List) {
	return ValidateCached(c, display, nil)
}

// ValidateCached is Validate reusing, from cache, the decoded front matter of entries that did not change: of the
// same reading of their file (load.Entry.Read).
func ValidateCached(c *load.Content, display string, cache *Cache) (*Content, diag.List) {
	var diags diag.List
	v := &validator{c: c, display: display, diags: &diags, cache: cache}
	if c.Site == nil {
		return nil, diags
	}
	out := &Content{Files: c.Files, Display: display}
	out.Site = v.site(c.Site, v.file(c.SitePath))
	v.imageKB = out.Site.Limits.ImageKB
	terms := newSiteTerms(out.Site)
	cache.begin(terms)
	out.Datasets = v.datasetDocs(terms)
	if c.HasDir("datasets") {
		v.datasetIDs = []string{}
		for _, d := range out.Datasets {
			v.datasetIDs = append(v.datasetIDs, d.ID)
		}
	}
	out.Charts = v.chartDocs(terms)
	out.terms, out.datasetIDs = terms, v.datasetIDs
	var inline []*Chart
	var translations []translationFile
	decoded := make([]any, len(c.Entries)) // each entry's *Doc, its front matter decoded on all cores
	problems := make([]diag.List, len(c.Entries))
	work.Each(len(c.Entries), func(i int) {
		e := c.Entries[i]
		if e.Lang != "" {
			decoded[i] = orNil(decodeDoc[schema.Translation](v, e, terms, &problems[i]))
			return
		}
		switch e.Section {
		case "projects":
			decoded[i] = orNil(decodeDoc[schema.Project](v, e, terms, &problems[i]))
		case "pavilion":
			decoded[i] = orNil(decodeDoc[schema.Pavilion](v, e, terms, &problems[i]))
		case "pages":
			decoded[i] = orNil(decodeDoc[schema.Page](v, e, terms, &problems[i]))
		}
	})
	for i, e := range c.Entries {
		if e.Lang != "" {
			if decoded[i] != nil {
				translations = append(translations, translationFile{decoded[i].(*Doc[schema.Translation]), problems[i]})
			} else {
				v.diags.Merge(problems[i]) // its front matter is not YAML (LoadOnce): it is no translation
			}
			continue
		}
		v.diags.Merge(problems[i])
		if decoded[i] == nil {
			continue // its front matter is not YAML (LoadOnce), as if the load had left it out
		}
		switch e.Section {
		case "projects":
			d := decoded[i].(*Doc[schema.Project])
			d.Slug, d.Cover = v.entryFields(d.Entry, d.Pos, d.Front.Slug, d.Front.Cover, d.Front.Datasets)
			d.Charts, inline = v.inlineCharts(e, d.Slug, terms)
			out.Charts = append(out.Charts, inline...)
			out.Projects = append(out.Projects, d)
		case "pavilion":
			d := decoded[i].(*Doc[schema.Pavilion])
			d.Slug, d.Cover = v.entryFields(d.Entry, d.Pos, d.Front.Slug, d.Front.Cover, d.Front.Datasets)
			d.Charts, inline = v.inlineCharts(e, d.Slug, terms)
			out.Charts = append(out.Charts, inline...)
			out.Pavilions = append(out.Pavilions, d)
		case "pages":
			d := decoded[i].(*Doc[schema.Page])
			d.Slug = v.slug(d.Entry, d.Front.Slug, d.Pos)
			if d.Slug != "" && contains(Reserved, d.Slug) {
				v.diags.Errorf(v.at(d.Pos, "slug"), "slug", "choose another slug",
					"%q is a path the site uses itself", d.Slug)
			}
			d.Charts, inline = v.inlineCharts(e, d.Slug, terms)
			out.Charts = append(out.Charts, inline...)
			out.Pages = append(out.Pages, d)
		}
	}
	v.checkCharts(out)
	uniqueSlugs(v, out.Projects)
	uniqueSlugs(v, out.Pavilions)
	uniqueSlugs(v, out.Pages)
	v.entryTranslations(out, translations)
	v.translations(out)
	return out, diags
}

// entryFields checks the fields of a project or exhibit that point elsewhere and returns its slug and cover (see
// Doc).
func (v *validator) entryFields(e *load.Entry, pos schema.Positions, slug schema.Slug, cover schema.Path,
	datasets []schema.Slug) (string, string) {
	s, c := v.slug(e, slug, pos), v.cover(e, cover, pos)
	v.datasets(datasets, pos)
	return s, c
}

func (v *validator) file(p string) string { return path.Join(v.display, p) }

func (v *validator) at(pos schema.Positions, field string) diag.Pos {
	if p, ok := pos[field]; ok {
		return p
	}
	return pos[""]
}

// decodeDoc decodes an entry's front matter, adding its problems to diags. It is safe for concurrent use.
// The front matter is parsed first unless the cache holds its reading's decoded form; nil is returned when it is
// not YAML.
func decodeDoc[F any](v *validator, e *load.Entry, terms *siteTerms, diags *diag.List) *Doc[F] {
	d := &Doc[F]{Entry: e, File: v.file(e.Path)}
	if k, ok := v.cache.get(e.Read, d.File, e.FrontLine); ok {
		d.Front, d.Pos = k.front.(F), k.pos
		diags.Merge(k.diags)
		return d
	}
	s := scratches.Get().(*load.Scratch)
	defer scratches.Put(s)
	if !e.ParseFrontIn(s, v.display, diags) {
		return nil
	}
	var found diag.List
	d.Pos = schema.Decode(e.Front, &d.Front, d.File, diag.Pos{File: d.File, Line: e.FrontLine, Col: 1}, terms,
		&found)
	v.cache.put(e.Read, decoded{file: d.File, line: e.FrontLine, front: d.Front, pos: d.Pos, diags: found})
	e.Front = nil // decoded, with its positions: the node goes, and s may parse the next (Decode keeps no node)
	diags.Merge(found)
	return d
}

// scratches are the memory decodeDoc parses front matter in, reused from one entry to the next.
var scratches = sync.Pool{New: func() any { return new(load.Scratch) }}

// orNil returns d, or an untyped nil for a nil d.
func orNil[F any](d *Doc[F]) any {
	if d == nil {
		return nil
	}
	return d
}

// slug returns the entry's slug: the front matter's, or else the file or folder name, which must then be valid.
func (v *validator) slug(e *load.Entry, front schema.Slug, pos schema.Positions) string {
	if front != "" {
		return string(front)
	}
	if _, given := pos["slug"]; given {
		return "" // given but invalid: already reported
	}
	if !schema.ValidSlug(e.Name) {
		hint := "rename the file, or add a slug: field"
		if s := schema.Slugify(e.Name); s != "" {
			hint = fmt.Sprintf("rename it to %q, or add slug: %s", s, s)
		}
		v.diags.Errorf(diag.Pos{File: v.file(e.Path), Line: 1, Col: 1}, "slug", hint,
			"the name %q is not a valid slug: use lower-case letters, digits and hyphens", e.Name)
		return ""
	}
	return e.Name
}

// resolve turns a contributor's path into a path relative to the content root: "/x" is under the root, anything
// else is relative to the entry's folder.
func resolve(e *load.Entry, p string) string {
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(p, "/")
	}
	return path.Join(path.Dir(e.Path), p)
}

func (v *validator) cover(e *load.Entry, p schema.Path, pos schema.Positions) string {
	if p == "" {
		return ""
	}
	at := v.at(pos, "cover")
	ext := strings.ToLower(path.Ext(string(p)))
	if !contains(ImageExts, ext) {
		v.diags.Errorf(at, "cover", "use one of "+strings.Join(ImageExts, " "), "%q is not an image", string(p))
		return ""
	}
	full := resolve(e, string(p))
	if strings.HasPrefix(full, "../") || full == ".." {
		v.diags.Errorf(at, "cover", "use a path inside content/", "%q leaves the content folder", string(p))
		return ""
	}
	if _, ok := v.c.Files[full]; !ok {
		v.diags.Warnf(at, "cover", v.nearbyFile(full), "image %q not found (looked for %s)", string(p),
			v.file(full))
		return ""
	}
	if msg, hint := imageTooLarge(v.c.Files, v.display, full, v.imageKB); msg != "" {
		v.diags.Warnf(at, "cover", hint, "%s", msg)
	}
	return full
}

// nearbyFile suggests a file in the same folder with a similar name.
func (v *validator) nearbyFile(full string) string {
	dir := path.Dir(full)
	var names []string
	for f := range v.c.Files {
		if path.Dir(f) == dir {
			names = append(names, path.Base(f))
		}
	}
	sort.Strings(names)
	return diag.Suggest(path.Base(full), names)
}

// datasets checks dataset references against content/datasets/, once that folder exists.
func (v *validator) datasets(ids []schema.Slug, pos schema.Positions) {
	known := v.datasetIDs
	if known == nil {
		return
	}
	for i, id := range ids {
		if !contains(known, string(id)) {
			f := fmt.Sprintf("datasets[%d]", i)
			v.diags.Errorf(v.at(pos, f), f, datasetHint(string(id), known),
				"dataset %q does not exist (no content/datasets/%s/dataset.yaml)", id, id)
		}
	}
}

// uniqueSlugs reports every entry whose slug another entry of the same section also uses, naming the other file.
func uniqueSlugs[F any](v *validator, docs []*Doc[F]) {
	by := map[string][]*Doc[F]{}
	for _, d := range docs {
		if d.Slug != "" {
			by[d.Slug] = append(by[d.Slug], d)
		}
	}
	for slug, ds := range by {
		if len(ds) < 2 {
			continue
		}
		for _, d := range ds {
			var others []string
			for _, o := range ds {
				if o != d {
					others = append(others, o.File)
				}
			}
			v.diags.Errorf(v.at(d.Pos, "slug"), "slug", "give each entry its own slug",
				"slug %q is also used by %s", slug, strings.Join(others, ", "))
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
