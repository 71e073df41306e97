package generator

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/render"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// patch applies the edit of one project or exhibit file, or of its translation, to the last good build in place,
// when the edit keeps the site's pages and terms but for a tag's and the entry's own (see model.Site.Patch: the
// entry's texts, links, cover, date, terms, tags, datasets and slug may change, a tag be new or left without
// entries): it reads and validates that one file (validate.Content.Recheck), changes the entry in each language's
// model (a translation's, in its language's), and renders again only the pages that can show what changed
// (render.Renderer.Patch). At thousands of entries that is the work of the pages that changed instead of every
// entry's: no other file is looked at, and no page that cannot show the entry fingerprinted again.
//
// The files the site publishes follow the entry's cover, body and links: a file published anew is read into the
// preview, one no longer published leaves it.
//
// A new slug moves the entry's pages (model.Site.Patch says when it cannot). A draft that stays one, in a site
// without drafts, changes no page: only its problems are replaced. ```chart blocks changed but showing the same
// charts are drawn again (redraw). A new file, or one taken away, is add's and remove's (patchadd.go).
//
// ok is false, with nothing changed, when the edit is anything else (more than one path, another kind of file,
// blocks that show other charts, a new problem that is an error…): Build
// then builds the whole site. The result is the same either way (TestPreviewPatch, TestPreviewPatchLists,
// TestPreviewRandomEdits).
func (p *Preview) patch(rels []string) (up Update, ok bool, err error) {
	last := p.last
	if last == nil {
		return up, false, nil
	}
	rels = slices.DeleteFunc(slices.Clone(rels), func(rel string) bool { return p.cameAndWent(last, rel) })
	rels = p.folderFiles(last, rels)
	if len(rels) != 1 || path.Ext(rels[0]) != ".md" {
		return up, false, nil
	}
	clock := startWatch()
	var res Result
	rel := rels[0]
	v := last.content
	old := v.Doc(rel)
	if _, err := p.root.Lstat(rel); old != nil && errors.Is(err, fs.ErrNotExist) {
		return p.remove(last, rel, old, res, clock)
	}
	e, problems := load.ReadEntry(p.root, p.display(), rel)
	if e == nil || problems.Len() > 0 {
		return up, false, nil
	}
	res.lap("load", &clock)
	if old == nil {
		return p.add(last, e, res, clock)
	}
	doc, found, ok := v.Recheck(e, p.caches.validate)
	if !ok || found.HasErrors(p.o.Strict) {
		return up, false, nil
	}
	oldEntry := docEntry(old)
	_, was, _ := v.Recheck(oldEntry, p.caches.validate) // the problems of the file as the last build found them
	res.lap("validate", &clock)
	redrawn, drawn := p.redraw(last, doc)
	if slices.ContainsFunc(drawn, func(d diag.Diagnostic) bool { return p.o.Strict || d.Severity == diag.Error }) {
		return up, false, nil // the whole build reports it, and fails
	}
	if !p.o.Drafts && hiddenDraft(v, old, doc) && redrawn == nil { // no page shows it: only its problems change
		p.changeContent(func() { v.Replace(doc) })
		return p.unseen(last, replaceDiagnostics(last.diags, was.Sorted(), found.Sorted()), res), true, nil
	}

	patch := func(s *model.Site, o model.PatchOptions) (model.Patched, bool) {
		o.Redrawn = redrawn
		return s.Patch(v, old, doc, o)
	}
	patched, before, after, ok := p.patchSites(last, doc, patch, func() {
		v.Replace(doc)
		for _, r := range redrawn {
			last.data.Charts[r.Doc.ID] = r.Result
		}
	})
	if !ok {
		return up, false, nil
	}
	var diags []diag.Diagnostic
	if redrawn == nil {
		diags = replaceDiagnostics(last.diags, append(was.Sorted(), before...), append(found.Sorted(), after...))
	} else { // the charts' problems, those of their blocks and of their drawing, are the file's too
		diags = replaceDiagnostics(withoutFile(last.diags, path.Join(p.display(), rel)), nil,
			slices.Concat(found.Sorted(), after, drawn))
	}
	res.lap("model", &clock)
	return p.apply(last, patched, diags, res, clock)
}

// redraw draws the charts that doc's changed ```chart blocks declare (validate.Doc.Redrawn) from the last build's
// tables: their results, with the problems found in drawing them. Both are nil when its blocks did not change.
func (p *Preview) redraw(last *built, doc any) ([]model.Redrawn, []diag.Diagnostic) {
	var charts []*validate.Chart
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		charts = d.Redrawn
	case *validate.Doc[schema.Pavilion]:
		charts = d.Redrawn
	}
	if charts == nil {
		return nil, nil
	}
	results, found := drawCharts(last.content, charts, last.data, nil, nil)
	out := make([]model.Redrawn, len(charts))
	var problems diag.List
	for i, c := range charts {
		out[i] = model.Redrawn{Doc: c, Result: results[i]}
		problems.Merge(found[i])
	}
	return out, problems.Sorted()
}

// patchSites applies patch to each language's site of last, then change to the validated content, holding the
// model's lock; doc is the document of the file edited (see translationOwn). It returns the patches, in the sites'
// order, and the problems they found before and after (Patched.Old and New). ok is false, with nothing changed,
// when the first site's patch refuses; the sites share the document, so a later one cannot, but if it did, the last
// build is dropped (the next is a whole build).
func (p *Preview) patchSites(last *built, doc any, patch func(*model.Site, model.PatchOptions) (model.Patched, bool),
	change func()) (patched []model.Patched, before, after []diag.Diagnostic, ok bool) {
	p.model.Lock()
	defer p.model.Unlock()
	var old, now diag.List
	for i, s := range last.sites {
		pt, ok := patch(s, p.patchOptions(last, i))
		if !ok {
			if i > 0 {
				p.last = nil
			}
			return nil, nil, nil, false
		}
		patched = append(patched, pt)
		old.Add(translationOwn(doc, pt.Old)...)
		now.Add(translationOwn(doc, pt.New)...)
	}
	change()
	return patched, old.Sorted(), now.Sorted(), true
}

// changeContent changes the last build's validated content, holding the model's lock.
func (p *Preview) changeContent(change func()) {
	p.model.Lock()
	change()
	p.model.Unlock()
}

// apply renders the pages of the sites of last that the patches changed (one per site, in order) and puts them,
// with the files published anew, in the place of the last build's; the pages and files gone are taken away.
// diags are the site's problems since the patch.
func (p *Preview) apply(last *built, patched []model.Patched, diags []diag.Diagnostic, res Result,
	clock stopwatch) (up Update, ok bool, err error) {
	mem := &memory{files: map[string][]byte{}}
	for _, g := range patched[0].Generated { // a redrawn chart's data, the same in every language
		if err := mem.WriteFile(g.Dst[1:], g.Data); err != nil {
			p.last = nil
			return up, true, err
		}
	}
	if err := publishAnew(mem, p.root, patched); err != nil { // a file gone since the check: a whole build says so
		p.last = nil
		return up, false, nil
	}
	p.mu.RLock()
	// the search indexes of a language not rendered again (a translation's edit in another) stay as they are
	keep := &keeper{pages: p.pages, prev: p.search, next: maps.Clone(p.search), model: &p.model,
		later: p.deferrable()}
	p.mu.RUnlock()
	var fingerprints []map[string]uint64
	for i, r := range last.renderers {
		if len(patched[i].Dirty) == 0 { // a translation's edit, in another language
			up.Pages += len(last.sites[i].Outputs)
			continue
		}
		fps, n, err := r.Patch(mem, keep, patched[i])
		if err != nil {
			p.last = nil
			return up, true, err
		}
		fingerprints = append(fingerprints, fps)
		up.Rendered += n
		up.Pages += len(last.sites[i].Outputs)
	}
	for _, fps := range fingerprints { // the pages fingerprinted again; the others are as they were
		for rel, fp := range fps {
			page := p.pages[rel]
			if html, ok := mem.files[rel]; ok {
				page.html = html
			} else if _, ok := keep.deferred[rel]; ok {
				page.html = nil
			}
			p.pages[rel] = rendered{fingerprint: fp, html: page.html}
		}
	}
	// the memo is not swept: this render used only the changed entries' items
	res.lap("render", &clock)
	p.mu.Lock() // the server reads the files meanwhile
	for _, pt := range patched {
		if pt.Moved != "" {
			if up.Moved == nil {
				up.Moved = map[string]string{}
			}
			up.Moved[render.OutputPath(pt.Moved)] = render.OutputPath(pt.Entry.URL)
		}
		for _, u := range pt.Gone { // the pages of a tag left without entries
			rel := render.OutputPath(u)
			if _, ok := p.files[rel]; ok {
				delete(p.files, rel)
				up.Changed = append(up.Changed, rel)
			}
			delete(p.pages, rel)
		}
	}
	for _, f := range unpublished(last.sites, patched) {
		delete(p.files, f)
		up.Changed = append(up.Changed, f)
	}
	for rel, b := range mem.files {
		if old, ok := p.files[rel]; !ok || string(old) != string(b) {
			up.Changed = append(up.Changed, rel)
		}
		p.files[rel] = b
	}
	if p.later == nil && len(keep.deferred) > 0 {
		p.later = map[string]laterPage{}
	}
	for rel, lp := range keep.deferred { // changed, by their fingerprint
		delete(p.files, rel)
		p.later[rel] = lp
		up.Changed = append(up.Changed, rel)
	}
	up.Later = len(keep.deferred)
	p.search = keep.next
	up.Files = len(p.files)
	p.mu.Unlock()
	slices.Sort(up.Changed)
	res.lap("diff", &clock)
	last.diags = diags
	up.Diagnostics, up.Timings, up.Patched = diags, res.Timings, true
	return up, true, nil
}

// publishAnew reads into mem the content files the edit publishes anew, in any language.
func publishAnew(mem *memory, root *os.Root, patched []model.Patched) error {
	for _, pt := range patched {
		for _, f := range pt.Published {
			if _, ok := mem.files[f.Dst[1:]]; ok {
				continue
			}
			if err := mem.Copy(root.FS(), f.Src, f.Dst[1:]); err != nil {
				return err
			}
		}
	}
	return nil
}

// unpublished lists the output paths of the files the edit no longer publishes in any language.
func unpublished(sites []*model.Site, patched []model.Patched) []string {
	var out []string
	for _, pt := range patched {
		for _, f := range pt.Unpublished {
			rel := f.Dst[1:]
			if !slices.Contains(out, rel) && !slices.ContainsFunc(sites, func(s *model.Site) bool {
				_, found := slices.BinarySearchFunc(s.Files, f.Dst, func(x model.File, dst string) int {
					return strings.Compare(x.Dst, dst)
				})
				return found
			}) {
				out = append(out, rel)
			}
		}
	}
	return out
}

// folderFiles replaces, in the paths rels the watcher named, a folder that came since the last build (a new bundle:
// `showcase new` writes one) by the files in it, and one that went by the files the last build had in it, so that a
// bundle of one file counts as that file; the paths are sorted, each once. rels is returned as it is when it names
// no such folder.
func (p *Preview) folderFiles(last *built, rels []string) []string {
	var out []string
	folders := false
	for _, rel := range rels {
		info, err := p.root.Lstat(rel)
		switch {
		case rel != "." && err == nil && info.IsDir() && !hadFolder(last, rel):
			folders = true
			_ = fs.WalkDir(p.root.FS(), rel, func(f string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") { // as the load skips them
					out = append(out, f)
				}
				return err
			})
		case rel != "." && errors.Is(err, fs.ErrNotExist) && hadFolder(last, rel):
			folders = true
			for f := range last.content.Files {
				if strings.HasPrefix(f, rel+"/") {
					out = append(out, f)
				}
			}
		default:
			out = append(out, rel)
		}
	}
	if !folders {
		return rels
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hadFolder reports whether the last build had files in the folder rel.
func hadFolder(last *built, rel string) bool {
	for f := range last.content.Files {
		if strings.HasPrefix(f, rel+"/") {
			return true
		}
	}
	return false
}

// cameAndWent reports whether the path rel (named by the watcher) is gone and was not in the last build: a file
// an editor wrote and removed while saving another ("a.md___jb_tmp___", "#a.md#"), which a build would not see.
func (p *Preview) cameAndWent(last *built, rel string) bool {
	if _, err := p.root.Lstat(rel); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	_, had := last.content.Files[rel]
	return !had && !hadFolder(last, rel)
}

// withoutFile returns the diagnostics of all but those in the file (a display path), in a new list.
func withoutFile(all []diag.Diagnostic, file string) []diag.Diagnostic {
	return slices.DeleteFunc(slices.Clone(all), func(d diag.Diagnostic) bool { return d.Pos.File == file })
}

// replaceDiagnostics returns the sorted list all with the diagnostics of was left out and those of now added.
func replaceDiagnostics(all, was, now []diag.Diagnostic) []diag.Diagnostic {
	gone := map[diag.Diagnostic]bool{}
	for _, d := range was {
		gone[d] = true
	}
	var l diag.List
	for _, d := range all {
		if !gone[d] {
			l.Add(d)
		}
	}
	l.Add(now...)
	return l.Sorted()
}

// hiddenDraft reports whether the edit of a project's or exhibit's file (old and doc, its documents before and
// after) keeps it a draft with the same slug, or is the edit of a translation of such a draft: a site built without
// drafts shows nothing of it, and the slug, which must be unique among all entries' (drafts included), is the same.
func hiddenDraft(v *validate.Content, old, doc any) bool {
	if t, ok := doc.(*validate.Doc[schema.Translation]); ok {
		base, _ := v.Translated(t.Entry.Path)
		if base == nil {
			return false
		}
		old = v.Doc(base.Path)
		doc = old
	}
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		o, ok := old.(*validate.Doc[schema.Project])
		return ok && o.Front.Draft && d.Front.Draft && o.Slug == d.Slug
	case *validate.Doc[schema.Pavilion]:
		o, ok := old.(*validate.Doc[schema.Pavilion])
		return ok && o.Front.Draft && d.Front.Draft && o.Slug == d.Slug
	}
	return false
}

// translationOwn returns, of the problems a patch found in an entry's body and links in a language (Patched.Old or
// New), those that are the edited translation's own when doc is a translation's document: the others are in the
// entry's file, which the default language's site finds the same (a translation without a body shows the entry's),
// so that a translation's edit neither adds nor takes them away. For another doc, all of them.
func translationOwn(doc any, problems []diag.Diagnostic) []diag.Diagnostic {
	t, ok := doc.(*validate.Doc[schema.Translation])
	if !ok {
		return problems
	}
	return slices.DeleteFunc(slices.Clone(problems), func(d diag.Diagnostic) bool { return d.Pos.File != t.File })
}

// docEntry is the file of a document validate.Content.Doc returned.
func docEntry(doc any) *load.Entry {
	switch d := doc.(type) {
	case *validate.Doc[schema.Project]:
		return d.Entry
	case *validate.Doc[schema.Pavilion]:
		return d.Entry
	case *validate.Doc[schema.Translation]:
		return d.Entry
	}
	return nil
}
