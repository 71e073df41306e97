package render

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/validate"
	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// TestFilterScript renders a site of 150 projects and 40 exhibits and runs the lists' filter script (in Node.js)
// on the filter data and search index written: for every term a list's form offers, every pair of terms of two
// taxonomies and some threes, it must list the section's entries that have them all, in the list's order. It
// does so with the terms' numbers in filter.json and with each in a file of its own, in two languages.
func TestFilterScript(t *testing.T) {
	bin := sitetest.Node(t)
	content := filterSite(t)
	for _, lang := range []string{"en", "zh-hant"} {
		for _, inline := range []int{0, 1} {
			t.Run(fmt.Sprintf("lang=%s/inline=%d", lang, inline), func(t *testing.T) {
				s := loadSite(t, content, lang)
				r := New(s, builtinTheme(t, s, defaulttheme.FS))
				r.filterInline = inline
				out := &memory{files: map[string]string{}}
				if _, _, err := r.Render(out, out); err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				termFiles := 0
				for rel, b := range out.files {
					if strings.Contains(rel, "/filter-") {
						termFiles++
					}
					p := filepath.Join(dir, filepath.FromSlash(rel))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				options := 0
				for _, section := range []string{"projects", "pavilion"} {
					for _, f := range r.filters(section) {
						options += len(f.terms)
					}
				}
				if want := options * inline; termFiles != want || options < 20 {
					t.Errorf("%d files of terms, want %d (of %d terms)", termFiles, want, options)
				}
				for _, section := range []string{"projects", "pavilion"} { // the form's terms, with their names
					var data map[string][][3]any
					if err := json.Unmarshal([]byte(out.files[strings.TrimPrefix(s.Prefix+"/", "/")+section+"/filter.json"]), &data); err != nil {
						t.Fatal(err)
					}
					for _, f := range r.filters(section) {
						var got, want []string
						for i, term := range f.terms {
							want = append(want, term.ID+" "+r.termName(term))
							if i < len(data[f.ID]) {
								got = append(got, fmt.Sprint(data[f.ID][i][0], " ", data[f.ID][i][1]))
							}
						}
						if len(data[f.ID]) != len(f.terms) || !slices.Equal(got, want) {
							t.Errorf("%s: %s's terms %v, want %v", section, f.ID, data[f.ID], want)
						}
					}
				}
				cases, want := filterCases(r)
				got := runFilters(t, bin, filepath.Join(dir, strings.TrimPrefix(s.Prefix, "/")), cases)
				if found := slices.IndexFunc(want, func(urls []string) bool { return len(urls) > 0 }); found < 0 ||
					len(slices.DeleteFunc(slices.Clone(want), func(urls []string) bool { return len(urls) == 0 })) < len(cases)/2 {
					t.Errorf("most of %d cases find nothing: not a test", len(cases))
				}
				for i, c := range cases {
					if !slices.Equal(got[i], want[i]) {
						t.Errorf("%s %v: the script lists %d %v…, want %d %v…", c.Section, c.Want, len(got[i]),
							got[i][:min(5, len(got[i]))], len(want[i]), want[i][:min(5, len(want[i]))])
					}
				}
			})
		}
	}
}

// filterCase is a choice in a list's filter form: its section and terms ("themes:smart-mobility").
type filterCase struct {
	Section string   `json:"section"`
	Want    []string `json:"want"`
}

// filterCases are the choices TestFilterScript makes, with the URLs each must list: from the model, the section's
// entries in order that are among the entries of every term.
func filterCases(r *Renderer) ([]filterCase, [][]string) {
	var cases []filterCase
	var want [][]string
	for _, section := range []string{"projects", "pavilion"} {
		entries := map[string][]*model.Entry{"projects": r.site.Projects, "pavilion": r.site.Pavilions}[section]
		has := map[string][]*model.Entry{}
		var keys, taxonomy []string
		for _, f := range r.filters(section) {
			for _, term := range f.terms {
				keys, taxonomy = append(keys, f.ID+":"+term.ID), append(taxonomy, f.ID)
				has[f.ID+":"+term.ID] = term.Entries
			}
		}
		add := func(w ...string) {
			urls := []string{}
			for _, e := range entries {
				if !slices.ContainsFunc(w, func(k string) bool { return !slices.Contains(has[k], e) }) {
					urls = append(urls, r.result(e).URL)
				}
			}
			cases, want = append(cases, filterCase{section, w}), append(want, urls)
		}
		for i := range keys {
			add(keys[i])
			for j := i + 1; j < len(keys); j++ {
				if taxonomy[i] != taxonomy[j] {
					add(keys[i], keys[j])
					if k := (i*7 + j) % len(keys); taxonomy[k] != taxonomy[i] && taxonomy[k] != taxonomy[j] {
						add(keys[i], keys[j], keys[k])
					}
				}
			}
		}
		add("tags:no-such-tag")
		add(keys[0], "tags:no-such-tag")
	}
	return cases, want
}

// runFilters runs the page's filter script in Node.js over a language's built files in dir, and returns the URLs
// it lists for each case.
func runFilters(t *testing.T, bin, dir string, cases []filterCase) [][]string {
	t.Helper()
	script := `
const s = require(process.argv[1]), fs = require("fs"), path = require("path");
const dir = process.argv[2], cases = JSON.parse(fs.readFileSync(0, "utf8"));
const loader = (base) => (name) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, base, name + ".json"), "utf8")));
(async () => {
  const search = loader("search"), index = await search("index"), out = [];
  for (const c of cases) {
    const ids = await s.filtered(c.want, loader(c.section));
    out.push((await s.docsOf(index, ids, search)).map((d) => d[0]));
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`
	js := sitetest.Script(t, "../../themes/default/static/js/search.js")
	in, _ := json.Marshal(cases)
	cmd := exec.Command(bin, "-e", script, js, dir)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %.200s", err, b)
	}
	if len(got) != len(cases) {
		t.Fatalf("%d answers to %d cases", len(got), len(cases))
	}
	return got
}

// filterSite writes a site of 150 projects and 40 exhibits whose terms vary from one to the next, in English
// and 繁體中文, and returns its content folder.
func filterSite(t *testing.T) string {
	var b strings.Builder
	b.WriteString("-- content/site.yaml --\n" + strings.Replace(sitetest.Site, "languages:\n",
		"languages:\n  - {code: zh-hant, name: 繁體中文, locale: zh-Hant-HK}\n", 1))
	themes := []string{"smart-mobility", "smart-living", "smart-environment", "smart-economy"}
	cities := []string{"hong-kong", "shanghai"}
	tags := []string{"bus", "air", "map", "parks", "food", "rain", "metro"}
	for i := range 150 {
		fmt.Fprintf(&b, "-- content/projects/p%03d.md --\n---\ntitle: Project %d\ndate: 202%d-%02d-%02d\n", i, i,
			4+i%2, 1+i%12, 1+i%28)
		fmt.Fprintf(&b, "summary: Summary %d.\ncity: %s\ntheme: %s\nyear: %d\nteam: [{name: Member %d}]\n", i,
			cities[i%5%2], themes[i%4], 2024+i%2, i)
		fmt.Fprintf(&b, "tags: [%s, %s]\n", tags[i%7], tags[(i/7)%7])
		if i%9 == 0 {
			b.WriteString("award: gold-award\n")
		}
		b.WriteString("---\nBody.\n")
	}
	for i := range 40 {
		fmt.Fprintf(&b, "-- content/pavilion/x%02d.md --\n---\ntitle: Exhibit %d\ndate: 2025-%02d-%02d\n", i, i,
			1+i%12, 1+i%28)
		fmt.Fprintf(&b, "exhibitor: Exhibitor %d\ncity: %s\nsector: %s\nbooth: A-%d\nsummary: Exhibit %d.\n---\nBody.\n",
			i, cities[i%3%2], []string{"transportation", "environment", "healthcare"}[i%3], i, i)
	}
	return filepath.Join(sitetest.Write(t, b.String()), "content")
}

// loadSite loads, validates and models the content folder for language lang ("" for the default).
func loadSite(t testing.TB, content, lang string) *model.Site {
	t.Helper()
	c, diags, err := load.Load(content, "content")
	if err != nil {
		t.Fatal(err)
	}
	v, d := validate.Validate(c, "content")
	diags.Merge(d)
	s, d := model.Build(v, model.Options{Lang: lang})
	diags.Merge(d)
	if s == nil || diags.HasErrors(false) {
		t.Fatalf("%s: %v", content, diags.Sorted())
	}
	return s
}

// TestDocNumbers checks how the search index numbers entries: the pages first, then projects and exhibits from
// the oldest, by date, slug and kind; so a new newest entry takes the next number and leaves the others', and a
// new title moves none.
func TestDocNumbers(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	entry := func(kind, slug string, d int) *model.Entry {
		return &model.Entry{Kind: kind, Slug: slug, Title: "T " + slug, Date: day(d)}
	}
	s := &model.Site{ // lists newest first, as the model sorts them
		Projects: []*model.Entry{entry("project", "p9", 9), entry("project", "p5b", 5), entry("project", "p5a", 5),
			entry("project", "x5", 5), entry("project", "p1", 1)},
		Pavilions: []*model.Entry{entry("pavilion", "x7", 7), entry("pavilion", "x5", 5), entry("pavilion", "x2", 2)},
		Pages:     []*model.Entry{entry("page", "about", 0), entry("page", "rules", 0)},
	}
	order := func() []string {
		number := (&Renderer{site: s}).docNumbers()
		slugs := make([]string, len(number))
		for e, n := range number {
			slugs[n] = e.Kind[:2] + " " + e.Slug
		}
		return slugs
	}
	want := []string{"pa about", "pa rules", "pr p1", "pa x2", "pr p5a", "pr p5b", "pa x5", "pr x5", "pa x7", "pr p9"}
	if got := order(); !slices.Equal(got, want) {
		t.Errorf("numbered %v, want %v", got, want)
	}
	s.Projects[1].Title, s.Projects[2].Title = "Z", "A" // the list would change order: the numbers do not
	if got := order(); !slices.Equal(got, want) {
		t.Errorf("after new titles, numbered %v, want %v", got, want)
	}
	s.Pavilions = append([]*model.Entry{entry("pavilion", "x10", 10)}, s.Pavilions...) // a new newest entry
	if got := order(); !slices.Equal(got, append(want, "pa x10")) {
		t.Errorf("with a new entry, numbered %v, want %v", got, append(want, "pa x10"))
	}
}
