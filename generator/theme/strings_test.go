package theme_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// placeholder matches what a UI string's caller fills in: %s, %d, %[2]s, {q}, {n}.
var placeholder = regexp.MustCompile(`%(\[\d+\])?[sdv]|\{[a-z]+\}`)

// TestDefaultThemeStrings: the default theme's UI strings exist in all three languages, none empty, each with
// the same placeholders as the English one, and no Chinese string left in English.
func TestDefaultThemeStrings(t *testing.T) {
	strs := map[string]map[string]string{}
	for _, lang := range []string{"en", "zh-hant", "zh-hans"} {
		b, err := fs.ReadFile(defaulttheme.FS, "i18n/"+lang+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		strs[lang] = m
	}
	en := strs["en"]
	for _, lang := range []string{"zh-hant", "zh-hans"} {
		for key, s := range en {
			z, ok := strs[lang][key]
			switch {
			case !ok:
				t.Errorf("%s lacks %q", lang, key)
			case strings.TrimSpace(z) == "":
				t.Errorf("%s: %q is empty", lang, key)
			case !samePlaceholders(s, z):
				t.Errorf("%s: %q has placeholders %q, English %q", lang, key, placeholders(z), placeholders(s))
			case z == s && regexp.MustCompile(`[A-Za-z]{4,}`).MatchString(placeholder.ReplaceAllString(s, "")) &&
				key != "date_format":
				t.Errorf("%s: %q is still English: %q", lang, key, z)
			}
		}
		for key := range strs[lang] {
			if _, ok := en[key]; !ok {
				t.Errorf("%s has %q, which English lacks", lang, key)
			}
		}
	}
	for key, s := range en {
		if strings.TrimSpace(s) == "" || strings.Contains(strings.ToUpper(s), "TODO") {
			t.Errorf("en: %q is %q", key, s)
		}
	}
}

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	for i, x := range p {
		p[i] = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(x, "")
	}
	slices.Sort(p)
	return p
}

func samePlaceholders(a, b string) bool { return slices.Equal(placeholders(a), placeholders(b)) }
