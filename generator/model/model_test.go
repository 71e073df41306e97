package model_test

import (
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/validate"
)

func build(t *testing.T, dir string, opts model.Options) (*model.Site, []string) {
	t.Helper()
	v, diags := validated(t, dir)
	s, d := model.Build(v, opts)
	diags.Merge(d)
	var lines []string
	for _, x := range diags.Sorted() {
		lines = append(lines, x.String())
	}
	return s, lines
}

// validated loads and validates the content folder dir, which must have no errors.
func validated(t *testing.T, dir string) (*validate.Content, diag.List) {
	t.Helper()
	c, diags, err := load.Load(dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	v, d := validate.Validate(c, "content")
	diags.Merge(d)
	if diags.HasErrors(false) {
		t.Fatalf("validation: %v", (&diag.Errors{Diagnostics: diags.Sorted()}).Error())
	}
	return v, diags
}

func TestFixtureSite(t *testing.T) {
	s, diags := build(t, "../testdata/site/content", model.Options{})
	want := []string{"content/projects/air-watch.md:24:5: warning: raw HTML is not allowed and was left out (use Markdown instead)"}
	if strings.Join(diags, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	if s.BasePath != "/showcase/" || s.BaseURL != "https://example.org/showcase/" {
		t.Errorf("base %q %q", s.BasePath, s.BaseURL)
	}
	var urls []string
	for _, p := range s.Outputs {
		urls = append(urls, p.Kind+" "+p.URL)
	}
	wantURLs := []string{
		"home /", "list /projects/", "list /projects/page/2/", "list /pavilion/",
		"project /projects/air-watch/", "project /projects/bundle-app/", "project /projects/third/",
		"pavilion /pavilion/sensor-wall/",
		"taxonomy /themes/", "term /themes/smart-mobility/", "term /themes/smart-living/",
		"term /themes/smart-environment/", "term /themes/smart-economy/",
		"taxonomy /cities/", "term /cities/hong-kong/", "term /cities/shanghai/",
		"taxonomy /years/", "term /years/2025/", "term /years/2024/",
		"taxonomy /awards/", "term /awards/gold-award/",
		"taxonomy /sectors/", "term /sectors/transportation/", "term /sectors/environment/",
		"taxonomy /tags/", "term /tags/air-quality/", "term /tags/open-data/", "term /tags/public-transport/",
		"datasets /datasets/", "dataset /datasets/hk-epd-aqhi/", "page /about/", "search /search/", "404 /404.html",
	}
	if strings.Join(urls, "\n") != strings.Join(wantURLs, "\n") {
		t.Errorf("pages:\n%s", strings.Join(urls, "\n"))
	}
	air := s.Projects[0]
	if air.Slug != "air-watch" || air.Award == nil || air.Award.ID != "gold-award" || air.Cover.URL != "/images/air.svg" {
		t.Errorf("air-watch: %+v", air)
	}
	body := string(air.Body)
	for _, w := range []string{`href="/showcase/projects/bundle-app/"`, `href="/showcase/about/"`, `<h2 id="觀塘的數據">`,
		"觀塘區空氣質素"} {
		if !strings.Contains(body, w) {
			t.Errorf("air-watch body lacks %q:\n%s", w, body)
		}
	}
	bundle := s.Projects[1]
	if !strings.Contains(string(bundle.Body), `src="/showcase/projects/bundle-app/figure.svg"`) ||
		!strings.Contains(string(bundle.Body), `href="/showcase/projects/air-watch/"`) {
		t.Errorf("bundle body:\n%s", bundle.Body)
	}
	var files []string
	for _, f := range s.Files {
		files = append(files, f.Src+" → "+f.Dst)
	}
	wantFiles := "images/air.svg → /images/air.svg\nprojects/bundle-app/cover.svg → /projects/bundle-app/cover.svg\n" +
		"projects/bundle-app/figure.svg → /projects/bundle-app/figure.svg"
	if strings.Join(files, "\n") != wantFiles {
		t.Errorf("files:\n%s", strings.Join(files, "\n"))
	}
	// "Open Data" and "open-data" are one tag, named by its first spelling
	for _, tx := range s.Taxonomies {
		if tx.ID == "tags" && (len(tx.Terms) != 3 || len(tx.Terms[1].Entries) != 2) {
			t.Errorf("tags: %d terms", len(tx.Terms))
		}
	}
}

func TestBodyLinks(t *testing.T) {
	body := `[ok](/projects/) [slash](/about) [md](b.md) [md2](../pages/about.md#x) [file](/images/x.png)
[page-rel](../b/) [broken](/nope/) [brokenmd](c.md) [out](../../secret.txt) [js](javascript:alert(1))
[tab](java	script:alert(1)) ![ext](https://cdn.example.org/x.png) ![noimg](/about/) [mail](mailto:a@example.org)
[data](data:text/html;base64,PHNjcmlwdD4=) [proto](//example.org/x)
`
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"---\n"+body+
		"-- content/projects/b.md --\n---\n"+sitetest.Project+"---\nB\n"+
		"-- content/pages/about.md --\n---\ntitle: About\n---\nA\n"+
		"-- content/images/x.png --\npng\n")
	s, diags := build(t, dir+"/content", model.Options{})
	want := []string{
		`content/projects/a.md:12:19: link target "/nope/" does not exist`,
		`content/projects/a.md:12:36: entry "c.md" does not exist (did you mean "b.md"?)`,
		`content/projects/a.md:12:53: "../../secret.txt" leaves the content folder (link to files inside content/)`,
		`content/projects/a.md:12:77: warning: javascript: links are not allowed; the link was removed (use an https:// link)`,
		`content/projects/a.md:13:29: images must be files of the site: "https://cdn.example.org/x.png" would make every visitor's browser contact another site (put the image in the entry's folder and link it by name)`,
		`content/projects/a.md:13:67: image "/about/" does not exist`,
		`content/projects/a.md:14:1: warning: data: links are not allowed; the link was removed (use an https:// link)`,
	}
	if strings.Join(diags, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
	var a *model.Entry
	for _, e := range s.Projects {
		if e.Slug == "a" {
			a = e
		}
	}
	h := string(a.Body)
	for _, w := range []string{`href="/projects/"`, `href="/about/"`, `href="/projects/b/"`, `href="/about/#x"`,
		`href="/images/x.png"`, `href="/projects/b/"`, `href="mailto:a@example.org"`, `href="https://example.org/x"`} {
		if !strings.Contains(h, w) {
			t.Errorf("body lacks %s:\n%s", w, h)
		}
	}
	if strings.Contains(h, "javascript") || strings.Contains(h, "data:") || strings.Contains(h, "cdn.example.org") {
		t.Errorf("unsafe destination kept:\n%s", h)
	}
}

func TestDraftsAndBaseURL(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"draft: true\n---\nA\n")
	s, _ := build(t, dir+"/content", model.Options{BaseURL: "https://example.org/sub"})
	if len(s.Projects) != 0 || s.BasePath != "/sub/" {
		t.Errorf("projects %d, base path %q", len(s.Projects), s.BasePath)
	}
	s, _ = build(t, dir+"/content", model.Options{Drafts: true})
	if len(s.Projects) != 1 {
		t.Errorf("with drafts: %d projects", len(s.Projects))
	}
}

// TestReleaseLetsGoOfSources builds the fixture site with Release, as a one-off build's last model is built: every
// converted entry's file, its body and its front matter's YAML with it (one allocation), must be let go. A source
// still holding its front matter parses it again; one let go has nothing to parse.
func TestReleaseLetsGoOfSources(t *testing.T) {
	for _, release := range []bool{false, true} {
		v, _ := validated(t, "../testdata/site/content")
		if _, d := model.Build(v, model.Options{Release: release}); d.HasErrors(false) {
			t.Fatalf("build: %v", (&diag.Errors{Diagnostics: d.Sorted()}).Error())
		}
		var sources []*load.Entry
		for _, d := range v.Projects {
			sources = append(sources, d.Entry)
		}
		for _, d := range v.Pavilions {
			sources = append(sources, d.Entry)
		}
		for _, d := range v.Pages {
			sources = append(sources, d.Entry)
		}
		if len(sources) < 5 {
			t.Fatalf("%d sources", len(sources))
		}
		for _, e := range sources {
			e.Front = nil // validate lets go of the tree it decoded; parse the file's YAML again, if still held
			if !e.ParseFront("content", &diag.List{}) {
				t.Fatalf("%s: front matter does not parse", e.Path)
			}
			held := e.Body != nil || e.Front != nil
			if held == release {
				t.Errorf("release %v: %s holds its body (%v) or front matter (%v)", release, e.Path, e.Body != nil,
					e.Front != nil)
			}
		}
	}
}
