package schema_test

import (
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
)

// FuzzChartSpec decodes arbitrary YAML as a chart: it must never panic, and every problem must have a position.
func FuzzChartSpec(f *testing.F) {
	for _, s := range []string{
		"title: T\ndataset: d\ntype: bar\nencode: {x: a, y: [b, c]}\n",
		"title: {en: T, zh-hant: 圖}\ndataset: d\ntype: map\nmap: {geo: g, aliases: [{from: a, to: b}]}\nencode: {label: a, value: b}\n",
		"transform:\n  - filter: {column: a, in: [1, 2], min: '2024'}\n  - group: {by: a, aggregate: sum, columns: b}\n  - top: {column: a, by: b, n: 3, others: true}\n",
		"encode: {y: 3}\ntype: [bar]\n",
		"ref: a-chart\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { decode(t, src, &schema.Chart{}) })
}

// FuzzDatasetMeta decodes arbitrary YAML as a dataset.yaml.
func FuzzDatasetMeta(f *testing.F) {
	for _, s := range []string{
		"title: T\npublisher: P\nsource: {page: https://example.org/}\nlicence: {name: L}\nretrieved: 2024-01-02\nfiles:\n  - path: a.csv\n    header_row: 3\n    missing: ['-']\n    columns: [{name: a, type: date, format: dd/mm/yyyy, replace: [{value: Trace, with: '0'}]}]\n",
		"files: [{path: ../x.csv, encoding: big-5, format: xls}]\n",
		"retrieved: yesterday\nfrequency: hourly\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { decode(t, src, &schema.Dataset{}) })
}

func decode(t *testing.T, src []byte, v any) {
	n, err := load.ParseYAML(src, 1)
	if err != nil {
		return // a syntax error is reported by load, with its line
	}
	var diags diag.List
	start := diag.Pos{File: "x.yaml", Line: 1, Col: 1}
	schema.Decode(n, v, "x.yaml", start, nil, &diags)
	for _, d := range diags.Sorted() {
		if d.Pos.File != "x.yaml" || d.Pos.Line < 1 || d.Msg == "" {
			t.Fatalf("diagnostic without a position or message: %+v", d)
		}
	}
}
