package dataset

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/schema"
)

const jsonFile = "content/datasets/x/data.json"

func TestJSON(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		file   schema.DataFile
		format string
		cols   string
		rows   [][]string
		diags  []string
	}{{
		name: "an array of records",
		text: `[
 {"Report_Year": "1990", "Total": 36300, "Per_capita": 6.37, "ok": true},
 {"Report_Year": "1991", "Total": 39800, "Per_capita": null, "ok": false}
]	`,
		cols: "Report_Year integer, Total integer, Per_capita decimal, ok text",
		rows: [][]string{{"1990", "36300", "6.37", "true"}, {"1991", "39800", "∅", "false"}},
	}, {
		name: "nested objects and arrays",
		text: `[{"name": "a", "parent": {"adcode": 310000, "deep": {"x": 1}}, "center": [121.49, 31.22]},
{"name": "b", "parent": {}, "center": []}]`,
		cols: "name text, parent.adcode integer, parent.deep.x integer, center text",
		rows: [][]string{{"a", "310000", "1", "[121.49,31.22]"}, {"b", "∅", "∅", "[]"}},
	}, {
		name: "keys first seen in later records",
		text: `[{"a": 1}, {"a": 2, "b": "x"}, {"b": "y"}]`,
		cols: "a integer, b text",
		rows: [][]string{{"1", "∅"}, {"2", "x"}, {"∅", "y"}},
	}, {
		name: "records at a dotted path",
		text: `{"help": "…", "result": {"total": 2, "fields": [{"id": "a"}], "records": [{"a": 1}, {"a": 2}]}}`,
		file: schema.DataFile{Records: "result.records"},
		cols: "a integer",
		rows: [][]string{{"1"}, {"2"}},
	}, {
		name: "a records path that is not in the file",
		text: `{"result": {"records": []}}`,
		file: schema.DataFile{Records: "result.recods"},
		diags: []string{yamlFile + `:7: files[0].records: data.json: no "recods" in result of the file ` +
			`(keys: records) (did you mean "records"?)`},
	}, {
		name:  "a records path to an object",
		text:  `{"result": {"records": {}}}`,
		file:  schema.DataFile{Records: "result.records"},
		diags: []string{yamlFile + `:7: files[0].records: data.json: "result.records" in the file is not a list`},
	}, {
		name: "a response without records:",
		text: "{\"success\": true,\n \"result\": {\"records\": [{\"a\": 1}], \"fields\": [\"a\"]}}",
		diags: []string{jsonFile + `:1: the file is an object, not a list of records ` +
			`(add records: result.records (the lists in the file: result.records, result.fields))`},
	}, {
		name: "records that are not objects",
		text: "[{\"a\": 1},\n 2,\n [3]]",
		file: schema.DataFile{OnError: "skip"},
		cols: "a integer",
		rows: [][]string{{"1"}},
		diags: []string{jsonFile + `:2: warning: skipped 2 rows that do not fit the table: lines 2–3; the first: ` +
			`the record is a number, not an object`},
	}, {
		name:  "invalid JSON",
		text:  "[{\"a\": 1},\n{\"a\": 2,}]",
		cols:  "a integer",
		rows:  [][]string{{"1"}},
		diags: []string{jsonFile + `:2: invalid JSON: invalid character '}' looking for beginning of object key string`},
	}, {
		name:  "JSON that ends too early",
		text:  "[{\"a\": 1},\n{\"a\"",
		cols:  "a integer",
		rows:  [][]string{{"1"}},
		diags: []string{jsonFile + `:2: invalid JSON: the file ends too early`},
	}, {
		name:  "not a list",
		text:  `"hello"`,
		diags: []string{jsonFile + `:1: expected a list of records, or an object holding one`},
	}, {
		name:  "an empty file",
		text:  ``,
		diags: []string{jsonFile + `:1: invalid JSON: the file ends too early`},
	}, {
		name:   "a FeatureCollection in a .json file",
		text:   `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "A", "parent": {"adcode": 1}}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}`,
		format: "geojson",
		cols:   "name text, parent.adcode integer",
		rows:   [][]string{{"A", "1"}},
	}, {
		name:  "missing values and a declared type in JSON",
		text:  `[{"v": "1.5"}, {"v": "N/A"}, {"v": "x"}]`,
		file:  schema.DataFile{Columns: []schema.Column{{Name: "v", Type: "decimal"}}},
		cols:  "v decimal",
		rows:  [][]string{{"1.5"}, {"∅"}},
		diags: []string{jsonFile + `:1: column "v": "x" is not a number (` + skipHint + `)`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.file.Path = "data.json"
			tbl, diags := openOne(t, tt.text, tt.file)
			checkDiags(t, diags, tt.diags)
			if got := columns(tbl); got != tt.cols {
				t.Errorf("columns %q; want %q", got, tt.cols)
			}
			want := tt.format
			if want == "" {
				want = "json"
			}
			if tbl.Format != want {
				t.Errorf("format %q; want %q", tbl.Format, want)
			}
			if rows := scanAll(t, tbl); fmt.Sprint(rows) != fmt.Sprint(tt.rows) {
				t.Errorf("rows %q; want %q", rows, tt.rows)
			}
		})
	}
}

func TestGeoJSON(t *testing.T) {
	text := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"地區": "中西區", "code": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[114.1,22.2],[114.2,22.2],[114.1,22.3],[114.1,22.2]]]}},
{"type": "Feature", "properties": null, "geometry": {"type": "Point", "coordinates": [114, 22]}},
{"type": "Feature", "properties": {"地區": "灣仔", "code": "B", "extra": 1}, "geometry": null},
{"type": "Polygon", "coordinates": []}
]}`
	tbl, diags := openOne(t, text, schema.DataFile{Path: "map.geojson", OnError: "skip"})
	checkDiags(t, diags, []string{`content/datasets/x/map.geojson:5: warning: skipped 1 row that does not fit ` +
		`the table: line 5; the first: not a GeoJSON Feature`})
	if got := columns(tbl); got != "地區 text, code text, extra integer" {
		t.Errorf("columns %q", got)
	}
	if rows := scanAll(t, tbl); fmt.Sprint(rows) != "[[中西區 A ∅] [灣仔 B 1]]" {
		t.Errorf("rows %q", rows)
	}
	if len(tbl.Features) != 3 {
		t.Fatalf("%d features", len(tbl.Features))
	}
	f := tbl.Features[0]
	if f.Props["地區"] != "中西區" || !strings.HasPrefix(string(f.Geometry), `{"type": "Polygon"`) {
		t.Errorf("feature 0: %v %s", f.Props, f.Geometry)
	}
	if len(tbl.Features[1].Props) != 0 || string(tbl.Features[2].Geometry) != "null" {
		t.Errorf("features 1, 2: %+v", tbl.Features[1:])
	}

	_, diags = openOne(t, `[{"a": 1}]`, schema.DataFile{Path: "map.geojson"})
	checkDiags(t, diags, []string{`content/datasets/x/map.geojson:1: a GeoJSON file is an object with ` +
		`"type": "FeatureCollection", not a list`})
	_, diags = openOne(t, `{"type": "Feature"}`, schema.DataFile{Path: "map.geojson"})
	checkDiags(t, diags, []string{`content/datasets/x/map.geojson:1: no "features": a GeoJSON file is a ` +
		`FeatureCollection`})
}

// TestJSONRecordLimit checks that a record over maxRecord stops reading instead of filling memory.
func TestJSONRecordLimit(t *testing.T) {
	big := `[{"a": 1}, {"a": "` + strings.Repeat("x", maxRecord+100<<10) + `"}, {"a": 3}]`
	tbl, diags := openOne(t, big, schema.DataFile{Path: "data.json"})
	checkDiags(t, diags, []string{jsonFile + `:1: a record larger than 4 MiB`})
	if tbl.Rows != 1 || len(scanAll(t, tbl)) != 1 {
		t.Errorf("rows %d", tbl.Rows)
	}
}

// TestJSONManyLines reads a JSON file of many short records on many lines: finding each record's line must take
// constant time, not time proportional to the lines read ahead.
func TestJSONManyLines(t *testing.T) {
	text := "[" + strings.Repeat("{\"a\": 1},\n\n", 200000) + "{\"a\": 2}]"
	tbl, diags := openOne(t, text, schema.DataFile{Path: "data.json"})
	checkDiags(t, diags, nil)
	if tbl.Rows != 200001 {
		t.Errorf("%d rows", tbl.Rows)
	}
	text = "[" + strings.Repeat("1,\n", 100000) + "1]"
	tbl, diags = openOne(t, text, schema.DataFile{Path: "data.json", OnError: "skip"})
	checkDiags(t, diags, []string{jsonFile + ":1: warning: skipped 100001 rows that do not fit the table: " +
		"lines 1–100001; the first: the record is a number, not an object"})
}

func TestJSONDeepNesting(t *testing.T) {
	text := `{"other": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `, "records": [{"a": 1}]}`
	_, diags := openOne(t, text, schema.DataFile{Path: "data.json", Records: "records"})
	checkDiags(t, diags, []string{jsonFile + ":1: JSON nested deeper than 10000 levels"})
	text = `[{"a": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}]`
	_, diags = openOne(t, text, schema.DataFile{Path: "data.json"})
	checkDiags(t, diags, []string{jsonFile + ":1: invalid JSON: invalid character '[' exceeded max depth"})
}
