package render

import (
	"encoding/json"
	"html/template"

	"github.com/hkshopendata/showcase/generator/model"
)

// jsonLD returns the page's schema.org description for search engines: a CreativeWork for an entry, a Dataset
// for a dataset page, the challenge as an Event (in a WebSite) on the home page; nil for other pages. It is
// encoded by encoding/json, which escapes <, > and &, so no text of the content can close the script element.
func (r *Renderer) jsonLD(p *model.Page, d *PageData) template.JS {
	var v any
	switch p.Kind {
	case "home":
		v = r.eventLD(d)
	case "project", "pavilion":
		v = r.workLD(p.Entry, d)
	case "dataset":
		if p.Pager == nil || p.Pager.Number == 1 { // the later pages list the entries that use it
			v = r.datasetLD(p.Dataset, d)
		}
	}
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

type ldThing = map[string]any

func (r *Renderer) eventLD(d *PageData) ldThing {
	s := r.site
	var places []ldThing
	for _, t := range s.Taxonomies {
		if t.ID != "cities" {
			continue
		}
		for _, c := range t.Terms {
			places = append(places, ldThing{"@type": "Place", "name": c.Name.Get(r.lang, s.Default)})
		}
	}
	event := ldThing{"@type": "Event", "name": d.SiteTitle, "description": d.Description, "url": d.Canonical,
		"eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode", "inLanguage": r.locale()}
	if len(places) > 0 {
		event["location"] = places
	}
	return ldThing{"@context": "https://schema.org", "@type": "WebSite", "name": d.SiteTitle, "url": d.Canonical,
		"inLanguage": r.locale(), "about": event}
}

// creativeWork is an entry's CreativeWork. Its fields are in the order of their JSON names, as encoding/json writes a
// map's keys: a struct is encoded several times faster than a map, and every entry's page has one.
type creativeWork struct {
	Context    string    `json:"@context"`
	Type       string    `json:"@type"`
	About      []string  `json:"about,omitempty"`
	Award      *string   `json:"award,omitempty"`
	Creator    []ldAgent `json:"creator,omitempty"`
	Published  string    `json:"datePublished,omitempty"`
	Desc       string    `json:"description"`
	Headline   string    `json:"headline"`
	Image      string    `json:"image,omitempty"`
	InLanguage string    `json:"inLanguage"`
	BasedOn    []string  `json:"isBasedOn,omitempty"`
	Keywords   []string  `json:"keywords,omitempty"`
	Name       string    `json:"name"`
	URL        string    `json:"url"`
}

// ldAgent is a Person (with an affiliation, or none) or an Organization.
type ldAgent struct {
	Type        string   `json:"@type"`
	Affiliation *ldAgent `json:"affiliation,omitempty"`
	Name        string   `json:"name"`
}

func (r *Renderer) workLD(e *model.Entry, d *PageData) *creativeWork {
	s := r.site
	w := &creativeWork{Context: "https://schema.org", Type: "CreativeWork", Name: e.Title, Headline: e.Title,
		Desc: e.Summary, URL: d.Canonical, InLanguage: r.locale(), Image: d.Image}
	if e.Fallback {
		w.InLanguage = e.FallbackLocale
	}
	if !e.Date.IsZero() {
		w.Published = e.Date.Format("2006-01-02")
	}
	for _, m := range e.Team {
		a := ldAgent{Type: "Person", Name: m.Name}
		if m.Affiliation != "" {
			a.Affiliation = &ldAgent{Type: "Organization", Name: m.Affiliation}
		}
		w.Creator = append(w.Creator, a)
	}
	if e.Exhibitor != "" {
		w.Creator = append(w.Creator, ldAgent{Type: "Organization", Name: e.Exhibitor})
	}
	for _, t := range []*model.Term{e.Theme, e.Sector, e.City} {
		if t != nil {
			w.About = append(w.About, t.Name.Get(r.lang, s.Default))
		}
	}
	for _, t := range e.Tags {
		w.Keywords = append(w.Keywords, t.Name.Get(r.lang, s.Default))
	}
	if e.Award != nil {
		award := e.Award.Name.Get(r.lang, s.Default)
		w.Award = &award
	}
	for _, ds := range e.DatasetRefs {
		w.BasedOn = append(w.BasedOn, r.abs(ds.URL))
	}
	return w
}

func (r *Renderer) datasetLD(ds *model.Dataset, d *PageData) ldThing {
	s, m := r.site, ds.Meta
	v := ldThing{"@context": "https://schema.org", "@type": "Dataset", "name": d.Title, "description": d.Description,
		"url": d.Canonical, "isAccessibleForFree": true, "inLanguage": r.locale(),
		"publisher": ldThing{"@type": "Organization", "name": m.Publisher.Get(r.lang, s.Default)}}
	if m.Source.Page != "" {
		v["sameAs"] = string(m.Source.Page)
	}
	if lic := m.Licence; lic.URL != "" {
		v["license"] = string(lic.URL)
	} else if name := lic.Name.Get(r.lang, s.Default); name != "" {
		v["license"] = name
	}
	if !m.Retrieved.IsZero() {
		v["dateModified"] = m.Retrieved.Format("2006-01-02")
	}
	var dist []ldThing
	for _, t := range ds.Tables {
		dist = append(dist, ldThing{"@type": "DataDownload", "name": t.Name, "contentUrl": r.abs(t.Download),
			"encodingFormat": mediaType(t.Format), "contentSize": t.Size})
	}
	if len(dist) > 0 {
		v["distribution"] = dist
	}
	return v
}

// mediaType names a snapshot's format as a media type.
func mediaType(format string) string {
	switch format {
	case "csv":
		return "text/csv"
	case "tsv":
		return "text/tab-separated-values"
	case "json":
		return "application/json"
	case "geojson":
		return "application/geo+json"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/octet-stream"
}
