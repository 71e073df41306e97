package dataset

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
)

// openDataDir returns ../shared/opendata beside the repository, skipping the test when it is absent.
func openDataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "opendata")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no shared snapshots: %v", err)
	}
	return data
}

// openDataFiles reads testdata/opendata.yaml (the files: entries of each snapshot's dataset.yaml) the way a
// dataset.yaml is read.
func openDataFiles(t testing.TB) map[string]schema.DataFile {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "opendata.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := load.ParseYAML(src, 1)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Datasets []struct {
			Folder string            `yaml:"folder" required:"true"`
			Files  []schema.DataFile `yaml:"files" required:"true"`
		} `yaml:"datasets"`
	}
	var diags diag.List
	schema.Decode(n, &doc, "testdata/opendata.yaml", diag.Pos{}, nil, &diags)
	if diags.Len() > 0 {
		t.Fatal(diagStrings(&diags))
	}
	out := map[string]schema.DataFile{}
	for _, d := range doc.Datasets {
		for _, f := range d.Files {
			out[d.Folder+"/"+string(f.Path)] = f
		}
	}
	return out
}

// snapshot is what TestOpenData expects of one snapshot file (the numbers are from its SOURCE.md).
type snapshot struct {
	path     string // folder/file
	format   string
	rows     int
	skipped  int
	features int
	types    string // "column type" pairs that must hold
	warnings []string
	check    func(t *testing.T, dir string, tbl *Table)
}

var snapshots = []snapshot{
	{path: "epd-solid-waste/solid-waste-disposal-quantity-en-2024.csv", format: "csv", rows: 16,
		types: "year integer, waste_cat_en text, disposal_q integer"},
	{path: "epd-solid-waste/solid-waste-disposal-rate-en-2023.csv", format: "csv", rows: 30,
		types: "year integer, waste_cat_en text, pc_disposal_rate decimal"},
	{path: "hk-18-districts-had/hksar_18_district_boundary.json", format: "geojson", rows: 18, features: 18,
		types: "地區號碼 text, District text, 地區 text", check: checkHADDistricts},
	{path: "hk-ghg-emissions/greenhouse_gas_emissions_and_carbon_intensity.json", format: "json", rows: 34,
		types: "Report_Year date(year), Total_GHG_emissions integer, Per_captia_emissions decimal, " +
			"Carbon_Intensity decimal", check: checkGHG},
	{path: "hko-daily-rainfall/daily_HKO_RF_ALL.csv", format: "csv", rows: 49035, skipped: 4,
		types: "年/Year integer, 月/Month integer, 日/Day integer, 數值/Value decimal, 數據完整性/data Completeness text",
		warnings: []string{"content/datasets/hko-daily-rainfall/daily_HKO_RF_ALL.csv:49040: warning: skipped 4 " +
			"rows that do not fit the table: lines 49040–49043; the first: the row has 1 field where the header " +
			`has 5: "*** 沒有數據/unavailable"`},
		check: checkHKORainfall},
	{path: "immd-daily-passenger-traffic/statistics_on_daily_passenger_traffic.csv", format: "csv", rows: 56424,
		types: "Date date(day), Control Point text, Arrival / Departure text, Hong Kong Residents integer, " +
			"Mainland Visitors integer, Other Visitors integer, Total integer", check: checkImmD},
	{path: "mtr-lines-and-stations/mtr_lines_and_stations.csv", format: "csv", rows: 250,
		types: "Line Code text, Station ID text, Chinese Name text, Sequence decimal"},
	{path: "shanghai-16-districts-datav/310000.json", format: "geojson", rows: 16, features: 16,
		types: "adcode integer, name text, center text, parent.adcode integer, acroutes text",
		check: checkShanghaiDistricts},
	{path: "shanghai-metro-network/station.txt", format: "csv", rows: 347,
		types: "ST_NO text, LINE_NO integer, X integer, Y integer, SERIAL_NO integer", check: checkStations},
	{path: "shanghai-metro-network/line.txt", format: "tsv", rows: 14,
		types: "LINE_NO text, LINE_NAME text, LINE_LENGTH decimal, LINE_COLOR text"},
	{path: "shanghai-sptcc-smartcard-sample/smartcard.txt", format: "csv", rows: 1000,
		types: "卡号 text, 交易日期 date(day), 交易时间 text, 交易金额 decimal", check: checkSmartcard},
	{path: "td-bus-routes-stops-xlsx/ROUTE.xlsx", format: "xlsx", rows: 1074,
		types: "ROUTE_ID integer, COMPANY_CODE text, FULL_FARE decimal, LAST_UPDATE_DATE date(day)",
		check: checkUpdateDates},
	{path: "td-bus-routes-stops-xlsx/RSTOP.xlsx", format: "xlsx", rows: 37864,
		types: "ROUTE_ID integer, ROUTE_SEQ integer, STOP_SEQ integer, STOP_ID integer, STOP_NAMEE text, " +
			"LAST_UPDATE_DATE date(day)", check: checkUpdateDates},
}

// TestOpenData opens and scans every snapshot in ../shared/opendata with the options of testdata/opendata.yaml.
func TestOpenData(t *testing.T) {
	dir := openDataDir(t)
	files := openDataFiles(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		names, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, n := range names {
			p := e.Name() + "/" + n.Name()
			if n.Name() == "SOURCE.md" {
				continue
			}
			if !slices.ContainsFunc(snapshots, func(s snapshot) bool { return s.path == p }) {
				t.Errorf("%s has no expectations in TestOpenData", p)
			}
		}
	}
	var golden strings.Builder
	for _, s := range snapshots {
		t.Run(s.path, func(t *testing.T) {
			f, ok := files[s.path]
			if !ok {
				t.Fatalf("%s is not in testdata/opendata.yaml", s.path)
			}
			folder := filepath.Dir(s.path)
			var diags diag.List
			tbl, err := Open(Options{Root: root, Dir: folder, File: f, Display: "content/datasets",
				Field:  func(string) diag.Pos { return diag.Pos{File: folder + "/dataset.yaml"} },
				Prefix: "files[0]"}, &diags)
			if err != nil {
				t.Fatal(err)
			}
			checkDiags(t, diagStrings(&diags), s.warnings)
			if tbl.Format != s.format || tbl.Rows != s.rows || tbl.Skipped != s.skipped ||
				len(tbl.Features) != s.features {
				t.Errorf("format %s, %d rows, %d skipped, %d features; want %s, %d, %d, %d", tbl.Format, tbl.Rows,
					tbl.Skipped, len(tbl.Features), s.format, s.rows, s.skipped, s.features)
			}
			for _, want := range strings.Split(s.types, ", ") {
				name := want[:strings.LastIndex(want, " ")]
				c := tbl.Column(name)
				if c == nil {
					t.Errorf("no column %q in %v", name, tbl.ColumnNames())
					continue
				}
				if got := columns(&Table{Columns: []Column{*c}}); got != want {
					t.Errorf("column %q; want %q", got, want)
				}
			}
			n := 0
			if err := tbl.Scan(func([]Value) error { n++; return nil }); err != nil || n != s.rows {
				t.Errorf("Scan: %v, %d rows", err, n)
			}
			checkSize(t, filepath.Join(dir, s.path), tbl)
			if s.check != nil {
				s.check(t, dir, tbl)
			}
			writeProfile(&golden, tbl)
		})
	}
	checkGolden(t, filepath.Join("testdata", "opendata.golden"), golden.String())
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, file, got string) {
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (go test -update rewrites it):\n got: %s\nwant: %s", file, i+1, g, w)
			}
		}
	}
}

// writeProfile writes a table's profile for the golden file.
func writeProfile(b *strings.Builder, tbl *Table) {
	fmt.Fprintf(b, "%s: %s, %d rows, %d skipped, %d features, %d bytes, sha256 %s\n", tbl.Path, tbl.Format,
		tbl.Rows, tbl.Skipped, len(tbl.Features), tbl.Size, tbl.SHA256)
	for _, c := range tbl.Columns {
		p := c.Profile
		fmt.Fprintf(b, "  %s: %s", c.Name, columns(&Table{Columns: []Column{c}})[len(c.Name)+1:])
		fmt.Fprintf(b, ", count %d, missing %d, distinct %d", p.Count, p.Missing, p.Distinct)
		if p.Capped {
			b.WriteString("+")
		}
		switch {
		case c.Type.Numeric():
			fmt.Fprintf(b, ", min %.10g, max %.10g, mean %.10g", p.Min, p.Max, p.Mean)
		case c.Type == Date:
			fmt.Fprintf(b, ", %s – %s", p.Earliest.Format(c.Grain.Layout()), p.Latest.Format(c.Grain.Layout()))
		default:
			fmt.Fprintf(b, ", longest %d", p.MaxLen)
		}
		if len(c.Label) > 0 || len(c.Unit) > 0 {
			fmt.Fprintf(b, ", label %v, unit %v", c.Label, c.Unit)
		}
		b.WriteString("\n")
	}
	if len(tbl.Head) > 0 {
		var first []string
		for i, v := range tbl.Head[0] {
			first = append(first, show(v, tbl.Columns[i]))
		}
		fmt.Fprintf(b, "  first row: %q\n", first)
	}
}

// checkSize compares the size and checksum with the SHA-256 table of the snapshot's SOURCE.md.
func checkSize(t *testing.T, file string, tbl *Table) {
	info, err := os.Stat(file)
	if err != nil || info.Size() != tbl.Size {
		t.Errorf("size %d; the file has %v", tbl.Size, info.Size())
	}
	source, err := os.ReadFile(filepath.Join(filepath.Dir(file), "SOURCE.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(source), "`"+tbl.SHA256+"`") {
		t.Errorf("SHA-256 %s is not in SOURCE.md", tbl.SHA256)
	}
}

// values scans the named columns of tbl.
func values(t *testing.T, tbl *Table, names ...string) [][]Value {
	var idx []int
	for _, n := range names {
		i := slices.Index(tbl.ColumnNames(), n)
		if i < 0 {
			t.Fatalf("no column %q", n)
		}
		idx = append(idx, i)
	}
	var out [][]Value
	tbl.Scan(func(row []Value) error {
		vs := make([]Value, len(idx))
		for k, i := range idx {
			vs[k] = row[i]
		}
		out = append(out, vs)
		return nil
	})
	return out
}

// plainCSV reads a snapshot with encoding/csv alone, for expectations computed independently of the package.
func plainCSV(t *testing.T, file string, skip int) [][]string {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out[skip:]
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
}

func checkImmD(t *testing.T, dir string, tbl *Table) {
	// Total per year, by a plain loop over the file.
	want := map[int]float64{}
	for _, rec := range plainCSV(t, filepath.Join(dir, "immd-daily-passenger-traffic",
		"statistics_on_daily_passenger_traffic.csv"), 1) {
		year, _ := strconv.Atoi(rec[0][6:10])
		n, err := strconv.Atoi(rec[6])
		if err != nil {
			t.Fatal(err)
		}
		want[year] += float64(n)
	}
	got := map[int]float64{}
	for _, v := range values(t, tbl, "Date", "Total") {
		got[v[0].Time.Year()] += v[1].Num
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) != 6 {
		t.Errorf("Total per year %v; want %v", got, want)
	}
	d := tbl.Column("Date").Profile
	if !d.Earliest.Equal(day(2021, 1, 1)) || !d.Latest.Equal(day(2026, 3, 8)) {
		t.Errorf("dates %v – %v", d.Earliest, d.Latest)
	}
	if p := tbl.Column("Control Point").Profile; p.Distinct != 16 { // 17 before Macau → Macao
		t.Errorf("%d control points", p.Distinct)
	}
	if slices.Contains(tbl.ColumnNames(), "column 8") {
		t.Error("the empty column after the trailing commas is kept")
	}
}

func checkHKORainfall(t *testing.T, dir string, tbl *Table) {
	want := map[float64]float64{}
	traces, unavailable := 0, 0
	for _, rec := range plainCSV(t, filepath.Join(dir, "hko-daily-rainfall", "daily_HKO_RF_ALL.csv"), 3) {
		if len(rec) != 5 {
			continue // the legend
		}
		year, _ := strconv.ParseFloat(rec[0], 64)
		switch rec[3] {
		case "Trace":
			traces++
		case "***":
			unavailable++
		default:
			v, err := strconv.ParseFloat(rec[3], 64)
			if err != nil {
				t.Fatal(err)
			}
			want[year] += v
		}
	}
	got := map[float64]float64{}
	zeros := 0
	for _, v := range values(t, tbl, "年/Year", "數值/Value") {
		if !v[1].Missing {
			got[v[0].Num] += v[1].Num
		}
		if v[1].Str == "0" {
			zeros++
		}
	}
	if len(got) != len(want) || len(want) != 135 { // 1884–2025 without 1940–1946
		t.Errorf("%d years; want %d", len(got), len(want))
	}
	for y, w := range want {
		if d := got[y] - w; d > 1e-6 || d < -1e-6 {
			t.Errorf("rainfall in %v: %v; want %v", y, got[y], w)
		}
	}
	p := tbl.Column("數值/Value").Profile
	if traces != 6876 || unavailable != 1 || p.Missing != 1 || zeros != traces {
		t.Errorf("%d traces read as %d zeros, %d unavailable, %d missing", traces, zeros, unavailable, p.Missing)
	}
	if c := tbl.Column("數值/Value"); c.Unit["en"] != "mm" || c.Label["zh-hant"] != "雨量" {
		t.Errorf("label %v unit %v", c.Label, c.Unit)
	}
}

func checkGHG(t *testing.T, _ string, tbl *Table) {
	p := tbl.Column("Report_Year").Profile
	if !p.Earliest.Equal(day(1990, 1, 1)) || !p.Latest.Equal(day(2023, 1, 1)) {
		t.Errorf("years %v – %v", p.Earliest, p.Latest)
	}
}

func checkHADDistricts(t *testing.T, _ string, tbl *Table) {
	var names []string
	for _, f := range tbl.Features {
		names = append(names, f.Props["地區號碼"]+" "+f.Props["District"]+" "+f.Props["地區"])
		if !strings.Contains(string(f.Geometry), `"Polygon"`) {
			t.Errorf("%s: geometry %.40s", f.Props["District"], f.Geometry)
		}
	}
	for _, want := range []string{"A Central And Western 中西區", "B Wan Chai 灣仔", "C Eastern 東區",
		"S Kwai Tsing 葵青", "T Islands 離島"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %q in %q", want, names)
		}
	}
	if tbl.Column("Administrative District Boundary of Hong Kong") != nil {
		t.Error("the ignored column is kept")
	}
}

func checkShanghaiDistricts(t *testing.T, _ string, tbl *Table) {
	want := "310101 黄浦区, 310104 徐汇区, 310105 长宁区, 310106 静安区, 310107 普陀区, 310109 虹口区, 310110 杨浦区, " +
		"310112 闵行区, 310113 宝山区, 310114 嘉定区, 310115 浦东新区, 310116 金山区, 310117 松江区, 310118 青浦区, " +
		"310120 奉贤区, 310151 崇明区"
	var got []string
	for _, f := range tbl.Features {
		got = append(got, f.Props["adcode"]+" "+f.Props["name"])
		if f.Props["parent.adcode"] != "310000" || !strings.Contains(string(f.Geometry), "MultiPolygon") {
			t.Errorf("%s: %v", f.Props["name"], f.Props)
		}
	}
	if strings.Join(got, ", ") != want {
		t.Errorf("districts %s", strings.Join(got, ", "))
	}
}

func checkStations(t *testing.T, _ string, tbl *Table) {
	if x, y := tbl.Column("X").Profile, tbl.Column("Y").Profile; x.Missing != 5 || y.Missing != 5 {
		t.Errorf("missing X %d, Y %d", x.Missing, y.Missing)
	}
	if v := values(t, tbl, "ST_NO")[0][0]; v.Str != "0111" {
		t.Errorf("ST_NO %q", v.Str)
	}
}

func checkSmartcard(t *testing.T, _ string, tbl *Table) {
	if p := tbl.Column("卡号").Profile; p.Distinct != 272 {
		t.Errorf("%d cards", p.Distinct)
	}
	if p := tbl.Column("交易日期").Profile; !p.Earliest.Equal(day(2015, 4, 1)) || !p.Latest.Equal(day(2015, 4, 1)) {
		t.Errorf("dates %v – %v", p.Earliest, p.Latest)
	}
}

// checkUpdateDates checks the Excel dates of TD's workbooks: 41018 = 2012-04-19 is the first.
func checkUpdateDates(t *testing.T, _ string, tbl *Table) {
	p := tbl.Column("LAST_UPDATE_DATE").Profile
	if !p.Earliest.Equal(day(2012, 4, 19)) || p.Latest.Before(day(2015, 9, 24)) || p.Missing != 0 {
		t.Errorf("dates %v – %v, %d missing", p.Earliest, p.Latest, p.Missing)
	}
	i := slices.Index(tbl.ColumnNames(), "LAST_UPDATE_DATE")
	if v := tbl.Head[0][i]; v.Time.IsZero() || v.Str != v.Time.Format("2006-01-02") {
		t.Errorf("head date %+v", v)
	}
}

// BenchmarkOpenScanImmD opens and scans the largest shared snapshot, ImmD's daily passenger traffic.
func BenchmarkOpenScanImmD(b *testing.B) {
	dir := openDataDir(b)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	f := schema.DataFile{Path: "statistics_on_daily_passenger_traffic.csv"}
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		var diags diag.List
		tbl, err := Open(Options{Root: root, Dir: "immd-daily-passenger-traffic", File: f}, &diags)
		if err != nil {
			b.Fatal(err)
		}
		tbl.Scan(func([]Value) error { rows++; return nil })
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// TestOpenDataWithoutOptions reads the HKO file as if dataset.yaml said nothing: the check must point at the fix.
func TestOpenDataWithoutOptions(t *testing.T) {
	root, err := os.OpenRoot(openDataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var diags diag.List
	tbl, err := Open(Options{Root: root, Dir: "hko-daily-rainfall", File: schema.DataFile{Path: "daily_HKO_RF_ALL.csv"},
		Display: "content/datasets", Prefix: "files[0]"}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	got := diagStrings(&diags)
	const file = "content/datasets/hko-daily-rainfall/daily_HKO_RF_ALL.csv"
	want := []string{
		file + ":1: the header has 1 column, but 49036 rows have more: is it a title line? (if the column names " +
			"are on line 3, add header_row: 3 to files[0] in dataset.yaml)",
		file + `:3: the row has 5 fields where the header has 1: "年/Year,月/Month,日/Day,數值/Value,數據完整性/data ` +
			`Completeness" (` + skipHint + `)`,
	}
	if len(got) != 22 || got[0] != want[0] || got[1] != want[1] ||
		got[21] != file+":23: 49016 more rows do not fit the table, up to line 49038" {
		t.Errorf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
	if tbl.Rows != 5 { // the second title line and the four legend lines: one field each
		t.Errorf("%d rows", tbl.Rows)
	}
}
