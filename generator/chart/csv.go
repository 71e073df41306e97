package chart

import (
	"bytes"
	"encoding/csv"
)

// CSV writes the frame as RFC 4180 CSV (CRLF line ends), UTF-8 with a byte-order mark so that spreadsheet programs
// read Chinese correctly: a header row of column names, then the rows. Numbers are written plainly (1234.5), dates
// in ISO form, missing values as empty cells. A cell that starts with =, +, -, @, a tab or a carriage return and is
// not a plain number gets a leading single quote, so that a spreadsheet does not run it as a formula.
func (f *Frame) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rec := make([]string, len(f.Columns))
	for i := range f.Columns {
		rec[i] = neutralise(f.Columns[i].Name)
	}
	_ = w.Write(rec) // a bytes.Buffer does not fail
	for r := range f.Rows {
		for i := range f.Columns {
			rec[i] = neutralise(f.Cell(r, i))
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// neutralise prefixes a quote to a cell a spreadsheet would read as a formula (OWASP CSV injection).
func neutralise(s string) string {
	if s == "" || !isFormulaStart(s[0]) || plainNumber(s) {
		return s
	}
	return "'" + s
}

func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// plainNumber reports whether s is a decimal number: an optional sign, digits with at most one point, an optional
// exponent.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
mantissa:
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			break mantissa
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}
