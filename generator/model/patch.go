package model

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/hkshopendata/showcase/generator/chart"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// Patched is what Site.Patch changed.
type Patched struct {
	Entry *Entry // the entry edited, changed in place
	// Dirty are the entries whose own fields changed: the entry, and the entries whose related entries changed.
	Dirty []*Entry
	// Terms are the terms and Datasets the datasets the entry joined or left; their lists changed.
	Terms    []*Term
	Datasets []*Dataset
	// Reordered is true when the entry's new title or date moved it among the entries: the lists holding it are
	// sorted again (in place), and Outputs made again.
	Reordered bool
	// Texts is true when only the entry's texts changed (not its date, terms or datasets).
	Texts bool
	// Moved is the entry's page URL before a new slug moved it ("" when it did not move).
	Moved string
	// Gone are the URLs of the pages the site no longer has: those of a tag the entry alone had and left, the last
	// page of a list it left, and the entry's own page before its slug changed.
	Gone []string
	// Published are the content files the site publishes since the edit (a new cover, an image the body shows
	// now), and Unpublished those it no longer does (no other entry, nor a dataset, publishes them); Site.Files
	// is made again when either is not empty.
	Published, Unpublished []File
	// Redrawn are the entry's charts drawn anew (PatchOptions.Redrawn), and Generated their data files (a chart's
	// CSV, a map's boundaries), the same in every language.
	Redrawn   []*Chart
	Generated []Generated
	// Old and New are the problems found in the entry's body and links before and after the edit, for the
	// caller to put the one in the place of the other.
	Old, New []diag.Diagnostic
}

// Patch applies an edit of one project or exhibit, or of its translation, to the site in place, for `showcase
// serve`: old is the document the site was built from, doc the edited one (*validate.Doc[schema.Project],
// *validate.Doc[schema.Pavilion] or *validate.Doc[schema.Translation], from validate.Content.Recheck). The site
// must have been built with Options.Patchable from c, the validated content, which still holds old (the caller
// puts doc in its place once every language's site is patched). An edited body with an error (with strict, any
// problem, see PatchOptions) is not applied: the build it would make fails.
//
// It applies an edit of the entry's texts (title, summary, team, exhibitor, booth, cover text, body), links, cover,
// date, terms (city, theme, edition, award, sector), tags, datasets and slug, so long as the site keeps the same
// pages, but for a new tag's and one left without entries, and the entry's own, which moves with its slug (see
// canMove; Patched.Gone has its old URL); the files the site publishes follow the cover, body and links
// (Patched.Published). In a language the entry has a translation into, the translation's texts and body stand for
// the entry's; an edit of the translation changes them in its language alone (the others get a Patched without
// Dirty entries). A term's list may gain or lose a page (Patched.Gone has a lost one). ok is false, and the site is
// unchanged, when the edit would rename a tag (the first spelling seen names it), add the site's first tag or take
// its last, change the newest entry's date when a page shows it (PatchOptions.NewestShown), take away a page an
// entry links to, or move a page that canMove cannot. So it is for anything else: a draft (an entry not in the
// site), or other charts (```chart blocks changed but showing the same charts are PatchOptions.Redrawn, which
// canRedraw may refuse). A new entry or one taken away is Add's and Remove's; a new translation file or one taken away,
// PatchTranslation's.
//
// The result is the site Build makes of the edited content: the entry joins and leaves its lists in their order,
// moves among the entries when its title or date moved it, and related entries are scored again.
func (s *Site) Patch(c *validate.Content, old, doc any, o PatchOptions) (Patched, bool) {
	if s.builder == nil {
		return Patched{}, false
	}
	s.builder.patchOpts = o
	if t, ok := doc.(*validate.Doc[schema.Translation]); ok {
		was, ok := old.(*validate.Doc[schema.Translation])
		if !ok {
			return Patched{}, false
		}
		return s.PatchTranslation(c, was, t, o)
	}
	return s.patch(c, old, doc, nil)
}

// PatchOptions say which edits Site.Patch may apply.
type PatchOptions struct {
	Strict bool // any problem, a warning too, fails the build: an edit with one is not applied
	// NewestShown is true when a page may show the newest entry's date (Site.Updated; see
	// render.Renderer.ShowsNewest): an edit that changes it is not applied, since every page would change.
	NewestShown bool
	// Redrawn are the edited entry's whole charts as its changed ```chart blocks declare them (the same ids as
	// before: validate.Doc.Redrawn), with their results; Patch puts them in the place of the last ones.
	Redrawn []Redrawn
}

// Redrawn is a chart declared anew, and its result.
type Redrawn struct {
	Doc    *validate.Chart
	Result *chart.Result
}

// translationEdit is the edit of an entry's translation into the language of a site: the translation's document
// before and after.
type translationEdit struct {
	old, new *validate.Doc[schema.Translation]
}

// PatchTranslation applies, as Patch applies an edit of the entry that changes only its texts in the translation's
// language, the edit of an entry's translation file (old, its last document, and t, from
// validate.Content.Recheck), a new translation file (old is nil) or one taken away (t is nil): the entry's page,
// cards and lists show the translation's texts and body in its language, or the entry's own. The sites of other
// languages are unchanged (the Patched they get has no Dirty entries). c still holds old and not t (the caller
// puts t in the place of old once every language's site is patched). ok is false, and the site unchanged, for the
// translation of an entry the site does not show (a draft), or as Patch says.
func (s *Site) PatchTranslation(c *validate.Content, old, t *validate.Doc[schema.Translation], o PatchOptions) (
	Patched, bool) {
	b := s.builder
	if b == nil || (old == nil && t == nil) || (old != nil && t != nil && old.Entry.Lang != t.Entry.Lang) {
		return Patched{}, false
	}
	b.patchOpts = o
	file := cmp.Or(t, old).Entry
	base := c.TranslationOf(file)
	if base == nil || (old == nil && b.sources[file.Path] != nil) {
		return Patched{}, false
	}
	e := b.sources[base.Path]
	if e == nil {
		return Patched{}, false
	}
	p, ok := Patched{Entry: e}, true
	if s.Lang == file.Lang {
		doc := c.Doc(base.Path)
		p, ok = s.patch(c, doc, doc, &translationEdit{old: old, new: t})
	}
	switch {
	case !ok:
	case t == nil:
		delete(b.sources, file.Path)
	default:
		b.sources[file.Path] = e
	}
	return p, ok
}

// patch is Patch for an edit of an entry (old and doc) or, when tr is set, of its translation into the site's
// language (old and doc are then the entry's document).
func (s *Site) patch(c *validate.Content, old, doc any, tr *translationEdit) (Patched, bool) {
	b := s.builder
	b.c = c
	var was, will []File // the files the entry publishes, before and after
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		o, ok := old.(*validate.Doc[schema.Project])
		if !ok || !sameOtherThan(o, d, func(f *schema.Project, g schema.Project) {
			f.Slug, f.Title, f.Summary, f.Team, f.Date = g.Slug, g.Title, g.Summary, g.Team, g.Date
			f.Cover, f.CoverAlt = g.Cover, g.CoverAlt
			f.City, f.Theme, f.Year, f.Award, f.Tags, f.Datasets = g.City, g.Theme, g.Year, g.Award, g.Tags, g.Datasets
			f.Links = g.Links
		}) {
			return Patched{}, false
		}
	case *validate.Doc[schema.Pavilion]:
		o, ok := old.(*validate.Doc[schema.Pavilion])
		if !ok || !sameOtherThan(o, d, func(f *schema.Pavilion, g schema.Pavilion) {
			f.Slug, f.Title, f.Summary, f.Exhibitor, f.Booth = g.Slug, g.Title, g.Summary, g.Exhibitor, g.Booth
			f.Cover, f.CoverAlt = g.Cover, g.CoverAlt
			f.Date, f.City, f.Sector, f.Tags, f.Datasets = g.Date, g.City, g.Sector, g.Tags, g.Datasets
			f.Links = g.Links
		}) {
			return Patched{}, false
		}
	default:
		return Patched{}, false
	}
	od, _ := b.entryDoc(old)
	ed, _ := b.entryDoc(doc)
	oldSrc, src, oldLinks, oldPos, pos, charts := od.src, ed.src, od.links, od.pos, ed.pos, ed.charts
	fields := func(e *Entry) bool { return ed.fields(e, &will) }
	e := b.sources[src.Path]
	if e == nil {
		return Patched{}, false
	}
	after := *e
	if !fields(&after) {
		return Patched{}, false
	}
	moved := after.URL != e.URL
	if moved && !b.canMove(e, after.URL, charts, doc) || !b.canRedraw(e, b.patchOpts.Redrawn) {
		return Patched{}, false
	}
	// In another language, a translation's texts and body stand for the entry's (model.translate).
	oldT := c.Translations[src.Path][s.Lang]
	newT := oldT
	if tr != nil {
		oldT, newT = tr.old, tr.new
	}
	body, oldBody := b.translateWith(&after, src, newT), b.translateWith(&Entry{}, oldSrc, oldT)
	if !b.sameTerms(e, &after, doc) || !b.sameNewest(e, &after) {
		return Patched{}, false
	}
	// The body and the links: fields, before and after, resolved beside the entry as the build resolves them (the
	// old ones again, for their problems), publishing nothing yet.
	before := *e
	p := Patched{Entry: e}
	p.Old = b.convertWith(resolver{b: b, e: &before, src: oldBody, published: &was})
	oldEntry := before
	oldEntry.Links = links(oldLinks)
	p.Old = append(p.Old, resolveLinks(resolver{b: b, e: &oldEntry, src: oldSrc, published: &was}.siteLinks(oldPos))...)
	if moved { // its links resolve from its new page, which its own body may link to
		delete(b.pages, b.bare(e.URL))
		b.pages[b.bare(after.URL)] = true
	}
	p.New = b.convertWith(resolver{b: b, e: &after, src: body, published: &will})
	p.New = append(p.New, resolveLinks(resolver{b: b, e: &after, src: src, published: &will}.siteLinks(pos))...)
	if failed(p.New, b.patchOpts.Strict) || b.linksToGonePages(e, &after, nil) {
		if moved {
			delete(b.pages, b.bare(after.URL))
			b.pages[b.bare(e.URL)] = true
		}
		return Patched{}, false
	}

	// Apply: the entry leaves its old lists and joins its new ones at its place (its rank, the old one: the others'
	// ranks are unchanged), then moves if its title or date moved it.
	left, joined := difference(termsOf(e), termsOf(&after)), difference(termsOf(&after), termsOf(e))
	leftData, joinedData := difference(e.DatasetRefs, after.DatasetRefs), difference(after.DatasetRefs, e.DatasetRefs)
	var gone []*Term
	for _, t := range left {
		t.Entries = slices.DeleteFunc(t.Entries, func(x *Entry) bool { return x == e })
		if len(t.Entries) == 0 && t.Taxonomy.ID == "tags" {
			gone = append(gone, t)
		}
	}
	for _, t := range gone {
		b.removeTag(t)
	}
	for _, d := range leftData {
		d.Entries = slices.DeleteFunc(d.Entries, func(x *Entry) bool { return x == e })
	}
	for _, t := range joined {
		t.Entries = insertByRank(t.Entries, e)
		if !b.registered(t) {
			b.addTag(t)
		}
	}
	for _, d := range joinedData {
		d.Entries = insertByRank(d.Entries, e)
	}
	*e = after
	s.Updated = Newest(s.Projects, s.Pavilions)
	if p.Published, p.Unpublished = b.republish(e, will); len(p.Published)+len(p.Unpublished) > 0 {
		s.Files = sortedFiles(b.files)
	}
	p.Terms, p.Datasets = append(left, joined...), append(leftData, joinedData...)
	p.Reordered = b.reorder(e)
	p.Dirty = []*Entry{e}
	p.Redrawn, p.Generated = b.redraw(b.patchOpts.Redrawn)
	p.Texts = len(p.Terms) == 0 && len(p.Datasets) == 0 && before.Date.Equal(after.Date) && !moved &&
		len(p.Redrawn) == 0
	if moved {
		p.Moved = before.URL
	}
	if !p.Texts { // what related entries are scored on (see relate)
		p.Dirty = append(p.Dirty, b.relateAgain(e)...)
	}
	if moved { // the entries showing it among their related entries show its URL
		for _, x := range b.all {
			if x != e && slices.Contains(x.Related, e) && !slices.Contains(p.Dirty, x) {
				p.Dirty = append(p.Dirty, x)
			}
		}
	}
	if p.Reordered || len(p.Terms) > 0 || len(p.Datasets) > 0 || moved {
		b.remakeOutputs(&p) // Gone: a tag's pages, the last page of a list or a dataset's users, the entry's page
	}
	return p, true
}

// linksToGonePages reports whether an entry links to a page that goes when e becomes after (e as edited, its
// body converted): the pages of a tag that e alone has and leaves, the last page of a list (of a term's entries
// or a dataset's users) e leaves that has one page less without it (section, when not nil, is a list it leaves
// too). The link would no longer resolve (the build reports it).
func (b *builder) linksToGonePages(e, after *Entry, section *[]*Entry) bool {
	size := b.site.Config.PageSize
	pages := func(n int) int { return max(1, (n+size-1)/size) }
	lastPage := func(u string, n int) bool {
		return pages(n-1) < pages(n) && b.linkedTo(u+"page/"+strconv.Itoa(pages(n))+"/", e, after)
	}
	if section != nil && lastPage(b.at("/"+map[string]string{"project": "projects", "pavilion": "pavilion"}[e.Kind]+"/"),
		len(*section)) {
		return true
	}
	for _, t := range difference(termsOf(e), termsOf(after)) {
		if emptied(t) && b.linkedTo(t.URL, e, after) || !emptied(t) && lastPage(t.URL, len(t.Entries)) {
			return true
		}
	}
	for _, d := range difference(e.DatasetRefs, after.DatasetRefs) {
		if lastPage(d.URL, len(d.Entries)) {
			return true
		}
	}
	return false
}

// republish makes the files e publishes those of will: it returns the files published anew, and those no longer
// published (by e, by another entry or by a dataset).
func (b *builder) republish(e *Entry, will []File) (added, removed []File) {
	var dsts []string
	for _, f := range will {
		if slices.Contains(dsts, f.Dst) {
			continue
		}
		dsts = append(dsts, f.Dst)
		if _, ok := b.files[f.Dst]; !ok {
			b.files[f.Dst] = f
			added = append(added, f)
		}
	}
	for _, dst := range b.published[e] {
		if !slices.Contains(dsts, dst) && !b.publishedByOther(e, dst) {
			removed = append(removed, b.files[dst])
			delete(b.files, dst)
		}
	}
	b.published[e] = dsts
	return added, removed
}

// publishedByOther reports whether an entry other than e, or a dataset, publishes the file at dst.
func (b *builder) publishedByOther(e *Entry, dst string) bool {
	for x, dsts := range b.published {
		if x != e && slices.Contains(dsts, dst) {
			return true
		}
	}
	return false
}

// tagsAfter is how many tags the site has once e becomes after: those it has, the new ones after has, less those
// e alone had and leaves.
func tagsAfter(tags *Taxonomy, e, after *Entry) int {
	n := len(tags.Terms)
	for _, t := range difference(after.Tags, e.Tags) {
		if len(t.Entries) == 0 {
			n++
		}
	}
	for _, t := range difference(e.Tags, after.Tags) {
		if emptied(t) {
			n--
		}
	}
	return n
}

// emptied reports whether t is a tag whose only entry is the one being edited: it goes if that entry leaves it.
func emptied(t *Term) bool {
	return t.Taxonomy.ID == "tags" && len(t.Entries) == 1
}

// registered reports whether the site holds the term t (patchLists makes a new tag's term before it does).
func (b *builder) registered(t *Term) bool {
	return b.terms[t.Taxonomy.ID][t.ID] == t
}

// addTag puts the new tag t among the site's tags, where collectTerms would sort it.
func (b *builder) addTag(t *Term) {
	tx := t.Taxonomy
	i, _ := slices.BinarySearchFunc(tx.Terms, t, func(x, y *Term) int { return cmp.Compare(x.ID, y.ID) })
	tx.Terms = slices.Insert(tx.Terms, i, t)
	b.terms[tx.ID][t.ID] = t
}

// removeTag takes the tag t, left without entries, out of the site.
func (b *builder) removeTag(t *Term) {
	tx := t.Taxonomy
	tx.Terms = slices.DeleteFunc(tx.Terms, func(x *Term) bool { return x == t })
	delete(b.terms[tx.ID], t.ID)
}

// goneURLs are the URLs of the pages in was that are not in now.
func goneURLs(was, now []*Page) []string {
	kept := make(map[string]bool, len(now))
	for _, p := range now {
		kept[p.URL] = true
	}
	var out []string
	for _, p := range was {
		if !kept[p.URL] {
			out = append(out, p.URL)
		}
	}
	return out
}

// failed reports whether the problems include an error (with strict, any problem).
func failed(problems []diag.Diagnostic, strict bool) bool {
	return slices.ContainsFunc(problems, func(d diag.Diagnostic) bool { return strict || d.Severity == diag.Error })
}

// patchLists sets e's tags and datasets (the terms and datasets it points to, not their lists of entries). A tag
// not in the site yet is a new term, named by its first spelling, that the site does not hold until Patch
// applies the edit (see registered).
func (b *builder) patchLists(e *Entry, tags []schema.Tag, datasets []schema.Slug) bool {
	e.Tags = nil
	tx := b.tax["tags"]
	for _, tag := range tags {
		id := b.tagID(tag)
		t := b.terms["tags"][id]
		if t == nil {
			if i := slices.IndexFunc(e.Tags, func(x *Term) bool { return x.ID == id }); i >= 0 {
				t = e.Tags[i] // new, and spelt again
			} else {
				t = &Term{Taxonomy: tx, ID: id, Name: schema.Text{"": string(tag)}, URL: tx.URL + id + "/"}
			}
		}
		if !slices.Contains(e.Tags, t) {
			e.Tags = append(e.Tags, t)
		}
	}
	e.Datasets, e.DatasetRefs = slugs(datasets), nil
	for _, id := range e.Datasets {
		if d := b.datasetByID[id]; d != nil {
			e.DatasetRefs = append(e.DatasetRefs, d)
		}
	}
	return true
}

// sameTerms reports whether the site keeps its terms when e becomes after, but for new tags and tags left without
// entries: the site keeps at least one tag (the tags' own pages stay), and every tag that stays keeps its name (the
// spelling of the first entry, in the build's order, that has it). A list may gain or lose a page.
func (b *builder) sameTerms(e, after *Entry, doc any) bool {
	if tags := b.tax["tags"]; len(tags.Terms) == 0 || tagsAfter(tags, e, after) == 0 {
		return false // the site's first tag or its last: the tags' own pages would come or go
	}
	spellings := tagsOf(doc)
	for _, t := range slices.Concat(e.Tags, after.Tags) {
		first := e
		for _, x := range t.Entries {
			if x.seq < first.seq {
				first = x
			}
		}
		if first == e && b.spellingOf(spellings, t) != t.Name[""] && !(emptied(t) && !slices.Contains(after.Tags, t)) {
			return false // e names it, and would not (or not so) after; unless the tag goes with e
		}
	}
	return true
}

// sameNewest reports whether the newest entry's date stays the same, or may change: no page shows it (see
// PatchOptions.NewestShown).
func (b *builder) sameNewest(e, after *Entry) bool {
	if after.Date.Equal(e.Date) || !b.patchOpts.NewestShown {
		return true
	}
	newest := after.Date
	for _, list := range [][]*Entry{b.site.Projects, b.site.Pavilions} {
		for _, x := range list {
			if x != e && x.Date.After(newest) {
				newest = x.Date
			}
		}
	}
	return newest.Equal(b.site.Updated)
}

// relateAgain scores every entry's related entries again and returns the entries, other than e, whose related
// entries changed.
func (b *builder) relateAgain(e *Entry) []*Entry {
	all := slices.Concat(b.site.Projects, b.site.Pavilions)
	was := make([][]*Entry, len(all))
	for i, x := range all {
		was[i] = x.Related
	}
	b.relate()
	var out []*Entry
	for i, x := range all {
		if x != e && !slices.Equal(was[i], x.Related) {
			out = append(out, x)
		}
	}
	return out
}

// termsOf lists the terms e has.
func termsOf(e *Entry) []*Term {
	return slices.DeleteFunc(append([]*Term{e.City, e.Theme, e.Year, e.Award, e.Sector}, e.Tags...),
		func(t *Term) bool { return t == nil })
}

// tagsOf is the tags of a project's or exhibit's front matter.
func tagsOf(doc any) []schema.Tag {
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		return d.Front.Tags
	case *validate.Doc[schema.Pavilion]:
		return d.Front.Tags
	}
	return nil
}

// spellingOf is the first spelling of the tag t among tags.
func (b *builder) spellingOf(tags []schema.Tag, t *Term) string {
	for _, tag := range tags {
		if b.tagID(tag) == t.ID {
			return string(tag)
		}
	}
	return ""
}

// difference is what a has and b has not.
func difference[T comparable](a, b []T) []T {
	var out []T
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// insertByRank inserts e into list, which is sorted by rank.
func insertByRank(list []*Entry, e *Entry) []*Entry {
	i, _ := slices.BinarySearchFunc(list, e, func(x, y *Entry) int { return x.rank - y.rank })
	return slices.Insert(list, i, e)
}

// reorder puts e, whose title or date changed, where order would sort it, and reports whether it moved: among
// all entries (the others between its old and new places move by one, and are numbered again), and in each list
// that holds it (its section, terms and datasets), where the others keep their order.
func (b *builder) reorder(e *Entry) bool {
	if !move(b.all, e.rank, newer) {
		return false
	}
	for i, x := range b.all {
		x.rank = i
	}
	byRank := func(x, y *Entry) int { return x.rank - y.rank }
	lists := [][]*Entry{b.site.Projects, b.site.Pavilions}
	for _, t := range termsOf(e) {
		lists = append(lists, t.Entries)
	}
	for _, d := range e.DatasetRefs {
		lists = append(lists, d.Entries)
	}
	for _, l := range lists {
		if i := slices.Index(l, e); i >= 0 {
			move(l, i, byRank)
		}
	}
	return true
}

// move moves list[i] to its place in list, which cmp sorts but for list[i], shifting the entries between by
// one; it reports whether list[i] moved.
func move(list []*Entry, i int, cmp func(a, b *Entry) int) bool {
	e := list[i]
	switch {
	case i > 0 && cmp(e, list[i-1]) < 0:
		j, _ := slices.BinarySearchFunc(list[:i], e, cmp)
		copy(list[j+1:i+1], list[j:i])
		list[j] = e
	case i+1 < len(list) && cmp(e, list[i+1]) > 0:
		j, _ := slices.BinarySearchFunc(list[i+1:], e, cmp)
		copy(list[i:i+j], list[i+1:i+1+j])
		list[i+j] = e
	default:
		return false
	}
	return true
}

// sameOtherThan reports whether the documents a and b differ at most in the fields set copies from b's front
// matter into a copy of a's.
func sameOtherThan[F any](a, b *validate.Doc[F], set func(*F, F)) bool {
	f := a.Front
	set(&f, b.Front)
	return a.File == b.File && slices.Equal(a.Charts, b.Charts) && reflect.DeepEqual(f, b.Front)
}

// canMove reports whether the entry e can move to the URL u, the page of the slug of doc (its document, with the
// ```chart blocks charts), in place: its page moves, and every page showing it shows its new URL. It cannot when
// another entry has the slug (a draft among them), when the entry has charts (an inline chart's id is made from its
// slug), when another page has the URL, or when a body or a links: field of another entry links to its page or to a
// file beside it (the link would no longer resolve: the build reports it).
func (b *builder) canMove(e *Entry, u string, charts []string, doc any) bool {
	if len(charts) > 0 || b.c.SlugTaken(doc) || b.pages[b.bare(u)] {
		return false
	}
	return !b.linkedTo(e.URL, e, nil)
}

// linkedTo reports whether a body or a links: field links to the page at the URL u or to a file beside it: of an
// entry other than e, or of after (e as edited, when not nil).
func (b *builder) linkedTo(u string, e, after *Entry) bool {
	prefix := b.site.BasePath + u[1:] // as a resolved link starts
	links := func(x *Entry) bool {
		return slices.ContainsFunc(x.linked, func(l string) bool { return strings.HasPrefix(l, prefix) }) ||
			slices.ContainsFunc(x.Links, func(l Link) bool { return strings.HasPrefix(l.URL, prefix) })
	}
	return (after != nil && links(after)) || slices.ContainsFunc(b.all, func(x *Entry) bool { return x != e && links(x) })
}
