package dataset

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/schema"
)

const (
	csvFile  = "content/datasets/x/data.csv"
	yamlFile = "content/datasets/x/dataset.yaml"
	skipHint = "if such rows are notes rather than data, add on_error: skip to files[0] in dataset.yaml"
)

// TestCSV opens small CSV files with the quirks of real snapshots and checks the columns, the rows as Scan reads
// them and the exact diagnostics.
func TestCSV(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		file  schema.DataFile
		cols  string
		rows  [][]string
		diags []string
	}{{
		name: "BOM, CRLF and a trailing comma on every line",
		text: "\ufeffDate,Total,\r\n01-01-2021,5,\r\n02-01-2021,\"1,234\",\r\n",
		cols: "Date date(day), Total integer",
		rows: [][]string{{"2021-01-01", "5"}, {"2021-01-02", "1234"}},
	}, {
		name: "an unnamed column with values",
		text: "a,,c\n1,x,3\n",
		cols: "a integer, column 2 text, c integer",
		rows: [][]string{{"1", "x", "3"}},
		diags: []string{csvFile + `:1:3: warning: column 2 has values but no name: it is called "column 2" ` +
			`(name it in the file, or refer to it as "column 2")`},
	}, {
		name: "title lines above the header",
		text: "Daily Total Rainfall\n\"Title, with a comma and a \"\" quote\nyear,value\n2020,1.5\n",
		file: schema.DataFile{HeaderRow: 3},
		cols: "year integer, value decimal",
		rows: [][]string{{"2020", "1.5"}},
	}, {
		name: "blank lines and empty trailer rows",
		text: "a,b\n1,2\n\n , \n3,4\n,,\n,\n",
		cols: "a integer, b integer",
		rows: [][]string{{"1", "2"}, {"3", "4"}},
	}, {
		name:  "quoted fields across lines keep line numbers",
		text:  "name,n\n\"two\nlines\",1\nbad\n",
		cols:  "name text, n integer",
		rows:  [][]string{{"two\nlines", "1"}},
		diags: []string{csvFile + `:4: the row has 1 field where the header has 2: "bad" (` + skipHint + `)`},
	}, {
		name: "footnotes under on_error: error",
		text: "year,value\n2024,1\n\n*** unavailable\nRemarks: see the notes,\n",
		cols: "year integer, value integer",
		rows: [][]string{{"2024", "1"}},
		diags: []string{
			csvFile + `:4: the row has 1 field where the header has 2: "*** unavailable" (` + skipHint + `)`,
			csvFile + `:5: the row looks like a note, not data: "Remarks: see the notes," (` + skipHint + `)`,
		},
	}, {
		name: "footnotes under on_error: skip",
		text: "year,value\n2024,1\n\n*** unavailable\n# incomplete\nC complete\n\nnote: more,\n",
		file: schema.DataFile{OnError: "skip"},
		cols: "year integer, value integer",
		rows: [][]string{{"2024", "1"}},
		diags: []string{csvFile + `:4: warning: skipped 4 rows that do not fit the table: lines 4–6, 8; the first: ` +
			`the row has 1 field where the header has 2: "*** unavailable"`},
	}, {
		name: "too many fields",
		text: "a,b\n1,2,3\n1,2,,\n",
		file: schema.DataFile{OnError: "skip"},
		cols: "a integer, b integer",
		rows: [][]string{{"1", "2"}},
		diags: []string{csvFile + `:2: warning: skipped 1 row that does not fit the table: line 2; the first: ` +
			`the row has 3 fields where the header has 2: "1,2,3"`},
	}, {
		name: "missing values and replacements",
		text: "date,value,flag\n01/03/2024,0.5,C\n02/03/2024,Trace,C\n03/03/2024,***,\n04/03/2024,N/A,#\n",
		file: schema.DataFile{Missing: []string{"***"}, Columns: []schema.Column{
			{Name: "value", Replace: []schema.Replace{{Value: "Trace", With: "0"}}}}},
		cols: "date date(day), value decimal, flag text",
		rows: [][]string{{"2024-03-01", "0.5", "C"}, {"2024-03-02", "0", "C"}, {"2024-03-03", "∅", "∅"},
			{"2024-03-04", "∅", "#"}},
	}, {
		name: "a value that does not fit a declared type, on_error: error",
		text: "n,when\n1,2024-03-01\n12x,2024-03-02\n3,2024-13-01\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "n", Type: "integer"}, {Name: "when", Type: "date",
			Format: "yyyy-mm-dd"}}},
		cols: "n integer, when date(day)",
		rows: [][]string{{"1", "2024-03-01"}},
		diags: []string{
			csvFile + `:3:1: column "n": "12x" is not a whole number (` + skipHint + `)`,
			csvFile + `:4:3: column "when": "2024-13-01" is not a date like 2024-12-31 (yyyy-mm-dd) (` + skipHint + `)`,
		},
	}, {
		name: "a value that does not fit a declared type, on_error: skip",
		text: "n,label\n1,a\n2.5,b\n3,c\n",
		file: schema.DataFile{OnError: "skip", Columns: []schema.Column{{Name: "n", Type: "integer"}}},
		cols: "n integer, label text",
		rows: [][]string{{"1", "a"}, {"3", "c"}},
		diags: []string{csvFile + `:3: warning: skipped 1 row that does not fit the table: line 3; the first: ` +
			`column "n": "2.5" is not a whole number`},
	}, {
		name: "declared types and formats",
		text: "code,when,month,serial,year\n0111,03/01/2024,2024年3月,45292,2021\n0112,12/31/2024,2024年12月,45293,2022\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "code", Type: "text"},
			{Name: "when", Format: "mm/dd/yyyy"}, {Name: "month", Format: "yyyy年m月"},
			{Name: "serial", Format: "excel"}, {Name: "year", Type: "date"}}},
		cols: "code text, when date(day), month date(month), serial date(day), year date(year)",
		rows: [][]string{{"0111", "2024-03-01", "2024-03", "2024-01-01", "2021"},
			{"0112", "2024-12-31", "2024-12", "2024-01-02", "2022"}},
	}, {
		name: "overrides: labels, units, trimmed names, ignore",
		text: "Date, Total ,Notes\n2024-03-01,5,x\n",
		file: schema.DataFile{Columns: []schema.Column{
			{Name: "Total", Label: schema.Text{"en": "Passengers"}, Unit: schema.Text{"en": "persons"}},
			{Name: " Notes", Ignore: true}}},
		cols: "Date date(day), Total integer",
		rows: [][]string{{"2024-03-01", "5"}},
	}, {
		name: "an override that names no column",
		text: "Date,Total\n2024-03-01,5\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "Totl", Type: "integer"}, {Name: "Date"},
			{Name: "Date "}}},
		cols: "Date date(day), Total integer",
		rows: [][]string{{"2024-03-01", "5"}},
		diags: []string{
			yamlFile + `:7: files[0].columns[0].name: no column "Totl" in data.csv (columns: Date, Total) ` +
				`(did you mean "Total"?)`,
			yamlFile + `:7: files[0].columns[2].name: column "Date " is already described by columns[1] ` +
				`(describe each column once)`,
		},
	}, {
		name: "repeated column names",
		text: "a,a,b,a\n1,2,3,4\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "a (2)", Type: "decimal"}}},
		cols: "a integer, a (2) decimal, b integer, a (3) integer",
		rows: [][]string{{"1", "2", "3", "4"}},
		diags: []string{
			csvFile + `:1:3: warning: column 2 is also named "a": it is called "a (2)" ` +
				`(refer to it as "a (2)" in dataset.yaml and charts)`,
			csvFile + `:1:7: warning: column 4 is also named "a": it is called "a (3)" ` +
				`(refer to it as "a (3)" in dataset.yaml and charts)`,
		},
	}, {
		name:  "an empty file",
		text:  "",
		diags: []string{csvFile + `: the file is empty: expected a header line with the column names`},
	}, {
		name:  "a file of blank lines",
		text:  "\r\n\n\n",
		diags: []string{csvFile + `: the file is empty: expected a header line with the column names`},
	}, {
		name:  "header_row past the end",
		text:  "title\nyear,value\n",
		file:  schema.DataFile{HeaderRow: 5},
		diags: []string{yamlFile + `:7: files[0].header_row: data.csv: header_row is 5 but the file has only 2 lines`},
	}, {
		name: "a header and no rows",
		text: "a,b\n",
		cols: "a text, b text",
	}, {
		name: "a delimiter",
		text: "a;b\n1,5;x\n",
		file: schema.DataFile{Delimiter: ";"},
		cols: "a text, b text",
		rows: [][]string{{"1,5", "x"}},
	}, {
		name: "a tab delimiter written out",
		text: "a\tb\n1\t2\n",
		file: schema.DataFile{Delimiter: `\t`},
		cols: "a integer, b integer",
		rows: [][]string{{"1", "2"}},
	}, {
		name: "a delimiter that cannot be",
		text: "a,b\n",
		file: schema.DataFile{Delimiter: "||"},
		diags: []string{yamlFile + `:7: files[0].delimiter: data.csv: cannot use "||" as the delimiter ` +
			`(use one character such as ";" or "|", or "\t" for a tab)`},
	}, {
		name: "a date format that cannot be read",
		text: "when\n01/03/24\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "when", Format: "dd/mm/yy"}}},
		cols: "when text",
		rows: [][]string{{"01/03/24"}},
		diags: []string{yamlFile + `:7: files[0].columns[0].format: cannot read the date format "dd/mm/yy": ` +
			`write the year as yyyy (` + formatsHelp + `)`},
	}, {
		name: "a column declared a date whose values are not",
		text: "when\n2024-03-01\nsoon\n",
		file: schema.DataFile{Columns: []schema.Column{{Name: "when", Type: "date"}}},
		cols: "when text",
		rows: [][]string{{"2024-03-01"}, {"soon"}},
		diags: []string{yamlFile + `:7: files[0].columns[0].type: data.csv: column "when" is declared a date, but ` +
			`its values are not dates in one layout: "soon" on line 3 (add format: with the dates' layout, e.g. ` +
			`format: dd/mm/yyyy)`},
	}, {
		name: "lazy quotes",
		text: "a,b\n5\" pipe,\"say \"hi\" now\"\n",
		cols: "a text, b text",
		rows: [][]string{{`5" pipe`, `say "hi" now`}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.file.Path = "data.csv"
			tbl, diags := openOne(t, tt.text, tt.file)
			checkDiags(t, diags, tt.diags)
			if got := columns(tbl); got != tt.cols {
				t.Errorf("columns %q; want %q", got, tt.cols)
			}
			rows := scanAll(t, tbl)
			if fmt.Sprint(rows) != fmt.Sprint(tt.rows) {
				t.Errorf("rows %q; want %q", rows, tt.rows)
			}
		})
	}
}

func TestManyBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n1,2\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "note %d\n", i)
	}
	tbl, diags := openOne(t, b.String(), schema.DataFile{Path: "data.csv"})
	if len(diags) != maxBadRows+1 {
		t.Fatalf("%d diagnostics; want %d", len(diags), maxBadRows+1)
	}
	if want := csvFile + `:3: the row has 1 field where the header has 2: "note 0" (` + skipHint + `)`; diags[0] != want {
		t.Errorf("first: %s", diags[0])
	}
	if want := csvFile + `:23: 980 more rows do not fit the table, up to line 1002`; diags[maxBadRows] != want {
		t.Errorf("last: %s", diags[maxBadRows])
	}
	if tbl.Rows != 1 || tbl.Skipped != 1000 {
		t.Errorf("rows %d skipped %d", tbl.Rows, tbl.Skipped)
	}

	tbl, diags = openOne(t, b.String()+"3,4\nx\n", schema.DataFile{Path: "data.csv", OnError: "skip"})
	checkDiags(t, diags, []string{csvFile + `:3: warning: skipped 1001 rows that do not fit the table: ` +
		`lines 3–1002, 1004; the first: the row has 1 field where the header has 2: "note 0"`})
	if rows := scanAll(t, tbl); fmt.Sprint(rows) != "[[1 2] [3 4]]" {
		t.Errorf("rows %q", rows)
	}
}

func TestSkippedLineRanges(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n")
	for i := range 20 {
		fmt.Fprintf(&b, "1,2\nnote %d\n", i)
	}
	_, diags := openOne(t, b.String(), schema.DataFile{Path: "data.csv", OnError: "skip"})
	checkDiags(t, diags, []string{csvFile + `:3: warning: skipped 20 rows that do not fit the table: ` +
		`lines 3, 5, 7, 9, 11 and 15 more; the first: the row has 1 field where the header has 2: "note 0"`})
}

func TestHead(t *testing.T) {
	var b strings.Builder
	b.WriteString("n,sq\n")
	for i := range 30 {
		fmt.Fprintf(&b, "%d,%d\n", i, i*i)
	}
	tbl, _ := openOne(t, b.String(), schema.DataFile{Path: "data.csv"})
	if len(tbl.Head) != HeadRows || tbl.Rows != 30 {
		t.Fatalf("head %d rows %d", len(tbl.Head), tbl.Rows)
	}
	if v := tbl.Head[19][1]; v.Num != 361 || v.Str != "361" {
		t.Errorf("head[19] = %+v", v)
	}
}

func TestManyRenamedColumns(t *testing.T) {
	text := "a" + strings.Repeat(",a", 30) + "\n" + strings.Repeat("1,", 30) + "1\n"
	tbl, diags := openOne(t, text, schema.DataFile{Path: "data.csv"})
	if len(diags) != maxHeaderWarnings+1 || len(tbl.Columns) != 31 || tbl.Columns[30].Name != "a (31)" {
		t.Fatalf("%d diagnostics, %d columns", len(diags), len(tbl.Columns))
	}
	checkDiags(t, diags[maxHeaderWarnings:], []string{csvFile + `:1:61: warning: 20 more columns have a repeated ` +
		`name or none: they are called "Name (2)" or "column N"`})
}

// TestTitleLineTakenForHeader opens a file with title lines without header_row: besides the rows, the check
// suggests where the header is.
func TestTitleLineTakenForHeader(t *testing.T) {
	text := "Daily Total Rainfall\nat the Observatory\nyear,month,value\n2024,1,0.5\n2024,2,1\n2024,3,2\n"
	_, diags := openOne(t, text, schema.DataFile{Path: "data.csv", OnError: "skip"})
	checkDiags(t, diags, []string{
		csvFile + `:1: the header has 1 column, but 4 rows have more: is it a title line? (if the column names ` +
			`are on line 3, add header_row: 3 to files[0] in dataset.yaml)`,
		csvFile + `:3: warning: skipped 4 rows that do not fit the table: lines 3–6; the first: the row has 3 ` +
			`fields where the header has 1: "year,month,value"`,
	})
}

func TestOneColumnNotes(t *testing.T) {
	tbl, diags := openOne(t, "tag\n#opendata\n*starred\n", schema.DataFile{Path: "data.csv"})
	checkDiags(t, diags, nil)
	if rows := scanAll(t, tbl); fmt.Sprint(rows) != "[[#opendata] [*starred]]" {
		t.Errorf("rows %q", rows)
	}
}
