package validate

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Recheck validates one project or exhibit file, or a translation of one, against the rest of the content c was
// validated from, as ValidateCached would within the whole folder, for `showcase serve` to apply an edit without
// validating every file: it returns the file's document (*Doc[schema.Project], *Doc[schema.Pavilion] or
// *Doc[schema.Translation]) and the problems found in it. ok is false when the file is not one Recheck can judge
// alone: a plain page (its slug is checked against the site's paths) or its translation, a translation file of no
// project or exhibit, or in no other language of the site's, or in a language the entry has another file for
// (TranslationOf), a file whose front matter is not YAML, or an entry's body whose ```chart blocks are not those of
// the file's last version, the same text at the same lines (charts are checked with every other chart; blocks as
// they were keep their charts, their problems and their places).
//
// What Recheck leaves out is what spans files and cannot change while the file's slug, language and charts do
// not: unique slugs, the charts' checks and the translations' checks. The caller must compare the slug with the
// file's last one (SlugTaken tells whether a new one is another entry's).
func (c *Content) Recheck(e *load.Entry, cache *Cache) (doc any, diags diag.List, ok bool) {
	if c.terms == nil {
		return nil, diags, false
	}
	v := &validator{c: &load.Content{Files: c.Files}, display: c.Display, diags: &diags, cache: cache,
		datasetIDs: c.datasetIDs, imageKB: c.Site.Limits.ImageKB}
	if e.Lang != "" {
		base := c.TranslationOf(e)
		if base == nil {
			return nil, diags, false
		}
		if d := decodeDoc[schema.Translation](v, e, c.terms, &diags); d != nil {
			_, charts := entryOf(c.Doc(base.Path))
			v.translationOf(d, base.Path, len(charts))
			return d, diags, true
		}
		return nil, diags, false
	}
	switch e.Section {
	case "projects":
		if d := decodeDoc[schema.Project](v, e, c.terms, &diags); d != nil {
			d.Slug, d.Cover = v.entryFields(d.Entry, d.Pos, d.Front.Slug, d.Front.Cover, d.Front.Datasets)
			d.Charts, d.Redrawn, ok = c.recheckCharts(v, e, d.Slug)
			return d, diags, ok
		}
	case "pavilion":
		if d := decodeDoc[schema.Pavilion](v, e, c.terms, &diags); d != nil {
			d.Slug, d.Cover = v.entryFields(d.Entry, d.Pos, d.Front.Slug, d.Front.Cover, d.Front.Datasets)
			d.Charts, d.Redrawn, ok = c.recheckCharts(v, e, d.Slug)
			return d, diags, ok
		}
	}
	return nil, diags, false
}

// recheckCharts returns the chart ids of the ```chart blocks of e, whose slug is slug: the file's last ones when
// its blocks are as they were (sameCharts), or, when they changed but show the same charts (the same ids: as many
// blocks, each a ref to the same declared chart or a whole chart again, at the same slug), the whole charts they
// declare, checked as the whole folder's check checks them (their fields, datasets, tables and boundaries, and the
// refs' declared charts), the problems going to v. false when the ids changed.
func (c *Content) recheckCharts(v *validator, e *load.Entry, slug string) (ids []string, redrawn []*Chart,
	ok bool) {
	if ids, same := c.sameCharts(e); same {
		return ids, nil, true
	}
	last, lastIDs := entryOf(c.Doc(e.Path))
	if last == nil {
		return nil, nil, false
	}
	ids, redrawn = v.inlineCharts(e, slug, c.terms)
	if !slices.Equal(ids, lastIDs) || slices.Contains(ids, "") {
		return nil, nil, false
	}
	redrawn = append(make([]*Chart, 0, len(redrawn)), redrawn...) // not nil: the blocks changed
	byDataset := map[string]*Dataset{}
	var datasets []string
	for _, d := range c.Datasets {
		byDataset[d.ID] = d
		datasets = append(datasets, d.ID)
	}
	for _, ch := range redrawn {
		v.chartDataset(ch, byDataset, datasets)
	}
	var declared []string
	for _, ch := range c.Charts {
		if !ch.Inline {
			declared = append(declared, ch.ID)
		}
	}
	v.checkRefs(declared)
	return ids, redrawn, true
}

// sameCharts returns the chart ids of the file e's last version when e's ```chart blocks are the same as its
// (text and lines), and false when they are not, or the file has no last version.
func (c *Content) sameCharts(e *load.Entry) ([]string, bool) {
	fences := markdown.ChartFences(e.Body, e.BodyLine)
	if len(fences) == 0 {
		return nil, true
	}
	last, charts := entryOf(c.Doc(e.Path))
	if last == nil {
		return nil, false
	}
	same := slices.EqualFunc(fences, markdown.ChartFences(last.Body, last.BodyLine), func(a, b markdown.Fence) bool {
		return a.Line == b.Line && bytes.Equal(a.Source, b.Source)
	})
	return charts, same
}

// Doc returns the document of the project or exhibit file at the content path p (*Doc[schema.Project] or
// *Doc[schema.Pavilion]), or of a translation of one (*Doc[schema.Translation]), or nil.
func (c *Content) Doc(p string) any {
	for _, d := range c.Projects {
		if d.Entry.Path == p {
			return d
		}
	}
	for _, d := range c.Pavilions {
		if d.Entry.Path == p {
			return d
		}
	}
	if _, t := c.Translated(p); t != nil {
		return t
	}
	return nil
}

// TranslationOf returns the project's or exhibit's file that the translation file e translates, whether c holds e
// (see Translated) or e is new: then the entry of the same section and name (as the whole folder's check pairs
// them), when e's language is another of the site's and the entry has no translation into it; nil otherwise.
func (c *Content) TranslationOf(e *load.Entry) *load.Entry {
	if base, _ := c.Translated(e.Path); base != nil {
		return base
	}
	if e.Lang == c.Site.DefaultLanguage ||
		!slices.ContainsFunc(c.Site.Languages, func(l schema.Language) bool { return l.Code == e.Lang }) {
		return nil
	}
	var base *load.Entry
	same := func(x *load.Entry) bool { return x.Section == e.Section && x.Name == e.Name }
	for _, d := range c.Projects {
		if same(d.Entry) {
			base = d.Entry
		}
	}
	for _, d := range c.Pavilions {
		if same(d.Entry) {
			base = d.Entry
		}
	}
	if base == nil || c.Translations[base.Path][e.Lang] != nil {
		return nil
	}
	return base
}

// Translated returns, for the content path p of a project's or exhibit's translation, the entry's file and the
// translation's document (nil when p is not one in c).
func (c *Content) Translated(p string) (*load.Entry, *Doc[schema.Translation]) {
	for base, byLang := range c.Translations {
		for _, t := range byLang {
			if t.Entry.Path != p {
				continue
			}
			if e, _ := entryOf(c.Doc(base)); e != nil {
				return e, t
			}
		}
	}
	return nil, nil
}

// entryOf returns the file and the chart ids of d, a project's or exhibit's document; nil for another.
func entryOf(d any) (*load.Entry, []string) {
	switch d := d.(type) {
	case *Doc[schema.Project]:
		return d.Entry, d.Charts
	case *Doc[schema.Pavilion]:
		return d.Entry, d.Charts
	}
	return nil, nil
}

// SlugTaken reports whether an entry of the section of doc (a Recheck document of a project or exhibit) other than
// doc's file has doc's slug, a draft among them: the whole folder's check would find the slug used twice.
func (c *Content) SlugTaken(doc any) bool {
	switch d := doc.(type) {
	case *Doc[schema.Project]:
		return slugTaken(c.Projects, d)
	case *Doc[schema.Pavilion]:
		return slugTaken(c.Pavilions, d)
	}
	return false
}

func slugTaken[F any](docs []*Doc[F], d *Doc[F]) bool {
	return slices.ContainsFunc(docs, func(x *Doc[F]) bool { return x.Slug == d.Slug && x.Entry.Path != d.Entry.Path })
}

// Replace puts doc, a document Recheck returned, in the place of the document of the same file, and its redrawn
// charts in the place of their last versions.
func (c *Content) Replace(doc any) {
	switch d := doc.(type) {
	case *Doc[schema.Project]:
		for i, x := range c.Projects {
			if x.Entry.Path == d.Entry.Path {
				c.Projects[i] = d
			}
		}
		c.redraw(d.Redrawn)
	case *Doc[schema.Pavilion]:
		for i, x := range c.Pavilions {
			if x.Entry.Path == d.Entry.Path {
				c.Pavilions[i] = d
			}
		}
		c.redraw(d.Redrawn)
	case *Doc[schema.Translation]:
		for _, byLang := range c.Translations {
			if t := byLang[d.Entry.Lang]; t != nil && t.Entry.Path == d.Entry.Path {
				byLang[d.Entry.Lang] = d
			}
		}
	}
}

// redraw puts the inline charts in the place of those of the same ids.
func (c *Content) redraw(charts []*Chart) {
	for _, ch := range charts {
		for i, x := range c.Charts {
			if x.ID == ch.ID {
				c.Charts[i] = ch
			}
		}
	}
}

// Add puts doc, a document Recheck returned for a file c does not hold yet (a project's, an exhibit's or a
// translation of one), among c's documents (in content path order, as the whole folder's check lists them), and the
// file, of the size and time info, among c's files.
func (c *Content) Add(doc any, info load.FileInfo) {
	byPath := func(a, b *load.Entry) int { return strings.Compare(a.Path, b.Path) }
	var e *load.Entry
	switch d := doc.(type) {
	case *Doc[schema.Project]:
		c.Projects, e = insertDoc(c.Projects, d, byPath), d.Entry
	case *Doc[schema.Pavilion]:
		c.Pavilions, e = insertDoc(c.Pavilions, d, byPath), d.Entry
	case *Doc[schema.Translation]:
		base := c.TranslationOf(d.Entry)
		if base == nil {
			return
		}
		if c.Translations[base.Path] == nil {
			c.Translations[base.Path] = map[string]*Doc[schema.Translation]{}
		}
		c.Translations[base.Path][d.Entry.Lang], e = d, d.Entry
	default:
		return
	}
	c.Files[e.Path] = info
}

func insertDoc[F any](docs []*Doc[F], d *Doc[F], cmp func(a, b *load.Entry) int) []*Doc[F] {
	i, _ := slices.BinarySearchFunc(docs, d, func(x, y *Doc[F]) int { return cmp(x.Entry, y.Entry) })
	return slices.Insert(docs, i, d)
}

// Remove takes the document of the file at the content path p (a project's, an exhibit's or a translation of one)
// out of c's documents, and the file out of c's files.
func (c *Content) Remove(p string) {
	c.Projects = slices.DeleteFunc(c.Projects, func(d *Doc[schema.Project]) bool { return d.Entry.Path == p })
	c.Pavilions = slices.DeleteFunc(c.Pavilions, func(d *Doc[schema.Pavilion]) bool { return d.Entry.Path == p })
	for base, byLang := range c.Translations {
		maps.DeleteFunc(byLang, func(_ string, d *Doc[schema.Translation]) bool { return d.Entry.Path == p })
		if len(byLang) == 0 {
			delete(c.Translations, base)
		}
	}
	delete(c.Files, p)
}

// TranslationsRequired reports whether site.yaml requires every entry to have a translation into a language: an
// entry added alone, without its translations, is then an error of the whole folder's check.
func (c *Content) TranslationsRequired() bool {
	return slices.ContainsFunc(c.Site.Languages, func(l schema.Language) bool {
		return l.Required && l.Code != c.Site.DefaultLanguage
	})
}
