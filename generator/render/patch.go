package render

import (
	"errors"
	"reflect"
	"slices"
	"sync"

	"github.com/hkshopendata/showcase/generator/model"
)

// Patch renders the site again after model.Site.Patch changed it in place as p tells, reusing the last Render's
// (or Patch's) fingerprints. It hashes the entries p marks dirty again and fingerprints again only the pages that
// can show them, rendering those whose fingerprint changed:
//
//   - the dirty entries' own pages, and the pages of the entries that show one among their related entries;
//   - the list and term pages that list a dirty entry; every page of the lists the entry joined or left; when it
//     moved, every page of its section's list and of its terms' lists (the entries between its old and new
//     places moved from page to page); every list page when the list filters changed;
//   - every page of another kind (home, taxonomies, datasets, charts, search, 404: few, and they show entries
//     and counts in ways of their own).
//
// The other pages keep their fingerprints: a list or term page shows only its entries and its count, and an
// entry's page only its entry and its related entries; what every page shows of the site (the terms and their
// names, datasets, charts, the newest date: the site part of the fingerprints) is what Site.Patch leaves as it
// was. The term counts, the feeds, the search index's fingerprint and the filter data are made again; the sitemap
// only when more than the entry's texts changed.
//
// It returns the fingerprints of the pages it fingerprinted (the others are the last render's), and how many
// pages it rendered.
func (r *Renderer) Patch(sink Sink, keep Keeper, p model.Patched) (map[string]uint64, int, error) {
	f := r.fps
	if f == nil || r.sums == nil {
		return nil, 0, errors.New("render: Patch before Render")
	}
	r.theme.Fresh()
	dirty := map[*model.Entry]bool{}
	rehash := func(o any) { // o's own fields changed
		h := f.hasher()
		h.ownFields(reflect.ValueOf(o).Elem())
		f.own[o] = h.sum()
	}
	for _, e := range p.Dirty {
		rehash(e)
		dirty[e] = true
	}
	for _, t := range p.Terms { // lists changed; a tag may be new, or gone from its taxonomy's terms
		rehash(t)
		rehash(t.Taxonomy)
	}
	for _, c := range p.Redrawn { // drawn anew: shown on its entry's page and pages of other kinds
		rehash(c)
	}
	if len(p.Redrawn) > 0 {
		f.hashCharts(r.site)
	}
	f.hashUsers(r.site)
	f.hashCounts(r.site)
	filters := false // the list pages' filters changed
	if len(p.Terms) > 0 {
		before := r.lists
		r.listOnce, r.lists = sync.Once{}, nil
		r.listOnce.Do(r.makeLists)
		filters = !reflect.DeepEqual(before, r.lists)
	}
	shows := func(es []*model.Entry) bool {
		return slices.ContainsFunc(es, func(x *model.Entry) bool { return dirty[x] })
	}
	e := p.Entry
	terms := append([]*model.Term{e.City, e.Theme, e.Year, e.Award, e.Sector}, e.Tags...)
	section := map[string]string{"project": "projects", "pavilion": "pavilion"}[e.Kind]
	var pages []*model.Page
	for _, pg := range r.site.Outputs {
		var again bool
		switch {
		case isEntry[pg.Kind]:
			again = dirty[pg.Entry] || shows(pg.Entry.Related)
		case pg.Kind == "list":
			again = filters || (p.Reordered && pg.Section == section) || shows(pg.Items)
		case pg.Kind == "term":
			again = (p.Reordered && slices.Contains(terms, pg.Term)) || slices.Contains(p.Terms, pg.Term) ||
				shows(pg.Items)
		default:
			again = true
		}
		if again {
			pages = append(pages, pg)
		}
	}
	for _, u := range p.Gone { // pages the site no longer has (a tag left without entries)
		delete(r.sums, OutputPath(u))
	}
	r.sitemapKept = p.Texts && !p.Reordered
	defer func() { r.sitemapKept = false }()
	return r.render(sink, keep, f, pages, r.sums)
}
