package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/hkshopendata/showcase/generator/model"
)

// extras writes sitemap.xml, robots.txt and feed.xml.
func (r *Renderer) extras(sink Sink) error {
	sm, err := r.sitemap()
	if err != nil {
		return err
	}
	if err := sink.WriteFile("sitemap.xml", sm); err != nil {
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", r.abs("/sitemap.xml"))
	if err := sink.WriteFile("robots.txt", []byte(robots)); err != nil {
		return err
	}
	feed, err := r.feed()
	if err != nil {
		return err
	}
	return sink.WriteFile("feed.xml", feed)
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (r *Renderer) sitemap() ([]byte, error) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range r.site.Outputs {
		if p.Kind == "404" || p.Kind == "chart-embed" {
			continue
		}
		u := sitemapURL{Loc: r.abs(p.URL)}
		if p.Entry != nil && !p.Entry.Date.IsZero() {
			u.LastMod = p.Entry.Date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
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
	f := atomFeed{NS: "http://www.w3.org/2005/Atom", Lang: r.locale(),
		Title: s.Config.Title.Get(r.lang, s.Lang), Subtitle: s.Config.Description.Get(r.lang, s.Lang),
		ID: s.BaseURL, Updated: atomTime(s.Updated),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: r.abs("/feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: s.BaseURL}}}
	for _, e := range s.Projects[:min(FeedSize, len(s.Projects))] {
		ae := atomEntry{Title: e.Title, ID: r.abs(e.URL), Link: atomLink{Rel: "alternate", Href: r.abs(e.URL)},
			Published: atomTime(e.Date), Updated: atomTime(e.Date), Summary: e.Summary}
		for _, m := range e.Team {
			ae.Authors = append(ae.Authors, atomAuthor{Name: m.Name})
		}
		for _, t := range []*model.Term{e.Theme, e.City} {
			if t != nil {
				ae.Categories = append(ae.Categories, atomCategory{Term: t.ID, Label: t.Name.Get(r.lang, s.Lang)})
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
