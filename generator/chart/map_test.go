package chart

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// hkTraditional are the 18 districts as HAD's boundaries name them in the property 地區.
var hkTraditional = []string{"中西區", "灣仔", "東區", "南區", "油尖旺", "深水埗", "九龍城", "黃大仙", "觀塘", "荃灣", "屯門",
	"元朗", "北區", "大埔", "西貢", "沙田", "葵青", "離島"}

// hkEnglish are the same districts as data often spells them.
var hkEnglish = []string{"Central & Western", "Wan Chai", "Eastern District", "Southern", "Yau Tsim Mong",
	"SHAM SHUI PO", "Kowloon City", "Wong Tai Sin", "KWUN TONG", "Tsuen Wan", "Tuen Mun", "Yuen Long", "North",
	"Tai Po", "Sai Kung", "Sha Tin District", "Kwai Tsing", "Islands"}

// hkGeo is a synthetic FeatureCollection of the 18 districts keyed by 地區: one small square each, with more
// decimals than a map needs and a repeated vertex.
func hkGeo() *Geo {
	g := &Geo{Columns: cols("地區號碼", "District", "地區")}
	for i, name := range hkTraditional {
		x, y := 113.9+float64(i%6)*0.1, 22.2+float64(i/6)*0.1
		geom := fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]],"bbox":[0,0,0,0]}`,
			x, y, x+0.0812345678, y, x+0.0812345678, y, x+0.08, y+0.08, x, y+0.08, x, y)
		g.Features = append(g.Features, dataset.Feature{
			Props:    map[string]string{"地區號碼": string(rune('A' + i)), "District": hkEnglish[i], "地區": name},
			Geometry: []byte(geom)})
	}
	return g
}

const mapSpec = head + `type: map
map: {geo: hk-districts, key: 地區}
encode: {label: District, value: Population}
`

// mapData has a value for 17 districts in English (Islands has none).
func mapData() Data {
	var rows [][]string
	for i, n := range hkEnglish[:17] {
		rows = append(rows, []string{n, fmt.Sprint(100 + i)})
	}
	return rowsOf(cols("District", "Population:integer"), rows...)
}

func TestMapMatchesEnglishLabelsToChineseFeatures(t *testing.T) {
	res := mustCompute(t, mapSpec, mapData(), hkGeo())
	if res.MapName != "hk-districts" {
		t.Errorf("map name %q", res.MapName)
	}
	m := decodeOption(t, res.Option)
	eq(t, at(m, "series.0.type"), "map")
	eq(t, at(m, "series.0.map"), "hk-districts")
	eq(t, len(at(m, "series.0.data").([]any)), 18)
	eq(t, at(m, "series.0.data.8.name"), "觀塘")
	eq(t, at(m, "series.0.data.8.value"), 108.0)
	eq(t, at(m, "series.0.data.17.name"), "離島")
	eq(t, at(m, "series.0.data.17.value"), "-") // no data, not zero
	eq(t, at(m, "visualMap.0.min"), 100.0)
	eq(t, at(m, "visualMap.0.max"), 116.0)
	eq(t, res.NoData, []string{"離島"})
	if len(res.Unmatched) != 0 {
		t.Errorf("unmatched %v", res.Unmatched)
	}
	// the cleaned boundaries: only the name, coordinates to 5 decimals, the repeated vertex gone
	var fc struct {
		Features []struct {
			Properties map[string]any
			Geometry   struct {
				Type        string
				Coordinates [][][]float64
			}
			Bbox any
		}
	}
	if err := json.Unmarshal(res.MapJSON, &fc); err != nil {
		t.Fatal(err)
	}
	eq(t, len(fc.Features), 18)
	f := fc.Features[0]
	eq(t, f.Properties, map[string]any{"name": "中西區"})
	ring := f.Geometry.Coordinates[0]
	eq(t, len(ring), 5)
	eq(t, ring[1][0], 113.98123)
	eq(t, ring[0], ring[len(ring)-1])
	if strings.Contains(string(res.MapJSON), "bbox") || strings.Contains(string(res.MapJSON), "地區號碼") {
		t.Error("the cleaned GeoJSON keeps more than name and geometry")
	}
}

func TestMapWarnsAboutUnmatchedLabels(t *testing.T) {
	d := rowsOf(cols("District", "Population:integer"), []string{"Kwun Tonng", "1"}, []string{"Atlantis", "2"},
		[]string{"觀塘區", "3"}, []string{"观塘", "4"})
	res, diags := compute(t, mapSpec, d, hkGeo())
	want := []string{
		`charts/test.yaml:5:17: warning: encode.label: "Atlantis" names no district of the boundaries "hk-districts" (the districts are: 中西區, 灣仔, 東區, 南區, 油尖旺, 深水埗, 九龍城, 黃大仙, 觀塘, 荃灣, 屯門, 元朗, 北區, 大埔, 西貢, 沙田, 葵青, 離島)`,
		`charts/test.yaml:5:17: warning: encode.label: "Kwun Tonng" names no district of the boundaries "hk-districts" (did you mean "Kwun Tong"?)`,
		`charts/test.yaml:5:17: warning: encode.label: 1 rows name a district another row names already (the first: "觀塘"); the first is drawn (add a group step by District)`,
	}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
	eq(t, res.Unmatched, []string{"Kwun Tonng", "Atlantis"})
	eq(t, res.Frame.Rows[0][1].Num, 3.0)
	eq(t, len(res.NoData), 17)
}

func TestMapAliasesAndKeyErrors(t *testing.T) {
	d := rowsOf(cols("District", "Population:integer"), []string{"KT", "1"})
	res := mustCompute(t, head+`type: map
map:
  geo: hk-districts
  key: 地區
  aliases:
    - {from: KT, to: Kwun Tong}
encode: {label: District, value: Population}
`, d, hkGeo())
	eq(t, res.Frame.Rows[0][0].Str, "觀塘")
	_, diags := compute(t, head+`type: map
map:
  geo: hk-districts
  key: Distrct
  aliases:
    - {from: KT, to: Kwun Tong}
encode: {label: District, value: Population}
`, d, hkGeo())
	want := []string{`charts/test.yaml:6:8: map.key: the boundaries have no property "Distrct" (did you mean "District"? the properties are: 地區號碼, District, 地區)`}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics:\n%s", strings.Join(diags, "\n"))
	}
}

func TestNormName(t *testing.T) {
	for _, tc := range [][2]string{
		{"Central and Western", "Central And Western"}, {"Central & Western", "CENTRAL & WESTERN"},
		{"中西區", "中西区"[:0] + "中西"}, {"Kwun Tong District", "kwun tong"}, {"ＫＷＵＮ　ＴＯＮＧ", "Kwun Tong"},
		{"Sha Tin", "Shatin"}, {"Jing'an", "jingan"}, {"浦东新区", "浦东新"},
	} {
		if normName(tc[0]) != normName(tc[1]) {
			t.Errorf("normName(%q) = %q, normName(%q) = %q", tc[0], normName(tc[0]), tc[1], normName(tc[1]))
		}
	}
	// every spelling of the built-in table finds its own district
	for i, names := range districts {
		for _, n := range names {
			if districtIndex[normName(n)] != i {
				t.Errorf("%q finds district %d, not %d", n, districtIndex[normName(n)], i)
			}
		}
	}
}

// openData is the folder of real snapshots beside the repository, or "" (the test is skipped).
func openData(t *testing.T, dir string) string {
	p := filepath.Join("..", "..", "..", "shared", "opendata", dir)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no %s: %v", p, err)
	}
	return p
}

// readGeoJSON parses a FeatureCollection into a Geo (dataset.Open may not be available), with nested
// properties flattened with dots and the columns in the first feature's order.
func readGeoJSON(t *testing.T, path string) *Geo {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties json.RawMessage
			Geometry   json.RawMessage
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	g := &Geo{}
	for _, f := range fc.Features {
		props := map[string]string{}
		var keys []string
		flatten("", f.Properties, props, &keys)
		if g.Columns == nil {
			for _, k := range keys {
				g.Columns = append(g.Columns, dataset.Column{Name: k})
			}
		}
		g.Features = append(g.Features, dataset.Feature{Props: props, Geometry: f.Geometry})
	}
	return g
}

// flatten reads a JSON object's members as text, in order.
func flatten(prefix string, raw json.RawMessage, out map[string]string, keys *[]string) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return
	}
	for dec.More() {
		tok, _ := dec.Token()
		k := prefix + tok.(string)
		var v json.RawMessage
		_ = dec.Decode(&v)
		if len(v) > 0 && v[0] == '{' {
			flatten(k+".", v, out, keys)
			continue
		}
		var s string
		if json.Unmarshal(v, &s) != nil {
			s = string(v)
		}
		out[k] = s
		*keys = append(*keys, k)
	}
}

func TestRealHongKongBoundaries(t *testing.T) {
	geo := readGeoJSON(t, filepath.Join(openData(t, "hk-18-districts-had"), "hksar_18_district_boundary.json"))
	res := mustCompute(t, mapSpec, mapData(), geo)
	eq(t, res.NoData, []string{"離島"})
	eq(t, len(res.Unmatched), 0)
	// the default key is District (English): the same data match too
	res = mustCompute(t, head+"type: map\nmap: {geo: hk}\nencode: {label: District, value: Population}\n", mapData(), geo)
	eq(t, res.NoData, []string{"Islands"})
	if len(res.MapJSON) > 366_591 { // the file's size: its coordinates have 5 decimals already
		t.Errorf("cleaned boundaries are %d bytes", len(res.MapJSON))
	}
}

func TestRealShanghaiBoundaries(t *testing.T) {
	geo := readGeoJSON(t, filepath.Join(openData(t, "shanghai-16-districts-datav"), "310000.json"))
	english := []string{"Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu", "Minhang",
		"Baoshan", "Jiading", "Pudong New Area", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming"}
	var rows [][]string
	for i, n := range english {
		rows = append(rows, []string{n, fmt.Sprint(i)})
	}
	rows = append(rows, []string{"浦東新區", "99"}) // Traditional: the same district as Pudong New Area
	res, diags := compute(t, head+"type: map\nmap: {geo: shanghai}\nencode: {label: District, value: People}\n",
		rowsOf(cols("District", "People:integer"), rows...), geo)
	if res == nil {
		t.Fatal(diags)
	}
	eq(t, len(res.NoData), 0)
	eq(t, len(res.Unmatched), 0)
	eq(t, res.Frame.Rows[10][0].Str, "浦东新区")
	eq(t, len(diags), 1) // the duplicate Pudong
}
