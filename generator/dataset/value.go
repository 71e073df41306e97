package dataset

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// defaultMissing are the cell values read as "no data" in every column (compared ignoring ASCII case), besides
// the empty cell.
var defaultMissing = []string{"-", "N/A", "NA", "n.a.", "..", "—"}

// parser reads one column's cells: it knows the column's missing tokens, replacements, type and date layout.
type parser struct {
	typ      Type
	declared bool    // the type comes from dataset.yaml
	layout   *layout // Date: the layout of the column's values
	date1904 bool    // xlsx: the workbook uses Excel's 1904 date system
	missing  []string
	replace  map[string]string
}

// prepare trims s and applies the column's replacements; missing reports a cell that means "no data".
func (p *parser) prepare(s string) (v string, missing bool) {
	s = strings.TrimSpace(s)
	if p != nil && len(p.replace) > 0 {
		if r, ok := p.replace[s]; ok {
			s = strings.TrimSpace(r)
		}
	}
	if s == "" {
		return s, true
	}
	if len(s) <= 4 {
		for _, m := range defaultMissing {
			if len(m) == len(s) && strings.EqualFold(m, s) {
				return s, true
			}
		}
	}
	if p != nil {
		for _, m := range p.missing {
			if len(m) == len(s) && strings.EqualFold(m, s) {
				return s, true
			}
		}
	}
	return s, false
}

// value reads a prepared, non-missing cell as the parser's type. ok is false when it does not fit; NaN and
// infinities in a numeric column are missing.
func (p *parser) value(s string) (v Value, ok bool) {
	switch p.typ {
	case Integer, Decimal:
		f, isInt, ok := parseNumber(s)
		if !ok {
			if isNaNToken(s) {
				return Value{Missing: true}, true
			}
			return Value{}, false
		}
		if p.typ == Integer && !isInt {
			return Value{}, false
		}
		return Value{Num: f, Str: s}, true
	case Date:
		l := p.layout
		if l == nil {
			return Value{}, false
		}
		t, _, ok := l.parse(s, p.date1904)
		if !ok {
			return Value{}, false
		}
		return Value{Time: t, Str: s}, true
	}
	return Value{Str: s}, true
}

// read is prepare then value.
func (p *parser) read(s string) (Value, bool) {
	s, missing := p.prepare(s)
	if missing {
		return Value{Missing: true}, true
	}
	return p.value(s)
}

// expected describes the parser's type for "is not …" messages.
func (p *parser) expected() string {
	switch p.typ {
	case Integer:
		return "a whole number"
	case Decimal:
		return "a number"
	case Date:
		if p.layout != nil && p.layout.excel {
			return "an Excel date number"
		}
		if p.layout != nil {
			return fmt.Sprintf("a date like %s (%s)", p.layout.example, p.layout.name)
		}
		return "a date"
	}
	return "text"
}

// Parse reads one cell with the column's type, missing values and replacements, the way Scan reads the column's
// cells; a chart filter uses it to read a value such as "2024-03". A date is read with the column's layout, else
// as an ISO date, date-time, year-month or year, so that a filter can be written the same way for any date
// column. A value that does not fit the column's type is returned as missing; ParseStrict says why.
func (c *Column) Parse(s string) Value {
	v, _ := c.ParseStrict(s)
	return v
}

// ParseStrict is Parse that also reports a value that does not fit the column's type, with a message such as
// `"12x" is not a whole number`.
func (c *Column) ParseStrict(s string) (Value, error) {
	p := c.parser
	if p == nil {
		p = &parser{typ: c.Type}
	}
	s, missing := p.prepare(s)
	if missing {
		return Value{Missing: true}, nil
	}
	if c.Type == Date {
		for _, l := range append([]*layout{p.layout}, filterLayouts...) {
			if l == nil {
				continue
			}
			if t, _, ok := l.parse(s, p.date1904); ok {
				return Value{Time: t, Str: s}, nil
			}
		}
		q := *p
		q.typ = Date
		return Value{Missing: true}, fmt.Errorf("%s is not %s", quote(s), q.expected())
	}
	q := *p
	q.typ = c.Type
	v, ok := q.value(s)
	if !ok {
		return Value{Missing: true}, fmt.Errorf("%s is not %s", quote(s), q.expected())
	}
	return v, nil
}

// filterLayouts are tried after a date column's own layout by Parse.
var filterLayouts = append(append([]*layout{}, inferred...), yearLayout)

// quote quotes s for a message, shortened to 40 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:39]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
