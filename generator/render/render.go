package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/theme"
)

// Sink receives the rendered files. WriteFile must be safe for concurrent use and must not keep data.
type Sink interface {
	WriteFile(rel string, data []byte) error
}

// Renderer renders one site with one theme.
type Renderer struct {
	site      *model.Site
	theme     *theme.Theme
	lang      string
	menuOnce  sync.Once
	menuLinks []MenuLink // the menu, no link current
	listOnce  sync.Once
	lists     map[string][]Filter // the filters of each section's list pages
	release   bool                // see ReleaseBodies
	readers   map[*model.Entry]*bodyReaders
	keepParts bool // see KeepPartials
	// filterInline, when set, is FilterInline for tests.
	filterInline int
	// searchParts, when set, is how many parts the search index is built in, for tests (see searchIndex).
	searchParts int
	// fps and sums are the last render's fingerprints, by object and of every page by output path, for Patch.
	fps  *Fingerprints
	sums map[string]uint64
	// sitemapKept leaves sitemap.xml and robots.txt as the last render wrote them (Patch: the pages and their
	// order and dates are the same).
	sitemapKept bool
}

// ReleaseBodies makes Render let go of each entry's body (Body and BodyParts) once its page and its search
// document are made, when the theme is stock (theme.Stock: no layout but the entry's own page shows its body).
// For a one-off build, whose model is not used again (and whose Keeper makes a folder it does not keep at once,
// not later as a preview's does): so that the bodies of every entry are not all held until the last page is
// written.
//
// The search index then follows the pages: it takes a project or an exhibit only once its page is made, so that
// each body goes as soon as the page is written, and the index, which is written in one piece once complete,
// is not held beside the bodies of every page still to render. (Run ahead, as it can, the index was complete
// a third of the way into the pages, and the peak of a 10k build's live heap was the bodies still waiting for
// their page, the whole index and the buffers writing it, all at once.)
func (r *Renderer) ReleaseBodies() { r.release = true }

// KeepPartials makes each render keep the theme's cached partials for the next (theme.Keep), by the fingerprints
// of what they show: for a preview, which renders the same site again after every edit with the same theme.
func (r *Renderer) KeepPartials() { r.keepParts = true }

// bodyReaders count, for ReleaseBodies, what is still to read an entry's body: its page and the search index.
type bodyReaders struct {
	left  atomic.Int32
	paged chan struct{} // closed once the page is made (or failed), for the search index to wait on; or nil
}

// readBodies counts, for ReleaseBodies, the readers of each entry's body. The search index is to wait for the
// page of each project and exhibit among pages (not for plain pages: theirs come after the term pages, and
// there are few).
func (r *Renderer) readBodies(pages []*model.Page) {
	if !r.release || !r.theme.Stock() {
		return
	}
	r.readers = map[*model.Entry]*bodyReaders{}
	for _, list := range [][]*model.Entry{r.site.Projects, r.site.Pavilions, r.site.Pages} {
		for _, e := range list {
			n := new(bodyReaders)
			n.left.Store(2)
			r.readers[e] = n
		}
	}
	for _, p := range pages {
		if n := r.readers[p.Entry]; n != nil && (p.Kind == "project" || p.Kind == "pavilion") {
			n.paged = make(chan struct{})
		}
	}
}

// readBody tells, for ReleaseBodies, that e's page or its search document is made; after both, e's body goes.
func (r *Renderer) readBody(e *model.Entry) {
	if n := r.readers[e]; n != nil && n.left.Add(-1) == 0 {
		e.Body, e.BodyParts = "", nil
	}
}

// paged tells, for ReleaseBodies, that e's page is made or failed: its body is read for it.
func (r *Renderer) paged(e *model.Entry) {
	if n := r.readers[e]; n != nil && n.paged != nil {
		close(n.paged)
	}
	r.readBody(e)
}

// waitPage waits, for ReleaseBodies, until e's page is made, when the search index is to follow it.
func (r *Renderer) waitPage(e *model.Entry) {
	if n := r.readers[e]; n != nil && n.paged != nil {
		<-n.paged
	}
}

// New returns a renderer for the site's default language.
func New(s *model.Site, th *theme.Theme) *Renderer {
	th.Fresh()
	return &Renderer{site: s, theme: th, lang: s.Lang}
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Keeper decides what may be kept from the previous build instead of produced again — in an incremental build
// (generator/incremental.go) and in a preview (generator/preview.go); what it keeps, it publishes itself.
type Keeper interface {
	// KeepPage reports whether the page at output path rel, whose fingerprint is fp, is kept.
	KeepPage(rel string, fp uint64) bool
	// KeepFolder reports whether the files of the folder dir (a search index), whose fingerprint is fp, are
	// taken care of: kept from the previous build, or made later by build (which writes them to the sink it is
	// given). False means: write them now.
	KeepFolder(dir string, fp uint64, build func(Sink) error) bool
}

// A Deferrer is a Keeper that can also take a page not kept to render later, by Page: a preview reports an edit
// once the pages a browser shows are rendered, and renders the others after (generator/previewlater.go).
type Deferrer interface {
	// DeferPage reports whether the page p of r's site, at output path rel with fingerprint fp, is left for
	// later. It is asked only about pages KeepPage did not keep.
	DeferPage(r *Renderer, p *model.Page, rel string, fp uint64) bool
}

// Render writes every page that keep does not keep (or, when it is a Deferrer, defer), and the feeds, sitemap,
// robots.txt, filter data and search index (unless keep keeps its folder), pages on all cores and the rest beside
// them. It returns the fingerprint (see Fingerprints) of every page and of every search file written, by output
// path, and how many pages it rendered; and every page that failed, not just the first.
func (r *Renderer) Render(sink Sink, keep Keeper) (map[string]uint64, int, error) {
	fps := r.Fingerprints()
	return r.render(sink, keep, fps, r.site.Outputs, nil)
}

// render renders pages and the extras, and returns the fingerprints of pages and of the search files written.
// prev, when set, holds the last render's fingerprints of every page (Patch): it is updated with these.
func (r *Renderer) render(sink Sink, keep Keeper, fps *Fingerprints, pages []*model.Page,
	prev map[string]uint64) (map[string]uint64, int, error) {
	r.fps = fps
	if r.keepParts {
		r.theme.Keep(fps.partialKey)
	}
	sums := make([]uint64, len(pages))
	rendered := make([]bool, len(pages))
	errs := make([]error, len(pages))
	var search map[string]uint64
	r.readBodies(pages) // after Fingerprints, which hashed every body
	extras := make(chan error, 1)
	go func() {
		var err error
		search, err = r.extras(sink, keep, fps)
		extras <- err
	}()
	order := entriesFirst(pages)
	later, _ := keep.(Deferrer)
	work.Each(len(pages), func(k int) {
		i := order[k]
		p := pages[i]
		if isEntry[p.Kind] {
			defer r.paged(p.Entry)
		}
		d, err := r.data(p)
		if err == nil {
			sums[i], err = fps.of(p, d)
		}
		if err != nil {
			errs[i] = fmt.Errorf("render %s: %w", p.URL, err)
			return
		}
		rel := OutputPath(p.URL)
		if keep.KeepPage(rel, sums[i]) || (later != nil && later.DeferPage(r, p, rel, sums[i])) {
			return
		}
		rendered[i] = true
		// labelled, a CPU profile (build --cpuprofile) tells the layouts' costs apart: pprof -tagfocus kind=home
		pprof.Do(context.Background(), pprof.Labels("kind", p.Kind), func(context.Context) {
			errs[i] = r.page(p, d, sink)
		})
	})
	errs = append(errs, <-extras)
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	out := make(map[string]uint64, len(pages)+len(search))
	n := 0
	for i, p := range pages {
		out[OutputPath(p.URL)] = sums[i]
		if rendered[i] {
			n++
		}
	}
	maps.Copy(out, search)
	if prev == nil {
		r.sums = out
	} else {
		maps.Copy(prev, out)
	}
	return out, n, nil
}

// entriesFirst is the order to render pages in: the entries' own pages first, so that each body, held from its
// conversion to its page, can go before the lists, terms and datasets render (a quarter of the work at 10,000
// entries).
func entriesFirst(pages []*model.Page) []int {
	order := make([]int, 0, len(pages))
	for _, first := range []bool{true, false} {
		for i, p := range pages {
			if isEntry[p.Kind] == first {
				order = append(order, i)
			}
		}
	}
	return order
}

// makeLists makes the filters of each section's list pages.
func (r *Renderer) makeLists() {
	r.lists = map[string][]Filter{}
	for _, section := range []string{"projects", "pavilion"} {
		for _, f := range r.filters(section) {
			r.lists[section] = append(r.lists[section], f.Filter)
		}
	}
}

// isEntry are the kinds of an entry's own page.
var isEntry = map[string]bool{"project": true, "pavilion": true, "page": true}

// page renders the page p with its data, which it completes with the page's JSON-LD.
func (r *Renderer) page(p *model.Page, data *PageData, sink Sink) error {
	data.JSONLD = r.jsonLD(p, data)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := r.theme.Execute(buf, p.Kind, r.lang, data); err != nil {
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	return sink.WriteFile(OutputPath(p.URL), buf.Bytes())
}

// Page renders the page p of the site to sink as Render does: for a page a Deferrer took. The site must be as it
// was when the page was deferred (a preview changes it only after rendering every page it deferred).
func (r *Renderer) Page(p *model.Page, sink Sink) error {
	d, err := r.data(p)
	if err != nil {
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	return r.page(p, d, sink)
}

// OutputPath maps a site path to the file that serves it: "/a/" → "a/index.html", "/404.html" → "404.html".
func OutputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func (r *Renderer) t(key string, args ...any) string {
	s, err := r.theme.T(r.lang, key, args...)
	if err != nil {
		return key
	}
	return s
}

func (r *Renderer) data(p *model.Page) (*PageData, error) {
	s := r.site
	cfg := s.Config
	d := &PageData{Site: s, Page: p, Entry: p.Entry, Lang: r.lang, Locale: r.locale(),
		SiteTitle: cfg.Title.Get(r.lang, s.Default), Description: cfg.Description.Get(r.lang, s.Default),
		Canonical: r.abs(p.URL), OGType: "website", FooterPages: s.Pages, Feed: s.Prefix + "/feed.xml", FeedTitle: r.t("feed_title", cfg.Title.Get(r.lang, s.Default)),
		Organisers: cfg.Organisers}
	d.Menu = r.menu(p.URL)
	for _, m := range d.Menu {
		if m.Current {
			d.MenuCurrent += m.URL + " "
		}
	}
	if p.Kind != "404" {
		d.Alternates = r.alternates(p.URL)
	}
	home := Crumb{Name: r.t("home"), URL: "/"}
	switch p.Kind {
	case "home":
		d.Title = d.SiteTitle
		d.Home = r.home()
	case "list":
		d.Title = r.t(p.Section + "_title")
		d.Description = r.t(p.Section + "_description")
		d.Crumbs = []Crumb{home}
		r.listOnce.Do(r.makeLists)
		d.Filters = r.lists[p.Section]
	case "project", "pavilion", "page":
		e := p.Entry
		d.Title, d.OGType = e.Title, "article"
		d.Description = cmp.Or(e.Summary, d.Description)
		if e.Cover != nil {
			d.Image = r.abs(e.Cover.URL)
		}
		d.Crumbs = []Crumb{home}
		d.HasCharts = slices.ContainsFunc(e.Charts, func(c *model.Chart) bool { return c != nil })
		if p.Kind != "page" {
			list := map[string]string{"project": "projects", "pavilion": "pavilion"}[p.Kind]
			d.Crumbs = append(d.Crumbs, Crumb{Name: r.t(list + "_title"), URL: "/" + list + "/"})
		}
	case "taxonomy":
		d.Title = r.t("taxonomy_" + p.Taxonomy.ID)
		d.Description = r.t("taxonomy_" + p.Taxonomy.ID + "_description")
		d.Crumbs = []Crumb{home}
	case "term":
		d.Title = p.Term.Name.Get(r.lang, s.Default)
		d.Description = cmp.Or(p.Term.Description.Get(r.lang, s.Default),
			r.t("term_description", d.Title, len(p.Term.Entries)))
		d.Crumbs = []Crumb{home, {Name: r.t("taxonomy_" + p.Taxonomy.ID), URL: p.Taxonomy.URL}}
		if p.Taxonomy.ID == "themes" {
			d.Feed = p.Term.URL + "feed.xml"
			d.FeedTitle = r.t("feed_title", d.Title)
		}
	case "datasets", "charts", "search":
		d.Title = r.t(p.Kind + "_title")
		d.Description = r.t(p.Kind + "_description")
		d.Crumbs = []Crumb{home}
	case "dataset":
		m := p.Dataset.Meta
		d.Title = m.Title.Get(r.lang, s.Default)
		d.Description = cmp.Or(m.Description.Get(r.lang, s.Default), r.t("dataset_description", d.Title,
			m.Publisher.Get(r.lang, s.Default)))
		d.Crumbs = []Crumb{home, {Name: r.t("datasets_title"), URL: "/datasets/"}}
	case "chart", "chart-embed":
		c := p.Chart
		d.Chart, d.HasCharts, d.Embed = c, true, p.Kind == "chart-embed"
		d.Title = c.Spec.Title.Get(r.lang, s.Default)
		d.Description = cmp.Or(c.Spec.Description.Get(r.lang, s.Default), r.t("chart_description", d.Title))
		d.Crumbs = []Crumb{home, {Name: r.t("charts_title"), URL: "/charts/"}}
		if d.Embed {
			d.Canonical = r.abs(c.URL)
		}
	case "404":
		d.Title = r.t("not_found_title")
		d.Canonical = ""
	default:
		return nil, fmt.Errorf("unknown page kind %q", p.Kind)
	}
	d.HeadTitle = d.Title
	if p.Kind != "home" {
		d.HeadTitle = d.Title + " · " + d.SiteTitle
	}
	if p.Pager != nil && p.Pager.Number > 1 {
		d.HeadTitle = r.t("page_of", d.Title, p.Pager.Number, p.Pager.Total) + " · " + d.SiteTitle
	}
	return d, nil
}

func (r *Renderer) locale() string {
	for _, l := range r.site.Config.Languages {
		if l.Code == r.lang {
			return l.Locale
		}
	}
	return r.lang
}

// abs makes a site path absolute.
func (r *Renderer) abs(p string) string {
	return r.site.BaseURL + strings.TrimPrefix(p, "/")
}

func (r *Renderer) menu(current string) []MenuLink {
	r.menuOnce.Do(r.makeMenu)
	out := slices.Clone(r.menuLinks)
	for i := range out {
		u := out[i].URL
		out[i].Current = strings.HasPrefix(u, "/") && (current == u || u != "/" && strings.HasPrefix(current, u))
	}
	return out
}

// makeMenu makes the menu of this language's pages: a site path leads to the page in this language when there is
// one (or to this language's feed).
func (r *Renderer) makeMenu() {
	s := r.site
	sitePath := func(u string) bool { return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") }
	here := map[string]bool{} // the menu's site paths in this language: is there a page?
	for _, m := range s.Config.Menu {
		if sitePath(m.URL) {
			here[s.Prefix+m.URL] = false
		}
	}
	for _, p := range s.Outputs {
		if _, ok := here[p.URL]; ok {
			here[p.URL] = true
		}
	}
	here[s.Prefix+"/feed.xml"] = true
	for _, m := range s.Config.Menu {
		u := m.URL
		if sitePath(u) && here[s.Prefix+u] {
			u = s.Prefix + u
		}
		r.menuLinks = append(r.menuLinks, MenuLink{Name: m.Name.Get(r.lang, s.Default), URL: u})
	}
}

// alternates lists the page at url in every language of the site, in site.yaml's order: every language has the
// same pages, under its own prefix.
func (r *Renderer) alternates(url string) []Alternate {
	s := r.site
	if len(s.Config.Languages) < 2 {
		return nil
	}
	bare := strings.TrimPrefix(url, s.Prefix)
	var out []Alternate
	for _, l := range s.Config.Languages {
		prefix := ""
		if l.Code != s.Default {
			prefix = "/" + l.Code
		}
		out = append(out, Alternate{Lang: l.Code, Locale: l.Locale, Name: l.Name, URL: prefix + bare,
			Current: l.Code == s.Lang, Default: l.Code == s.Default})
	}
	return out
}

func (r *Renderer) home() *Home {
	s := r.site
	h := &Home{Title: s.Config.Hero.Title.Get(r.lang, s.Default), Text: s.Config.Hero.Text.Get(r.lang, s.Default),
		Projects: len(s.Projects), Exhibits: len(s.Pavilions), Editions: len(s.Config.Taxonomies.Editions)}
	for _, tx := range s.Taxonomies {
		switch tx.ID {
		case "themes":
			h.Themes = tx.Terms
		case "cities":
			h.Cities = tx.Terms
		}
	}
	for _, e := range s.Projects {
		if e.Award != nil && len(h.Awarded) < 6 {
			h.Awarded = append(h.Awarded, e)
		}
	}
	h.Newest = s.Projects[:min(6, len(s.Projects))]
	h.Pavilions = s.Pavilions[:min(3, len(s.Pavilions))]
	slices.SortStableFunc(h.Awarded, func(a, b *model.Entry) int {
		return cmp.Compare(awardRank(s, a), awardRank(s, b))
	})
	return h
}

// awardRank orders awards as site.yaml declares them (gold before silver…).
func awardRank(s *model.Site, e *model.Entry) int {
	for i, t := range e.Award.Taxonomy.Terms {
		if t == e.Award {
			return i
		}
	}
	return len(s.Projects)
}
