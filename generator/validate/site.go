package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
	"gopkg.in/yaml.v3"
)

var langCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// siteTerms resolves taxonomy values against site.yaml.
type siteTerms struct {
	ids   map[string][]string // taxonomy → ids in declared order
	langs []string
}

func (t *siteTerms) Languages() []string { return t.langs }

func (t *siteTerms) Term(taxonomy, value string) (string, bool, string) {
	ids := t.ids[taxonomy]
	if slices.Contains(ids, value) {
		return value, true, ""
	}
	if s := schema.Slugify(value); s != "" && slices.Contains(ids, s) {
		return s, true, ""
	}
	hint := diag.Suggest(value, ids)
	if hint == "" && len(ids) > 0 && len(ids) <= 12 {
		hint = "one of: " + strings.Join(ids, ", ")
	}
	return "", false, hint
}

func newSiteTerms(s *schema.Site) *siteTerms {
	t := &siteTerms{ids: map[string][]string{}}
	for _, l := range s.Languages {
		t.langs = append(t.langs, l.Code)
	}
	add := func(name string, terms []schema.Term) {
		for _, x := range terms {
			t.ids[name] = append(t.ids[name], string(x.ID))
		}
	}
	add("themes", s.Taxonomies.Themes)
	add("cities", s.Taxonomies.Cities)
	add("sectors", s.Taxonomies.Sectors)
	add("awards", s.Taxonomies.Awards)
	for _, e := range s.Taxonomies.Editions {
		t.ids["editions"] = append(t.ids["editions"], strconv.Itoa(e.ID))
	}
	return t
}

// preLanguages reads the language codes from site.yaml's node before decoding, so that text fields in the same
// file can be checked against them.
func preLanguages(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var codes []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "languages" || n.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, l := range n.Content[i+1].Content {
			for j := 0; l.Kind == yaml.MappingNode && j+1 < len(l.Content); j += 2 {
				if l.Content[j].Value == "code" {
					codes = append(codes, l.Content[j+1].Value)
				}
			}
		}
	}
	return codes
}

// site decodes and checks site.yaml.
func (v *validator) site(n *yaml.Node, file string) *schema.Site {
	s := &schema.Site{}
	langs := &siteTerms{langs: preLanguages(n)}
	if len(langs.langs) == 0 {
		langs.langs = nil
	}
	pos := schema.Decode(n, s, file, diag.Pos{File: file, Line: 1}, langs, v.diags)
	v.sitePos = pos
	at := func(field string) diag.Pos {
		if p, ok := pos[field]; ok {
			return p
		}
		return pos[""]
	}
	codes := map[string]bool{}
	for i, l := range s.Languages {
		f := fmt.Sprintf("languages[%d].code", i)
		switch {
		case !langCodeRE.MatchString(l.Code):
			v.diags.Errorf(at(f), f, "e.g. en, zh-hant, zh-hans", "%q is not a language code", l.Code)
		case codes[l.Code]:
			v.diags.Errorf(at(f), f, "", "language %q is listed twice", l.Code)
		}
		codes[l.Code] = true
	}
	if s.DefaultLanguage != "" && !codes[s.DefaultLanguage] {
		v.diags.Errorf(at("default_language"), "default_language", diag.Suggest(s.DefaultLanguage, langs.langs),
			"%q is not one of the languages", s.DefaultLanguage)
	}
	if s.PageSize != 0 && (s.PageSize < 1 || s.PageSize > 500) {
		v.diags.Errorf(at("page_size"), "page_size", "", "must be between 1 and 500")
	}
	if s.PageSize == 0 {
		s.PageSize = 24
	}
	if _, given := pos["limits.image_kb"]; given && s.Limits.ImageKB < 1 {
		v.diags.Errorf(at("limits.image_kb"), "limits.image_kb", fmt.Sprintf("e.g. image_kb: %d (1 MiB)",
			DefaultImageKB), "must be at least 1 (KiB)")
	}
	if s.Limits.ImageKB < 1 {
		s.Limits.ImageKB = DefaultImageKB
	}
	if s.Theme == "" {
		s.Theme = "default"
	} else if !schema.ValidSlug(s.Theme) {
		v.diags.Errorf(at("theme"), "theme", "", "%q is not a theme folder name", s.Theme)
	}
	if s.BaseURL != "" && !strings.HasSuffix(string(s.BaseURL), "/") {
		s.BaseURL += "/"
	}
	v.requireDefault(s.Title, "title", at, s.DefaultLanguage)
	v.requireDefault(s.Description, "description", at, s.DefaultLanguage)
	v.uniqueTerms(s, at)
	for i, m := range s.Menu {
		f := fmt.Sprintf("menu[%d].url", i)
		if !strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "https://") &&
			!strings.HasPrefix(m.URL, "http://") {
			v.diags.Errorf(at(f), f, "e.g. /projects/ or https://example.org/", "%q is not a site path or link", m.URL)
		}
	}
	return s
}

func (v *validator) requireDefault(t schema.Text, field string, at func(string) diag.Pos, def string) {
	if len(t) == 0 {
		return
	}
	if t.Get(def, def) == "" {
		v.diags.Errorf(at(field), field, "add a line "+def+": …", "has no text in the default language %q", def)
	}
}

func (v *validator) uniqueTerms(s *schema.Site, at func(string) diag.Pos) {
	check := func(name string, ids []string) {
		seen := map[string]int{}
		for i, id := range ids {
			if j, dup := seen[id]; dup {
				f := fmt.Sprintf("taxonomies.%s[%d].id", name, i)
				v.diags.Errorf(at(f), f, "", "%q is declared twice (also item %d)", id, j)
			}
			seen[id] = i
		}
	}
	terms := newSiteTerms(s)
	for _, name := range []string{"themes", "cities", "sectors", "editions", "awards"} {
		check(name, terms.ids[name])
	}
}
