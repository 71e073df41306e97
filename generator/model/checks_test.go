package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/model"
)

func TestEntryLinks(t *testing.T) {
	body := "[a](../pages/abuot.md) [b](../pavilion/boot.md) [c](../smart-mobilty/) [d](/themes/smart-mobilty/)\n"
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"---\n"+body+
		"-- content/pavilion/booth.md --\n---\ntitle: B\ndate: 2024-01-02\nexhibitor: X\ncity: shanghai\n"+
		"sector: education\nsummary: S\n---\nB\n"+
		"-- content/pages/about.md --\n---\ntitle: About\n---\nA\n")
	_, diags := build(t, dir+"/content", model.Options{})
	want := []string{
		`content/projects/a.md:11:1: entry "../pages/abuot.md" does not exist (did you mean "../pages/about.md"?)`,
		`content/projects/a.md:11:24: entry "../pavilion/boot.md" does not exist (did you mean "../pavilion/booth.md"?)`,
		`content/projects/a.md:11:49: link target "../smart-mobilty/" does not exist`,
		`content/projects/a.md:11:72: link target "/themes/smart-mobilty/" does not exist (did you mean "/themes/smart-mobility/"?)`,
	}
	compare(t, diags, want)
}

func TestFrontMatterSiteLinks(t *testing.T) {
	links := "links:\n  data: /datasets/\n  demo: /about\n  slides: /projects/a/slides.pdf#page=2\n" +
		"  paper: /pages/abuot/\n  video: /projects/b/\n"
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a/index.md --\n---\n"+sitetest.Project+links+"---\nA\n"+
		"-- content/projects/a/slides.pdf --\n%PDF\n"+
		"-- content/pages/about.md --\n---\ntitle: About\n---\nA\n")
	s, diags := build(t, dir+"/content", model.Options{BaseURL: "https://example.org/sub/"})
	want := []string{
		`content/projects/a/index.md:11:9: links.data: link target "/datasets/" does not exist`,
		`content/projects/a/index.md:14:10: links.paper: link target "/pages/abuot/" does not exist (did you mean "/about/"?)`,
		`content/projects/a/index.md:15:10: links.video: link target "/projects/b/" does not exist (did you mean "/projects/a/"?)`,
	}
	compare(t, diags, want)
	var got []string
	for _, l := range s.Projects[0].Links {
		got = append(got, l.Kind+" "+l.URL)
	}
	compare(t, got, []string{"demo /sub/about/", "video /projects/b/", "slides /sub/projects/a/slides.pdf#page=2",
		"paper /pages/abuot/", "data /datasets/"})
	if len(s.Files) != 1 || s.Files[0].Dst != "/projects/a/slides.pdf" {
		t.Errorf("files %+v", s.Files)
	}
}

func TestBodyImageSize(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+"limits: {image_kb: 1}\n"+
		"-- content/projects/a/index.md --\n---\n"+sitetest.Project+"---\n![big](big.png) ![small](small.svg) "+
		"[a link is not shown](big.png) ![shared](/images/map.svg)\n"+
		"-- content/projects/a/small.svg --\n<svg/>\n")
	for name, size := range map[string]int{"projects/a/big.png": 1025, "images/map.svg": 4000} {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, diags := build(t, dir+"/content", model.Options{})
	want := []string{
		`content/projects/a/index.md:11:1: warning: image content/projects/a/big.png is 2 KiB; the limit is 1 KiB (scale it down to at most 2000 pixels wide, or save a photo as JPEG or WebP; or raise limits.image_kb in site.yaml)`,
		`content/projects/a/index.md:11:68: warning: image content/images/map.svg is 4 KiB; the limit is 1 KiB (simplify the drawing or minify it (e.g. with svgo); or raise limits.image_kb in site.yaml)`,
	}
	compare(t, diags, want)
	if !strings.Contains(string(s.Projects[0].Body), `src="/projects/a/big.png"`) {
		t.Errorf("the big image is still shown:\n%s", s.Projects[0].Body)
	}
}

func compare(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
