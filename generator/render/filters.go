package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
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

	term *model.Term
}

// filters lists, for a section's list, the taxonomies and terms its entries have, in site.yaml's order.
func (r *Renderer) filters(section string) []Filter {
	kind := sectionKind[section]
	var out []Filter
	for _, tx := range r.site.Taxonomies {
		f := Filter{ID: tx.ID, Label: r.t("taxonomy_" + tx.ID)}
		for _, t := range tx.Terms {
			for _, e := range t.Entries {
				if e.Kind == kind {
					f.Options = append(f.Options, FilterOption{ID: t.ID, Name: r.termName(t), URL: t.URL, term: t})
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

// FilterInline is the most bytes a term's entries take in filter.json; more go into a file of their own. A small
// site's filter data is one file; at 10,000 entries a choice loads a few small files, not all the terms' lists.
const FilterInline = 512

// sectionKind is the kind of the entries of a section's list.
var sectionKind = map[string]string{"projects": "project", "pavilion": "pavilion"}

// filterData writes the data js/search.js narrows each list (projects, pavilion) by, so that a choice loads only
// the terms chosen, however large the site:
//
//   - <section>/filter.json: {"themes:smart-mobility": [3, 17, …], "tags:gis": "filter-tags-gis-1a2b3c4d", …}:
//     for each term the filter form offers, the numbers of the section's entries that have it, in the list's
//     order, as documents of the search index (searchIndex numbers them in the same order: projects, exhibits,
//     pages) — or, when they take more than FilterInline bytes, the name of the file that holds them.
//   - a term's file: its numbers, [3, 17, …].
//
// What a result shows is in the search index's files of documents, which the script loads for the results it
// lists. A term file's name ends with a hash of its bytes, as the search index's files do: a host or browser
// that keeps files for long never mixes two builds' files.
func (r *Renderer) filterData(sink Sink) error {
	s := r.site
	number := make(map[*model.Entry]int, len(s.Projects)+len(s.Pavilions))
	r.indexed(func(e *model.Entry) { number[e] = len(number) })
	for _, section := range []string{"projects", "pavilion"} {
		dir := strings.TrimPrefix(s.Prefix+"/"+section+"/", "/")
		terms := map[string]json.RawMessage{}
		var b []byte
		for _, f := range r.filters(section) {
			for _, o := range f.Options {
				var ids []int
				for _, e := range o.term.Entries {
					if n, ok := number[e]; ok && e.Kind == sectionKind[section] {
						ids = append(ids, n)
					}
				}
				slices.Sort(ids)
				b = append(b[:0], '[')
				for i, n := range ids {
					if i > 0 {
						b = append(b, ',')
					}
					b = strconv.AppendInt(b, int64(n), 10)
				}
				b = append(b, ']')
				key := f.ID + ":" + o.ID
				if len(b) <= cmp.Or(r.filterInline, FilterInline) {
					terms[key] = bytes.Clone(b)
					continue
				}
				name := fmt.Sprintf("filter-%s-%s-%08x", f.ID, o.ID, uint32(xxhash.Sum64(b)))
				terms[key] = strconv.AppendQuote(nil, name) // a slug and a hash: nothing to escape
				if err := sink.WriteFile(dir+name+".json", b); err != nil {
					return err
				}
			}
		}
		index, err := json.Marshal(terms) // in the order of the keys
		if err != nil {
			return err
		}
		if err := sink.WriteFile(dir+"filter.json", index); err != nil {
			return err
		}
	}
	return nil
}
