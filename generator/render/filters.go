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

// Filter is one way to narrow a list of entries: a taxonomy of which its entries have more than one term. A list
// page's form has a select for each; the page's script puts the terms in it from the section's filter data, so
// that a new term changes that data and not every page of the list.
type Filter struct {
	ID    string // the taxonomy: "themes"
	Label string // "Theme"
}

// filterTerms is a filter with its terms, in site.yaml's order.
type filterTerms struct {
	Filter
	terms []*model.Term
}

// filters lists, for a section's list, the taxonomies of which its entries have more than one term, in site.yaml's
// order, with those terms.
func (r *Renderer) filters(section string) []filterTerms {
	kind := sectionKind[section]
	var out []filterTerms
	for _, tx := range r.site.Taxonomies {
		f := filterTerms{Filter: Filter{ID: tx.ID, Label: r.t("taxonomy_" + tx.ID)}}
		for _, t := range tx.Terms {
			if slices.ContainsFunc(t.Entries, func(e *model.Entry) bool { return e.Kind == kind }) {
				f.terms = append(f.terms, t)
			}
		}
		if len(f.terms) > 1 {
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
//   - <section>/filter.json: {"themes": [["smart-mobility", "Smart Mobility", [3, 17, …]], …], "tags": [["gis",
//     "GIS", "filter-tags-gis-1a2b3c4d"], …], …}: for each filter of the list's form, its terms in order, each
//     with its id, its name in the language and the numbers of the section's entries that have it as documents
//     of the search index (docNumbers), in the list's order — or, when they take more than FilterInline bytes,
//     the name of the file that holds them;
//   - a term's file: its numbers, [3, 17, …].
//
// What a result shows is in the search index's files of documents, which the script loads for the results it
// lists. A term file's name ends with a hash of its bytes, as the search index's files do: a host or browser
// that keeps files for long never mixes two builds' files.
func (r *Renderer) filterData(sink Sink) error {
	s := r.site
	number := r.docNumbers()
	for _, section := range []string{"projects", "pavilion"} {
		dir := strings.TrimPrefix(s.Prefix+"/"+section+"/", "/")
		data := map[string][][3]any{}
		var b []byte
		for _, f := range r.filters(section) {
			for _, t := range f.terms {
				var ids []int
				for _, e := range t.Entries {
					if n, ok := number[e]; ok && e.Kind == sectionKind[section] {
						ids = append(ids, n)
					}
				}
				b = append(b[:0], '[')
				for i, n := range ids {
					if i > 0 {
						b = append(b, ',')
					}
					b = strconv.AppendInt(b, int64(n), 10)
				}
				b = append(b, ']')
				entries := json.RawMessage(bytes.Clone(b))
				if len(b) > cmp.Or(r.filterInline, FilterInline) {
					name := fmt.Sprintf("filter-%s-%s-%08x", f.ID, t.ID, uint32(xxhash.Sum64(b)))
					entries = strconv.AppendQuote(nil, name) // a slug and a hash: nothing to escape
					if err := sink.WriteFile(dir+name+".json", b); err != nil {
						return err
					}
				}
				data[f.ID] = append(data[f.ID], [3]any{t.ID, r.termName(t), entries})
			}
		}
		index, err := json.Marshal(data) // the filters in the order of their ids: the form has its own
		if err != nil {
			return err
		}
		if err := sink.WriteFile(dir+"filter.json", index); err != nil {
			return err
		}
	}
	return nil
}
