package generator

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/render"
)

// Pages rendered later. With DeferPages, a preview build that changes pages of a site whose theme it has rendered
// before renders at once only the pages browsers asked for lately (Page); the others whose fingerprint changed
// are reported as changed and rendered later:
//
//   - when a browser asks for one (File, Page): a page is never served older than the content;
//   - by Settle, which `showcase serve` runs once it has told the browsers;
//   - at the latest when the next build starts, before it changes the model: a deferred page is rendered from the
//     model it was fingerprinted on, which a patch changes in place.
//
// So an edit that moves hundreds of list pages (a new entry shifts every later page of its lists) is reported in
// the time of the pages shown. A build that loads the theme renders every page at once: a template's error
// shows there.

// laterPage is a page left for later: the renderer of its language's site, and the page.
type laterPage struct {
	r    *render.Renderer
	page *model.Page
}

// viewedPages is how many of the pages browsers asked for last a build renders at once.
const viewedPages = 32

// DeferPages turns rendering pages later on or off (off by default: a build renders every page it changes).
func (p *Preview) DeferPages(on bool) {
	p.rendering.Lock()
	p.deferOn = on
	p.rendering.Unlock()
}

// Page is File for a browser: it remembers rel among the pages asked for last, which a build renders at once
// (with DeferPages), and returns the error of a deferred page that failed to render.
func (p *Preview) Page(rel string) ([]byte, bool, error) {
	b, ok, err := p.file(rel)
	if ok && err == nil && strings.HasSuffix(rel, ".html") {
		p.viewMu.Lock()
		p.viewed = slices.DeleteFunc(p.viewed, func(v string) bool { return v == rel })
		p.viewed = append(p.viewed, rel)
		if len(p.viewed) > viewedPages {
			p.viewed = slices.Delete(p.viewed, 0, len(p.viewed)-viewedPages)
		}
		p.viewMu.Unlock()
	}
	return b, ok, err
}

// deferrable returns whether a page may be left for later by a build: DeferPages is on, the theme rendered the last
// build's pages, no page the last build left for later failed, and no browser asked for this one lately. Nil when
// none may.
func (p *Preview) deferrable() func(rel string) bool {
	if !p.deferOn || p.renderNow || p.pages == nil {
		return nil
	}
	p.viewMu.Lock()
	viewed := map[string]bool{}
	for _, v := range p.viewed {
		viewed[v] = true
	}
	p.viewMu.Unlock()
	return func(rel string) bool { return !viewed[rel] }
}

// Settle renders every page the last build left for later, on all cores. A build that starts meanwhile stops it
// (and renders the rest itself first). It returns the errors of the pages that failed; they stay deferred, and
// File and Page try them again.
func (p *Preview) Settle() error {
	p.rendering.RLock()
	defer p.rendering.RUnlock()
	return p.renderAllLater(func() bool { return p.building.Load() > 0 })
}

// renderAllLater renders the pages left for later on all cores, each unless stop (when set) says to stop, and
// returns their errors. The caller holds the rendering lock.
func (p *Preview) renderAllLater(stop func() bool) error {
	p.mu.RLock()
	rels := slices.Sorted(maps.Keys(p.later))
	p.mu.RUnlock()
	errs := make([]error, len(rels))
	work.Each(len(rels), func(i int) {
		if stop == nil || !stop() {
			_, _, errs[i] = p.renderLater(rels[i])
		}
	})
	return errors.Join(errs...)
}

// renderLater renders the deferred page at rel, unless it is rendered already, and keeps it among the files. It
// returns the page's bytes, and whether rel is a file of the last build. The caller holds the rendering lock.
func (p *Preview) renderLater(rel string) ([]byte, bool, error) {
	p.mu.RLock()
	lp, deferred := p.later[rel]
	b, ok := p.files[rel]
	p.mu.RUnlock()
	if !deferred {
		return b, ok, nil
	}
	mem := &memory{files: map[string][]byte{}}
	if err := lp.r.Page(lp.page, mem); err != nil {
		return nil, true, err
	}
	b = mem.files[rel]
	p.mu.Lock()
	if p.later[rel] == lp { // not rendered meanwhile by another reader
		delete(p.later, rel)
		p.files[rel] = b
		p.pages[rel] = rendered{fingerprint: p.pages[rel].fingerprint, html: b}
	}
	p.mu.Unlock()
	return b, true, nil
}

// renderLeft renders, at the start of a build (holding the rendering lock to write), the pages the last build
// left for later. When a page fails, the last build is forgotten: the build is then a whole one, which leaves no
// page for later, so that it renders the page again and reports its error.
func (p *Preview) renderLeft() {
	p.renderNow = false
	if p.renderAllLater(nil) != nil { // a failed page's bytes are nil: it is not kept (keeper.KeepPage)
		p.mu.Lock()
		clear(p.later)
		p.mu.Unlock()
		p.last, p.renderNow = nil, true
	}
}

// DeferPage defers a page not kept, when the build may.
func (k *keeper) DeferPage(r *render.Renderer, pg *model.Page, rel string, _ uint64) bool {
	if k.later == nil || !k.later(rel) {
		return false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.deferred == nil {
		k.deferred = map[string]laterPage{}
	}
	k.deferred[rel] = laterPage{r: r, page: pg}
	return true
}
