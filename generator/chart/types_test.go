package chart

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
)

// at walks a decoded JSON value along a dotted path of keys and indices: "series.0.type".
func at(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func decodeOption(t *testing.T, b []byte) map[string]any {
	t.Helper()
	if !json.Valid(b) {
		t.Fatalf("option is not valid JSON: %s", b)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// sample is a small table of daily values in three districts over two months of 2024.
func sample() Data {
	c := cols("Date:date", "District", "Category", "Value:decimal", "Count:integer")
	var rows [][]string
	districts := []string{"Kwun Tong", "Sha Tin", "Wan Chai"}
	for d := 1; d <= 40; d++ {
		day := fmt.Sprintf("2024-%02d-%02d", 1+(d-1)/31, 1+(d-1)%31)
		for i, dist := range districts {
			rows = append(rows, []string{day, dist, []string{"a", "b"}[d%2], strconv.Itoa(d*(i+1)) + ".5",
				strconv.Itoa(d + i)})
		}
	}
	return rowsOf(c, rows...)
}

const head = "title: t\ndataset: x\n"

// chartCases are one spec per chart type (and variant), shared by the option checks and the golden files.
var chartCases = []struct {
	name, spec string
	check      func(t *testing.T, m map[string]any, res *Result)
}{
	{"line-multi", head + `type: line
transform:
  - bucket: {column: Date, unit: month}
  - group: {by: [Date, District], aggregate: sum, columns: [Value]}
encode: {x: Date, y: Value, series: District}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.type"), "line")
		eq(t, len(at(m, "series").([]any)), 3)
		eq(t, len(at(m, "series.0.data").([]any)), 2)
		eq(t, at(m, "xAxis.0.type"), "category")
		eq(t, at(m, "tooltip.trigger"), "axis")
		eq(t, at(m, "legend.show"), true)
	}},
	{"line-time", head + `type: line
transform:
  - filter: {column: District, equals: Sha Tin}
encode: {x: Date, y: Value}
unit: mm
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "xAxis.0.type"), "time")
		eq(t, at(m, "useUTC"), true)
		eq(t, len(at(m, "series.0.data").([]any)), 40)
		eq(t, at(m, "series.0.data.0.0"), 1704067200000.0) // 2024-01-01 in ms
		eq(t, at(m, "yAxis.0.name"), "Value (mm)")
	}},
	{"area-stacked", head + `type: area
stack: true
transform:
  - bucket: {column: Date, unit: week}
  - group: {by: [Date], aggregate: mean, columns: [Value, Count]}
encode: {x: Date, y: [Value, Count]}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.1.stack"), "total")
		if at(m, "series.0.areaStyle") == nil {
			t.Error("no areaStyle")
		}
		eq(t, at(m, "series.1.name"), "Count")
		eq(t, at(m, "xAxis.0.data.0"), "2024-W01")
	}},
	{"bar-grouped", head + `type: bar
transform:
  - group: {by: [District, Category], aggregate: count}
encode: {x: District, y: count, series: Category}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.type"), "bar")
		eq(t, at(m, "series.0.stack"), nil)
		eq(t, at(m, "xAxis.0.data.2"), "Wan Chai")
		eq(t, at(m, "series.1.data.0"), 20.0)
	}},
	{"bar-stacked-horizontal", head + `type: bar
stack: true
horizontal: true
transform:
  - group: {by: [District, Category], aggregate: sum, columns: [Count]}
  - sort: {by: Count, order: desc}
encode: {x: District, y: Count, series: Category}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.stack"), "total")
		eq(t, at(m, "xAxis.0.type"), "value")
		eq(t, at(m, "yAxis.0.type"), "category")
		eq(t, at(m, "yAxis.0.inverse"), true)
		eq(t, len(at(m, "yAxis.0.data").([]any)), 3)
		eq(t, at(m, "xAxis.0.data"), nil)
	}},
	{"pie", head + `type: pie
transform:
  - group: {by: [District], aggregate: sum, columns: [Count]}
encode: {label: District, value: Count}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.type"), "pie")
		eq(t, at(m, "series.0.radius"), "70%")
		eq(t, at(m, "series.0.data.0.name"), "Kwun Tong")
		eq(t, len(at(m, "series.0.data").([]any)), 3)
		eq(t, at(m, "tooltip.trigger"), "item")
		eq(t, res.Summary.HasTotal, true)
	}},
	{"donut-top", head + `type: donut
transform:
  - group: {by: [District], aggregate: sum, columns: [Count]}
  - top: {column: District, by: Count, n: 1, others: true}
encode: {label: District, value: Count}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.radius.0"), "40%")
		eq(t, at(m, "series.0.radius.1"), "70%")
		eq(t, at(m, "series.0.data.0.name"), "Wan Chai")
		eq(t, at(m, "series.0.data.1.name"), "Others")
	}},
	{"scatter", head + `type: scatter
encode: {x: Count, y: Value, series: District, label: Date}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.type"), "scatter")
		eq(t, len(at(m, "series").([]any)), 3)
		eq(t, at(m, "series.0.data.0.value.0"), 1.0)
		eq(t, at(m, "series.0.data.0.name"), "2024-01-01")
		eq(t, at(m, "xAxis.0.type"), "value")
	}},
	{"heatmap", head + `type: heatmap
transform:
  - group: {by: [District, Category], aggregate: max, columns: [Value]}
encode: {x: District, y: Category, value: Value}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "series.0.type"), "heatmap")
		eq(t, len(at(m, "series.0.data").([]any)), 6)
		eq(t, at(m, "visualMap.0.min"), 39.5)
		eq(t, at(m, "visualMap.0.max"), 120.5)
		eq(t, at(m, "yAxis.0.data.0"), "b")
		eq(t, at(m, "xAxis.0.data.0"), "Kwun Tong") // the x categories, not 0, 1, 2
		eq(t, len(at(m, "xAxis.0.data").([]any)), 3)
	}},
	{"calendar", head + `type: calendar
transform:
  - filter: {column: District, equals: Kwun Tong}
encode: {x: Date, value: Count}
`, func(t *testing.T, m map[string]any, res *Result) {
		eq(t, at(m, "calendar.0.range.0"), "2024-01-01")
		eq(t, at(m, "calendar.0.range.1"), "2024-02-29")
		eq(t, at(m, "series.0.coordinateSystem"), "calendar")
		eq(t, at(m, "series.0.data.0.0"), "2024-01-01")
		eq(t, at(m, "visualMap.0.min"), 1.0)
		eq(t, at(m, "visualMap.0.max"), 40.0)
		eq(t, at(m, "xAxis"), nil)
	}},
}

func eq(t *testing.T, got, want any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v (%T), want %v", got, got, want)
	}
}

func TestChartTypes(t *testing.T) {
	for _, tc := range chartCases {
		t.Run(tc.name, func(t *testing.T) {
			res := mustCompute(t, tc.spec, sample(), nil)
			m := decodeOption(t, res.Option)
			for _, k := range []string{"title", "toolbox", "color", "aria"} {
				if _, ok := m[k]; ok {
					t.Errorf("option has %q", k)
				}
			}
			tc.check(t, m, res)
			if len(res.CSV) == 0 || res.Height < 200 {
				t.Errorf("CSV %d bytes, height %d", len(res.CSV), res.Height)
			}
		})
	}
}

func TestLongCategoryAxisIsThinnedByIndex(t *testing.T) {
	var rows [][]string
	for i := range 2000 {
		rows = append(rows, []string{strconv.Itoa(1000 + i), strconv.Itoa(i % 13)})
	}
	res := mustCompute(t, head+"type: line\nmax_points: 100\nencode: {x: Year, y: V}\n",
		rowsOf(cols("Year:integer", "V:integer"), rows...), nil)
	m := decodeOption(t, res.Option)
	eq(t, at(m, "xAxis.0.type"), "category")
	eq(t, len(at(m, "xAxis.0.data").([]any)), 2000)
	data := at(m, "series.0.data").([]any)
	if len(data) < 100 || len(data) > 101 || at(m, "series.0.data.0.0") != 0.0 || at(m, "series.0.data.99.0") == nil {
		t.Errorf("%d points: %v …", len(data), data[:3])
	}
	if !res.Downsampled || res.PointsIn != 2000 {
		t.Errorf("downsampled %v %d", res.Downsampled, res.PointsIn)
	}
	// decimals lie on a value axis
	res = mustCompute(t, head+"type: line\nencode: {x: X, y: V}\n",
		rowsOf(cols("X:decimal", "V:integer"), []string{"2.5", "1"}, []string{"0.5", "2"}), nil)
	m = decodeOption(t, res.Option)
	eq(t, at(m, "xAxis.0.type"), "value")
	eq(t, at(m, "series.0.data.0.0"), 0.5)
}

func TestConcurrentCompute(t *testing.T) {
	d := sample()
	done := make(chan []byte)
	for _, tc := range chartCases {
		spec := decodeSpec(t, tc.spec)
		go func() {
			var diags diag.List
			res, err := Compute(spec, d, nil, &diags)
			if err != nil || res == nil {
				done <- nil
				return
			}
			done <- res.Option
		}()
	}
	for range chartCases {
		if b := <-done; !json.Valid(b) {
			t.Error("no option, or an invalid one")
		}
	}
}

// TestAlignAxisName: a vertical axis' name at its end starts at the axis line; a name placed elsewhere, an axis
// without a name and an alignment given are left alone.
func TestAlignAxisName(t *testing.T) {
	for _, tc := range []struct{ axis, want string }{
		{`{"name":"Passengers"}`, `{"name":"Passengers","nameTextStyle":{"align":"left"}}`},
		{`[{"name":"a","nameLocation":"end"},{"name":"b"}]`,
			`[{"name":"a","nameLocation":"end","nameTextStyle":{"align":"left"}},{"name":"b","nameTextStyle":{"align":"left"}}]`},
		{`{"name":"x","nameLocation":"middle"}`, `{"name":"x","nameLocation":"middle"}`},
		{`{"inverse":true,"name":"top","nameLocation":"start"}`,
			`{"inverse":true,"name":"top","nameLocation":"start","nameTextStyle":{"align":"left"}}`},
		{`{"inverse":true,"name":"bottom"}`, `{"inverse":true,"name":"bottom"}`},
		{`{"name":"bottom","nameLocation":"start"}`, `{"name":"bottom","nameLocation":"start"}`},
		{`{"name":"","type":"value"}`, `{"name":"","type":"value"}`},
		{`{"name":"y","nameTextStyle":{"align":"right","fontSize":12}}`,
			`{"name":"y","nameTextStyle":{"align":"right","fontSize":12}}`},
		{`null`, `null`},
	} {
		var axis any
		if err := json.Unmarshal([]byte(tc.axis), &axis); err != nil {
			t.Fatal(err)
		}
		alignAxisName(axis)
		got, _ := json.Marshal(axis)
		if string(got) != tc.want {
			t.Errorf("%s → %s, want %s", tc.axis, got, tc.want)
		}
	}
}

func TestAxisName(t *testing.T) {
	for _, tc := range []struct{ title, unit, want string }{
		{"Rainfall", "mm", "Rainfall (mm)"},
		{"Passenger trips", "passenger trips", "Passenger trips"},
		{"Stations", "stations", "Stations"},
		{"Length (km)", "km", "Length (km)"},
		{"Amount", "m", "Amount (m)"}, // a word, not letters inside one
		{"Trips", "passenger trips", "Trips (passenger trips)"},
		{"", "km", "km"},
		{"Rainfall", "", "Rainfall"},
		{"人口", "人", "人口 (人)"},
	} {
		if got := axisName(tc.title, tc.unit); got != tc.want {
			t.Errorf("axisName(%q, %q) = %q, want %q", tc.title, tc.unit, got, tc.want)
		}
	}
}
