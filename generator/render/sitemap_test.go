package render

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
)

// sitemapByEncoder is the plain statement of sitemap: the same <urlset> through encoding/xml.
func sitemapByEncoder(r *Renderer) ([]byte, error) {
	type link struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc        string `xml:"loc"`
		LastMod    string `xml:"lastmod,omitempty"`
		Alternates []link `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if len(r.site.Config.Languages) > 1 {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, p := range r.site.Outputs {
		if p.Kind == "404" || p.Kind == "chart-embed" {
			continue
		}
		lastMod := ""
		if p.Entry != nil && !p.Entry.Date.IsZero() {
			lastMod = p.Entry.Date.Format("2006-01-02")
		}
		alts := r.alternates(p.URL)
		if alts == nil {
			set.URLs = append(set.URLs, url{Loc: r.abs(p.URL), LastMod: lastMod})
			continue
		}
		var links []link
		for _, a := range alts {
			links = append(links, link{Rel: "alternate", Hreflang: a.Locale, Href: r.abs(a.URL)})
			if a.Default {
				links = append(links, link{Rel: "alternate", Hreflang: "x-default", Href: r.abs(a.URL)})
			}
		}
		for _, a := range alts {
			set.URLs = append(set.URLs, url{Loc: r.abs(a.URL), LastMod: lastMod, Alternates: links})
		}
	}
	return marshalXML(set)
}

// TestSitemap: the sitemap written directly is the bytes encoding/xml writes, for one language and three, with
// no page, and with text that XML escapes (a base URL and a locale with & < > " ' and a tab; pages without a
// date; the 404 and chart-embed pages left out).
func TestSitemap(t *testing.T) {
	one := []schema.Language{{Code: "en", Locale: "en-HK"}}
	three := append(one, schema.Language{Code: "zh-hant", Locale: "zh-Hant-HK"},
		schema.Language{Code: "x", Locale: "a&b<c>\"d'e\tf中\x7f"})
	date := time.Date(2025, 5, 27, 0, 0, 0, 0, time.UTC)
	pages := []*model.Page{{Kind: "home", URL: "/"}, {Kind: "project", URL: "/projects/a/", Entry: &model.Entry{Date: date}},
		{Kind: "page", URL: "/about/", Entry: &model.Entry{}}, {Kind: "404", URL: "/404.html"},
		{Kind: "chart-embed", URL: "/charts/c/embed/"}, {Kind: "term", URL: "/tags/q&a/"}}
	for _, tt := range []struct {
		name  string
		langs []schema.Language
		pages []*model.Page
		base  string
	}{
		{"one language", one, pages, "https://example.org/"},
		{"three languages", three, pages, "https://example.org/a&b'c\"/"},
		{"no pages", three, nil, "https://example.org/"},
		{"only a 404", one, pages[3:4], "https://example.org/"},
	} {
		r := &Renderer{site: &model.Site{Config: &schema.Site{Languages: tt.langs}, BaseURL: tt.base, Lang: "en",
			Default: "en", Outputs: tt.pages}, lang: "en"}
		got, err := r.sitemap()
		if err != nil {
			t.Fatal(err)
		}
		want, err := sitemapByEncoder(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n%s\nwant (encoding/xml):\n%s", tt.name, got, want)
		}
	}
}
