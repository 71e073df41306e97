package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// bytesource hands out choices from fuzz input; when it runs out, every choice is 0.
type bytesource struct{ b []byte }

func (s *bytesource) n(k int) int {
	if k <= 0 || len(s.b) == 0 {
		return 0
	}
	v := int(s.b[0])
	s.b = s.b[1:]
	return v % k
}

func pick[T any](s *bytesource, list []T) T { return list[s.n(len(list))] }

var (
	fuzzNames  = []string{"a", "b", "Date", "x", "count", "", "Others"}
	fuzzTexts  = []string{"A", "B", "觀塘", "Kwun Tong", "</script>", "__f__", "=1+1", "", "Others"}
	fuzzValues = []string{"1", "-2.5", "2024", "2024-03", "2024-W53", "2024-Q5", "x", "", "1e400", "NaN", "0"}
	fuzzTypes  = append([]string{"bogus", ""}, chartTypes...)
	fuzzUnits  = []string{"day", "week", "month", "quarter", "year", "hour"}
)

// fuzzTable builds a table of up to 4 columns and 30 rows from the input.
func fuzzTable(s *bytesource) Data {
	c := make([]dataset.Column, 1+s.n(4))
	for i := range c {
		c[i] = dataset.Column{Name: pick(s, fuzzNames), Type: dataset.Type(s.n(4)), Grain: dataset.Grain(s.n(4))}
	}
	rows := make([][]dataset.Value, s.n(31))
	for r := range rows {
		rows[r] = make([]dataset.Value, len(c)-s.n(2)) // sometimes a short row
		for i := range rows[r] {
			v := dataset.Value{Missing: s.n(5) == 0}
			switch c[i].Type {
			case dataset.Integer, dataset.Decimal:
				v.Num = float64(s.n(256)-128) * []float64{1, 0.5, 1e300, math.SmallestNonzeroFloat64}[s.n(4)]
			case dataset.Date:
				v.Time = time.Unix(int64(s.n(256)-100)*[]int64{86400, 3600 * 24 * 365 * 50, 1}[s.n(3)], 0).UTC()
			default:
				v.Str = pick(s, fuzzTexts)
			}
			rows[r][i] = v
		}
	}
	return valuesTable(c, rows)
}

// fuzzSpec builds a chart spec from the input; it mostly names the table's columns and the encode fields the
// type uses, so that many specs are valid and reach the drawing code.
func fuzzSpec(s *bytesource, d Data) *schema.Chart {
	ch := &schema.Chart{Type: pick(s, fuzzTypes), Stack: s.n(2) == 0, Horizontal: s.n(2) == 0,
		MaxPoints: s.n(12) - 2, Map: schema.MapSpec{Geo: "g"}}
	var names []string
	for _, c := range d.Columns {
		names = append(names, c.Name)
	}
	name := func() string {
		if s.n(8) == 0 {
			return pick(s, fuzzNames)
		}
		return pick(s, names)
	}
	uses := encodeFields[ch.Type]
	field := func(i int) string {
		if uses[i] == unused && s.n(8) != 0 {
			return ""
		}
		return name()
	}
	ch.Encode = schema.Encode{X: field(0), Series: field(2), Value: field(3), Label: field(4)}
	if uses[2] == optional && s.n(2) == 0 {
		ch.Encode.Series = ""
	}
	if y := field(1); y != "" {
		ch.Encode.Y = append(ch.Encode.Y, y)
		if s.n(4) == 0 {
			ch.Encode.Y = append(ch.Encode.Y, name())
		}
	}
	for range s.n(4) {
		var t schema.Transform
		for range 1 + s.n(8)/7 {
			switch s.n(5) {
			case 0:
				t.Filter = schema.Filter{Column: name(), Equals: pick(s, fuzzValues)}
				if s.n(2) == 0 {
					t.Filter.Min, t.Filter.Max = pick(s, fuzzValues), pick(s, fuzzValues)
				}
				if s.n(2) == 0 {
					t.Filter.In = []string{pick(s, fuzzValues), pick(s, fuzzValues)}
					t.Filter.NotIn = []string{pick(s, fuzzTexts)}
				}
			case 1:
				t.Bucket = schema.Bucket{Column: name(), Unit: pick(s, fuzzUnits)}
			case 2:
				t.Group = schema.Group{By: []string{name()}, Aggregate: pick(s, append(aggregates, "avg")),
					Columns: []string{name()}}
				if t.Group.Aggregate == "count" {
					t.Group.Columns, t.Group.As = nil, pick(s, fuzzNames)
				}
				if s.n(2) == 0 {
					t.Group.By = append(t.Group.By, name())
				}
			case 3:
				t.Sort = schema.Sort{By: name(), Order: pick(s, []string{"", "asc", "desc", "up"})}
			case 4:
				t.Top = schema.Top{Column: name(), By: name(), N: s.n(5) - 1, Others: s.n(2) == 0}
			}
		}
		ch.Transform = append(ch.Transform, t)
	}
	if s.n(3) == 0 {
		ch.Map.Key = pick(s, fuzzNames)
		ch.Map.Aliases = []schema.Alias{{From: pick(s, fuzzTexts), To: pick(s, fuzzTexts)}}
	}
	return ch
}

var fuzzGeoms = []string{`{"type":"Point","coordinates":[1,2]}`, `{"type":"Polygon","coordinates":[[[1,2],[1,2],[1,2],[1,2]]]}`,
	`{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[1,2]]],[]]}`, `{"type":"GeometryCollection","geometries":[]}`,
	`null`, `{"type":"Polygon","coordinates":[[[1e999,2]]]}`, `{"type":"LineString","coordinates":[[],[1]]}`, ``, `[`}

func fuzzGeo(s *bytesource) *Geo {
	if s.n(4) == 0 {
		return nil
	}
	g := &Geo{Columns: []dataset.Column{{Name: pick(s, fuzzNames)}, {Name: "name", Type: dataset.Integer}}}
	for range s.n(6) {
		g.Features = append(g.Features, dataset.Feature{
			Props:    map[string]string{g.Columns[0].Name: pick(s, fuzzTexts), "name": pick(s, fuzzTexts)},
			Geometry: []byte(pick(s, fuzzGeoms))})
	}
	return g
}

// FuzzCompute runs random specs over random small tables: Compute must never panic, and any option it returns
// must be valid, escaped JSON without the function marker.
func FuzzCompute(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x03\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"))
	f.Add(bytes.Repeat([]byte{7, 3, 200, 1, 0, 45, 9, 2}, 40))
	f.Add(bytes.Repeat([]byte{2, 1, 1, 4, 0, 5}, 60))
	f.Fuzz(func(t *testing.T, in []byte) {
		s := &bytesource{b: in}
		d := fuzzTable(s)
		ch := fuzzSpec(s, d)
		geo := fuzzGeo(s)
		var diags diag.List
		res, err := Compute(Spec{ID: "fuzz", Chart: ch, File: "charts/fuzz.yaml"}, d, geo, &diags)
		if err != nil {
			t.Fatalf("Compute: %v", err)
		}
		if res == nil {
			if !diags.HasErrors(false) {
				t.Fatalf("no result and no error")
			}
			return
		}
		if diags.HasErrors(false) {
			t.Fatalf("a result despite errors: %v", diags.Sorted())
		}
		if !json.Valid(res.Option) || bytes.ContainsAny(res.Option, "<>") || bytes.Contains(res.Option, []byte(funcMarker)) {
			t.Fatalf("bad option: %s", res.Option)
		}
		if res.MapJSON != nil && !json.Valid(res.MapJSON) {
			t.Fatalf("bad map: %s", res.MapJSON)
		}
		for _, row := range res.Frame.Rows {
			for _, v := range row {
				if !v.Missing && (math.IsNaN(v.Num) || math.IsInf(v.Num, 0)) {
					t.Fatalf("a non-finite number in the frame: %v", row)
				}
			}
		}
		_ = fmt.Sprint(res.Summary)
	})
}
