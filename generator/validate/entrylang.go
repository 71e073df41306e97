package validate

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
)

// entryTranslations checks the translation files ("a.zh-hant.md" beside "a.md"): the language is one of the
// site's other languages, the entry exists, the front matter holds only what a translation may change, and the
// body's ```chart blocks match the entry's (the n-th block of a translation shows the entry's n-th chart). An
// entry without a translation into a language site.yaml marks required is an error.
func (v *validator) entryTranslations(out *Content, files []translationFile) {
	out.Translations = map[string]map[string]*Doc[schema.Translation]{}
	site := out.Site
	var others []string
	for _, l := range site.Languages {
		if l.Code != site.DefaultLanguage {
			others = append(others, l.Code)
		}
	}
	bases := map[string]string{} // section + name → the entry's content path
	charts := map[string]int{}   // the entry's content path → its ```chart blocks
	note := func(e *load.Entry, n int) {
		bases[e.Section+"/"+e.Name] = e.Path
		charts[e.Path] = n
	}
	for _, d := range out.Projects {
		note(d.Entry, len(d.Charts))
	}
	for _, d := range out.Pavilions {
		note(d.Entry, len(d.Charts))
	}
	for _, d := range out.Pages {
		note(d.Entry, len(d.Charts))
	}
	for _, f := range files {
		e, file := f.doc.Entry, f.doc.File
		if !slices.Contains(others, e.Lang) {
			hint := "name it <entry>.<language>.md with one of: " + strings.Join(others, ", ")
			if len(others) == 0 {
				hint = "site.yaml has no other language: add it to languages, or rename the file"
			} else if s := diag.Closest(e.Lang, others); s != "" {
				hint = fmt.Sprintf("did you mean %q?", strings.TrimSuffix(e.Path, e.Lang+".md")+s+".md")
			}
			what := "is not one of site.yaml's languages"
			if e.Lang == site.DefaultLanguage {
				what, hint = "is the default language", "the entry's own file is the "+e.Lang+" text: put it there"
			}
			v.diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "", hint, "%q %s", e.Lang, what)
			continue
		}
		base, ok := bases[e.Section+"/"+e.Name]
		if !ok {
			want := path.Join(e.Section, e.Name+".md")
			if e.BundleDir != "" {
				want = path.Join(e.BundleDir, "index.md")
			}
			v.diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "", "add "+v.file(want)+", or rename this file",
				"a translation of %s, which does not exist", v.file(want))
			continue
		}
		d := f.doc
		v.diags.Merge(f.problems) // only now: a file that is no translation has no front matter to check
		v.translationOf(d, base, charts[base])
		if out.Translations[base] == nil {
			out.Translations[base] = map[string]*Doc[schema.Translation]{}
		}
		out.Translations[base][e.Lang] = d
	}
	for _, l := range site.Languages {
		if !l.Required || l.Code == site.DefaultLanguage {
			continue
		}
		for _, base := range slices.Sorted(maps.Values(bases)) {
			if out.Translations[base][l.Code] == nil {
				name := strings.TrimSuffix(base, ".md") + "." + l.Code + ".md"
				v.diags.Errorf(diag.Pos{File: v.file(base), Line: 1, Col: 1}, "", "add "+v.file(name),
					"no %s translation, which site.yaml requires", l.Code)
			}
		}
	}
}

// translationOf checks the translation d of the entry at the content path base, whose body has charts ```chart
// blocks: only an exhibit's has an exhibitor, and a body shows the entry's charts, block for block.
func (v *validator) translationOf(d *Doc[schema.Translation], base string, charts int) {
	e := d.Entry
	if d.Front.Exhibitor != "" && e.Section != "pavilion" {
		v.diags.Errorf(v.at(d.Pos, "exhibitor"), "exhibitor", "remove it", "only pavilion exhibits have an exhibitor")
	}
	if n := len(markdown.ChartFences(e.Body, e.BodyLine)); n != charts && len(strings.TrimSpace(string(e.Body))) > 0 {
		v.diags.Errorf(diag.Pos{File: d.File, Line: e.BodyLine, Col: 1}, "",
			"a translation shows the entry's charts: keep one ```chart block (ref: <id> is enough) where the entry has each",
			"the body has %s; %s has %d", blocks(n), v.file(base), charts)
	}
}

// translationFile is a translation's front matter, decoded, and the problems found in it.
type translationFile struct {
	doc      *Doc[schema.Translation]
	problems diag.List
}

func blocks(n int) string {
	if n == 1 {
		return "1 ```chart block"
	}
	return fmt.Sprintf("%d ```chart blocks", n)
}
