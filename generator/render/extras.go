package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hkshopendata/showcase/generator/model"
)

// extras writes the language's feed.xml and search index (unless keep keeps its folder) and, for the default
// language, sitemap.xml (every language's pages) and robots.txt. It returns the fingerprint of each search file
// it wrote.
func (r *Renderer) extras(sink Sink, keep Keeper, fps *Fingerprints) (map[string]uint64, error) {
	feed, err := r.feed()
	if err != nil {
		return nil, err
	}
	if err := sink.WriteFile(strings.TrimPrefix(r.site.Prefix+"/feed.xml", "/"), feed); err != nil {
		return nil, err
	}
	search := map[string]uint64{}
	dir := strings.TrimPrefix(r.site.Prefix+"/search/", "/")
	if fp := fps.Search(r); !keep.KeepFolder(dir, fp, func(s Sink) error {
		return r.searchIndex(s, dir, nil)
	}) {
		err = r.searchIndex(sink, dir, func(rel string) { search[rel] = fp })
	} else {
		r.indexed(r.readBody) // kept: the bodies are not read for it
	}
	if err != nil {
		return nil, err
	}
	return search, r.moreExtras(sink)
}

// moreExtras writes the theme feeds, the filter data and, for the default language, the sitemap and robots.txt.
func (r *Renderer) moreExtras(sink Sink) error {
	if err := r.themeFeeds(sink); err != nil {
		return err
	}
	if err := r.filterData(sink); err != nil {
		return err
	}
	if r.site.Prefix != "" || r.sitemapKept {
		return nil
	}
	sm, err := r.sitemap()
	if err != nil {
		return err
	}
	if err := sink.WriteFile("sitemap.xml", sm); err != nil {
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", r.abs("/sitemap.xml"))
	return sink.WriteFile("robots.txt", []byte(robots))
}

// sitemap lists every page of every language (each language has the same pages), each with its alternates. It
// is written directly, as encoding/xml with one space of indent writes such a <urlset> (sitemap_test.go holds that
// version), since encoding/xml takes a fifth of a preview edit's extra files at 11,000 entries.
func (r *Renderer) sitemap() ([]byte, error) {
	b := bytes.NewBufferString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if len(r.site.Config.Languages) > 1 {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">")
	var links []sitemapLink
	var hrefs []string // each alternate's address, the <loc> of its <url>
	listed := false
	for _, p := range r.site.Outputs {
		if p.Kind == "404" || p.Kind == "chart-embed" {
			continue
		}
		listed = true
		lastMod := ""
		if p.Entry != nil && !p.Entry.Date.IsZero() {
			lastMod = p.Entry.Date.Format("2006-01-02")
		}
		alts := r.alternates(p.URL)
		if alts == nil {
			writeSitemapURL(b, r.abs(p.URL), lastMod, nil)
			continue
		}
		links, hrefs = links[:0], hrefs[:0]
		for _, a := range alts {
			href := r.abs(a.URL)
			hrefs = append(hrefs, href)
			links = append(links, sitemapLink{Hreflang: a.Locale, Href: href})
			if a.Default {
				links = append(links, sitemapLink{Hreflang: "x-default", Href: href})
			}
		}
		for _, href := range hrefs {
			writeSitemapURL(b, href, lastMod, links)
		}
	}
	if listed {
		b.WriteString("\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// sitemapLink is an hreflang alternate, as search engines read them in sitemaps.
type sitemapLink struct {
	Hreflang string
	Href     string
}

// writeSitemapURL writes one <url> of a sitemap, its text escaped as encoding/xml escapes it.
func writeSitemapURL(b *bytes.Buffer, loc, lastMod string, links []sitemapLink) {
	b.WriteString("\n <url>\n  <loc>")
	writeEscaped(b, loc)
	b.WriteString("</loc>")
	if lastMod != "" {
		b.WriteString("\n  <lastmod>")
		writeEscaped(b, lastMod)
		b.WriteString("</lastmod>")
	}
	for _, l := range links {
		b.WriteString("\n  <xhtml:link rel=\"alternate\" hreflang=\"")
		writeEscaped(b, l.Hreflang)
		b.WriteString(`" href="`)
		writeEscaped(b, l.Href)
		b.WriteString(`"></xhtml:link>`)
	}
	b.WriteString("\n </url>")
}

// writeEscaped writes s as xml.EscapeText does; plain ASCII without a character it escapes as it is.
func writeEscaped(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c < ' ', c == '&', c == '<', c == '>', c == '"', c == '\'':
			xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary"`
	Authors    []atomAuthor   `xml:"author"`
	Categories []atomCategory `xml:"category"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// FeedSize is how many of the newest projects the feed carries.
const FeedSize = 50

func (r *Renderer) feed() ([]byte, error) {
	s := r.site
	return r.atom(s.Config.Title.Get(r.lang, s.Default), s.Config.Description.Get(r.lang, s.Default), s.Prefix+"/",
		s.Projects)
}

// themeFeeds writes a feed of each theme's newest projects beside the theme's page: /themes/<id>/feed.xml.
func (r *Renderer) themeFeeds(sink Sink) error {
	s := r.site
	for _, tx := range s.Taxonomies {
		if tx.ID != "themes" {
			continue
		}
		for _, t := range tx.Terms {
			name := t.Name.Get(r.lang, s.Default)
			b, err := r.atom(r.t("feed_title", name), t.Description.Get(r.lang, s.Default), t.URL, t.Entries)
			if err != nil {
				return err
			}
			if err := sink.WriteFile(strings.TrimPrefix(t.URL, "/")+"feed.xml", b); err != nil {
				return err
			}
		}
	}
	return nil
}

// atom is the feed of the newest entries, for the page at url (its feed is url+"feed.xml").
func (r *Renderer) atom(title, subtitle, url string, entries []*model.Entry) ([]byte, error) {
	s := r.site
	updated := model.Newest(entries)
	f := atomFeed{NS: "http://www.w3.org/2005/Atom", Lang: r.locale(), Title: title, Subtitle: subtitle,
		ID: r.abs(url), Updated: atomTime(updated),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: r.abs(url + "feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: r.abs(url)}}}
	for _, e := range entries[:min(FeedSize, len(entries))] {
		ae := atomEntry{Title: e.Title, ID: r.abs(e.URL), Link: atomLink{Rel: "alternate", Href: r.abs(e.URL)},
			Published: atomTime(e.Date), Updated: atomTime(e.Date), Summary: e.Summary}
		for _, m := range e.Team {
			ae.Authors = append(ae.Authors, atomAuthor{Name: m.Name})
		}
		for _, t := range []*model.Term{e.Theme, e.City} {
			if t != nil {
				ae.Categories = append(ae.Categories, atomCategory{Term: t.ID, Label: t.Name.Get(r.lang, s.Default)})
			}
		}
		f.Entries = append(f.Entries, ae)
	}
	return marshalXML(f)
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
