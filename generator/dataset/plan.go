package dataset

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// source yields a file's rows as text, the same way each time it is read.
type source interface {
	// header is the column names so far: fixed for CSV and XLSX; for JSON it grows as keys are first seen.
	header() []string
	// headerLine is where the names are (for messages).
	headerLine() int
	// next returns the next row's fields (for JSON aligned with header(); for CSV and XLSX as in the file), its
	// line, and a problem that makes it a bad row; io.EOF at the end; a *dataError that ends reading.
	next() (fields []string, line int, problem string, err error)
	// fieldPos is where field i of the last row (or of the header, before the first next) starts.
	fieldPos(i int) (line, col int)
	// strictCount says that a row must have the header's number of fields (CSV); XLSX rows may be shorter.
	strictCount() bool
	close()
}

// plan is how a file is read: what Open learnt, kept for Scan.
type plan struct {
	root      *os.Root
	rel       string
	format    string
	encoding  string
	delim     byte
	headerRow int
	records   string
	sheet     string

	cols     []*colPlan // by source field
	checks   []*colPlan // columns whose declared type is checked on every row
	out      []int      // the source field of each of the table's columns
	date1904 bool
}

func newPlan(o Options, t *Table) *plan {
	p := &plan{root: o.Root, rel: t.Path, format: t.Format, encoding: o.File.Encoding, delim: ',',
		headerRow: max(o.File.HeaderRow, 1), records: o.File.Records, sheet: o.File.Sheet}
	if p.format == "tsv" {
		p.delim = '\t'
	}
	return p
}

// delimiter reads the delimiter option: one ASCII character other than a quote or a line break; "\t" or "tab"
// for a tab.
func delimiter(s string) (byte, bool) {
	switch s {
	case "\t", `\t`, "tab", "TAB":
		return '\t', true
	}
	if len(s) != 1 || s[0] >= 0x80 || s[0] == '"' || s[0] == '\r' || s[0] == '\n' {
		return 0, false
	}
	return s[0], true
}

// openSource starts reading the file's bytes (in) as rows. With watch, the text of a CSV, TSV or JSON file passes
// through a textWatch, returned, which notes where it is not in the file's encoding. It does not change p: Scan may
// run in parallel.
func (p *plan) openSource(in io.Reader, watch bool) (source, *textWatch, error) {
	if p.format == "xlsx" {
		s, err := newXLSXSource(in, p.sheet, p.headerRow)
		if err != nil {
			return nil, nil, err
		}
		return s, nil, checkWidth(s)
	}
	var raw *textWatch
	if watch && legacy(p.encoding) {
		raw = newTextWatch(in, "utf-8") // are the bytes UTF-8 after all?
		in = raw
	}
	text, enc := decodeText(in, p.encoding)
	var w *textWatch
	if watch {
		w = newTextWatch(text, enc)
		w.raw = raw
		text = w
	}
	if p.format == "json" || p.format == "geojson" {
		s, err := newJSONSource(text, p.format == "geojson", p.records) // bounds its columns as keys appear
		if err != nil {
			return nil, w, err
		}
		return s, w, nil
	}
	s, err := newCSVSource(text, p.delim, p.headerRow, enc)
	if err != nil {
		return nil, w, err
	}
	if err := checkWidth(s); err != nil {
		return nil, w, err
	}
	return newReadAhead(s), w, nil
}

// checkWidth refuses a header of more than maxColumns columns, closing s.
func checkWidth(s source) error {
	if n := len(s.header()); n > maxColumns {
		s.close()
		return &dataError{line: s.headerLine(), msg: fmt.Sprintf("the header has %d columns: at most %d are read",
			n, maxColumns)}
	}
	return nil
}

// rowProblem says why a row does not fit the table, and at which field; "" for a row that fits. skip reports an
// empty row (every field blank), which is passed over silently.
func (p *plan) rowProblem(src source, fields []string, problem string) (msg string, field int, skip bool) {
	if problem != "" {
		return problem, -1, false
	}
	empty := true
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			empty = false
			break
		}
	}
	if empty {
		return "", 0, true
	}
	width := len(p.cols)
	if len(fields) > width {
		for _, f := range fields[width:] {
			if strings.TrimSpace(f) != "" {
				return fmt.Sprintf("the row has %d fields where the header has %d: %s", len(fields), width,
					rowText(fields)), -1, false
			}
		}
	}
	if len(fields) < width && src.strictCount() {
		for _, c := range p.cols[len(fields):] {
			if !c.unnamed {
				return fmt.Sprintf("the row has %d %s where the header has %d: %s", len(fields),
					plural(len(fields), "field", "fields"), width, rowText(fields)), -1, false
			}
		}
	}
	if _, json := src.(*jsonSource); !json && width > 1 && isNote(fields) {
		return "the row looks like a note, not data: " + rowText(fields), -1, false
	}
	for _, c := range p.checks {
		if c.src >= len(fields) {
			continue
		}
		if _, ok := c.p.read(fields[c.src]); !ok {
			s, _ := c.p.prepare(fields[c.src])
			return fmt.Sprintf("column %q: %s is not %s", c.name, quote(s), c.p.expected()), c.src, false
		}
	}
	return "", 0, false
}

// isNote reports a row whose first cell starts like a footnote ("*** unavailable", "Remarks:", "註：") and whose
// other cells are empty.
func isNote(fields []string) bool {
	first := strings.TrimSpace(fields[0])
	for _, f := range fields[1:] {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	if strings.HasPrefix(first, "*") || strings.HasPrefix(first, "#") {
		return true
	}
	lower := strings.ToLower(first)
	for _, w := range []string{"remark", "note", "source", "footnote", "註", "注", "備註", "备注", "資料來源", "资料来源",
		"數據來源", "数据来源"} {
		if rest, ok := strings.CutPrefix(lower, w); ok {
			rest = strings.TrimPrefix(rest, "s")
			if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
				return true
			}
		}
	}
	return false
}

// rowText quotes a row for a message: its first 60 characters.
func rowText(fields []string) string {
	s := strings.Join(fields, ",")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// asDataError returns err as a *dataError, or nil.
func asDataError(err error) *dataError {
	var de *dataError
	if errors.As(err, &de) {
		return de
	}
	return nil
}
