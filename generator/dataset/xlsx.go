package dataset

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/xuri/excelize/v2"
)

// xlsxSource reads a worksheet with excelize's streaming row iterator. Cells are read as stored (a number without
// its number format, so 5.8 rather than "$ 5.80"); a number cell with a date format becomes an ISO date, so that
// the column is inferred as dates. To learn which columns have a date format, a second iterator reads the first
// sampleRows rows formatted, in step (formatting every cell would triple the time): a column whose number cells
// there all have a date format is a date column below them too.
type xlsxSource struct {
	f        *excelize.File
	raw, fmt *excelize.Rows
	row      int // the current row's number, from 1
	names    []string
	line     int
	date1904 bool
	fields   []string
	dated    []int8 // per column: 1 number cells have a date format, -1 some have not, 0 not known
}

// sampleRows is how many rows are read formatted as well as raw, to find the date columns.
const sampleRows = 200

func newXLSXSource(r io.Reader, sheet string, headerRow int) (s *xlsxSource, err error) {
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, &dataError{msg: fmt.Sprintf("cannot read the workbook: %v", p)}
		}
	}()
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, &dataError{msg: fmt.Sprintf("cannot read the workbook: %v", err)}
	}
	s = &xlsxSource{f: f}
	sheets := f.GetSheetList()
	switch {
	case len(sheets) == 0:
		f.Close()
		return nil, &dataError{msg: "the workbook has no sheets"}
	case sheet == "":
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		f.Close()
		return nil, &dataError{field: "sheet", msg: fmt.Sprintf("no sheet %q in the workbook (sheets: %s)", sheet,
			strings.Join(sheets, ", ")), hint: diag.Suggest(sheet, sheets)}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	if s.raw, err = f.Rows(sheet); err == nil {
		s.fmt, err = f.Rows(sheet)
	}
	if err != nil {
		s.close()
		return nil, &dataError{msg: fmt.Sprintf("cannot read sheet %q: %v", sheet, err)}
	}
	for s.row < headerRow {
		fields, err := s.read()
		if err != nil {
			s.close()
			return nil, err
		}
		if fields == nil {
			s.close()
			if headerRow > 1 {
				return nil, &dataError{field: "header_row", msg: fmt.Sprintf(
					"header_row is %d but sheet %q has only %d rows", headerRow, sheet, s.row)}
			}
			return nil, &dataError{msg: fmt.Sprintf("sheet %q is empty: expected a header row with the column names",
				sheet)}
		}
		if s.row == headerRow {
			s.names = slices.Clone(fields)
		}
	}
	if !slices.ContainsFunc(s.names, func(n string) bool { return strings.TrimSpace(n) != "" }) {
		s.close()
		return nil, &dataError{line: headerRow, msg: fmt.Sprintf("row %d of sheet %q is empty: expected the column names",
			headerRow, sheet)}
	}
	s.line = headerRow
	return s, nil
}

// read advances both iterators one row; nil fields at the end of the sheet.
func (s *xlsxSource) read() (fields []string, err error) {
	if !s.raw.Next() {
		if err := s.raw.Error(); err != nil {
			return nil, &dataError{line: s.row + 1, msg: fmt.Sprintf("cannot read row %d: %v", s.row+1, err)}
		}
		return nil, nil
	}
	s.row++
	raw, err := s.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &dataError{line: s.row, msg: fmt.Sprintf("cannot read row %d: %v", s.row, err)}
	}
	var shown []string
	sample := s.fmt != nil && s.row <= sampleRows
	if sample {
		s.fmt.Next()
		shown, _ = s.fmt.Columns()
	} else if s.fmt != nil {
		s.fmt.Close()
		s.fmt = nil
	}
	for len(s.dated) < len(raw) {
		s.dated = append(s.dated, 0)
	}
	s.fields = s.fields[:0]
	for i, v := range raw {
		switch {
		case sample && i < len(shown):
			s.fields = append(s.fields, s.cell(i, v, shown[i]))
		case s.dated[i] == 1:
			s.fields = append(s.fields, s.cell(i, v, "1900-01-01"))
		default:
			s.fields = append(s.fields, s.cell(i, v, v))
		}
	}
	if s.fields == nil {
		s.fields = []string{}
	}
	return s.fields, nil
}

// cell is the text of a cell of column i from its stored value and its formatted value.
func (s *xlsxSource) cell(i int, raw, shown string) string {
	if raw == "" {
		return raw
	}
	if raw == shown {
		if _, err := strconv.ParseFloat(raw, 64); err == nil && s.row <= sampleRows {
			s.dated[i] = -1 // a number shown as a number
		}
		return raw
	}
	if shown == "TRUE" || shown == "FALSE" {
		return shown // a boolean cell, stored as 1 or 0
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw // text
	}
	if s.row <= sampleRows {
		if looksLikeDate(shown) && s.dated[i] == 0 {
			s.dated[i] = 1
		} else if !looksLikeDate(shown) {
			s.dated[i] = -1
		}
	}
	if looksLikeDate(shown) {
		if v >= 0 && v < 1 { // a time of day
			secs := int(math.Round(v * 86400))
			return fmt.Sprintf("%02d:%02d:%02d", secs/3600%24, secs/60%60, secs%60)
		}
		if t, ok := excelTime(v, s.date1904); ok {
			if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
				return t.Format("2006-01-02 15:04:05")
			}
			return t.Format("2006-01-02")
		}
	}
	if len(raw) > 15 && !math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64) // 0.10000000000000001 → 0.1
	}
	return raw
}

// looksLikeDate reports whether excelize formatted a number as a date or time: "24-Sep-15", "4/19/12", "08:30".
func looksLikeDate(s string) bool {
	if strings.ContainsAny(s, ":年月日") {
		return true
	}
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == '/' || s[i] == '-') && isDigit(s[i-1]) && isDigit(s[i+1]) {
			return true
		}
	}
	for i := 0; i+3 <= len(s); i++ {
		if m, _ := monthName(s[i:]); m != 0 && (i == 0 || !isLetter(s[i-1])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func (s *xlsxSource) header() []string  { return s.names }
func (s *xlsxSource) headerLine() int   { return s.line }
func (s *xlsxSource) strictCount() bool { return false }
func (s *xlsxSource) fieldPos(i int) (int, int) {
	return s.row, i + 1
}

func (s *xlsxSource) next() (fields []string, line int, problem string, err error) {
	defer func() {
		if p := recover(); p != nil {
			fields, err = nil, &dataError{line: s.row, msg: fmt.Sprintf("cannot read row %d: %v", s.row, p)}
		}
	}()
	fields, err = s.read()
	if err != nil {
		return nil, 0, "", err
	}
	if fields == nil {
		return nil, 0, "", io.EOF
	}
	return fields, s.row, "", nil
}

func (s *xlsxSource) close() {
	if s.raw != nil {
		s.raw.Close()
	}
	if s.fmt != nil {
		s.fmt.Close()
	}
	s.f.Close()
}
