package model

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator/validate"
)

// Add puts a new project or exhibit in the site in place, for `showcase serve`, as Patch applies an edit: doc is
// its document (*validate.Doc[schema.Project] or *validate.Doc[schema.Pavilion], from validate.Content.Recheck of
// a file c does not hold yet; the caller adds it once every language's site has the entry). The entry joins its
// section, terms and datasets in their order, the lists after it move by one (Patched.Reordered), related entries
// are scored again, and the files it publishes are published (Patched.Published).
//
// ok is false, and the site unchanged, when the entry is not one the site shows (a draft, without
// Options.Drafts), has ```chart blocks (charts are checked with every other chart), has translations already, or
// would be its section's first entry, have another entry's slug or page, add the site's first tag, rename a tag
// (by a spelling of its own that the build would see first), be the newest entry when a page shows its date (see
// PatchOptions), or have a body or links with an error (with strict, any problem); or when the site requires
// translations (it would have none). The whole build then says what is wrong.
func (s *Site) Add(c *validate.Content, doc any, o PatchOptions) (Patched, bool) {
	b := s.builder
	if b == nil {
		return Patched{}, false
	}
	b.c, b.patchOpts = c, o
	d, ok := b.entryDoc(doc)
	list := s.section(d.kind)
	if !ok || d.slug == "" || (d.draft && !b.drafts) || len(d.charts) > 0 || len(c.Translations[d.src.Path]) > 0 ||
		len(*list) == 0 || b.sources[d.src.Path] != nil || c.SlugTaken(doc) || c.TranslationsRequired() {
		return Patched{}, false
	}
	e := &Entry{Kind: d.kind, File: d.file}
	var will []File
	if !d.fields(e, &will) || b.pages[b.bare(e.URL)] || (o.NewestShown && e.Date.After(s.Updated)) {
		return Patched{}, false
	}
	tags := b.tax["tags"]
	if len(tags.Terms) == 0 && len(e.Tags) > 0 {
		return Patched{}, false // the site's first tag: the tags' own pages would come
	}
	seq := 0 // its place in the build's order
	for _, x := range b.all {
		if buildOrder(x, e) < 0 {
			seq++
		}
	}
	for _, t := range e.Tags {
		if !b.registered(t) || len(t.Entries) == 0 {
			continue
		}
		first := slices.MinFunc(t.Entries, func(x, y *Entry) int { return cmp.Compare(x.seq, y.seq) })
		if seq <= first.seq && b.spellingOf(d.tags, t) != t.Name[""] {
			return Patched{}, false // it would name the tag
		}
	}
	// its body and links, resolved from its page, publishing nothing yet
	body := b.translateWith(e, d.src, nil)
	b.pages[b.bare(e.URL)] = true
	p := Patched{Entry: e}
	p.New = b.convertWith(resolver{b: b, e: e, src: body, published: &will})
	p.New = append(p.New, resolveLinks(resolver{b: b, e: e, src: d.src, published: &will}.siteLinks(d.pos))...)
	if failed(p.New, o.Strict) {
		delete(b.pages, b.bare(e.URL))
		return Patched{}, false
	}

	// Apply: the entry takes its place in the build's order and among all entries, then joins its lists.
	for _, x := range b.all {
		if x.seq >= seq {
			x.seq++
		}
	}
	e.seq = seq
	i, _ := slices.BinarySearchFunc(b.all, e, newer)
	b.all = slices.Insert(b.all, i, e)
	for j := i; j < len(b.all); j++ { // the entry's rank, and those after it one more than they were
		b.all[j].rank = j
	}
	*list = insertByRank(*list, e)
	for _, t := range termsOf(e) {
		t.Entries = insertByRank(t.Entries, e)
		if !b.registered(t) {
			b.addTag(t)
		}
	}
	for _, ds := range e.DatasetRefs {
		ds.Entries = insertByRank(ds.Entries, e)
	}
	b.sources[d.src.Path] = e
	if p.Published, _ = b.republish(e, will); len(p.Published) > 0 {
		s.Files = sortedFiles(b.files)
	}
	s.Updated = Newest(s.Projects, s.Pavilions)
	p.Terms, p.Datasets, p.Reordered = termsOf(e), e.DatasetRefs, true
	p.Dirty = append([]*Entry{e}, b.relateAgain(e)...)
	b.remakeOutputs(&p)
	return p, true
}

// Remove takes the project or exhibit whose file is at the content path rel out of the site in place, for
// `showcase serve`, as Patch applies an edit: its page goes (Patched.Gone), the lists after it move by one
// (Patched.Reordered), related entries are scored again, and the files only it published are no longer
// (Patched.Unpublished). c is the content the site was built from, which still holds the file (the caller takes
// it out once every language's site is without the entry).
//
// ok is false, and the site unchanged, when rel is not a project's or exhibit's file the site shows, or the entry
// has ```chart blocks or translations, or is its section's last entry, or another entry links to its page, a file
// beside it or a page of a list that it alone makes need one more, or it holds the site's last tag or names a tag
// that another entry spells otherwise, or it is the newest entry when a page shows its date (see PatchOptions).
func (s *Site) Remove(c *validate.Content, rel string, o PatchOptions) (Patched, bool) {
	b := s.builder
	if b == nil {
		return Patched{}, false
	}
	b.c, b.patchOpts = c, o
	d, ok := b.entryDoc(c.Doc(rel))
	e := b.sources[rel]
	if !ok || e == nil || d.src.Path != rel || len(d.charts) > 0 || len(c.Translations[rel]) > 0 {
		return Patched{}, false
	}
	list := s.section(e.Kind)
	if len(*list) == 1 || (o.NewestShown && !b.newestWithout(e).Equal(s.Updated)) {
		return Patched{}, false
	}
	if tags := b.tax["tags"]; len(tags.Terms) > 0 && tagsAfter(tags, e, &Entry{}) == 0 {
		return Patched{}, false // the site's last tag: the tags' own pages would go
	}
	for _, t := range e.Tags {
		if len(t.Entries) < 2 || slices.ContainsFunc(t.Entries, func(x *Entry) bool { return x.seq < e.seq }) {
			continue
		}
		next := slices.MinFunc(slices.DeleteFunc(slices.Clone(t.Entries), func(x *Entry) bool { return x == e }),
			func(x, y *Entry) int { return cmp.Compare(x.seq, y.seq) })
		nd, _ := b.entryDoc(c.Doc(strings.TrimPrefix(next.File, c.Display+"/")))
		if nd.src == nil || b.spellingOf(nd.tags, t) != t.Name[""] {
			return Patched{}, false // the next entry that has the tag would name it otherwise
		}
	}
	if b.linkedTo(e.URL, e, nil) || b.linksToGonePages(e, &Entry{}, list) {
		return Patched{}, false
	}

	// Apply: the entry leaves the build's order, the entries and its lists.
	for _, x := range b.all {
		if x.seq > e.seq {
			x.seq--
		}
	}
	b.all = slices.Delete(b.all, e.rank, e.rank+1)
	for i := e.rank; i < len(b.all); i++ {
		b.all[i].rank = i
	}
	without := func(l []*Entry) []*Entry { return slices.DeleteFunc(l, func(x *Entry) bool { return x == e }) }
	*list = without(*list)
	p := Patched{Entry: e, Reordered: true, Terms: termsOf(e), Datasets: e.DatasetRefs}
	for _, t := range p.Terms {
		if t.Entries = without(t.Entries); len(t.Entries) == 0 && t.Taxonomy.ID == "tags" {
			b.removeTag(t)
		}
	}
	for _, ds := range e.DatasetRefs {
		ds.Entries = without(ds.Entries)
	}
	delete(b.sources, rel)
	if _, p.Unpublished = b.republish(e, nil); len(p.Unpublished) > 0 {
		s.Files = sortedFiles(b.files)
	}
	delete(b.published, e)
	s.Updated = Newest(s.Projects, s.Pavilions)
	p.Dirty = append([]*Entry{e}, b.relateAgain(e)...)
	b.remakeOutputs(&p)
	return p, true
}

// newestWithout is the date of the newest project or exhibit but e.
func (b *builder) newestWithout(e *Entry) time.Time {
	var t time.Time
	for _, list := range [][]*Entry{b.site.Projects, b.site.Pavilions} {
		for _, x := range list {
			if x != e && x.Date.After(t) {
				t = x.Date
			}
		}
	}
	return t
}

// section is the list of the entries of kind ("project" or "pavilion").
func (s *Site) section(kind string) *[]*Entry {
	if kind == "pavilion" {
		return &s.Pavilions
	}
	return &s.Projects
}

// remakeOutputs lists the site's pages again, after a patch that may have changed its lists: p.Gone gets the
// pages the site no longer has, and the pages a link may name follow.
func (b *builder) remakeOutputs(p *Patched) {
	s := b.site
	was := s.Outputs
	s.Outputs = b.outputs()
	p.Gone = goneURLs(was, s.Outputs)
	if len(p.Gone) > 0 || len(s.Outputs) != len(was) {
		clear(b.pages)
		for _, pg := range s.Outputs {
			b.pages[b.bare(pg.URL)] = true
		}
	}
}

// buildOrder orders entries as Build numbers them (seq): projects, exhibits and pages, each by content path
// (their display paths share the content folder's).
func buildOrder(x, y *Entry) int {
	return cmp.Or(cmp.Compare(kindOrder[x.Kind], kindOrder[y.Kind]), cmp.Compare(x.File, y.File))
}

// kindOrder is the order in which Build takes the kinds of entries.
var kindOrder = map[string]int{"project": 0, "pavilion": 1, "page": 2}
