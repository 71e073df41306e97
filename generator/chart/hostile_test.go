package chart

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/dataset"
)

var hostile = []string{
	"</script><script>alert(1)</script>",
	`"quotes"`,
	"<img src=x onerror=alert(1)>",
	"__f__function(){alert(1)}__f__",
	"___f__f__ & <!--",
}

// TestHostileLabels puts script, markup, quotes and go-echarts' function marker into categories, series names,
// column names and slices: the option must stay valid JSON with no "<" and no marker.
func TestHostileLabels(t *testing.T) {
	var rows [][]string
	for i, h := range hostile {
		rows = append(rows, []string{h, hostile[(i+1)%len(hostile)], "1"})
	}
	c := cols("Cat", "Ser", "V:integer")
	c[2].Label = map[string]string{"": "<b>__f__x__f__</b>"}
	c[2].Unit = map[string]string{"": "</script>"}
	d := rowsOf(c, rows...)
	specs := map[string]string{
		"bar":     "type: bar\nencode: {x: Cat, y: V, series: Ser}\n",
		"line":    "type: line\nencode: {x: Cat, y: V}\n",
		"pie":     "type: pie\nencode: {label: Cat, value: V}\n",
		"scatter": "type: scatter\nencode: {x: V, y: V, series: Ser, label: Cat}\n",
		"heatmap": "type: heatmap\nencode: {x: Cat, y: Ser, value: V}\n",
		"map":     "type: map\nmap: {geo: g}\nencode: {label: Cat, value: V}\n",
	}
	geo := &Geo{Columns: cols("name")}
	for _, h := range hostile {
		geo.Features = append(geo.Features, dataset.Feature{Props: map[string]string{"name": h},
			Geometry: []byte(`{"type":"Point","coordinates":[114.1,22.3]}`)})
	}
	for name, s := range specs {
		t.Run(name, func(t *testing.T) {
			res := mustCompute(t, head+s, d, geo)
			for what, b := range map[string][]byte{"option": res.Option, "map": res.MapJSON} {
				if len(b) == 0 {
					continue
				}
				if !json.Valid(b) {
					t.Errorf("%s is not valid JSON", what)
				}
				for _, bad := range []string{"<", ">", "__f__"} {
					if bytes.Contains(b, []byte(bad)) {
						t.Errorf("%s contains %q: %s", what, bad, b)
					}
				}
			}
			if !bytes.Contains(res.Option, []byte(`\u003c/script\u003e`)) {
				t.Errorf("the label is not in the option, escaped: %s", res.Option)
			}
			if !bytes.Contains(res.Option, []byte(`_ _f_ _function(){alert(1)}_ _f_ _`)) && name != "line" {
				t.Errorf("the marker is not defused in: %s", res.Option)
			}
		})
	}
}

func TestDefuse(t *testing.T) {
	for _, s := range []string{"__f__", "___f__f__", "____f____f____", "__f____f__", "a__f__b__f__c"} {
		if got := defuse(s); strings.Contains(got, funcMarker) {
			t.Errorf("defuse(%q) = %q", s, got)
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	f := &Frame{Columns: []Column{{Name: "=Name"}, {Name: "Value", Type: dataset.Decimal}},
		Rows: [][]dataset.Value{
			{{Str: "=cmd|' /C calc'!A0"}, {Num: -12.5}},
			{{Str: "+1+1"}, {Num: 1e21}},
			{{Str: "@SUM(1)"}, {Missing: true}},
			{{Str: "-1"}, {Num: 0.1}},
			{{Str: "\tx"}, {Num: 3}},
			{{Str: "\"觀塘\", 中西區"}, {Num: 1234567}},
		}}
	b := f.CSV()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Error("no byte-order mark")
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("no CRLF line ends")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"'=Name", "Value"},
		{"'=cmd|' /C calc'!A0", "-12.5"},
		{"'+1+1", "1000000000000000000000"},
		{"'@SUM(1)", ""},
		{"-1", "0.1"},
		{"'\tx", "3"},
		{"\"觀塘\", 中西區", "1234567"},
	}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("row %d col %d: %q, want %q", i, j, recs[i][j], want[i][j])
			}
		}
	}
	for _, s := range []string{"1", "-1.5", "+2", "1e5", "-.5", "3.e-2"} {
		if !plainNumber(s) {
			t.Errorf("%q is a plain number", s)
		}
	}
	for _, s := range []string{"-", "+", "-Inf", "NaN", "1e", "--1", "1-1", "-1,000", ""} {
		if plainNumber(s) {
			t.Errorf("%q is not a plain number", s)
		}
	}
}
