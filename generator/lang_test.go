package generator_test

import (
	"encoding/json"
	"encoding/xml"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// trees are content/'s languages: the URL prefix of each and its <html lang>.
var trees = []struct{ prefix, locale string }{{"", "en-HK"}, {"zh-hant/", "zh-Hant-HK"}, {"zh-hans/", "zh-Hans-CN"}}

// TestLanguageTrees builds content/ and checks that every page exists in every language with the right lang,
// that hreflang alternates are complete, reciprocal and resolve, and that the sitemap lists every page of every
// language with its alternates.
func TestLanguageTrees(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{})
	const base = "https://showcase.example.org/"

	// the default tree's pages, and their counterparts
	var pages []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case err != nil:
			return err
		case d.IsDir() && (rel == "zh-hant" || rel == "zh-hans"):
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(rel, ".html") && rel != "404.html":
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	alternates := map[string]map[string]string{} // page → hreflang → href
	for _, rel := range pages {
		for _, tree := range trees {
			p := tree.prefix + rel
			b, err := os.ReadFile(filepath.Join(out, p))
			if err != nil {
				t.Errorf("%s has no %s counterpart", rel, tree.locale)
				continue
			}
			lang, alts := langFacts(t, b)
			if lang != tree.locale {
				t.Errorf("%s: <html lang=%q>, want %q", p, lang, tree.locale)
			}
			alternates[p] = alts
		}
	}
	for p, alts := range alternates {
		if len(alts) != len(trees)+1 || alts["x-default"] == "" {
			t.Errorf("%s: hreflang alternates %v, want one per language and x-default", p, alts)
			continue
		}
		for _, tree := range trees {
			href := alts[tree.locale]
			target := strings.TrimPrefix(href, base)
			if strings.HasSuffix(target, "/") || target == "" {
				target += "index.html"
			}
			if !strings.HasPrefix(href, base) || !strings.HasPrefix(target, tree.prefix) {
				t.Errorf("%s: hreflang %s → %s is not under /%s", p, tree.locale, href, tree.prefix)
				continue
			}
			if back, ok := alternates[target]; !ok || !maps.Equal(back, alts) {
				t.Errorf("%s: alternate %s lists %v, not the same alternates", p, target, back)
			}
		}
	}

	// the sitemap: every page of every language, each with its alternates
	b, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		rel := strings.TrimPrefix(u.Loc, base)
		if strings.HasSuffix(rel, "/") || rel == "" {
			rel += "index.html"
		}
		listed[rel] = true
		if _, ok := alternates[rel]; !ok {
			t.Errorf("sitemap lists %s, which is not a page", u.Loc)
		}
		if len(u.Links) != len(trees)+1 {
			t.Errorf("sitemap: %s has %d alternates", u.Loc, len(u.Links))
		}
	}
	for p := range alternates {
		if !listed[p] && !strings.Contains(p, "/embed/") {
			t.Errorf("sitemap lacks %s", p)
		}
	}

	// charts are drawn in the page's language: axis names from the columns' labels
	if b, err := os.ReadFile(filepath.Join(out, "zh-hans/charts/hk-heavy-rain-days/index.html")); err != nil ||
		!strings.Contains(string(b), `"name":"雨量达100毫米或以上的日数 (天)"`) {
		t.Errorf("the 简体中文 chart's axis is not in 简体中文 (%v)", err)
	}

	// one feed per language, in its language
	for _, tree := range trees {
		b, err := os.ReadFile(filepath.Join(out, tree.prefix+"feed.xml"))
		if err != nil || !strings.Contains(string(b), `xml:lang="`+tree.locale+`"`) {
			t.Errorf("%sfeed.xml: %v, want xml:lang %s", tree.prefix, err, tree.locale)
		}
	}
}

// langFacts returns a page's <html lang> and its hreflang alternates.
func langFacts(t *testing.T, src []byte) (string, map[string]string) {
	doc, err := html.Parse(strings.NewReader(string(src)))
	if err != nil {
		t.Fatal(err)
	}
	lang, alts := "", map[string]string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "link":
				if attr(n, "rel") == "alternate" && attr(n, "hreflang") != "" {
					alts[attr(n, "hreflang")] = attr(n, "href")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return lang, alts
}

// TestTranslatedEntry: a translated entry shows its translation without a notice; an untranslated one shows the
// default language's text marked with its lang and a notice.
func TestTranslatedEntry(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/site/content", out, generator.Options{})
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	hant, hans := read("zh-hant/projects/air-watch/index.html"), read("zh-hans/projects/air-watch/index.html")
	for _, want := range []string{"<h1>空氣觀察：街道層面的空氣質素</h1>", `alt="按空氣質素著色的地區地圖"`,
		`<a href="/showcase/zh-hant/about/">關於本站</a>`} {
		if !strings.Contains(hant, want) {
			t.Errorf("translated page lacks %s", want)
		}
	}
	if strings.Contains(hant, "untranslated") {
		t.Errorf("a translated page carries the notice")
	}
	for _, want := range []string{`<h1 lang="en-HK">Air Watch`, `class="note untranslated"`,
		`<div class="prose" lang="en-HK">`} {
		if !strings.Contains(hans, want) {
			t.Errorf("untranslated page lacks %s", want)
		}
	}
	// the list in zh-hant shows the translated title; the English site is unchanged
	if list := read("zh-hant/projects/index.html"); !strings.Contains(list, "空氣觀察") {
		t.Errorf("zh-hant list lacks the translated title")
	}
	if en := read("projects/air-watch/index.html"); !strings.Contains(en, "<h1>Air Watch") || strings.Contains(en, "空氣觀察") {
		t.Errorf("the English page changed")
	}
}

// TestSearch builds content/ and runs the page's search script (in Node.js) on the built index of each language:
// Chinese found by any part of a word, English by the start of words, every word required.
func TestSearch(t *testing.T) {
	bin := sitetest.Node(t)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{})
	script := `
const fs = require("fs"), path = require("path");
const s = require(process.argv[1]);
const [dir, queries] = [process.argv[2], JSON.parse(process.argv[3])];
const load = name => { const p = path.join(dir, name + ".json"); return Promise.resolve(fs.existsSync(p) ? JSON.parse(fs.readFileSync(p)) : null); };
Promise.all(queries.map(q => s.find(q, load, 1e9))).then(rs => console.log(JSON.stringify(rs.map(r => r.docs.map(d => d[0])))));
`
	js := sitetest.Script(t, "../themes/default/static/js/search.js")
	cases := []struct {
		tree, q string
		want    []string // URLs that must be found
		not     []string // URLs that must not
	}{
		{"", "觀塘", []string{"/projects/clinic-queue-compass/"}, []string{"/pavilion/air-sensor-wall/"}},
		{"", "浦东", []string{"/projects/metro-crowd-forecaster/", "/pavilion/air-sensor-wall/"}, nil},
		{"", "air quality", []string{"/projects/air-quality-nowcast/"}, []string{"/projects/harbour-hop/"}},
		{"", "nowc", []string{"/projects/air-quality-nowcast/"}, nil},
		{"zh-hant/", "挑戰賽", []string{"/zh-hant/about/"}, nil},
		{"zh-hans/", "挑战赛 展馆", []string{"/zh-hans/about/"}, nil},
		{"", "zzqx", nil, []string{"/projects/air-quality-nowcast/"}},
	}
	for _, c := range cases {
		qs, _ := json.Marshal([]string{c.q})
		res, err := exec.Command(bin, "-e", script, js, filepath.Join(out, c.tree, "search"), string(qs)).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", c.q, err, res)
		}
		var found [][]string
		if err := json.Unmarshal(res, &found); err != nil {
			t.Fatalf("%q: %v\n%s", c.q, err, res)
		}
		for _, w := range c.want {
			if !slices.Contains(found[0], w) {
				t.Errorf("/%s search %q: %v lacks %s", c.tree, c.q, found[0], w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(found[0], w) {
				t.Errorf("/%s search %q: %v has %s", c.tree, c.q, found[0], w)
			}
		}
	}
}
