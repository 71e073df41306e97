package dataset

import (
	"fmt"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/xuri/excelize/v2"
)

// workbook builds an xlsx file: sheet "Notes" first, then sheet "Data" with a title row, a header row and rows
// with a date-formatted column, a currency-formatted number, text, plain serial numbers and a time of day.
func workbook(t *testing.T, date1904 bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Notes")
	f.SetCellValue("Notes", "A1", "see the Data sheet")
	if _, err := f.NewSheet("Data"); err != nil {
		t.Fatal(err)
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 15}) // d-mmm-yy
	moneyStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 7}) // currency
	timeStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	rows := [][]any{
		{"Bus routes, 2017"},
		{"ROUTE_ID", "UPDATED", "FARE", "NAME", "SERIAL", "FIRST_BUS"},
		{1001, 42271, 5.8, "竹園邨", 41018, 0.25},
		{1002, 41018, 4.9, "彩雲", 45292, 0.5},
		{1003, 41018.75, 12.0, "", 45293, 0.75},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Data", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	f.SetCellStyle("Data", "B3", "B5", dateStyle)
	f.SetCellStyle("Data", "C3", "C5", moneyStyle)
	f.SetCellStyle("Data", "F3", "F5", timeStyle)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestXLSX(t *testing.T) {
	book := workbook(t, false)
	tbl, diags := openOne(t, book, schema.DataFile{Path: "routes.xlsx", Sheet: "Data", HeaderRow: 2,
		Columns: []schema.Column{{Name: "SERIAL", Format: "excel"}}})
	checkDiags(t, diags, nil)
	if got, want := columns(tbl), "ROUTE_ID integer, UPDATED date(datetime), FARE decimal, NAME text, "+
		"SERIAL date(day), FIRST_BUS text"; got != want {
		t.Errorf("columns %q; want %q", got, want)
	}
	rows := scanAll(t, tbl)
	want := "[[1001 2015-09-24 00:00 5.8 竹園邨 2012-04-19 06:00:00] [1002 2012-04-19 00:00 4.9 彩雲 2024-01-01 12:00:00] " +
		"[1003 2012-04-19 18:00 12 ∅ 2024-01-02 18:00:00]]"
	if fmt.Sprint(rows) != want {
		t.Errorf("rows %q\nwant %s", rows, want)
	}
	if p := tbl.Column("UPDATED").Profile; !p.Latest.Equal(time.Date(2015, 9, 24, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("profile %+v", p)
	}

	// The 1904 date system.
	tbl, _ = openOne(t, workbook(t, true), schema.DataFile{Path: "routes.xlsx", Sheet: "Data", HeaderRow: 2})
	if rows := scanAll(t, tbl); rows[0][1] != "2019-09-25 00:00" {
		t.Errorf("1904: %q", rows[0])
	}

	// The first sheet by default: a one-column table.
	tbl, diags = openOne(t, book, schema.DataFile{Path: "routes.xlsx"})
	checkDiags(t, diags, nil)
	if got := columns(tbl); got != "see the Data sheet text" || tbl.Rows != 0 {
		t.Errorf("first sheet: %q, %d rows", got, tbl.Rows)
	}
}

func TestXLSXProblems(t *testing.T) {
	book := workbook(t, false)
	tests := []struct {
		name string
		text string
		file schema.DataFile
		want []string
	}{
		{"no such sheet", book, schema.DataFile{Sheet: "data"}, []string{yamlFile + `:7: files[0].sheet: ` +
			`routes.xlsx: no sheet "data" in the workbook (sheets: Notes, Data) (did you mean "Data"?)`}},
		{"header_row past the end", book, schema.DataFile{Sheet: "Data", HeaderRow: 9}, []string{yamlFile +
			`:7: files[0].header_row: routes.xlsx: header_row is 9 but sheet "Data" has only 5 rows`}},
		{"not a workbook", "PK\x03\x04 not really", schema.DataFile{}, []string{
			"content/datasets/x/routes.xlsx: cannot read the workbook: zip: not a valid zip file"}},
		{"a declared type", book, schema.DataFile{Sheet: "Data", HeaderRow: 2, OnError: "skip",
			Columns: []schema.Column{{Name: "FARE", Type: "integer"}}}, []string{
			"content/datasets/x/routes.xlsx:3: warning: skipped 2 rows that do not fit the table: lines 3–4; " +
				`the first: column "FARE": "5.8" is not a whole number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.file.Path = "routes.xlsx"
			tbl, diags := openOne(t, tt.text, tt.file)
			checkDiags(t, diags, tt.want)
			scanAll(t, tbl)
		})
	}
}
