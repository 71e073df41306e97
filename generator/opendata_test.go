package generator_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hkshopendata/showcase/generator"
)

// sharedCharts gives every snapshot in ../shared/opendata at least one chart. Maps draw small tables written
// here (a value per district, named the way other publishers name them) on the shared boundary files.
var sharedCharts = map[string]string{
	"waste-rates": `dataset: epd-solid-waste
table: solid-waste-disposal-rate-en-2023
type: line
encode: {x: year, y: pc_disposal_rate, series: waste_cat_en}`,
	"ghg-trend": `dataset: hk-ghg-emissions
type: line
encode: {x: Report_Year, y: Total_GHG_emissions}`,
	"rain-by-year": `dataset: hko-daily-rainfall
type: bar
transform:
  - filter: {column: 年/Year, min: "2000", max: "2024"}
  - group: {by: 年/Year, aggregate: sum, columns: 數值/Value}
encode: {x: 年/Year, y: 數值/Value}`,
	"crossings-by-year": `dataset: immd-daily-passenger-traffic
type: area
stack: true
transform:
  - bucket: {column: Date, unit: year}
  - group: {by: [Date, Arrival / Departure], aggregate: sum, columns: Total}
encode: {x: Date, y: Total, series: Arrival / Departure}`,
	"crossings-calendar": `dataset: immd-daily-passenger-traffic
type: calendar
transform:
  - filter: {column: Date, min: "2025-01-01", max: "2025-12-31"}
  - group: {by: Date, aggregate: sum, columns: Total}
encode: {x: Date, value: Total}`,
	"mtr-stations": `dataset: mtr-lines-and-stations
type: bar
horizontal: true
transform:
  - group: {by: Line Code, aggregate: count}
  - sort: {by: count, order: desc}
encode: {x: Line Code, y: count}`,
	"sh-line-length": `dataset: shanghai-metro-network
table: line
type: bar
encode: {x: LINE_NAME_EN, y: LINE_LENGTH}`,
	"sh-stations-scatter": `dataset: shanghai-metro-network
table: station
type: scatter
transform:
  - filter: {column: X, min: "0"}
encode: {x: X, y: Y, label: ST_NAME_EN}`,
	"smartcard-modes": `dataset: shanghai-sptcc-smartcard-sample
type: donut
transform:
  - group: {by: 行业名称, aggregate: count}
encode: {label: 行业名称, value: count}`,
	"bus-operators": `dataset: td-bus-routes-stops-xlsx
table: route
type: pie
transform:
  - group: {by: COMPANY_CODE, aggregate: count}
  - top: {column: COMPANY_CODE, by: count, n: 4, others: true}
encode: {label: COMPANY_CODE, value: count}`,
	"bus-stops-heat": `dataset: td-bus-routes-stops-xlsx
table: rstop
type: heatmap
transform:
  - filter: {column: STOP_SEQ, max: "10"}
  - group: {by: [ROUTE_SEQ, STOP_SEQ], aggregate: count}
encode: {x: STOP_SEQ, y: ROUTE_SEQ, value: count}`,
	"hk-map": `dataset: hk-values
type: map
map: {geo: hk-18-districts-had}
encode: {label: district, value: value}`,
	"sh-map": `dataset: sh-values
type: map
map: {geo: shanghai-16-districts-datav}
encode: {label: district, value: value}`,
}

var hkDistricts = []string{"Central and Western", "Wan Chai", "Eastern", "Southern", "Yau Tsim Mong",
	"Sham Shui Po", "Kowloon City", "Wong Tai Sin", "Kwun Tong", "Kwai Tsing", "Tsuen Wan", "Tuen Mun", "Yuen Long",
	"North", "Tai Po", "Sha Tin", "Sai Kung", "Islands"}

var shDistricts = []string{"黃浦區", "徐匯區", "長寧區", "靜安區", "普陀區", "虹口區", "楊浦區", "閔行區", "寶山區", "嘉定區",
	"浦東新區", "金山區", "松江區", "青浦區", "奉賢區", "崇明區"}

// TestOpenDataSite builds a site from every snapshot in ../shared/opendata, each with only a dataset.yaml written
// for it (the files: entries of generator/dataset/testdata/opendata.yaml), and checks that each has a dataset page
// and a chart, and that chart tables match sums computed here straight from the files.
func TestOpenDataSite(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "opendata")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("no ../shared/opendata: %v", err)
	}
	content := filepath.Join(t.TempDir(), "content")
	copyFile(t, "../content/site.yaml", filepath.Join(content, "site.yaml"))
	src, err := os.ReadFile("dataset/testdata/opendata.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var top struct {
		Datasets []struct {
			Folder string    `yaml:"folder"`
			Files  yaml.Node `yaml:"files"`
		} `yaml:"datasets"`
	}
	if err := yaml.Unmarshal(src, &top); err != nil {
		t.Fatal(err)
	}
	entries := top.Datasets
	folders, _ := os.ReadDir(shared)
	described := 0
	for _, e := range entries {
		dir := filepath.Join(content, "datasets", e.Folder)
		files, err := yaml.Marshal(&e.Files)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "dataset.yaml"), meta(e.Folder)+"files:\n"+indent(string(files)))
		snap, _ := os.ReadDir(filepath.Join(shared, e.Folder))
		for _, f := range snap {
			if f.Name() != "SOURCE.md" {
				copyFile(t, filepath.Join(shared, e.Folder, f.Name()), filepath.Join(dir, f.Name()))
			}
		}
		described++
	}
	if described != len(folders)-countFiles(folders) {
		t.Errorf("opendata.yaml describes %d snapshots; ../shared/opendata has %d", described,
			len(folders)-countFiles(folders))
	}
	writeValues(t, content, "hk-values", hkDistricts)
	writeValues(t, content, "sh-values", shDistricts)
	for id, spec := range sharedCharts {
		writeFile(t, filepath.Join(content, "charts", id+".yaml"), "title: "+id+"\n"+spec+"\n")
	}
	out := filepath.Join(t.TempDir(), "public")
	res := buildSite(t, content, out, generator.Options{})
	for _, d := range res.Diagnostics {
		t.Logf("%s", d)
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(out, "datasets", e.Folder, "index.html")); err != nil {
			t.Errorf("no dataset page for %s", e.Folder)
		}
	}
	used := map[string]bool{}
	for id, spec := range sharedCharts {
		if _, err := os.Stat(filepath.Join(out, "charts", id, "index.html")); err != nil {
			t.Errorf("no chart page for %s", id)
		}
		used[strings.Fields(strings.SplitN(spec, "\n", 2)[0])[1]] = true
		if g := strings.Index(spec, "geo: "); g >= 0 {
			used[strings.Trim(strings.Fields(spec[g+5:])[0], "}")] = true
		}
	}
	for _, e := range entries {
		if !used[e.Folder] {
			t.Errorf("no chart draws %s", e.Folder)
		}
	}

	// chart tables against sums computed from the files with encoding/csv
	got := chartCSV(t, filepath.Join(out, "charts", "crossings-by-year", "data.csv"))
	want := map[string]map[string]float64{}
	eachCSV(t, filepath.Join(shared, "immd-daily-passenger-traffic", "statistics_on_daily_passenger_traffic.csv"), 1,
		func(r []string) {
			year := r[0][6:10]
			if want[year] == nil {
				want[year] = map[string]float64{}
			}
			want[year][r[2]] += num(t, r[6])
		})
	compare(t, "crossings-by-year", got, want)

	got = chartCSV(t, filepath.Join(out, "charts", "rain-by-year", "data.csv"))
	want = map[string]map[string]float64{}
	eachCSV(t, filepath.Join(shared, "hko-daily-rainfall", "daily_HKO_RF_ALL.csv"), 3, func(r []string) {
		if len(r) < 4 || r[0] < "2000" || r[0] > "2024" || len(r[0]) != 4 {
			return
		}
		v := 0.0
		switch r[3] {
		case "Trace", "***":
		default:
			v = num(t, r[3])
		}
		if want[r[0]] == nil {
			want[r[0]] = map[string]float64{}
		}
		want[r[0]]["數值/Value"] += v
	})
	compare(t, "rain-by-year", got, want)

	got = chartCSV(t, filepath.Join(out, "charts", "mtr-stations", "data.csv"))
	want = map[string]map[string]float64{}
	eachCSV(t, filepath.Join(shared, "mtr-lines-and-stations", "mtr_lines_and_stations.csv"), 1, func(r []string) {
		if r[0] == "" {
			return
		}
		if want[r[0]] == nil {
			want[r[0]] = map[string]float64{}
		}
		want[r[0]]["count"]++
	})
	compare(t, "mtr-stations", got, want)

	for _, m := range []string{"hk-map", "sh-map"} {
		page, err := os.ReadFile(filepath.Join(out, "charts", m, "index.html"))
		if err != nil || strings.Contains(string(page), "have no data") {
			t.Errorf("%s: some districts are not matched to the boundaries", m)
		}
	}
}

func meta(id string) string {
	return fmt.Sprintf(`title: %s
publisher: test
source: {page: "https://example.org/%s"}
licence: {name: test}
retrieved: 2026-11-25
`, id, id)
}

func writeValues(t *testing.T, content, id string, districts []string) {
	var b strings.Builder
	b.WriteString("district,value\n")
	for i, d := range districts {
		fmt.Fprintf(&b, "%s,%d\n", d, (i+1)*100)
	}
	dir := filepath.Join(content, "datasets", id)
	writeFile(t, filepath.Join(dir, "values.csv"), b.String())
	writeFile(t, filepath.Join(dir, "dataset.yaml"), meta(id)+"files:\n  - path: values.csv\n")
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n") + "\n"
}

func countFiles(es []os.DirEntry) int {
	n := 0
	for _, e := range es {
		if !e.IsDir() {
			n++
		}
	}
	return n
}

func writeFile(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

// eachCSV calls f for every record after the header line headerLine (1-based), BOM and ragged rows allowed.
func eachCSV(t *testing.T, p string, headerLine int, f func([]string)) {
	t.Helper()
	file, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if n > headerLine {
			f(rec)
		}
	}
}

// chartCSV reads a chart's data.csv into row label → column name → value.
func chartCSV(t *testing.T, p string) map[string]map[string]float64 {
	t.Helper()
	out := map[string]map[string]float64{}
	var header []string
	eachCSV(t, p, 0, func(r []string) {
		if header == nil {
			header = r
			return
		}
		out[r[0]] = map[string]float64{}
		for j := 1; j < len(r); j++ {
			if r[j] != "" {
				out[r[0]][header[j]] = num(t, r[j])
			}
		}
	})
	return out
}

func compare(t *testing.T, chart string, got, want map[string]map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", chart, len(got), len(want))
	}
	for k, cols := range want {
		for c, v := range cols {
			if g, ok := got[k][c]; !ok || math.Abs(g-v) > 1e-6*math.Max(1, math.Abs(v)) {
				t.Errorf("%s: %s %s = %v, want %v", chart, k, c, got[k][c], v)
			}
		}
	}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}
