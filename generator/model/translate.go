package model

import (
	"strings"

	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// translate applies the entry's translation into the language being built, if it has one, and returns the
// Markdown to convert for its body: the translation's, or the entry's own when the translation has no body (or
// there is no translation).
func (b *builder) translate(e *Entry, src *load.Entry) *load.Entry {
	return b.translateWith(e, src, b.c.Translations[src.Path][b.site.Lang])
}

// translateWith is translate with t as the translation (nil: none). e holds the entry's own texts.
func (b *builder) translateWith(e *Entry, src *load.Entry, t *validate.Doc[schema.Translation]) *load.Entry {
	s := b.site
	if s.Lang == s.Default {
		return src
	}
	for _, l := range s.Config.Languages {
		if l.Code == s.Default {
			e.FallbackLocale, e.FallbackName = l.Locale, l.Name
		}
	}
	e.Fallback, e.BodyFallback = false, false
	if t == nil {
		e.Fallback, e.BodyFallback = true, true
		return src
	}
	f := t.Front
	e.Title = f.Title
	if f.Summary != "" {
		e.Summary = f.Summary
	}
	if f.CoverAlt != "" && e.Cover != nil {
		c := *e.Cover
		c.Alt = f.CoverAlt
		e.Cover = &c
	}
	if f.Exhibitor != "" {
		e.Exhibitor = f.Exhibitor
	}
	if strings.TrimSpace(string(t.Entry.Body)) == "" {
		e.BodyFallback = true
		return src
	}
	return t.Entry
}
