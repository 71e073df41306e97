// Package chart computes a chart from its spec (content/charts/<id>.yaml or a ```chart block) and its dataset
// table: it checks the spec against the table's columns, streams the rows through the transform steps (filter,
// bucket, group, sort, top) into a small result table (the Frame), and builds from it the ECharts option, a CSV
// download, a summary of facts for the page's text and, for maps, cleaned boundaries.
//
// It is the only package that imports go-echarts. The option is serialised here with encoding/json's HTML
// escaping, so it is safe inside <script type="application/json">; no go-echarts template or renderer is used.
package chart

import (
	"errors"
	"fmt"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Data is a table as the chart package sees it.
type Data struct {
	Columns []dataset.Column
	Scan    func(fn func(row []dataset.Value) error) error // streams the rows, values in Columns order; slice reused
	Parse   func(col int, s string) dataset.Value          // reads a filter value as column col's type; may be nil
}

// Geo is a GeoJSON table for map charts.
type Geo struct {
	Columns  []dataset.Column
	Features []dataset.Feature
}

// Spec is a chart to compute.
type Spec struct {
	ID    string           // stable id: the file name (charts/<id>.yaml) or "<entry-slug>-<n>" for inline charts
	Chart *schema.Chart    // the decoded spec
	File  string           // display path of the YAML (or the Markdown file for an inline chart)
	Pos   schema.Positions // positions of its fields ("encode.x", "transform[1].group.by[0]", …) from schema.Decode
	Lang  string           // the language of the labels in the option and the CSV ("" = the default language)
	// Others are the site's other languages: the chart is drawn again in each (labels, titles of the table's
	// columns) from the same computed rows, into Result.Localized.
	Others []string
}

// Result is a computed chart.
type Result struct {
	ID     string
	Type   string // the chart type, as in the spec
	Frame  *Frame // the data the chart draws, for the page's table and the CSV
	Option []byte // the ECharts option as JSON, HTML-escaped: safe inside <script type="application/json">

	MapName     string   // map charts: the name the option's series refers to (the geo dataset's id)
	MapJSON     []byte   // map charts: the cleaned GeoJSON to publish and register under MapName
	NoData      []string // map charts: the districts without a value, drawn as "no data"
	Unmatched   []string // map charts: data labels that name no district (also reported as warnings)
	Summary     Summary
	Downsampled bool   // some series had more than max_points points and were thinned (LTTB) for drawing
	PointsIn    int    // downsampled charts: the points of the thinned series before …
	PointsOut   int    // … and after thinning
	CSV         []byte // the Frame as CSV: UTF-8 with a byte-order mark, RFC 4180
	Height      int    // suggested canvas height in px
	// Localized is the chart drawn in each of Spec.Others, from the same rows: the option's labels and the
	// Frame's column titles in that language. The CSV and map files are the default language's.
	Localized map[string]*Result
}

// In returns the chart drawn in lang, or the default language's.
func (r *Result) In(lang string) *Result {
	if l, ok := r.Localized[lang]; ok {
		return l
	}
	return r
}

// Limits on what a chart may hold. They keep memory and the option small; a chart above one is an error that tells
// the author which step to add.
var (
	// MaxRows bounds the rows kept when no group step comes first, and the groups a group step makes.
	MaxRows = 200_000
	// MaxSeries bounds the series of one chart (and the columns of the Frame after a long-format pivot).
	MaxSeries = 50
	// MaxCategories bounds the bars, slices, heatmap cells and calendar days one chart draws.
	MaxCategories = 10_000
	// DefaultMaxPoints is max_points when the spec does not say.
	DefaultMaxPoints = 1000
)

// errContent stops a computation after a problem in the content was reported to the diagnostics.
var errContent = errors.New("content error")

// Compute checks s against the table d, computes the chart and returns it. Problems in the spec or the data are
// reported to diags (all of them, with positions); then the result is nil and the error too. The error is for
// failures to read the table.
func Compute(s Spec, d Data, geo *Geo, diags *diag.List) (*Result, error) {
	if s.Chart == nil {
		return nil, errors.New("no chart spec")
	}
	c := &checker{spec: s, def: s.Lang, diags: diags}
	cols := make([]col, len(d.Columns))
	for i, dc := range d.Columns {
		cols[i] = col{Column: fromDataset(dc), src: i}
	}
	c.parse = d.Parse
	errs := diags.Count(diag.Error)
	p := c.plan(cols, true)
	var m *mapping
	if s.Chart.Type == "map" {
		m = c.mapping(geo)
	}
	if diags.Count(diag.Error) > errs || p == nil {
		return nil, nil
	}
	// the same plan over only the columns the chart uses, so that kept rows hold no more than needed
	p = c.plan(project(cols, referenced(s.Chart)), false)
	if p == nil {
		return nil, fmt.Errorf("chart %q: inconsistent plan", s.ID)
	}
	t, err := run(p, d, c)
	if errors.Is(err, errContent) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	res, err := c.draw(p, t, m)
	if errors.Is(err, errContent) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for _, lang := range s.Others {
		// drawing again sorts the rows already sorted; what it would report was reported in the first language
		lc := *c
		lc.spec.Lang, lc.silent, lc.failed, lc.thinned = lang, true, false, false
		lc.diags = &diag.List{}
		if l, err := lc.draw(p, t, m); err == nil && l != nil {
			if res.Localized == nil {
				res.Localized = map[string]*Result{}
			}
			res.Localized[lang] = l
		}
	}
	return res, nil
}
