package model

import (
	"strconv"

	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// entryDoc is what Patch, Add and Remove read of a project's or exhibit's document.
type entryDoc struct {
	kind   string // "project" or "pavilion"
	file   string // display path
	slug   string
	draft  bool
	src    *load.Entry
	links  schema.Links
	pos    schema.Positions
	charts []string // the ids of its ```chart blocks
	tags   []schema.Tag
	// fields sets e's fields (but its kind and file) from the document, adding the files they publish to will; it
	// is false when a term is not in the site (a tag that is not is made, see patchLists).
	fields func(e *Entry, will *[]File) bool
}

// entryDoc reads doc, a *validate.Doc[schema.Project] or *validate.Doc[schema.Pavilion]; false for another.
func (b *builder) entryDoc(doc any) (entryDoc, bool) {
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		f := d.Front
		return entryDoc{kind: "project", file: d.File, slug: d.Slug, draft: f.Draft, src: d.Entry, links: f.Links,
			pos: d.Pos, charts: d.Charts, tags: f.Tags,
			fields: func(e *Entry, will *[]File) bool {
				e.Slug, e.URL = d.Slug, b.at("/projects/"+d.Slug+"/")
				e.Title, e.Summary, e.Team, e.Date = f.Title, f.Summary, f.Team, f.Date.Time
				e.Links = links(f.Links)
				e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e, will)
				e.City, e.Theme = b.lookup("cities", string(f.City)), b.lookup("themes", string(f.Theme))
				e.Year, e.Award = b.lookup("years", strconv.Itoa(f.Year)), b.lookup("awards", string(f.Award))
				return b.patchLists(e, f.Tags, f.Datasets) && e.City != nil && e.Theme != nil && e.Year != nil &&
					(f.Award == "") == (e.Award == nil)
			}}, true
	case *validate.Doc[schema.Pavilion]:
		f := d.Front
		return entryDoc{kind: "pavilion", file: d.File, slug: d.Slug, draft: f.Draft, src: d.Entry, links: f.Links,
			pos: d.Pos, charts: d.Charts, tags: f.Tags,
			fields: func(e *Entry, will *[]File) bool {
				e.Slug, e.URL = d.Slug, b.at("/pavilion/"+d.Slug+"/")
				e.Title, e.Summary, e.Exhibitor, e.Booth, e.Date = f.Title, f.Summary, f.Exhibitor, f.Booth, f.Date.Time
				e.Links = links(f.Links)
				e.Cover = b.cover(d.Cover, f.CoverAlt, d.Entry, e, will)
				e.City, e.Sector = b.lookup("cities", string(f.City)), b.lookup("sectors", string(f.Sector))
				return b.patchLists(e, f.Tags, f.Datasets) && e.City != nil && e.Sector != nil
			}}, true
	}
	return entryDoc{}, false
}
