package model

import (
	"reflect"
	"slices"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// Patched is what Site.Patch changed.
type Patched struct {
	Entry *Entry // the entry edited, changed in place
	// Reordered is true when the entry's new title moved it among the entries of its date: the lists holding it
	// are sorted again (in place) and Outputs made again.
	Reordered bool
	// Old and New are the problems found in the entry's body before and after the edit, for the caller to put
	// the one in the place of the other.
	Old, New []diag.Diagnostic
}

// Patch applies an edit of one project or exhibit to the site in place, for `showcase serve`, when what changed
// is only the entry's texts: its title, summary, team, exhibitor, booth, cover text and body. old is the
// document the site was built from, doc the edited one (*validate.Doc[schema.Project] or
// *validate.Doc[schema.Pavilion], from validate.Content.Recheck). The site must have been built with
// Options.Patchable, and c (the validated content it was built from) must hold doc in old's place.
//
// Anything else changes what other entries' pages and the lists show (a term, a tag's spelling, the date,
// datasets, links, the cover, the slug, a draft) or needs the whole site to check (a ```chart block, a body
// linking a file no other link publishes): ok is false, and the site is unchanged. So it is when the entry has
// a translation (the translation's texts are shown in its language) or is not in the site (a draft).
//
// The result is the site Build makes of the edited content: the entries' order and the pages' lists are those
// of a build, and related entries do not depend on texts (see relate).
func (s *Site) Patch(c *validate.Content, old, doc any) (Patched, bool) {
	b := s.builder
	if b == nil {
		return Patched{}, false
	}
	b.c = c
	var oldSrc, src *load.Entry
	var texts func(e *Entry)
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		o, ok := old.(*validate.Doc[schema.Project])
		if !ok || !sameOtherThan(o, d, func(f *schema.Project, g schema.Project) {
			f.Title, f.Summary, f.Team, f.CoverAlt = g.Title, g.Summary, g.Team, g.CoverAlt
		}) {
			return Patched{}, false
		}
		oldSrc, src = o.Entry, d.Entry
		f := d.Front
		texts = func(e *Entry) {
			e.Title, e.Summary, e.Team = f.Title, f.Summary, f.Team
			e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e)
		}
	case *validate.Doc[schema.Pavilion]:
		o, ok := old.(*validate.Doc[schema.Pavilion])
		if !ok || !sameOtherThan(o, d, func(f *schema.Pavilion, g schema.Pavilion) {
			f.Title, f.Summary, f.Exhibitor, f.Booth, f.CoverAlt = g.Title, g.Summary, g.Exhibitor, g.Booth, g.CoverAlt
		}) {
			return Patched{}, false
		}
		oldSrc, src = o.Entry, d.Entry
		f := d.Front
		texts = func(e *Entry) {
			e.Title, e.Summary, e.Exhibitor, e.Booth = f.Title, f.Summary, f.Exhibitor, f.Booth
			e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e)
		}
	default:
		return Patched{}, false
	}
	e := b.sources[src.Path]
	if e == nil || len(c.Translations[src.Path]) > 0 || len(e.Charts) > 0 {
		return Patched{}, false
	}
	// The body, before and after, converted beside the entry: the edit applies only if both publish the same files.
	var was, will []string
	before, after := *e, *e
	texts(&after)
	p := Patched{Entry: e}
	p.Old = b.convertWith(resolver{b: b, e: &before, src: oldSrc, published: &was})
	p.New = b.convertWith(resolver{b: b, e: &after, src: src, published: &will})
	slices.Sort(was)
	slices.Sort(will)
	if !slices.Equal(slices.Compact(was), slices.Compact(will)) {
		return Patched{}, false
	}
	*e = after
	if p.Reordered = b.reorder(e); p.Reordered {
		s.Outputs = b.outputs()
	}
	return p, true
}

// reorder puts e, whose title changed, where order would sort it, and reports whether it moved: among all
// entries (the others between its old and new places move by one, and are numbered again), and in each list
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
	for _, t := range append([]*Term{e.City, e.Theme, e.Year, e.Award, e.Sector}, e.Tags...) {
		if t != nil {
			lists = append(lists, t.Entries)
		}
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

// sameOtherThan reports whether the documents a and b differ at most in the fields texts copies from b's front
// matter into a copy of a's.
func sameOtherThan[F any](a, b *validate.Doc[F], texts func(*F, F)) bool {
	f := a.Front
	texts(&f, b.Front)
	return a.Slug == b.Slug && a.Cover == b.Cover && a.File == b.File && len(a.Charts) == 0 &&
		len(b.Charts) == 0 && reflect.DeepEqual(f, b.Front)
}
