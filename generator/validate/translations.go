package validate

import (
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/schema"
)

// translations reports every per-language text (schema.Text) of site.yaml, the datasets and the charts (files and
// ```chart blocks) that has no text in a language site.yaml marks required. A plain string is the default
// language's text. Entries' own fields are plain strings, not per-language texts, and are not checked.
func (v *validator) translations(out *Content) {
	var required []string
	for _, l := range out.Site.Languages {
		if l.Required && l.Code != "" {
			required = append(required, l.Code)
		}
	}
	if len(required) == 0 {
		return
	}
	def := out.Site.DefaultLanguage
	check := func(doc any, pos schema.Positions) {
		schema.EachText(doc, func(field string, t schema.Text) {
			var missing []string
			for _, lang := range required {
				s, ok := t[lang]
				if !ok && lang == def {
					s = t[""]
				}
				if s == "" {
					missing = append(missing, lang)
				}
			}
			if len(missing) > 0 {
				msg, hint := missingTranslations(missing, t, def)
				v.diags.Errorf(v.at(pos, field), field, hint, "%s", msg)
			}
		})
	}
	check(out.Site, v.sitePos)
	for _, d := range out.Datasets {
		check(&d.Meta, d.Pos)
	}
	for _, c := range out.Charts {
		check(&c.Spec, c.Pos)
	}
}

// missingTranslations words the error for a text t that lacks the required languages missing.
func missingTranslations(missing []string, t schema.Text, def string) (msg, hint string) {
	lines := make([]string, len(missing))
	for i, l := range missing {
		lines[i] = l + ": …"
	}
	if len(missing) == 1 {
		msg = "missing the " + missing[0] + " translation, which site.yaml requires"
	} else {
		msg = "missing the " + strings.Join(missing, " and ") + " translations, which site.yaml requires"
	}
	if _, plain := t[""]; plain && len(t) == 1 {
		if !slices.Contains(missing, def) {
			lines = append([]string{def + ": …"}, lines...)
		}
		return msg, "write the text per language: {" + strings.Join(lines, ", ") + "}"
	}
	if len(missing) == 1 {
		return msg, "add a line " + lines[0]
	}
	return msg, "add the lines " + strings.Join(lines, " and ")
}
