package render

import (
	"errors"
	"reflect"
	"slices"

	"github.com/hkshopendata/showcase/generator/model"
)

// Patch renders the site again after model.Site.Patch changed the entry e in place (reordered: moved it among
// the entries), reusing the last Render's (or Patch's) fingerprints. It hashes e again and fingerprints again
// only the pages that can show it, rendering those whose fingerprint changed:
//
//   - e's own page, and the pages of the entries that show e among their related entries;
//   - the list and term pages that list e, and when e moved, every page of its section's list and of its
//     terms' lists (the entries between its old and new places moved from page to page);
//   - every page of another kind (home, taxonomies, datasets, charts, search, 404: few, and they show entries
//     in ways of their own).
//
// The other pages keep their fingerprints: a list or term page shows only its entries, and an entry's page only
// its entry and its related entries; what every page shows of the site (terms, datasets, charts, dates: the site
// part of the fingerprints) does not hold an entry's texts, which are all Site.Patch changes. The feeds, the search
// index's fingerprint and the filter data are made again; the sitemap only when e moved (it lists the pages in
// order, with their dates).
//
// It returns the fingerprints of the pages it fingerprinted (the others are the last render's), and how many
// pages it rendered.
func (r *Renderer) Patch(sink Sink, keep Keeper, e *model.Entry, reordered bool) (map[string]uint64, int, error) {
	f := r.fps
	if f == nil || r.sums == nil {
		return nil, 0, errors.New("render: Patch before Render")
	}
	r.theme.Fresh()
	h := f.hasher()
	h.ownFields(reflect.ValueOf(e).Elem())
	f.own[e] = h.sum()
	f.hashUsers(r.site)
	terms := append([]*model.Term{e.City, e.Theme, e.Year, e.Award, e.Sector}, e.Tags...)
	section := map[string]string{"project": "projects", "pavilion": "pavilion"}[e.Kind]
	var pages []*model.Page
	for _, p := range r.site.Outputs {
		var shows bool
		switch {
		case isEntry[p.Kind]:
			shows = p.Entry == e || slices.Contains(p.Entry.Related, e)
		case p.Kind == "list":
			shows = (reordered && p.Section == section) || slices.Contains(p.Items, e)
		case p.Kind == "term":
			shows = (reordered && slices.Contains(terms, p.Term)) || slices.Contains(p.Items, e)
		default:
			shows = true
		}
		if shows {
			pages = append(pages, p)
		}
	}
	r.sitemapKept, r.patched = !reordered, e
	defer func() { r.sitemapKept, r.patched = false, nil }()
	return r.render(sink, keep, f, pages, r.sums)
}
