package validate_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// check loads and validates archive (files under content/) and returns the sorted diagnostics as lines.
func check(t *testing.T, archive string) []string {
	t.Helper()
	return checkSite(t, "-- content/site.yaml --\n"+sitetest.Site+archive, nil)
}

// project returns a project file whose front matter is the valid sitetest.Project with edit applied.
func project(name string, edit func(string) string) string {
	return "-- content/projects/" + name + " --\n---\n" + edit(sitetest.Project) + "---\nBody.\n"
}

func same(s string) string { return s }

// dataset returns a valid dataset folder id with one CSV file (rainfall.csv), plus extra lines appended to its
// files list (line 10 is the first extra line).
func dataset(id, extra string) string {
	return "-- content/datasets/" + id + "/dataset.yaml --\n" + `title: Rainfall
publisher: Hong Kong Observatory
source:
  page: https://data.gov.hk/en-data/dataset/hk-hko-rss-daily-total-rainfall
licence:
  name: DATA.GOV.HK Terms and Conditions of Use
retrieved: 2026-03-01
files:
  - path: rainfall.csv
` + extra + "-- content/datasets/" + id + "/rainfall.csv --\ndate,mm\n2024-01-01,1.5\n"
}

func TestValidationErrors(t *testing.T) {
	tests := []struct {
		name    string
		archive string
		want    []string
	}{
		{"valid", project("a.md", same), nil},
		{"unknown field with suggestion",
			project("a.md", func(s string) string { return strings.Replace(s, "title:", "tittle:", 1) }),
			[]string{
				`content/projects/a.md:2:1: tittle: unknown field (did you mean "title"?)`,
			}},
		{"wrong enum",
			project("a.md", func(s string) string { return strings.Replace(s, "smart-mobility", "smart-mobilty", 1) }),
			[]string{`content/projects/a.md:6:8: theme: "smart-mobilty" is not one of the themes in site.yaml (did you mean "smart-mobility"?)`}},
		{"enum by display name",
			project("a.md", func(s string) string { return strings.Replace(s, "hong-kong", "Hong Kong", 1) }), nil},
		{"year as text",
			project("a.md", func(s string) string { return strings.Replace(s, "year: 2024", `year: "2024"`, 1) }),
			[]string{`content/projects/a.md:7:7: year: must be a number, not text (remove the quotes)`}},
		{"year as fraction",
			project("a.md", func(s string) string { return strings.Replace(s, "year: 2024", `year: 2024.5`, 1) }),
			[]string{`content/projects/a.md:7:7: year: must be a whole number, not 2024.5`}},
		{"year not an edition",
			project("a.md", func(s string) string { return strings.Replace(s, "year: 2024", `year: 2023`, 1) }),
			[]string{`content/projects/a.md:7:7: year: "2023" is not one of the editions in site.yaml (did you mean "2024"?)`}},
		{"bad date",
			project("a.md", func(s string) string { return strings.Replace(s, "2024-03-01", "2024-13-01", 1) }),
			[]string{`content/projects/a.md:3:7: date: "2024-13-01" is not a valid date (write it as YYYY-MM-DD, e.g. 2024-03-01)`}},
		{"team not a list",
			project("a.md", func(s string) string { return strings.Replace(s, "team:\n  - name: Member A\n", "team: Member A\n", 1) }),
			[]string{`content/projects/a.md:8:7: team: must be a list, not text (write a list, e.g. team: [a, b], or one "- item" per line)`}},
		{"team member without name",
			project("a.md", func(s string) string { return strings.Replace(s, "  - name: Member A\n", "  - role: Lead\n", 1) }),
			[]string{`content/projects/a.md:9:5: team[0].name: missing required field`}},
		{"duplicate key",
			project("a.md", func(s string) string { return s + "title: Again\n" }),
			[]string{`content/projects/a.md:10:1: title: field given twice (first on line 2) (remove one of them)`}},
		{"bad slug",
			project("a.md", func(s string) string { return s + "slug: My App\n" }),
			[]string{`content/projects/a.md:10:7: slug: "My App" is not a valid slug: use lower-case letters, digits and hyphens (did you mean "my-app"?)`}},
		{"file name not a slug", project("My App.md", same),
			[]string{`content/projects/My App.md:1:1: slug: the name "My App" is not a valid slug: use lower-case letters, digits and hyphens (rename it to "my-app", or add slug: my-app)`}},
		{"duplicate slug",
			project("a.md", same) + project("b.md", func(s string) string { return s + "slug: a\n" }),
			[]string{
				`content/projects/a.md:2:1: slug: slug "a" is also used by content/projects/b.md (give each entry its own slug)`,
				`content/projects/b.md:10:7: slug: slug "a" is also used by content/projects/a.md (give each entry its own slug)`,
			}},
		{"missing cover",
			project("a.md", func(s string) string { return s + "cover: /images/nope.png\n" }),
			[]string{`content/projects/a.md:10:8: warning: cover: image "/images/nope.png" not found (looked for content/images/nope.png)`}},
		{"cover outside the root",
			project("a.md", func(s string) string { return s + "cover: ../../etc/passwd.png\n" }),
			[]string{`content/projects/a.md:10:8: cover: "../../etc/passwd.png" leaves the content folder (use a path inside content/, e.g. /images/x.png)`}},
		{"cover not an image",
			project("a.md", func(s string) string { return s + "cover: notes.txt\n" }),
			[]string{`content/projects/a.md:10:8: cover: "notes.txt" is not an image (use one of .png .jpg .jpeg .gif .webp .avif .svg)`}},
		{"javascript link",
			project("a.md", func(s string) string { return s + "links:\n  demo: javascript:alert(1)\n" }),
			[]string{`content/projects/a.md:11:9: links.demo: "javascript:alert(1)" is not an http:// or https:// link, nor a path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"link with a space before the scheme",
			project("a.md", func(s string) string { return s + "links:\n  demo: \" javascript:alert(1)\"\n" }),
			[]string{`content/projects/a.md:11:9: links.demo: "javascript:alert(1)" is not an http:// or https:// link, nor a path of this site (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"link with a tab inside the scheme",
			project("a.md", func(s string) string { return s + "links:\n  demo: \"java\\tscript:alert(1)\"\n" }),
			[]string{`content/projects/a.md:11:9: links.demo: a link must not contain spaces or control characters (write a full link such as https://example.org/, or a path of this site such as /projects/other-app/)`}},
		{"unknown link kind",
			project("a.md", func(s string) string { return s + "links:\n  rep: https://example.org/\n" }),
			[]string{`content/projects/a.md:11:3: links.rep: unknown field (did you mean "repo"?)`}},
		{"dataset does not exist",
			project("a.md", func(s string) string { return s + "datasets: [hk-rainfal]\n" }) +
				dataset("hk-rainfall", ""),
			[]string{`content/projects/a.md:10:12: datasets[0]: dataset "hk-rainfal" does not exist (no content/datasets/hk-rainfal/dataset.yaml) (did you mean "hk-rainfall"?)`}},
		{"dataset folder without dataset.yaml", dataset("ok", "") + "-- content/datasets/loose/data.csv --\na\n1\n",
			[]string{`content/datasets/loose: dataset folder has no dataset.yaml (describe the data in content/datasets/loose/dataset.yaml; see docs/datasets.md)`}},
		{"dataset file missing", dataset("rain", "  - path: rainfal.csv\n"),
			[]string{`content/datasets/rain/dataset.yaml:10:11: files[1].path: file "rainfal.csv" not found (looked for content/datasets/rain/rainfal.csv) (did you mean "rainfall.csv"?)`}},
		{"dataset file outside its folder", dataset("rain", "  - path: ../other/x.csv\n"),
			[]string{`content/datasets/rain/dataset.yaml:10:11: files[1].path: "../other/x.csv" leaves the content folder (use a path inside content/, e.g. /images/x.png)`}},
		{"dataset file format unknown", dataset("rain", "  - path: notes.pdf\n") + "-- content/datasets/rain/notes.pdf --\nx\n",
			[]string{`content/datasets/rain/dataset.yaml:10:11: files[1].format: cannot tell the format of "notes.pdf" from its extension (add format: csv, tsv, json, geojson or xlsx)`}},
		{"dataset enum misspelt", dataset("rain", "    encoding: big-5\n"),
			[]string{`content/datasets/rain/dataset.yaml:10:15: files[0].encoding: "big-5" is not allowed here (did you mean "big5"?)`}},
		{"dataset folder name", dataset("Rain_Fall", ""),
			[]string{`content/datasets/Rain_Fall/dataset.yaml:1:1: the folder name "Rain_Fall" is not a valid dataset id: use lower-case letters, digits and hyphens (rename it to "rain-fall")`}},
		{"chart names an unknown dataset", dataset("rain", "") +
			"-- content/charts/c.yaml --\ntitle: C\ndataset: rian\ntype: bar\nencode: {x: a, y: b}\n",
			[]string{`content/charts/c.yaml:2:10: dataset: dataset "rian" does not exist (no content/datasets/rian/dataset.yaml) (did you mean "rain"?)`}},
		{"chart type misspelt", dataset("rain", "") +
			"-- content/charts/c.yaml --\ntitle: C\ndataset: rain\ntype: pi\nencode: {label: a, value: b}\n",
			[]string{`content/charts/c.yaml:3:7: type: "pi" is not allowed here (did you mean "pie"?)`}},
		{"chart needs a table", dataset("rain", "  - path: extra.csv\n") + "-- content/datasets/rain/extra.csv --\na\n" +
			"-- content/charts/c.yaml --\ntitle: C\ndataset: rain\ntype: bar\nencode: {x: a, y: b}\n",
			[]string{`content/charts/c.yaml:2:10: table: dataset "rain" has 2 files: say which one (add table: one of rainfall, extra)`}},
		{"map without boundaries", dataset("rain", "") +
			"-- content/charts/c.yaml --\ntitle: C\ndataset: rain\ntype: map\nencode: {label: a, value: b}\n",
			[]string{`content/charts/c.yaml:3:7: map.geo: a map chart needs boundaries (add map: {geo: <id of a GeoJSON dataset>})`}},
		{"map boundaries not geojson", dataset("rain", "") +
			"-- content/charts/c.yaml --\ntitle: C\ndataset: rain\ntype: map\nmap: {geo: rain}\nencode: {label: a, value: b}\n",
			[]string{`content/charts/c.yaml:4:12: map.geo: dataset "rain" holds no GeoJSON boundaries (name a dataset whose file is GeoJSON)`}},
		{"chart block refers to a missing chart", dataset("rain", "") +
			"-- content/charts/rain-bars.yaml --\ntitle: C\ndataset: rain\ntype: bar\nencode: {x: a, y: b}\n" +
			project("a.md", func(s string) string { return s + "datasets: [rain]\n" }) + "\n```chart\nref: rain-bar\n```\n",
			[]string{`content/projects/a.md:15:6: ref: chart "rain-bar" does not exist (no content/charts/rain-bar.yaml) (did you mean "rain-bars"?)`}},
		{"chart block with a bad field", dataset("rain", "") +
			project("a.md", same) + "\n```chart\ntitle: T\ndataset: rain\ntype: bar\nencode: {x: a, y: b}\ncolour: red\n```\n",
			[]string{`content/projects/a.md:18:1: colour: unknown field (known fields: title, description, dataset, table, type, transform, encode, stack, horizontal, unit, map, max_points, note)`}},
		{"chart block with invalid YAML", project("a.md", same) + "\n```chart\ntitle: [\n```\n",
			[]string{`content/projects/a.md:14: chart block: invalid YAML: did not find expected node content`}},
		{"dataset unchecked without datasets folder",
			project("a.md", func(s string) string { return s + "datasets: [anything]\n" }), nil},
		{"summary too long",
			project("a.md", func(s string) string {
				return strings.Replace(s, "summary: Does things.", "summary: "+strings.Repeat("x", 301), 1)
			}),
			[]string{`content/projects/a.md:4:10: summary: is 301 characters long; the limit is 300 (shorten it)`}},
		{"no front matter", "-- content/projects/a.md --\n# Just a body\n",
			[]string{`content/projects/a.md:1: the file must start with a line "---" that opens the YAML front matter`}},
		{"unclosed front matter", "-- content/projects/a.md --\n---\ntitle: x\n",
			[]string{`content/projects/a.md:1: the front matter is not closed: add a line "---" after the last field`}},
		{"yaml syntax error", "-- content/projects/a.md --\n---\ntitle: x\n  bad: [\n---\n",
			[]string{`content/projects/a.md:3: invalid YAML: mapping values are not allowed in this context`}},
		{"yaml alias", "-- content/projects/a.md --\n---\ntitle: &t x\nsummary: *t\n---\n",
			[]string{`content/projects/a.md:3: YAML aliases (*name) are not supported: write the value out`}},
		{"empty front matter", "-- content/pages/a.md --\n---\n---\nBody\n",
			[]string{`content/pages/a.md:2:1: title: missing required field`}},
		{"page slug reserved", "-- content/pages/projects.md --\n---\ntitle: P\n---\n",
			[]string{`content/pages/projects.md:2:1: slug: "projects" is a path the site uses itself (choose another slug)`}},
		{"pavilion sector", "-- content/pavilion/p.md --\n---\ntitle: P\ndate: 2024-01-02\nexhibitor: X\ncity: shanghai\nsector: health\nsummary: S\n---\n",
			[]string{`content/pavilion/p.md:6:9: sector: "health" is not one of the sectors in site.yaml (one of: transportation, environment, healthcare, education)`}},
		{"invalid utf-8", "-- content/pages/a.md --\n---\ntitle: \xff\n---\n",
			[]string{`content/pages/a.md:2: invalid UTF-8 (save the file as UTF-8)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check(t, tt.archive)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSiteErrors(t *testing.T) {
	dir := sitetest.Write(t, `-- content/site.yaml --
title: {en: T, fr: X}
description: D
base_url: https://example.org/
default_language: de
languages:
  - {code: en, name: English, locale: en}
taxonomies:
  themes: [{id: a, name: A}, {id: a, name: B}]
  cities: []
  editions: [{id: 2024}]
menu:
  - {name: X, url: "javascript:alert(1)"}
`)
	c, diags, err := load.Load(dir+"/content", "content")
	if err != nil {
		t.Fatal(err)
	}
	_, d := validate.Validate(c, "content")
	diags.Merge(d)
	want := []string{
		`content/site.yaml:1:8: title: has no text in the default language "de" (add a line de: …)`,
		`content/site.yaml:1:16: title.fr: "fr" is not a language of the site (languages: en)`,
		`content/site.yaml:4:19: default_language: "de" is not one of the languages`,
		`content/site.yaml:8:35: taxonomies.themes[1].id: "a" is declared twice (also item 0)`,
		`content/site.yaml:9:11: taxonomies.cities: needs at least one item`,
		`content/site.yaml:12:20: menu[0].url: "javascript:alert(1)" is not a site path or link (e.g. /projects/ or https://example.org/)`,
	}
	var got []string
	for _, x := range diags.Sorted() {
		got = append(got, x.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadOnceSameProblems checks that a load leaving front matter to validate (load.LoadOnce, as a one-off
// build does; load.LoadCached, as serve does, validated with a cache, the second time from the caches) finds the
// same problems as one parsing it at once (load.Load): YAML that does not parse in an entry and in a translation
// (no entry, no translation, as if the file were not there), empty front matter, a translation of no entry, and
// a valid entry beside them.
func TestLoadOnceSameProblems(t *testing.T) {
	dir := sitetest.Write(t, `-- content/site.yaml --
title: T
description: D
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English, locale: en}
  - {code: zh-hant, name: 繁體中文, locale: zh-Hant, required: true}
taxonomies:
  themes: [{id: smart-mobility, name: Smart Mobility}]
  cities: [{id: hong-kong, name: Hong Kong}]
  editions: [{id: 2024}]
-- content/projects/a.md --
---
title: [unclosed
---
Body.
-- content/projects/a.zh-hant.md --
---
title: 甲
---
-- content/projects/b.md --
---
title: B
summary: S
date: 2024-01-02
city: hong-kong
theme: smart-mobility
year: 2024
team: [{name: M}]
---
Body.
-- content/projects/b.zh-hant.md --
---
title: "乙
---
-- content/pages/c.md --
---
---
Empty front matter.
-- content/pages/d.zh-hant.md --
---
title: 丁
---
`)
	lc, vc := load.NewCache(), validate.NewCache()
	cached := func(dir, display string) (*load.Content, diag.List, error) {
		return load.LoadCached(dir, display, lc)
	}
	run := func(loader func(dir, display string) (*load.Content, diag.List, error), cache *validate.Cache) []string {
		c, diags, err := loader(dir+"/content", "content")
		if err != nil {
			t.Fatal(err)
		}
		v, d := validate.ValidateCached(c, "content", cache)
		diags.Merge(d)
		got := []string{fmt.Sprintf("projects %d, pages %d, translations %d", len(v.Projects), len(v.Pages),
			len(v.Translations))}
		for _, x := range diags.Sorted() {
			got = append(got, x.String())
		}
		return got
	}
	eager, lazy := run(load.Load, nil), run(load.LoadOnce, nil)
	if strings.Join(eager, "\n") != strings.Join(lazy, "\n") {
		t.Errorf("load.Load:\n%s\nload.LoadOnce:\n%s", strings.Join(eager, "\n"), strings.Join(lazy, "\n"))
	}
	for i := range 2 {
		if got := run(cached, vc); strings.Join(got, "\n") != strings.Join(eager, "\n") {
			t.Errorf("load.LoadCached, validated with a cache (%d):\n%s\nload.Load:\n%s", i+1, strings.Join(got, "\n"),
				strings.Join(eager, "\n"))
		}
	}
	for _, want := range []string{"projects 1, pages 1, translations 0", "content/projects/a.md:2:",
		"content/projects/b.zh-hant.md:", "content/pages/d.zh-hant.md:1:1: a translation of content/pages/d.md",
		"content/projects/b.md:1:1: no zh-hant translation"} {
		if !strings.Contains(strings.Join(lazy, "\n"), want) {
			t.Errorf("missing %q in:\n%s", want, strings.Join(lazy, "\n"))
		}
	}
}

// TestScratchTreesLetGo validates the real site's content/ as a build does (load.LoadOnce: each entry's front
// matter parsed as it is decoded, in memory the next entry's parse reuses) and from trees parsed apart
// (load.Load): the decoded front matter and positions must be the same. A decoded value that kept a node of its
// tree would have been overwritten by a later parse.
func TestScratchTreesLetGo(t *testing.T) {
	once, d1, err := load.LoadOnce("../../content", "content")
	if err != nil {
		t.Fatal(err)
	}
	apart, d2, err := load.Load("../../content", "content")
	if err != nil {
		t.Fatal(err)
	}
	a, da := validate.Validate(once, "content")
	b, db := validate.Validate(apart, "content")
	d1.Merge(da)
	d2.Merge(db)
	if d1.HasErrors(false) || d2.HasErrors(false) {
		t.Fatalf("content/ has problems: %v / %v", d1.Sorted(), d2.Sorted())
	}
	if len(a.Projects) < 10 || len(a.Projects) != len(b.Projects) || len(a.Pavilions) != len(b.Pavilions) ||
		len(a.Pages) != len(b.Pages) {
		t.Fatalf("%d, %d projects; %d, %d pavilion entries; %d, %d pages", len(a.Projects), len(b.Projects),
			len(a.Pavilions), len(b.Pavilions), len(a.Pages), len(b.Pages))
	}
	for i := range a.Projects {
		sameDecoded(t, a.Projects[i].File, a.Projects[i].Front, b.Projects[i].Front, a.Projects[i].Pos, b.Projects[i].Pos)
	}
	for i := range a.Pavilions {
		sameDecoded(t, a.Pavilions[i].File, a.Pavilions[i].Front, b.Pavilions[i].Front, a.Pavilions[i].Pos, b.Pavilions[i].Pos)
	}
	for i := range a.Pages {
		sameDecoded(t, a.Pages[i].File, a.Pages[i].Front, b.Pages[i].Front, a.Pages[i].Pos, b.Pages[i].Pos)
	}
}

func sameDecoded[F any](t *testing.T, file string, a, b F, pa, pb schema.Positions) {
	t.Helper()
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(pa, pb) {
		t.Errorf("%s: decoded differently when parsed in reused memory:\n%+v\n%+v", file, a, b)
	}
}
