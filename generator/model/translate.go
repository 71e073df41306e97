package model

import (
	"strings"

	"github.com/hkshopendata/showcase/generator/load"
)

// translate applies the entry's translation into the language being built, if it has one, and returns the
// Markdown to convert for its body: the translation's, or the entry's own when the translation has no body (or
// there is no translation).
func (b *builder) translate(e *Entry, src *load.Entry) *load.Entry {
	s := b.site
	if s.Lang == s.Default {
		return src
	}
	for _, l := range s.Config.Languages {
		if l.Code == s.Default {
			e.FallbackLocale, e.FallbackName = l.Locale, l.Name
		}
	}
	t := b.c.Translations[src.Path][s.Lang]
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
