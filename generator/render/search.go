package render

import (
	"cmp"
	"html"
	"html/template"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/search"
)

// searchIndex writes the language's search files under <prefix>/search/: every project, exhibit and page, with
// its title, tags, team or exhibitor, summary, the titles of its datasets and its body.
// wrote, when given, is told every file written.
//
// The entries are indexed on all cores, in parts (search.WriteParts): part k of P takes entries k, k+P, k+2P…
// of the lists, in the order their pages are rendered (ReleaseBodies: each waits for the page), so the parts
// follow the pages together. Indexing is a seventh of a build's work, and all that is left to do when the pages
// are kept (an incremental build, a preview's search asked for after an edit).
func (r *Renderer) searchIndex(sink Sink, dir string, wrote func(rel string)) error {
	number := r.docNumbers()
	var entries []*model.Entry
	r.indexed(func(e *model.Entry) { entries = append(entries, e) })
	n := cmp.Or(r.searchParts, max(1, min(runtime.GOMAXPROCS(0), len(entries)/minSearchPart)))
	parts := make([]*search.Index, n)
	var wg sync.WaitGroup
	for k := range parts {
		parts[k] = new(search.Index)
		wg.Go(func() {
			var text []byte // the text of the body indexed last, in memory the next one reuses
			for i := k; i < len(entries); i += len(parts) {
				e := entries[i]
				r.waitPage(e)
				text = appendPlainText(text[:0], e.Body)
				parts[k].Put(number[e], r.searchDoc(e, unsafe.String(unsafe.SliceData(text), len(text))))
				r.readBody(e)
			}
		})
	}
	wg.Wait()
	return search.WriteParts(parts, func(name string, b []byte) error {
		if err := sink.WriteFile(dir+name, b); err != nil {
			return err
		}
		if wrote != nil {
			wrote(dir + name)
		}
		return nil
	})
}

// minSearchPart is the fewest entries a part of the search index is given: a small site is indexed by one
// goroutine.
const minSearchPart = 256

// indexed calls f for each entry the search index holds, in the order of the lists (in which their pages are
// rendered), which is not the order of their numbers (docNumbers).
func (r *Renderer) indexed(f func(e *model.Entry)) {
	s := r.site
	for _, list := range [][]*model.Entry{s.Projects, s.Pavilions, s.Pages} {
		for _, e := range list {
			f(e)
		}
	}
}

// docNumbers numbers the entries of the search index (the numbers the lists' filter data use too): the pages
// first, then the projects and exhibits oldest first (by date, then slug and kind, not title). So a new entry,
// most often the newest, takes the next number, and an edited title moves none: every other document keeps its
// number, and with it most files of the index and the filter data, which an incremental build and browsers keep.
func (r *Renderer) docNumbers() map[*model.Entry]int {
	s := r.site
	number := make(map[*model.Entry]int, len(s.Pages)+len(s.Projects)+len(s.Pavilions))
	for _, e := range s.Pages {
		number[e] = len(number)
	}
	entries := slices.Concat(s.Projects, s.Pavilions)
	slices.SortStableFunc(entries, func(a, b *model.Entry) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Kind, b.Kind))
	})
	for _, e := range entries {
		number[e] = len(number)
	}
	return number
}

// termName is a term's name in the page's language ("" for no term).
func (r *Renderer) termName(t *model.Term) string {
	if t == nil {
		return ""
	}
	return t.Name.Get(r.lang, r.site.Default)
}

// result is what a search result or a filtered list shows of an entry: its URL, title, kind, facets
// ("Smart Mobility · Hong Kong · 2025"), summary and, for an untranslated entry, the language of its text.
func (r *Renderer) result(e *model.Entry) search.Doc {
	var facets []string
	for _, t := range []*model.Term{e.Theme, e.Sector, e.City} {
		if n := r.termName(t); n != "" {
			facets = append(facets, n)
		}
	}
	if e.Year != nil {
		facets = append(facets, e.Year.ID)
	}
	kind := ""
	switch e.Kind {
	case "project":
		kind = r.t("project")
	case "pavilion":
		kind = r.t("pavilion_exhibit")
	}
	lang := ""
	if e.Fallback {
		lang = e.FallbackLocale
	}
	return search.Doc{URL: r.site.BasePath + strings.TrimPrefix(e.URL, "/"), Title: e.Title, Kind: kind,
		Lang: lang, Facets: strings.Join(facets, " · "), Summary: e.Summary}
}

// searchDoc is an entry's result with the texts searched: title, tags and terms, team or exhibitor, summary,
// the titles of its datasets and its body's text (body, from appendPlainText). Index.Put keeps no text of a
// Doc, so searchIndex gives each body's text in the memory of the one before: a string of bytes it then changes.
func (r *Renderer) searchDoc(e *model.Entry, body string) search.Doc {
	var tags, people, data []string
	for _, t := range e.Tags {
		tags = append(tags, r.termName(t), strings.ReplaceAll(t.ID, "-", " "))
	}
	for _, t := range []*model.Term{e.Theme, e.Sector, e.City, e.Award} {
		tags = append(tags, r.termName(t))
	}
	for _, m := range e.Team {
		people = append(people, m.Name, m.Affiliation)
	}
	people = append(people, e.Exhibitor)
	for _, d := range e.DatasetRefs {
		data = append(data, d.Meta.Title.Get(r.lang, r.site.Default))
	}
	doc := r.result(e)
	doc.Fields = []search.Field{
		{Text: e.Title, Weight: search.WeightTitle},
		{Text: strings.Join(tags, " "), Weight: search.WeightTags},
		{Text: strings.Join(people, " "), Weight: search.WeightTags},
		{Text: e.Summary, Weight: search.WeightSummary},
		{Text: strings.Join(data, " "), Weight: search.WeightData},
		{Text: body, Weight: search.WeightBody},
	}
	return doc
}

// appendPlainText appends to b the text of h, an HTML fragment written by the Markdown renderer, with a space
// wherever an element begins or ends. The fragment is well formed (every "<" and ">" in text or attribute values
// is escaped), so a scan for tags does what an HTML tokenizer would, many times faster.
func appendPlainText(b []byte, h template.HTML) []byte {
	s := string(h)
	b = slices.Grow(b, len(s))
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		if text := s[:i]; strings.IndexByte(text, '&') >= 0 {
			b = append(b, html.UnescapeString(text)...)
		} else {
			b = append(b, text...)
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		b = append(b, ' ')
		s = s[j+1:]
	}
	return b
}
