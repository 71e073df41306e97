package dataset

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// fuzzOpen writes data as name in a new content root and opens it with f; Open must not fail (the file is
// regular and small), Scan must agree with Open on the rows, and every row must have a value per column.
func fuzzOpen(t *testing.T, name string, data []byte, f schema.DataFile) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, testDir), 0o755)
	if err := os.WriteFile(filepath.Join(dir, testDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	f.Path = schema.Path(name)
	var diags diag.List
	tbl, err := Open(options(root, f), &diags)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if tbl.Size != int64(len(data)) || len(tbl.SHA256) != 64 {
		t.Fatalf("size %d, sha %q", tbl.Size, tbl.SHA256)
	}
	n := 0
	err = tbl.Scan(func(row []Value) error {
		n++
		if len(row) != len(tbl.Columns) {
			t.Fatalf("row of %d values for %d columns", len(row), len(tbl.Columns))
		}
		for i, v := range row {
			if v.Missing && (v != Value{Missing: true}) {
				t.Fatalf("missing value with content: %+v", v)
			}
			if !v.Missing && tbl.Columns[i].Type.Numeric() && (math.IsNaN(v.Num) || math.IsInf(v.Num, 0)) {
				t.Fatalf("%v in column %q", v.Num, tbl.Columns[i].Name)
			}
		}
		return nil
	})
	if err != nil || n != tbl.Rows {
		t.Fatalf("Scan: %v; %d rows, Open %d", err, n, tbl.Rows)
	}
	for _, d := range diags.Sorted() {
		if d.Msg == "" || strings.HasSuffix(d.Msg, ".") {
			t.Fatalf("diagnostic %q", d)
		}
	}
}

// csvOptions derives reading options from a byte, so that the fuzzer varies them too.
func csvOptions(b uint8) schema.DataFile {
	f := schema.DataFile{HeaderRow: int(b%3) + 1}
	if b&4 != 0 {
		f.OnError = "skip"
	}
	switch b >> 3 % 4 {
	case 1:
		f.Delimiter = ";"
	case 2:
		f.Encoding = "big5"
	case 3:
		f.Missing = []string{"***"}
		f.Columns = []schema.Column{{Name: "a", Type: "integer"}, {Name: "b", Format: "dd/mm/yyyy"},
			{Name: "c", Replace: []schema.Replace{{Value: "Trace", With: "0"}}}}
	}
	return f
}

// FuzzCSV: arbitrary bytes as a CSV file never panic or hang, and Open and Scan agree on the rows.
func FuzzCSV(f *testing.F) {
	seeds := []string{
		"\ufeffDate,Total,\r\n01-01-2021,5,\r\n02-01-2021,\"1,234\",\r\n",
		"title\nsub\na,b,c\n1,01/02/2024,Trace\n2,,***\n\n*** note\n",
		"a,b\n\"open\n1,2\n",
		"a,,a\n1,2,3\n,,\n",
		"a;b\n1;2\n",
		"a,b\n5\" pipe,\"say \"hi\" now\"\n",
		"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00",
		"\xa6\x61,b\n\xa4\xa4,1\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i*9))
	}
	f.Fuzz(func(t *testing.T, data []byte, opts uint8) {
		fuzzOpen(t, "data.csv", data, csvOptions(opts))
	})
}

// FuzzJSON: arbitrary bytes as a JSON (or GeoJSON) file never panic or hang, and Open and Scan agree.
func FuzzJSON(f *testing.F) {
	seeds := []string{
		`[{"a": "1990", "b": 36300, "c": 6.37, "d": null, "e": true}]`,
		`{"result": {"records": [{"a": {"b": [1, 2]}}, {"c": 1}]}}`,
		`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": "A", "p": {"q": 1}}, "geometry": null}]}`,
		`[1, "x", [], {"": 1}]`,
		"[{\"a\": 1},\n{\"a\": 2,}]",
		`{"features": {}}`,
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, opts uint8) {
		file := schema.DataFile{}
		if opts&1 != 0 {
			file.Records = "result.records"
		}
		if opts&2 != 0 {
			file.OnError = "skip"
		}
		name := "data.json"
		if opts&4 != 0 {
			name = "data.geojson"
		}
		fuzzOpen(t, name, data, file)
	})
}

// FuzzParseValue: reading a cell with any type and any declared format never panics; numbers are finite and, when
// written without separators, read as strconv reads them.
func FuzzParseValue(f *testing.F) {
	for _, s := range [][2]string{{"1,234.5", ""}, {"01/02/2024", "dd/mm/yyyy"}, {"2024年3月", "yyyy年m月"},
		{"45292.5", "excel"}, {"Mar 2024", "mmm yyyy"}, {"2024-03-01T08:30:00+08:00", ""}, {"NaN", ""},
		{"20240301", "yyyymmdd"}, {"1e308", ""}, {"-0", ""}} {
		f.Add(s[0], s[1], uint8(3))
		f.Add(s[0], s[1], uint8(1))
	}
	f.Fuzz(func(t *testing.T, s, format string, typ uint8) {
		p := &parser{typ: Type(typ % 4)}
		if l, err := compileLayout(format); err == nil {
			p.layout = l
			l.parse(s, typ&4 != 0)
			l.format(day(2024, 12, 31))
		}
		c := &Column{Type: p.typ, parser: p}
		v, err := c.ParseStrict(s)
		if err != nil && !v.Missing {
			t.Fatalf("error %v with a value %+v", err, v)
		}
		if n, _, ok := parseNumber(s); ok {
			if math.IsNaN(n) || math.IsInf(n, 0) {
				t.Fatalf("parseNumber(%q) = %v", s, n)
			}
			if !strings.ContainsAny(s, ", \u00a0\u202f") {
				if want, err := strconv.ParseFloat(s, 64); err != nil || want != n {
					t.Fatalf("parseNumber(%q) = %v; strconv: %v, %v", s, n, want, err)
				}
			}
		}
		guessEncoding([]byte(s))
		isNote([]string{s, ""})
	})
}
