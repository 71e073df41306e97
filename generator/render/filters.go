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
// has ("themes:smart-mobility"), for js/filters.js.
func (r *Renderer) filterData(sink Sink) error {
	s := r.site
	for section, entries := range map[string][]*model.Entry{"projects": s.Projects, "pavilion": s.Pavilions} {
		items := make([][6]any, 0, len(entries))
		for _, e := range entries {
			doc := r.result(e)
			var keys []string
			for _, t := range append([]*model.Term{e.Theme, e.City, e.Year, e.Award, e.Sector}, e.Tags...) {
				if t != nil {
					keys = append(keys, t.Taxonomy.ID+":"+t.ID)
				}
			}
			items = append(items, [6]any{doc.URL, doc.Title, doc.Kind, doc.Facets, doc.Summary,
				[]any{doc.Lang, keys}})
		}
		b, err := json.Marshal(items)
		if err != nil {
			return err
		}
		if err := sink.WriteFile(strings.TrimPrefix(s.Prefix+"/"+section+"/filter.json", "/"), b); err != nil {
			return err
		}
	}
	return nil
}
