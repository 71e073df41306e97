package generator

import (
	"fmt"
	"os"
	"strings"

	"github.com/hkshopendata/showcase/generator/chart"
	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// analyse is the data stage, between validate and model: it reads every dataset's snapshot files (profiling
// them) and computes every chart, on all cores. Tables are read once each to profile, and once more per chart
// drawn from them.
//
// With a cache (showcase serve), a table whose file and description did not change, and a chart whose spec and
// table did not change, are taken from the last build with their diagnostics; the cache's root must stay open.
func analyse(v *validate.Content, contentDir string, cache *dataCache, diags *diag.List) (model.Data, error) {
	data := model.Data{Tables: map[string]*dataset.Table{}, Charts: map[string]*chart.Result{}}
	if len(v.Datasets) == 0 {
		return data, nil
	}
	var root *os.Root
	if cache != nil {
		root = cache.root
	} else {
		r, err := os.OpenRoot(contentDir)
		if err != nil {
			return data, fmt.Errorf("open content folder: %w", err)
		}
		defer r.Close()
		root = r
	}

	type tableJob struct {
		d *validate.Dataset
		t validate.Table
	}
	var tables []tableJob
	for _, d := range v.Datasets {
		for _, t := range d.Tables {
			tables = append(tables, tableJob{d, t})
		}
	}
	opened := make([]*dataset.Table, len(tables))
	errs := make([]error, len(tables))
	found := make([]diag.List, len(tables))
	tableKeys := make([]string, len(tables))
	work.Each(len(tables), func(i int) {
		j := tables[i]
		f := j.d.Meta.Files[j.t.Index]
		f.ID, f.Format = schema.Slug(j.t.ID), j.t.Format
		tableKeys[i] = cache.tableKey(j.d, f, v.Display)
		if k, ok := cache.table(tableKeys[i]); ok {
			opened[i], errs[i], found[i] = k.table, k.err, k.diags
			return
		}
		opened[i], errs[i] = dataset.Open(dataset.Options{Root: root, Dir: j.d.Dir, File: f, Display: v.Display,
			Field: positions(j.d.Pos), Prefix: fmt.Sprintf("files[%d]", j.t.Index)}, &found[i])
		cache.keepTable(tableKeys[i], cachedTable{opened[i], errs[i], found[i]})
	})
	keyOf := map[*dataset.Table]string{}
	for i := range tables {
		if opened[i] != nil {
			keyOf[opened[i]] = tableKeys[i]
		}
	}
	for i, j := range tables {
		diags.Merge(found[i])
		if errs[i] != nil {
			diags.Errorf(j.d.Pos[fmt.Sprintf("files[%d].path", j.t.Index)], fmt.Sprintf("files[%d].path", j.t.Index),
				"", "%v", errs[i])
			continue
		}
		opened[i].ID = j.t.ID
		data.Tables[j.d.ID+"/"+j.t.ID] = opened[i]
	}

	results, found := drawCharts(v, v.Charts, data, cache, keyOf)
	for i, c := range v.Charts {
		diags.Merge(found[i])
		if results[i] != nil {
			data.Charts[c.ID] = results[i]
		}
	}
	return data, nil
}

// drawCharts computes the charts from data's tables (keyOf names each table in the cache, which may be nil), on
// all cores: each chart's result (nil when it failed) and the problems found in drawing it.
func drawCharts(v *validate.Content, charts []*validate.Chart, data model.Data, cache *dataCache,
	keyOf map[*dataset.Table]string) (results []*chart.Result, found []diag.List) {
	results = make([]*chart.Result, len(charts))
	found = make([]diag.List, len(charts))
	work.Each(len(charts), func(i int) {
		c := charts[i]
		t := tableOf(v, data, string(c.Spec.Dataset), string(c.Spec.Table))
		if t == nil {
			return // the dataset or its file failed: already reported
		}
		var geo *chart.Geo
		var gt *dataset.Table
		if g := c.Spec.Map.Geo; g != "" {
			gt = tableOf(v, data, string(g), "")
			if gt == nil {
				return
			}
			if len(gt.Features) == 0 {
				found[i].Errorf(c.Pos["map.geo"], "map.geo", "name a dataset whose file is a GeoJSON FeatureCollection",
					"dataset %q holds no GeoJSON boundaries", g)
				return
			}
			geo = &chart.Geo{Columns: gt.Columns, Features: gt.Features}
		}
		key := cache.chartKey(c, v.Site.DefaultLanguage+","+strings.Join(otherLanguages(v.Site), ","), keyOf[t], keyOf[gt])
		if k, ok := cache.chart(key); ok {
			results[i], found[i] = k.result, k.diags
			return
		}
		defer func() { cache.keepChart(key, cachedChart{results[i], found[i]}) }()
		res, err := chart.Compute(chart.Spec{ID: c.ID, Chart: &c.Spec, File: c.File, Pos: c.Pos,
			Lang: v.Site.DefaultLanguage, Others: otherLanguages(v.Site)},
			chart.Data{Columns: t.Columns, Scan: t.Scan,
				Parse: func(col int, s string) dataset.Value { return t.Columns[col].Parse(s) }},
			geo, &found[i])
		if err != nil {
			found[i].Errorf(c.Pos[""], "", "", "chart %q: %v", c.ID, err)
			return
		}
		results[i] = res
	})
	return results, found
}

// tableOf finds the table a chart names: the dataset's file with id table, or its only (first) file.
func tableOf(v *validate.Content, data model.Data, datasetID, table string) *dataset.Table {
	for _, d := range v.Datasets {
		if d.ID != datasetID || len(d.Tables) == 0 {
			continue
		}
		if table == "" {
			table = d.Tables[0].ID
		}
		return data.Tables[d.ID+"/"+table]
	}
	return nil
}

// positions turns a document's field positions into a lookup that falls back to the document's start.
func positions(pos schema.Positions) func(string) diag.Pos {
	return func(field string) diag.Pos {
		if p, ok := pos[field]; ok {
			return p
		}
		return pos[""]
	}
}

// otherLanguages are the site's languages but the default.
func otherLanguages(s *schema.Site) []string {
	var out []string
	for _, l := range s.Languages {
		if l.Code != s.DefaultLanguage {
			out = append(out, l.Code)
		}
	}
	return out
}
