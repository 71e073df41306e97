package model

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// Options change how the model is built.
type Options struct {
	BaseURL string // overrides site.yaml's base_url when not empty
	// Lang is the language of the pages to build (default: site.yaml's default language). A language other than
	// the default has its pages under "/<lang>/"; files (covers, snapshots, chart data) are shared by all.
	Lang   string
	Drafts bool // include entries marked draft
	Data   Data // the datasets' tables and the charts' results
	// Markdown, when set, reuses conversions of unchanged bodies from an earlier build (showcase serve).
	Markdown *markdown.Cache
	// Release lets go of what each entry's validated form holds once it is read (its fields' positions, its
	// body's Markdown once converted): for the last model built from a validated content, in a one-off build,
	// so that the source and the HTML of every entry are not all held at once.
	Release bool
	// Patchable keeps, with the site, what Site.Patch needs to apply an edit to it later (showcase serve).
	Patchable bool
}

type builder struct {
	release     bool
	site        *Site
	c           *validate.Content
	tax         map[string]*Taxonomy
	terms       map[string]map[string]*Term // taxonomy → id → term
	sources     map[string]*Entry           // content path of an entry's Markdown → entry
	pages       map[string]bool             // every page URL
	files       map[string]File             // published files by destination
	mu          sync.Mutex                  // guards files and published during parallel conversion
	charts      map[string]*Chart
	datasetByID map[string]*Dataset
	markdown    *markdown.Cache
	prefix      string            // "" for the default language, else "/<lang>": every page URL starts with it
	slugs       map[string]string // a tag as spelled → its id (schema.Slugify, once per spelling)
	frontLinks  []frontLink       // links: fields that are site paths, checked once the pages are known
	all         []*Entry          // every entry, by rank (see order)
	// published are the destinations of the files each entry publishes (under nil: the datasets' downloads),
	// kept for Patch (Options.Patchable): a file an edit stops publishing stays while another publishes it.
	published map[*Entry][]string
	patchOpts PatchOptions // of the Patch being applied
	drafts    bool         // Options.Drafts
}

// Build builds the site from validated content. Diagnostics report broken links and body problems.
func Build(c *validate.Content, opts Options) (*Site, diag.List) {
	var diags diag.List
	s := &Site{Config: c.Site, Lang: cmp.Or(opts.Lang, c.Site.DefaultLanguage), Default: c.Site.DefaultLanguage}
	if s.Lang != s.Default {
		s.Prefix = "/" + s.Lang
	}
	if err := s.setBase(cmp.Or(opts.BaseURL, string(c.Site.BaseURL))); err != nil {
		diags.Errorf(diag.Pos{File: c.Display + "/site.yaml"}, "base_url", "", "%v", err)
		return nil, diags
	}
	b := &builder{site: s, c: c, tax: map[string]*Taxonomy{}, terms: map[string]map[string]*Term{},
		sources: map[string]*Entry{}, pages: map[string]bool{}, files: map[string]File{},
		charts: map[string]*Chart{}, markdown: opts.Markdown, prefix: s.Prefix, release: opts.Release,
		slugs: map[string]string{}, drafts: opts.Drafts}
	if opts.Patchable {
		b.published = map[*Entry][]string{}
	}
	b.declareTaxonomies()
	b.datasets(opts.Data)
	type job struct {
		e   *Entry
		src *load.Entry
	}
	var jobs []job
	add := func(list *[]*Entry, e *Entry, src *load.Entry, charts []string, pos *schema.Positions) {
		if b.release {
			*pos = nil // read (b.siteLinks): the positions of every field of every entry need not wait for render
		}
		*list = append(*list, e)
		e.seq = len(jobs)
		b.sources[src.Path] = e
		for _, t := range c.Translations[src.Path] {
			b.sources[t.Entry.Path] = e
		}
		b.linkEntries(e, charts)
		jobs = append(jobs, job{e, b.translate(e, src)})
	}
	for _, d := range c.Projects {
		if d.Slug != "" && (!d.Front.Draft || opts.Drafts) {
			add(&s.Projects, b.project(d), d.Entry, d.Charts, &d.Pos)
		}
	}
	for _, d := range c.Pavilions {
		if d.Slug != "" && (!d.Front.Draft || opts.Drafts) {
			add(&s.Pavilions, b.pavilion(d), d.Entry, d.Charts, &d.Pos)
		}
	}
	for _, d := range c.Pages {
		if d.Slug != "" && (!d.Front.Draft || opts.Drafts) {
			add(&s.Pages, b.page(d), d.Entry, d.Charts, &d.Pos)
		}
	}
	b.markInline()
	b.order()
	slices.SortStableFunc(s.Pages, func(a, b *Entry) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	b.collectTerms()
	b.relate()
	s.Outputs = b.outputs()
	for _, p := range s.Outputs {
		b.pages[b.bare(p.URL)] = true
	}
	diags.Add(b.checkFrontLinks()...)
	problems := make([][]diag.Diagnostic, len(jobs))
	work.Each(len(jobs), func(i int) { problems[i] = b.convert(jobs[i].e, jobs[i].src) })
	for _, ps := range problems {
		diags.Add(ps...)
	}
	s.Files = sortedFiles(b.files)
	s.Updated = Newest(s.Projects, s.Pavilions)
	if opts.Patchable {
		s.builder = b
	}
	return s, diags
}

func (s *Site) setBase(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" ||
		u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute http(s) URL such as https://example.org/showcase/", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	s.BaseURL = u.String()
	s.BasePath = u.EscapedPath()
	return nil
}

// order sorts the projects and exhibits newest first, then by title, slug and URL (unique, so the order is
// total and an unstable sort is deterministic), and so do the entries of each term and dataset: the entries are
// sorted once and numbered, and the lists holding some of them sort by the number.
func (b *builder) order() {
	s := b.site
	all := slices.Concat(s.Projects, s.Pavilions, s.Pages)
	slices.SortFunc(all, newer)
	for i, e := range all {
		e.rank = i
	}
	b.all = all
	var ranks []int
	byRank := func(es []*Entry) { // sorting the numbers, not the entries they are read from, is cache-friendly
		ranks = ranks[:0]
		for _, e := range es {
			ranks = append(ranks, e.rank)
		}
		slices.Sort(ranks)
		for i, r := range ranks {
			es[i] = all[r]
		}
	}
	byRank(s.Projects)
	byRank(s.Pavilions)
	for _, d := range s.Datasets {
		byRank(d.Entries)
	}
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			byRank(t.Entries)
		}
	}
}

// newer orders entries newest first, then by title, slug and URL.
func newer(a, b *Entry) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug),
		cmp.Compare(a.URL, b.URL))
}

// Newest is the date of the newest of the entries.
func Newest(lists ...[]*Entry) time.Time {
	var t time.Time
	for _, l := range lists {
		for _, e := range l {
			if e.Date.After(t) {
				t = e.Date
			}
		}
	}
	return t
}

func (b *builder) project(d *validate.Doc[schema.Project]) *Entry {
	f := d.Front
	e := &Entry{Kind: "project", Slug: d.Slug, URL: b.at("/projects/" + d.Slug + "/"), File: d.File, Title: f.Title,
		Summary: f.Summary, Date: f.Date.Time, Team: f.Team, Datasets: slugs(f.Datasets), Links: links(f.Links)}
	e.City = b.term("cities", string(f.City), e)
	e.Theme = b.term("themes", string(f.Theme), e)
	e.Year = b.term("years", strconv.Itoa(f.Year), e)
	e.Award = b.term("awards", string(f.Award), e)
	e.Tags = b.tags(f.Tags, e)
	e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e, nil)
	b.siteLinks(e, d.Entry, d.Pos)
	return e
}

func (b *builder) pavilion(d *validate.Doc[schema.Pavilion]) *Entry {
	f := d.Front
	e := &Entry{Kind: "pavilion", Slug: d.Slug, URL: b.at("/pavilion/" + d.Slug + "/"), File: d.File, Title: f.Title,
		Summary: f.Summary, Date: f.Date.Time, Exhibitor: f.Exhibitor, Booth: f.Booth,
		Datasets: slugs(f.Datasets), Links: links(f.Links)}
	e.City = b.term("cities", string(f.City), e)
	e.Sector = b.term("sectors", string(f.Sector), e)
	e.Tags = b.tags(f.Tags, e)
	e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e, nil)
	b.siteLinks(e, d.Entry, d.Pos)
	return e
}

func (b *builder) page(d *validate.Doc[schema.Page]) *Entry {
	f := d.Front
	return &Entry{Kind: "page", Slug: d.Slug, URL: b.at("/" + d.Slug + "/"), File: d.File, Title: f.Title,
		Summary: f.Summary, Weight: f.Weight}
}

func slugs(xs []schema.Slug) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// links lists the non-empty links in field order; site paths are resolved later (checkFrontLinks).
func links(l schema.Links) []Link {
	var out []Link
	v := reflect.ValueOf(l)
	for i, kind := range linkKinds() {
		if u := v.Field(i).String(); u != "" {
			out = append(out, Link{Kind: kind, URL: u, External: !strings.HasPrefix(u, "/")})
		}
	}
	return out
}

// linkKinds are the yaml names of schema.Links' fields, in order: read once, not for every entry.
var linkKinds = sync.OnceValue(func() []string {
	t := reflect.TypeFor[schema.Links]()
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("yaml")
	}
	return out
})

func (b *builder) cover(src, alt string, le *load.Entry, e *Entry, published *[]File) *Image {
	if src == "" {
		return nil
	}
	return &Image{URL: b.place(src, le, e, published), Alt: alt}
}

// place returns the site path of the content file src: it publishes it, or, when published is set (Site.Patch),
// adds it there instead.
func (b *builder) place(src string, le *load.Entry, e *Entry, published *[]File) string {
	if published == nil {
		return b.publish(src, le, e)
	}
	dst := b.destination(src, le, e)
	*published = append(*published, File{Src: src, Dst: dst})
	return dst
}

// publish records that the content file src is published and returns its site path: a file inside the entry's
// bundle is published beside the entry's page; any other file at its path under the content root.
func (b *builder) publish(src string, le *load.Entry, e *Entry) string {
	dst := b.destination(src, le, e)
	b.mu.Lock()
	b.addFile(File{Src: src, Dst: dst}, e)
	b.mu.Unlock()
	return dst
}

// addFile publishes f for e (nil: for a dataset); b.mu is held, or the build not parallel yet.
func (b *builder) addFile(f File, e *Entry) {
	if _, ok := b.files[f.Dst]; !ok {
		b.files[f.Dst] = f
	}
	if b.published != nil && !slices.Contains(b.published[e], f.Dst) {
		b.published[e] = append(b.published[e], f.Dst)
	}
}

// destination is where publish publishes the content file src.
func (b *builder) destination(src string, le *load.Entry, e *Entry) string {
	if le.BundleDir != "" && strings.HasPrefix(src, le.BundleDir+"/") {
		return b.bare(e.URL) + strings.TrimPrefix(src, le.BundleDir+"/")
	}
	return "/" + src
}

// at returns the URL of the page at the language-neutral site path u in the language being built.
func (b *builder) at(u string) string { return b.prefix + u }

// bare returns the language-neutral site path of a page URL of the language being built.
func (b *builder) bare(u string) string { return strings.TrimPrefix(u, b.prefix) }

func sortedFiles(m map[string]File) []File {
	out := make([]File, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b File) int { return cmp.Compare(a.Dst, b.Dst) })
	return out
}

// convert renders e's body and returns the problems found in it.
func (b *builder) convert(e *Entry, src *load.Entry) []diag.Diagnostic {
	return b.convertWith(resolver{b: b, e: e, src: src})
}

// convertWith is convert with the given resolver.
func (b *builder) convertWith(r resolver) []diag.Diagnostic {
	e, src := r.e, r.src
	resolve, paths := r.resolve, []string(nil)
	if b.published != nil { // Options.Patchable: what the body links to is kept, for Patch (see canMove)
		resolve = func(dest string, image bool) (string, bool, markdown.Problem) {
			out, ok, p := r.resolve(dest, image)
			if ok && strings.HasPrefix(out, b.site.BasePath) {
				paths = append(paths, out)
			}
			return out, ok, p
		}
	}
	res, err := b.markdown.Convert(src.Body, src.BodyLine, resolve)
	file := path.Join(b.c.Display, src.Path) // the entry's, or its translation's
	if err != nil {
		line := src.BodyLine
		if ne, ok := err.(*markdown.NestingError); ok {
			line = ne.Line
		}
		return []diag.Diagnostic{{Pos: diag.Pos{File: file, Line: line, Col: 1}, Msg: err.Error(),
			Hint: "flatten the lists or quotes"}}
	}
	if b.release {
		src.LetGo()
	}
	e.Body, e.BodyParts, e.linked = res.HTML, bodyParts(res.Parts, e.Charts), paths
	e.Headings, e.Contents = res.Headings, nil
	for _, h := range res.Headings {
		if h.Level == 2 {
			e.Contents = append(e.Contents, h)
		}
	}
	e.Minutes = max(1, (res.Words+100)/200)
	out := make([]diag.Diagnostic, len(res.Problems))
	for i, p := range res.Problems {
		sev := diag.Error
		if p.Warning {
			sev = diag.Warning
		}
		out[i] = diag.Diagnostic{Pos: diag.Pos{File: file, Line: p.Line, Col: p.Col}, Severity: sev,
			Msg: p.Msg, Hint: p.Hint}
	}
	return out
}
