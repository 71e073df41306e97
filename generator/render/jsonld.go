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
		v = r.datasetLD(p.Dataset, d)
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

func (r *Renderer) workLD(e *model.Entry, d *PageData) ldThing {
	s := r.site
	w := ldThing{"@context": "https://schema.org", "@type": "CreativeWork", "name": e.Title, "headline": e.Title,
		"description": e.Summary, "url": d.Canonical, "inLanguage": r.locale()}
	if e.Fallback {
		w["inLanguage"] = e.FallbackLocale
	}
	if !e.Date.IsZero() {
		w["datePublished"] = e.Date.Format("2006-01-02")
	}
	if d.Image != "" {
		w["image"] = d.Image
	}
	var authors []ldThing
	for _, m := range e.Team {
		a := ldThing{"@type": "Person", "name": m.Name}
		if m.Affiliation != "" {
			a["affiliation"] = ldThing{"@type": "Organization", "name": m.Affiliation}
		}
		authors = append(authors, a)
	}
	if e.Exhibitor != "" {
		authors = append(authors, ldThing{"@type": "Organization", "name": e.Exhibitor})
	}
	if len(authors) > 0 {
		w["creator"] = authors
	}
	var about []string
	for _, t := range []*model.Term{e.Theme, e.Sector, e.City} {
		if t != nil {
			about = append(about, t.Name.Get(r.lang, s.Default))
		}
	}
	if len(about) > 0 {
		w["about"] = about
	}
	var keywords []string
	for _, t := range e.Tags {
		keywords = append(keywords, t.Name.Get(r.lang, s.Default))
	}
	if len(keywords) > 0 {
		w["keywords"] = keywords
	}
	if e.Award != nil {
		w["award"] = e.Award.Name.Get(r.lang, s.Default)
	}
	var based []string
	for _, ds := range e.DatasetRefs {
		based = append(based, r.abs(ds.URL))
	}
	if len(based) > 0 {
		w["isBasedOn"] = based
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
