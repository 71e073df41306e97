package chart

import (
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
)

// cols declares columns as "name:type" (type text, integer, decimal, date, month, datetime; default text).
func cols(specs ...string) []dataset.Column {
	out := make([]dataset.Column, len(specs))
	for i, s := range specs {
		name, typ, _ := strings.Cut(s, ":")
		c := dataset.Column{Name: name}
		switch typ {
		case "integer":
			c.Type = dataset.Integer
		case "decimal":
			c.Type = dataset.Decimal
		case "date":
			c.Type = dataset.Date
		case "month":
			c.Type, c.Grain = dataset.Date, dataset.Month
		case "datetime":
			c.Type, c.Grain = dataset.Date, dataset.DateTime
		}
		out[i] = c
	}
	return out
}

// cell reads s as a value of column c, the way a test table holds it: "" is missing.
func cell(c dataset.Column, s string) dataset.Value {
	if s == "" {
		return dataset.Value{Missing: true}
	}
	switch c.Type {
	case dataset.Integer, dataset.Decimal:
		x, ok := parseNumber(s)
		if !ok {
			return dataset.Value{Missing: true}
		}
		return dataset.Value{Num: x, Str: s}
	case dataset.Date:
		from, _, ok := parsePeriod(s)
		if !ok {
			return dataset.Value{Missing: true}
		}
		return dataset.Value{Time: from, Str: s}
	}
	return dataset.Value{Str: s}
}

// rowsOf makes Data from rows of text cells, read with the columns' types.
func rowsOf(columns []dataset.Column, rows ...[]string) Data {
	vals := make([][]dataset.Value, len(rows))
	for r, row := range rows {
		vals[r] = make([]dataset.Value, len(columns))
		for i := range columns {
			s := ""
			if i < len(row) {
				s = row[i]
			}
			vals[r][i] = cell(columns[i], s)
		}
	}
	return valuesTable(columns, vals)
}

// valuesTable makes Data from typed rows; Scan hands out one reused slice, as dataset does.
func valuesTable(columns []dataset.Column, rows [][]dataset.Value) Data {
	return Data{
		Columns: columns,
		Scan: func(fn func([]dataset.Value) error) error {
			buf := make([]dataset.Value, len(columns))
			for _, r := range rows {
				copy(buf, r)
				if err := fn(buf); err != nil {
					return err
				}
			}
			return nil
		},
		Parse: func(col int, s string) dataset.Value { return cell(columns[col], s) },
	}
}

// decodeSpec decodes a chart's YAML the way the site does, with positions in "charts/test.yaml".
func decodeSpec(t testing.TB, src string) Spec {
	t.Helper()
	n, err := load.ParseYAML([]byte(src), 1)
	if err != nil {
		t.Fatalf("yaml: %v", err)
	}
	var ch schema.Chart
	var diags diag.List
	file := "charts/test.yaml"
	pos := schema.Decode(n, &ch, file, diag.Pos{File: file, Line: 1}, nil, &diags)
	if diags.Len() > 0 {
		t.Fatalf("decode: %v", (&diag.Errors{Diagnostics: diags.Sorted()}).Error())
	}
	return Spec{ID: "test", Chart: &ch, File: file, Pos: pos}
}

// compute runs Compute and returns the result and the diagnostics as lines.
func compute(t testing.TB, src string, d Data, geo *Geo) (*Result, []string) {
	t.Helper()
	var diags diag.List
	res, err := Compute(decodeSpec(t, src), d, geo, &diags)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	var lines []string
	for _, d := range diags.Sorted() {
		lines = append(lines, d.String())
	}
	return res, lines
}

// mustCompute runs Compute and fails on any error diagnostic.
func mustCompute(t testing.TB, src string, d Data, geo *Geo) *Result {
	t.Helper()
	res, lines := compute(t, src, d, geo)
	for _, l := range lines {
		if !strings.Contains(l, "warning:") {
			t.Fatalf("unexpected diagnostics:\n%s", strings.Join(lines, "\n"))
		}
	}
	if res == nil {
		t.Fatalf("no result; diagnostics:\n%s", strings.Join(lines, "\n"))
	}
	return res
}

// values makes non-missing values.
func values(xs ...float64) []dataset.Value {
	out := make([]dataset.Value, len(xs))
	for i, x := range xs {
		out[i] = dataset.Value{Num: x}
	}
	return out
}
