package model

import (
	"cmp"
	"html/template"
	"path"
	"slices"

	"github.com/hkshopendata/showcase/generator/chart"
	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Data is what the data stage read and computed before the model is built.
type Data struct {
	Tables map[string]*dataset.Table // by "<dataset id>/<table id>"
	Charts map[string]*chart.Result  // by chart id; a chart that failed is absent
}

// Dataset is an open-data snapshot with its page.
type Dataset struct {
	ID      string
	URL     string // /datasets/<id>/
	File    string // display path of dataset.yaml
	Meta    *schema.Dataset
	Theme   *Term
	City    *Term
	Tables  []*Table
	Charts  []*Chart // the charts drawn from it, by id
	Entries []*Entry // the projects and exhibits that list it, newest first
}

// Table is one snapshot file of a dataset.
type Table struct {
	*dataset.Table
	Title    schema.Text
	Name     string // the file's name
	Download string // site path of the file as stored
}

// Chart is a chart with its page, embed page and data download.
type Chart struct {
	ID       string
	URL      string // /charts/<id>/
	EmbedURL string // /charts/<id>/embed/
	CSV      string // /charts/<id>/data.csv
	MapURL   string // /charts/<id>/map.json, for map charts
	File     string
	Spec     *schema.Chart
	Dataset  *Dataset
	Table    *Table
	Result   *chart.Result
	Inline   *Entry   // the entry whose body declares it, for a ```chart block with a whole chart
	Entries  []*Entry // the entries whose bodies show it
}

// Generated is a file the build writes from memory: a chart's CSV or map boundaries.
type Generated struct {
	Dst  string // site path
	Data []byte
}

// datasets builds the datasets and charts of the site. It runs before the entries' bodies are converted, so
// that entries can find the charts their ```chart blocks show.
func (b *builder) datasets(data Data) {
	s := b.site
	byID := map[string]*Dataset{}
	for _, d := range b.c.Datasets {
		ds := &Dataset{ID: d.ID, URL: b.at("/datasets/" + d.ID + "/"), File: d.File, Meta: &d.Meta}
		ds.Theme = b.lookup("themes", string(d.Meta.Theme))
		ds.City = b.lookup("cities", string(d.Meta.City))
		for _, t := range d.Tables {
			tbl, ok := data.Tables[d.ID+"/"+t.ID]
			if !ok {
				continue
			}
			name := path.Base(t.Path)
			dl := "/datasets/" + d.ID + "/" + name
			b.addFile(File{Src: t.Path, Dst: dl}, nil)
			ds.Tables = append(ds.Tables, &Table{Table: tbl, Title: d.Meta.Files[t.Index].Title, Name: name,
				Download: dl})
		}
		byID[d.ID] = ds
		s.Datasets = append(s.Datasets, ds)
	}
	slices.SortFunc(s.Datasets, func(a, b *Dataset) int { return cmp.Compare(a.ID, b.ID) })
	hidden := b.hiddenDrafts()
	for _, c := range b.c.Charts {
		res, ok := data.Charts[c.ID]
		if !ok || (c.Inline && hidden[c.File]) { // a draft's block: checked and drawn, not published
			continue
		}
		ch := &Chart{ID: c.ID, URL: b.at("/charts/" + c.ID + "/"), File: c.File, Spec: &c.Spec, Result: res.In(s.Lang)}
		ch.EmbedURL, ch.CSV = ch.URL+"embed/", "/charts/"+c.ID+"/data.csv"
		ch.Dataset = byID[string(c.Spec.Dataset)]
		if ch.Dataset != nil {
			ch.Table = ch.Dataset.table(string(c.Spec.Table))
			ch.Dataset.Charts = append(ch.Dataset.Charts, ch)
		}
		s.Generated = append(s.Generated, Generated{Dst: ch.CSV, Data: res.CSV}) // the default language's
		if len(res.MapJSON) > 0 {
			ch.MapURL = "/charts/" + c.ID + "/map.json"
			s.Generated = append(s.Generated, Generated{Dst: ch.MapURL, Data: res.MapJSON})
		}
		s.Charts = append(s.Charts, ch)
		b.charts[ch.ID] = ch
	}
	slices.SortFunc(s.Charts, func(a, b *Chart) int { return cmp.Compare(a.ID, b.ID) })
	for _, d := range s.Datasets {
		slices.SortFunc(d.Charts, func(a, b *Chart) int { return cmp.Compare(a.ID, b.ID) })
	}
	b.datasetByID = byID
}

// hiddenDrafts are the display paths of the entries marked draft, when the site leaves them out.
func (b *builder) hiddenDrafts() map[string]bool {
	out := map[string]bool{}
	if b.drafts {
		return out
	}
	for _, d := range b.c.Projects {
		if d.Front.Draft {
			out[d.File] = true
		}
	}
	for _, d := range b.c.Pavilions {
		if d.Front.Draft {
			out[d.File] = true
		}
	}
	for _, d := range b.c.Pages {
		if d.Front.Draft {
			out[d.File] = true
		}
	}
	return out
}

// table returns the dataset's table with id (the only one when id is empty).
func (d *Dataset) table(id string) *Table {
	for _, t := range d.Tables {
		if id == "" || t.ID == id {
			return t
		}
	}
	return nil
}

// linkEntries records which entries use which datasets and show which charts.
func (b *builder) linkEntries(e *Entry, chartIDs []string) {
	for _, id := range chartIDs {
		ch := b.charts[id]
		e.Charts = append(e.Charts, ch) // nil for a block that failed: rendered as nothing
		if ch != nil && !slices.Contains(ch.Entries, e) {
			ch.Entries = append(ch.Entries, e)
		}
	}
	for _, id := range e.Datasets {
		if d := b.datasetByID[id]; d != nil {
			e.DatasetRefs = append(e.DatasetRefs, d)
			if e.Kind != "page" {
				d.Entries = append(d.Entries, e)
			}
		}
	}
}

// lookup returns the declared term of a taxonomy without attaching an entry to it.
func (b *builder) lookup(taxonomy, id string) *Term {
	if id == "" {
		return nil
	}
	return b.terms[taxonomy][id]
}

// markInline records the entry that declares each inline chart.
func (b *builder) markInline() {
	for _, vc := range b.c.Charts {
		if ch := b.charts[vc.ID]; ch != nil && vc.Inline {
			for _, e := range ch.Entries {
				if e.File == vc.File {
					ch.Inline = e
				}
			}
		}
	}
}

// bodyParts gives the pieces of a converted body the charts that follow them.
func bodyParts(parts []markdown.Part, charts []*Chart) []BodyPart {
	out := make([]BodyPart, len(parts))
	for i, p := range parts {
		out[i].HTML = p.HTML
		if p.Chart >= 0 && p.Chart < len(charts) {
			out[i].Chart = charts[p.Chart]
		}
	}
	return out
}

// OptionJS is the chart's ECharts option for a <script type="application/json"> element. The chart package
// encodes it with encoding/json's HTML escaping (no "<", ">" or "&" survives), so it cannot close the element.
func (c *Chart) OptionJS() template.JS { return template.JS(c.Result.Option) }
