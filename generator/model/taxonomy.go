package model

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/hkshopendata/showcase/generator/schema"
)

// TaxonomyIDs are the taxonomies in the order menus and sitemaps list them.
var TaxonomyIDs = []string{"themes", "cities", "years", "awards", "sectors", "tags"}

func (b *builder) declareTaxonomies() {
	t := b.c.Site.Taxonomies
	declared := map[string][]schema.Term{"themes": t.Themes, "cities": t.Cities, "awards": t.Awards,
		"sectors": t.Sectors}
	for _, ed := range t.Editions {
		id := strconv.Itoa(ed.ID)
		name := ed.Name
		if len(name) == 0 {
			name = schema.Text{"": id}
		}
		declared["years"] = append(declared["years"], schema.Term{ID: schema.Slug(id), Name: name,
			Description: ed.Description})
	}
	for _, id := range TaxonomyIDs {
		tx := &Taxonomy{ID: id, URL: b.at("/" + id + "/")}
		b.tax[id] = tx
		b.terms[id] = map[string]*Term{}
		b.site.Taxonomies = append(b.site.Taxonomies, tx)
		for _, d := range declared[id] {
			b.newTerm(tx, string(d.ID), d.Name, d.Description)
		}
	}
}

func (b *builder) newTerm(tx *Taxonomy, id string, name, desc schema.Text) *Term {
	t := &Term{Taxonomy: tx, ID: id, Name: name, Description: desc, URL: tx.URL + id + "/"}
	tx.Terms = append(tx.Terms, t)
	b.terms[tx.ID][id] = t
	return t
}

// term returns the term id of taxonomy and records e under it; "" gives nil.
func (b *builder) term(taxonomy, id string, e *Entry) *Term {
	if id == "" || id == "0" {
		return nil
	}
	t := b.terms[taxonomy][id]
	if t == nil { // validation guarantees declared terms; keep going if called without it
		t = b.newTerm(b.tax[taxonomy], id, schema.Text{"": id}, nil)
	}
	t.Entries = append(t.Entries, e)
	return t
}

// tags returns the tag terms of e, creating them on first use; the first spelling seen names the tag.
func (b *builder) tags(tags []schema.Tag, e *Entry) []*Term {
	var out []*Term
	for _, tag := range tags {
		id := b.tagID(tag)
		t := b.terms["tags"][id]
		if t == nil {
			t = b.newTerm(b.tax["tags"], id, schema.Text{"": string(tag)}, nil)
		}
		if slices.Contains(out, t) {
			continue
		}
		t.Entries = append(t.Entries, e)
		out = append(out, t)
	}
	return out
}

// tagID is the id of the tag as spelled (schema.Slugify, worked out once per spelling in a build).
func (b *builder) tagID(tag schema.Tag) string {
	id, ok := b.slugs[string(tag)]
	if !ok {
		id = schema.Slugify(string(tag))
		b.slugs[string(tag)] = id
	}
	return id
}

// collectTerms orders tags by name. Declared terms keep the order of site.yaml; years are newest first. (Each
// term's entries are sorted with the others': see order.)
func (b *builder) collectTerms() {
	slices.SortFunc(b.tax["tags"].Terms, func(x, y *Term) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortStableFunc(b.tax["years"].Terms, func(x, y *Term) int { return cmp.Compare(y.ID, x.ID) })
}
