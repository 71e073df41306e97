package validate

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
	"gopkg.in/yaml.v3"
)

// Dataset is a validated dataset.yaml.
type Dataset struct {
	ID     string
	File   string // display path of dataset.yaml
	Dir    string // "datasets/<id>", relative to the content root
	Meta   schema.Dataset
	Pos    schema.Positions
	Tables []Table
}

// Table is one snapshot file of a dataset.
type Table struct {
	ID     string // the file's id: its id field, or its name without extension, slugified
	Path   string // relative to the content root
	Format string // csv, tsv, json, geojson or xlsx
	Index  int    // its place in dataset.yaml's files (for field paths: files[Index])
}

// Chart is a validated chart: a file under content/charts/ or a ```chart block of an entry.
type Chart struct {
	ID     string
	File   string // display path of the chart's YAML, or of the Markdown file holding the block
	Spec   schema.Chart
	Pos    schema.Positions
	Inline bool // from a ```chart block
}

// Formats maps a snapshot file's extension to its default format.
var Formats = map[string]string{".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".json": "json",
	".geojson": "geojson", ".xlsx": "xlsx"}

// datasets decodes every dataset.yaml, and reports folders under datasets/ that have none.
func (v *validator) datasetDocs(terms *siteTerms) []*Dataset {
	var out []*Dataset
	for _, doc := range v.c.Datasets {
		d := &Dataset{ID: doc.Name, File: v.file(doc.Path), Dir: path.Dir(doc.Path)}
		start := diag.Pos{File: d.File, Line: 1, Col: 1}
		if !schema.ValidSlug(doc.Name) {
			v.diags.Errorf(start, "", slugHint(doc.Name),
				"the folder name %q is not a valid dataset id: use lower-case letters, digits and hyphens", doc.Name)
			continue
		}
		d.Pos = schema.Decode(doc.Node, &d.Meta, d.File, start, terms, v.diags)
		d.Tables = v.tables(d)
		out = append(out, d)
	}
	listed := map[string]bool{}
	for _, doc := range v.c.Datasets {
		listed[path.Dir(doc.Path)] = true
	}
	orphans := map[string]bool{}
	for f := range v.c.Files {
		parts := strings.Split(f, "/")
		if parts[0] == "datasets" && len(parts) >= 3 && !listed[parts[0]+"/"+parts[1]] {
			orphans[parts[0]+"/"+parts[1]] = true
		}
	}
	for _, dir := range sortedSet(orphans) {
		v.diags.Errorf(diag.Pos{File: v.file(dir)}, "", "describe the data in "+v.file(dir+"/dataset.yaml")+
			"; see docs/datasets.md", "dataset folder has no dataset.yaml")
	}
	return out
}

// tables resolves a dataset's files: each must lie in the dataset's folder and exist, with a known format and a
// unique id.
func (v *validator) tables(d *Dataset) []Table {
	var out []Table
	seen := map[string]string{}
	for i, f := range d.Meta.Files {
		field := fmt.Sprintf("files[%d]", i)
		if f.Path == "" {
			continue // reported by the decoder
		}
		p := string(f.Path)
		if strings.HasPrefix(p, "/") || strings.Contains(p, "/") {
			v.diags.Errorf(v.at(d.Pos, field+".path"), field+".path", "put the file beside dataset.yaml",
				"%q is not a file in the dataset's folder", p)
			continue
		}
		full := d.Dir + "/" + p
		if _, ok := v.c.Files[full]; !ok {
			v.diags.Errorf(v.at(d.Pos, field+".path"), field+".path", v.nearbyFile(full),
				"file %q not found (looked for %s)", p, v.file(full))
			continue
		}
		format := f.Format
		if format == "" {
			format = Formats[strings.ToLower(path.Ext(p))]
		}
		if format == "" {
			v.diags.Errorf(v.at(d.Pos, field+".path"), field+".format", "add format: csv, tsv, json, geojson or xlsx",
				"cannot tell the format of %q from its extension", p)
			continue
		}
		id := string(f.ID)
		if id == "" {
			id = schema.Slugify(strings.TrimSuffix(p, path.Ext(p)))
		}
		if id == "" {
			v.diags.Errorf(v.at(d.Pos, field+".path"), field+".id", "add an id: for this file",
				"the file name %q gives no id", p)
			continue
		}
		if other, dup := seen[id]; dup {
			v.diags.Errorf(v.at(d.Pos, field+".path"), field+".id", "give each file its own id",
				"table id %q is also the id of %s", id, other)
			continue
		}
		seen[id] = p
		out = append(out, Table{ID: id, Path: full, Format: format, Index: i})
	}
	return out
}

// chartDocs decodes the charts under content/charts/.
func (v *validator) chartDocs(terms *siteTerms) []*Chart {
	var out []*Chart
	for _, doc := range v.c.Charts {
		c := &Chart{ID: doc.Name, File: v.file(doc.Path)}
		start := diag.Pos{File: c.File, Line: 1, Col: 1}
		if !schema.ValidSlug(doc.Name) {
			v.diags.Errorf(start, "", slugHint(doc.Name),
				"the file name %q is not a valid chart id: use lower-case letters, digits and hyphens", doc.Name)
			continue
		}
		c.Pos = schema.Decode(doc.Node, &c.Spec, c.File, start, terms, v.diags)
		out = append(out, c)
	}
	return out
}

// inlineCharts decodes the ```chart blocks of an entry's body. It returns the chart id each block shows, in
// order ("" for a block that is not valid), and the full charts written inline.
func (v *validator) inlineCharts(e *load.Entry, slug string, terms *siteTerms) (ids []string, charts []*Chart) {
	file := v.file(e.Path)
	for i, f := range markdown.ChartFences(e.Body, e.BodyLine) {
		at := diag.Pos{File: file, Line: f.Line, Col: 1}
		n, err := load.ParseYAML(f.Source, f.Line)
		switch {
		case err != nil:
			var se *load.SyntaxError
			if errors.As(err, &se) {
				at = diag.Pos{File: file, Line: se.Line}
				err = errors.New(se.Msg)
			}
			v.diags.Errorf(at, "", "", "chart block: %v", err)
			ids = append(ids, "")
			continue
		case n == nil:
			v.diags.Errorf(at, "", "write ref: <chart id>, or a whole chart; see docs/charts.md",
				"chart block is empty")
			ids = append(ids, "")
			continue
		case n.Kind == yaml.ScalarNode:
			n = &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column,
				Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "ref", Line: n.Line, Column: n.Column}, n}}
		}
		if hasKey(n, "ref") {
			var ref schema.ChartRef
			pos := schema.Decode(n, &ref, file, at, terms, v.diags)
			ids = append(ids, string(ref.Ref))
			if ref.Ref != "" {
				v.refs = append(v.refs, chartRef{id: string(ref.Ref), at: v.at(pos, "ref")})
			}
			continue
		}
		c := &Chart{ID: fmt.Sprintf("%s-%d", slug, i+1), File: file, Inline: true}
		if slug == "" {
			c.ID = ""
		}
		c.Pos = schema.Decode(n, &c.Spec, file, at, terms, v.diags)
		ids = append(ids, c.ID)
		if c.ID != "" {
			charts = append(charts, c)
		}
	}
	return ids, charts
}

type chartRef struct {
	id string
	at diag.Pos
}

func hasKey(n *yaml.Node, key string) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// checkCharts applies the rules between charts and datasets: ids unique, datasets and tables and map boundaries
// that exist, references to declared charts.
func (v *validator) checkCharts(out *Content) {
	byDataset := map[string]*Dataset{}
	var ids []string
	for _, d := range out.Datasets {
		byDataset[d.ID] = d
		ids = append(ids, d.ID)
	}
	where := map[string]string{}
	declared := []string{}
	for _, c := range out.Charts {
		if other, dup := where[c.ID]; dup {
			v.diags.Errorf(c.Pos[""], "", "give each chart its own id", "chart id %q is also used by %s", c.ID, other)
			continue
		}
		where[c.ID] = c.File
		if !c.Inline {
			declared = append(declared, c.ID)
		}
		v.chartDataset(c, byDataset, ids)
	}
	v.checkRefs(declared)
}

// checkRefs reports the ```chart blocks' refs to charts that are not among the declared ones.
func (v *validator) checkRefs(declared []string) {
	sort.Strings(declared)
	for _, r := range v.refs {
		if !slices.Contains(declared, r.id) {
			v.diags.Errorf(r.at, "ref", diag.Suggest(r.id, declared),
				"chart %q does not exist (no content/charts/%s.yaml)", r.id, r.id)
		}
	}
}

func (v *validator) chartDataset(c *Chart, byDataset map[string]*Dataset, ids []string) {
	s := &c.Spec
	if s.Dataset != "" {
		d, ok := byDataset[string(s.Dataset)]
		switch {
		case !ok:
			v.diags.Errorf(v.at(c.Pos, "dataset"), "dataset", datasetHint(string(s.Dataset), ids),
				"dataset %q does not exist (no content/datasets/%s/dataset.yaml)", s.Dataset, s.Dataset)
		case s.Table == "" && len(d.Tables) > 1:
			v.diags.Errorf(v.at(c.Pos, "dataset"), "table", "add table: one of "+strings.Join(tableIDs(d), ", "),
				"dataset %q has %d files: say which one", s.Dataset, len(d.Tables))
		case s.Table != "" && !slices.Contains(tableIDs(d), string(s.Table)):
			v.diags.Errorf(v.at(c.Pos, "table"), "table", hintOr(diag.Suggest(string(s.Table), tableIDs(d)),
				"one of: "+strings.Join(tableIDs(d), ", ")), "dataset %q has no file with id %q", s.Dataset, s.Table)
		}
	}
	if s.Type == "map" && s.Map.Geo == "" {
		if _, given := c.Pos["map"]; !given {
			v.diags.Errorf(v.at(c.Pos, "type"), "map.geo", "add map: {geo: <id of a GeoJSON dataset>}",
				"a map chart needs boundaries")
		}
	}
	if s.Map.Geo != "" {
		g, ok := byDataset[string(s.Map.Geo)]
		switch {
		case !ok:
			v.diags.Errorf(v.at(c.Pos, "map.geo"), "map.geo", datasetHint(string(s.Map.Geo), ids),
				"dataset %q does not exist (no content/datasets/%s/dataset.yaml)", s.Map.Geo, s.Map.Geo)
		case len(g.Tables) == 0 || g.Tables[0].Format != "geojson" && g.Tables[0].Format != "json":
			v.diags.Errorf(v.at(c.Pos, "map.geo"), "map.geo", "name a dataset whose file is GeoJSON",
				"dataset %q holds no GeoJSON boundaries", s.Map.Geo)
		}
	}
}

// datasetHint suggests the dataset id closest to id, or lists the ids when there are few.
func datasetHint(id string, ids []string) string {
	if h := diag.Suggest(id, ids); h != "" || len(ids) == 0 || len(ids) > 12 {
		return h
	}
	return "the datasets are: " + strings.Join(ids, ", ")
}

func tableIDs(d *Dataset) []string {
	out := make([]string, len(d.Tables))
	for i, t := range d.Tables {
		out[i] = t.ID
	}
	return out
}

func hintOr(h, alt string) string {
	if h != "" {
		return h
	}
	return alt
}

func slugHint(s string) string {
	if g := schema.Slugify(s); g != "" && g != s {
		return fmt.Sprintf("rename it to %q", g)
	}
	return ""
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
