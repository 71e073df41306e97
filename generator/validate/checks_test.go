package validate_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/validate"
)

// checkSite validates archive, which brings its own site.yaml, after writing files of the given sizes (path under
// the archive's folder → bytes).
func checkSite(t *testing.T, archive string, sized map[string]int) []string {
	t.Helper()
	dir := sitetest.Write(t, archive)
	for p, n := range sized {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, diags, err := load.Load(dir+"/content", "content")
	if err != nil {
		t.Fatal(err)
	}
	_, d := validate.Validate(c, "content")
	diags.Merge(d)
	var out []string
	for _, x := range diags.Sorted() {
		out = append(out, x.String())
	}
	return out
}

func compare(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// translatedSite requires en and zh-hant; zh-hans is optional. Every text is translated except hero's and the
// city's description (lines 10, 11 and 14).
const translatedSite = `-- content/site.yaml --
title: {en: T, zh-hant: 測試}
description: {en: D, zh-hant: 測試網站}
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English, locale: en-HK, required: true}
  - {code: zh-hant, name: 繁體中文, locale: zh-Hant-HK, required: true}
  - {code: zh-hans, name: 简体中文, locale: zh-Hans-CN}
hero:
  title: Plain English
  text: {zh-hans: 只有简体}
taxonomies:
  themes: [{id: a, name: {en: A, zh-hant: 甲}}]
  cities: [{id: b, name: {en: B, zh-hant: 乙}, description: {en: English only}}]
  editions: [{id: 2024}]
`

func TestRequiredTranslations(t *testing.T) {
	siteWant := []string{
		`content/site.yaml:10:10: hero.title: missing the zh-hant translation, which site.yaml requires (write the text per language: {en: …, zh-hant: …})`,
		`content/site.yaml:11:9: hero.text: missing the en and zh-hant translations, which site.yaml requires (add the lines en: … and zh-hant: …)`,
		`content/site.yaml:14:60: taxonomies.cities[0].description: missing the zh-hant translation, which site.yaml requires (add a line zh-hant: …)`,
	}
	t.Run("site.yaml", func(t *testing.T) { compare(t, checkSite(t, translatedSite, nil), siteWant) })
	t.Run("not required", func(t *testing.T) {
		archive := strings.ReplaceAll(translatedSite, ", required: true}", "}")
		compare(t, checkSite(t, archive, nil), nil)
	})
	t.Run("dataset and charts", func(t *testing.T) {
		archive := translatedSite + `-- content/datasets/rain/dataset.yaml --
title: {en: Rainfall, zh-hant: 雨量}
publisher: Hong Kong Observatory
source: {page: https://example.org/}
licence: {name: {en: Terms, zh-hant: 條款}}
retrieved: 2026-03-01
files:
  - path: rain.csv
    columns:
      - {name: mm, unit: {en: mm}}
-- content/datasets/rain/rain.csv --
date,mm
2024-01-01,1
-- content/charts/rain.yaml --
title: {en: Rain, zh-hant: 雨}
note: Provisional
dataset: rain
type: bar
encode: {x: date, y: mm}
-- content/pages/about.md --
---
title: About
---
` + "```chart\ntitle: {en: Inline}\ndataset: rain\ntype: bar\nencode: {x: date, y: mm}\n```\n"
		want := append([]string{
			`content/charts/rain.yaml:2:7: note: missing the zh-hant translation, which site.yaml requires (write the text per language: {en: …, zh-hant: …})`,
			`content/datasets/rain/dataset.yaml:2:12: publisher: missing the zh-hant translation, which site.yaml requires (write the text per language: {en: …, zh-hant: …})`,
			`content/datasets/rain/dataset.yaml:9:26: files[0].columns[0].unit: missing the zh-hant translation, which site.yaml requires (add a line zh-hant: …)`,
			`content/pages/about.md:1:1: no zh-hant translation, which site.yaml requires (add content/pages/about.zh-hant.md)`,
			`content/pages/about.md:5:8: title: missing the zh-hant translation, which site.yaml requires (add a line zh-hant: …)`,
		}, siteWant...)
		slices.Sort(want) // diagnostics come sorted by file, then line
		compare(t, checkSite(t, archive, nil), want)
	})
}

func TestImageLimit(t *testing.T) {
	const entry = "-- content/projects/a/index.md --\n---\n" + sitetest.Project + "cover: cover.jpg\n---\nBody\n" +
		"-- content/projects/a/cover.jpg --\n"
	tests := []struct {
		name   string
		limits string
		size   int
		want   []string
	}{
		{"under the default", "", 1 << 20, nil},
		{"over the default", "", 1<<20 + 1, []string{
			`content/projects/a/index.md:10:8: warning: cover: image content/projects/a/cover.jpg is 1025 KiB; the limit is 1024 KiB (scale it down to at most 2000 pixels wide and save it at quality 80; or raise limits.image_kb in site.yaml)`,
		}},
		{"over a set limit", "limits: {image_kb: 200}\n", 300 << 10, []string{
			`content/projects/a/index.md:10:8: warning: cover: image content/projects/a/cover.jpg is 300 KiB; the limit is 200 KiB (scale it down to at most 2000 pixels wide and save it at quality 80; or raise limits.image_kb in site.yaml)`,
		}},
		{"a raised limit", "limits:\n  image_kb: 4096\n", 3 << 20, nil},
		{"a limit of zero", "limits: {image_kb: 0}\n", 10, []string{
			`content/site.yaml:26:20: limits.image_kb: must be at least 1 (KiB) (e.g. image_kb: 1024 (1 MiB))`,
		}},
		{"a misspelt limit", "limits: {image_mb: 2}\n", 10, []string{
			`content/site.yaml:26:10: limits.image_mb: unknown field (did you mean "image_kb"?)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := "-- content/site.yaml --\n" + sitetest.Site + tt.limits + entry
			compare(t, checkSite(t, archive, map[string]int{"content/projects/a/cover.jpg": tt.size}), tt.want)
		})
	}
}

func TestSitePathLinks(t *testing.T) {
	tests := []struct {
		link string
		want []string
	}{
		{"/datasets/rain/", nil}, // whether the page exists is the model's to check
		{"/", nil},
		{"/projects/b/?tab=1#team", nil},
		{"/projects/../../etc/", []string{`content/projects/a.md:11:9: links.data: "/projects/../../etc/" is not a clean path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"/projects//b/", []string{`content/projects/a.md:11:9: links.data: "/projects//b/" is not a clean path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"//evil.example/", []string{`content/projects/a.md:11:9: links.data: "//evil.example/" is not an http:// or https:// link, nor a path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"projects/b/", []string{`content/projects/a.md:11:9: links.data: "projects/b/" is not an http:// or https:// link, nor a path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			compare(t, check(t, project("a.md", func(s string) string { return s + "links:\n  data: " + tt.link + "\n" })),
				tt.want)
		})
	}
}
