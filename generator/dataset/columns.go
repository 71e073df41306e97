package dataset

import (
	"fmt"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// colPlan is one field of the source: the column's name, its override from dataset.yaml and how it is read.
type colPlan struct {
	src      int
	name     string // as in the header, trimmed; "column N" when empty; "Name (2)" for a repeated name
	unnamed  bool   // the header has no name for it
	override int    // index in File.Columns, or -1
	ignore   bool
	p        *parser
	acc      *accum // Open only
	values   bool   // some row has a value here (for unnamed columns)
	hline    int    // where the header names it
	hcol     int
}

// overrides matches File.Columns to the columns as they are added.
type overrides struct {
	cols    []schema.Column
	matched []bool
	used    map[string]bool // column names given so far
}

func newOverrides(r *run) *overrides {
	ov := &overrides{cols: r.o.File.Columns, matched: make([]bool, len(r.o.File.Columns)), used: map[string]bool{}}
	seen := map[string]int{}
	for i, c := range ov.cols {
		name := strings.TrimSpace(c.Name)
		if j, dup := seen[name]; dup {
			pos, field := r.field(fmt.Sprintf("columns[%d].name", i))
			r.diags.Errorf(pos, field, "describe each column once", "column %q is already described by columns[%d]",
				c.Name, j)
			ov.matched[i] = true
			continue
		}
		seen[name] = i
	}
	return ov
}

// find returns the override for the column called name, or -1: an exact match first, then a trimmed one.
func (ov *overrides) find(name string) int {
	for i, c := range ov.cols {
		if !ov.matched[i] && c.Name == name {
			return i
		}
	}
	for i, c := range ov.cols {
		if !ov.matched[i] && strings.TrimSpace(c.Name) == name {
			return i
		}
	}
	return -1
}

// addColumns plans the header's fields from len(p.cols) on. rows is the number of rows already read (JSON keys
// first seen late are missing in them).
func (p *plan) addColumns(src source, r *run, ov *overrides, rows int) {
	names := src.header()
	for i := len(p.cols); i < len(names); i++ {
		c := &colPlan{src: i, override: -1}
		c.name = strings.TrimSpace(strings.TrimPrefix(names[i], "\ufeff"))
		line, col := src.fieldPos(i)
		if line == 0 {
			line = src.headerLine() // JSON keys have no position of their own
		}
		c.hline, c.hcol = line, col
		if c.name == "" {
			c.unnamed = true
			c.name = fmt.Sprintf("column %d", i+1)
		}
		if ov.used[c.name] {
			base := c.name
			for k := 2; ov.used[c.name]; k++ {
				c.name = fmt.Sprintf("%s (%d)", base, k)
			}
			r.headerWarning(r.at(line, col), fmt.Sprintf("refer to it as %q in dataset.yaml and charts", c.name),
				fmt.Sprintf("column %d is also named %q: it is called %q", i+1, base, c.name))
		}
		ov.used[c.name] = true
		c.p = &parser{missing: trimAll(r.o.File.Missing), date1904: p.date1904}
		if k := ov.find(c.name); k >= 0 {
			ov.matched[k] = true
			c.override = k
			c.ignore = ov.cols[k].Ignore
			c.p = r.parserFor(k, ov.cols[k], p.date1904)
		}
		if !c.ignore {
			c.acc = newAccum(c.p)
			c.acc.addMissing(rows)
			if c.p.declared && !(c.p.typ == Date && c.p.layout == nil) && c.p.typ != Text {
				p.checks = append(p.checks, c)
			}
		}
		p.cols = append(p.cols, c)
	}
}

// parserFor builds the parser of a column from its override (columns[k]) and the file's options, reporting
// problems with its type or format.
func (r *run) parserFor(k int, c schema.Column, date1904 bool) *parser {
	p := &parser{missing: trimAll(r.o.File.Missing, c.Missing), date1904: date1904}
	if len(c.Replace) > 0 {
		p.replace = map[string]string{}
		for _, rp := range c.Replace {
			p.replace[strings.TrimSpace(rp.Value)] = rp.With
		}
	}
	if c.Format != "" {
		pos, field := r.field(fmt.Sprintf("columns[%d].format", k))
		l, err := compileLayout(c.Format)
		switch {
		case err != nil:
			r.diags.Errorf(pos, field, formatsHelp, "cannot read the date format %q: %v", c.Format, err)
		case c.Type != "" && c.Type != "date":
			r.diags.Errorf(pos, field, "remove format:, or make the type date", "format: is for dates, but the type is %s",
				c.Type)
		default:
			p.typ, p.declared, p.layout = Date, true, l
		}
		return p
	}
	switch c.Type {
	case "integer":
		p.typ, p.declared = Integer, true
	case "decimal":
		p.typ, p.declared = Decimal, true
	case "date":
		p.typ, p.declared = Date, true // the layout is found from the values
	case "text":
		p.typ, p.declared = Text, true
	}
	return p
}

// unmatched reports the overrides that name no column of the file.
func (ov *overrides) unmatched(r *run, p *plan) {
	var names []string
	for _, c := range p.cols {
		names = append(names, c.name)
	}
	list := strings.Join(names, ", ")
	if len(names) > 20 {
		list = strings.Join(names[:20], ", ") + fmt.Sprintf(" and %d more", len(names)-20)
	}
	for i, c := range ov.cols {
		if ov.matched[i] {
			continue
		}
		pos, field := r.field(fmt.Sprintf("columns[%d].name", i))
		r.diags.Errorf(pos, field, diag.Suggest(strings.TrimSpace(c.Name), names), "no column %q in %s (columns: %s)",
			c.Name, r.fileName(), list)
	}
}

// trimAll joins lists of missing tokens, trimmed as cells are.
func trimAll(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, s := range l {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
