package generator

import (
	"cmp"
	"path"
	"path/filepath"
	"slices"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// add applies a new project or exhibit file, e (read, not yet validated), to the last good build in place (see
// model.Site.Add): its page and the pages that list it or show it among related entries are rendered. A draft in
// a site without drafts changes no page: only its problems are added. ok is false, with nothing changed, when the
// file is anything else (a translation, a plain page, an entry with ```chart blocks…) or model.Site.Add cannot
// add it: Build then builds the whole site.
func (p *Preview) add(last *built, e *load.Entry, res Result, clock stopwatch) (up Update, ok bool, err error) {
	v := last.content
	info, err := p.root.Stat(e.Path)
	if err != nil {
		return up, false, nil
	}
	doc, found, ok := v.Recheck(e, p.caches.validate)
	if !ok || found.HasErrors(p.o.Strict) {
		return up, false, nil
	}
	res.lap("validate", &clock)
	fi := load.FileInfo{Size: info.Size(), ModTime: info.ModTime()}
	if t, ok := doc.(*validate.Doc[schema.Translation]); ok {
		return p.translated(last, nil, t, fi, found.Sorted(), res, clock)
	}
	if v.SlugTaken(doc) || v.TranslationsRequired() {
		return up, false, nil
	}
	if !p.o.Drafts && isDraft(doc) { // no page shows it: only its problems are new
		p.changeContent(func() { v.Add(doc, fi) })
		return p.unseen(last, replaceDiagnostics(last.diags, nil, found.Sorted()), res), true, nil
	}
	patched, _, after, ok := p.patchSites(last, doc, func(s *model.Site, o model.PatchOptions) (model.Patched, bool) {
		return s.Add(v, doc, o)
	}, func() { v.Add(doc, fi) })
	if !ok {
		return up, false, nil
	}
	diags := replaceDiagnostics(last.diags, nil, append(found.Sorted(), after...))
	res.lap("model", &clock)
	return p.apply(last, patched, diags, res, clock)
}

// remove applies the removal of the project or exhibit file at the content path rel, whose document in the last
// good build is old, in place (see model.Site.Remove): its page goes, and the pages that listed it or showed it
// among related entries are rendered again. A draft in a site without drafts changes no page: only its problems
// go. ok is false, with nothing changed, when the file is anything else or model.Site.Remove cannot take the entry
// out: Build then builds the whole site.
func (p *Preview) remove(last *built, rel string, old any, res Result, clock stopwatch) (up Update, ok bool,
	err error) {
	v := last.content
	if t, ok := old.(*validate.Doc[schema.Translation]); ok {
		return p.translated(last, t, nil, load.FileInfo{}, nil, res, clock)
	}
	diags := withoutFile(last.diags, path.Join(p.display(), rel))
	if !p.o.Drafts && isDraft(old) { // no page showed it: only its problems go
		if len(docCharts(old)) > 0 { // its inline charts go too
			return up, false, nil
		}
		p.changeContent(func() { v.Remove(rel) })
		return p.unseen(last, diags, res), true, nil
	}
	patched, _, _, ok := p.patchSites(last, old, func(s *model.Site, o model.PatchOptions) (model.Patched, bool) {
		return s.Remove(v, rel, o)
	}, func() { v.Remove(rel) })
	if !ok {
		return up, false, nil
	}
	res.lap("model", &clock)
	return p.apply(last, patched, diags, res, clock)
}

// translated applies a new translation file (old is nil; t's file is of the size and time info, and found are the
// problems found in it) or one taken away (t is nil) in place (see model.Site.PatchTranslation): the entry's pages
// in its language show the translation's texts and body, or the entry's own. The translation of a draft, in a site
// without drafts, changes no page.
func (p *Preview) translated(last *built, old, t *validate.Doc[schema.Translation], info load.FileInfo,
	found []diag.Diagnostic, res Result, clock stopwatch) (up Update, ok bool, err error) {
	v := last.content
	file := cmp.Or(t, old)
	base := v.TranslationOf(file.Entry)
	required := slices.ContainsFunc(v.Site.Languages, func(l schema.Language) bool {
		return l.Code == file.Entry.Lang && l.Required
	})
	if base == nil || (t == nil && required) { // without it, the whole folder's check finds an error
		return up, false, nil
	}
	diags := replaceDiagnostics(withoutFile(last.diags, file.File), nil, found)
	change := func() {
		if t == nil {
			v.Remove(file.Entry.Path)
		} else {
			v.Add(t, info)
		}
	}
	if !p.o.Drafts && isDraft(v.Doc(base.Path)) { // no page shows it
		p.changeContent(change)
		return p.unseen(last, diags, res), true, nil
	}
	translate := func(s *model.Site, o model.PatchOptions) (model.Patched, bool) {
		return s.PatchTranslation(v, old, t, o)
	}
	patched, before, after, ok := p.patchSites(last, file, translate, change)
	if !ok {
		return up, false, nil
	}
	diags = replaceDiagnostics(diags, before, after)
	res.lap("model", &clock)
	return p.apply(last, patched, diags, res, clock)
}

// unseen is the update of an edit no page shows (a draft's, in a site without drafts): the last build's pages,
// with diags as the site's problems.
func (p *Preview) unseen(last *built, diags []diag.Diagnostic, res Result) Update {
	last.diags = diags
	var up Update
	for _, s := range last.sites {
		up.Pages += len(s.Outputs)
	}
	p.mu.RLock()
	up.Files = len(p.files)
	p.mu.RUnlock()
	up.Diagnostics, up.Timings, up.Patched = diags, res.Timings, true
	return up
}

// patchOptions are the options of a patch of the i-th site of last.
func (p *Preview) patchOptions(last *built, i int) model.PatchOptions {
	return model.PatchOptions{Strict: p.o.Strict, NewestShown: last.renderers[i].ShowsNewest()}
}

// display is the content folder as diagnostics show it (as check does).
func (p *Preview) display() string { return filepath.ToSlash(filepath.Clean(p.o.ContentDir)) }

// docCharts are the ids of the charts of a project's or exhibit's document's ```chart blocks.
func docCharts(doc any) []string {
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		return d.Charts
	case *validate.Doc[schema.Pavilion]:
		return d.Charts
	}
	return nil
}

// isDraft reports whether doc is a project's or exhibit's document marked draft.
func isDraft(doc any) bool {
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		return d.Front.Draft
	case *validate.Doc[schema.Pavilion]:
		return d.Front.Draft
	}
	return false
}
