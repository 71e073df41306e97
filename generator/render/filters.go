package render

import (
	"encoding/json"
	"strings"

	"github.com/hkshopendata/showcase/generator/model"
)

// Filter is one way to narrow a list of entries: a taxonomy with the terms its entries have.
type Filter struct {
	ID      string // the taxonomy: "themes"
	Label   string // "Theme"
	Options []FilterOption
}

// FilterOption is a term to filter by.
type FilterOption struct {
	ID   string
	Name string
	URL  string // the term's page: the same filter without JavaScript
}

// filters lists, for a section's list, the taxonomies and terms its entries have, in site.yaml's order.
func (r *Renderer) filters(section string) []Filter {
	kind := map[string]string{"projects": "project", "pavilion": "pavilion"}[section]
	var out []Filter
	for _, tx := range r.site.Taxonomies {
		f := Filter{ID: tx.ID, Label: r.t("taxonomy_" + tx.ID)}
		for _, t := range tx.Terms {
			for _, e := range t.Entries {
				if e.Kind == kind {
					f.Options = append(f.Options, FilterOption{ID: t.ID, Name: r.termName(t), URL: t.URL})
					break
				}
			}
		}
		if len(f.Options) > 1 {
			out = append(out, f)
		}
	}
	return out
}

// filterData writes <section>/filter.json for each list: every entry with what a result shows and the terms it
// has ("themes:smart-mobility"), for js/filters.js. Each entry's item is encoded on its own (a preview's Memo
// keeps it while the entry and the site part of the fingerprints are the same); the list is the items joined, as
// json.Marshal writes a list.
func (r *Renderer) filterData(sink Sink, fps *Fingerprints) error {
	s := r.site
	for _, list := range []struct {
		section string
		entries []*model.Entry
	}{{"projects", s.Projects}, {"pavilion", s.Pavilions}} {
		items := make([][]byte, len(list.entries))
		size := 2 + len(items)
		for i, e := range list.entries {
			item, err := r.filterItemJSON(e, fps)
			if err != nil {
				return err
			}
			items[i] = item
			size += len(item)
		}
		b := make([]byte, 0, size)
		b = append(b, '[')
		for i, item := range items {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, item...)
		}
		b = append(b, ']')
		if err := sink.WriteFile(strings.TrimPrefix(s.Prefix+"/"+list.section+"/filter.json", "/"), b); err != nil {
			return err
		}
	}
	return nil
}

// filterItemJSON is e's item encoded, from the memo when the renderer has one. The renderer also keeps the item
// it took for each entry with the hashes it was taken by, so that a render after a Patch does not hash every
// entry's key again: only a changed entry's own hash differs.
func (r *Renderer) filterItemJSON(e *model.Entry, fps *Fingerprints) ([]byte, error) {
	encode := func() ([]byte, error) { return json.Marshal(r.filterItem(e)) }
	if r.memo == nil {
		return encode()
	}
	own := fps.own[e]
	if k, ok := r.filterItems[e]; ok && k.own == own && k.site == fps.site {
		return k.b, nil
	}
	h := fps.hasher()
	h.u64(fps.site, own)
	b, err := r.memo.item(h.sum(), encode)
	if err == nil {
		if r.filterItems == nil {
			r.filterItems = map[*model.Entry]filterItemKept{}
		}
		r.filterItems[e] = filterItemKept{site: fps.site, own: own, b: b}
	}
	return b, err
}

// filterItemKept is an entry's item of the filter data, with the hashes it was taken by.
type filterItemKept struct {
	site, own uint64
	b         []byte
}

// filterItem is an entry's item in the filter data: what its result shows, its language and its terms.
func (r *Renderer) filterItem(e *model.Entry) [6]any {
	doc := r.result(e)
	var keys []string
	for _, t := range append([]*model.Term{e.Theme, e.City, e.Year, e.Award, e.Sector}, e.Tags...) {
		if t != nil {
			keys = append(keys, t.Taxonomy.ID+":"+t.ID)
		}
	}
	return [6]any{doc.URL, doc.Title, doc.Kind, doc.Facets, doc.Summary, []any{doc.Lang, keys}}
}
