package dataset

import (
	"fmt"
	"io"
	"maps"
	"strings"
)

// read is Open's pass over the file: it plans the columns, checks and profiles every row, keeps the head, and
// fills t. Problems in the data go to r; the error is an I/O failure.
func (p *plan) read(in io.Reader, r *run, t *Table) error {
	if d := r.o.File.Delimiter; d != "" && (p.format == "csv" || p.format == "tsv") {
		b, ok := delimiter(d)
		if !ok {
			pos, field := r.field("delimiter")
			r.diags.Errorf(pos, field, `use one character such as ";" or "|", or "\t" for a tab`,
				"%s: cannot use %q as the delimiter", r.fileName(), d)
			return nil
		}
		p.delim = b
	}
	src, watch, err := p.openSource(in, true)
	if err != nil {
		if de := asDataError(err); de != nil {
			r.stop(de)
			r.encoding(watch, p)
			return nil
		}
		return fmt.Errorf("cannot read %s: %w", p.rel, err)
	}
	defer src.close()
	switch s := src.(type) {
	case *xlsxSource:
		p.date1904 = s.date1904
	case *jsonSource:
		if s.geo {
			p.format, t.Format = "geojson", "geojson"
		}
	}
	ov := newOverrides(r)
	p.addColumns(src, r, ov, 0)
	var head [][]string
	rows := 0
	for {
		fields, line, problem, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if de := asDataError(err); de != nil {
				r.stop(de)
				break
			}
			return fmt.Errorf("cannot read %s: %w", p.rel, err)
		}
		if len(src.header()) > len(p.cols) {
			p.addColumns(src, r, ov, rows)
		}
		if js, ok := src.(*jsonSource); ok && js.feature != nil {
			t.Features = append(t.Features, *js.feature)
		}
		msg, field, skip := p.rowProblem(src, fields, problem)
		if skip {
			continue
		}
		if msg != "" {
			col := 0
			if field >= 0 {
				if l, c := src.fieldPos(field); l > 0 {
					line, col = l, c
				}
			}
			r.badRow(line, col, msg)
			if _, ok := src.(*readAhead); ok && len(fields) > len(p.cols) {
				if r.wide == 0 {
					r.firstWide = line
				}
				r.wide++
			}
			continue
		}
		rows++
		for _, c := range p.cols {
			if c.acc == nil {
				continue
			}
			s := ""
			if c.src < len(fields) {
				s = fields[c.src]
			}
			v, missing := c.p.prepare(s)
			var val Value
			if !missing && c.p.declared && !c.acc.dateOnly {
				val, _ = c.p.value(v)
			}
			if c.unnamed && !c.values && strings.TrimSpace(s) != "" {
				c.values = true
			}
			c.acc.add(v, missing, val, line)
		}
		if len(head) < HeadRows {
			row := make([]string, len(fields))
			for i, f := range fields {
				row[i] = strings.Clone(f)
			}
			head = append(head, row)
		}
	}
	r.finish()
	r.encoding(watch, p)
	if cs, ok := src.(*readAhead); ok {
		if r.wide > rows {
			r.diags.Errorf(r.at(cs.headerLine(), 0), "", fmt.Sprintf("if the column names are on line %d, add header_row: %d "+
				"to %s in dataset.yaml", r.firstWide, r.firstWide, r.where()), "the header has %d %s, but %d rows have more: "+
				"is it a title line?", len(p.cols), plural(len(p.cols), "column", "columns"), r.wide)
		}
	}
	p.finish(t, r, ov, head, rows)
	return nil
}

// encoding reports text that is not in the file's encoding, once per file: where the first bad character is, on
// how many lines there are others, and which encoding the bytes look like.
func (r *run) encoding(w *textWatch, p *plan) {
	if w == nil {
		return
	}
	if w.raw != nil && w.enc == strings.ToLower(p.encoding) && w.raw.isUTF8() {
		r.diags.Errorf(r.at(w.raw.wideLine, w.raw.wideCol), "", fmt.Sprintf(
			"remove encoding: %s from %s in dataset.yaml", p.encoding, r.where()),
			"the text is UTF-8, not %s", encodingNames[w.enc])
		return
	}
	if w.bad == 0 {
		return
	}
	more := ""
	if w.bad > 1 {
		more = fmt.Sprintf(" (and on %d more %s)", w.bad-1, plural(w.bad-1, "line", "lines"))
	}
	sample := w.sample
	if !w.utf8 && w.enc != "utf-16" {
		sample = rawLine(p.root, p.rel, w.firstLine)
	}
	r.diags.Errorf(r.at(w.firstLine, w.first), "", encodingHint(r.where(), p.encoding, w.enc, sample),
		"the text is not valid %s%s", encodingNames[w.enc], more)
}

// finish decides the columns (types, profiles, names), types the head and keeps the plan for Scan.
func (p *plan) finish(t *Table, r *run, ov *overrides, head [][]string, rows int) {
	var checks []*colPlan
	for _, c := range p.cols {
		if c.ignore || (c.unnamed && !c.values) {
			continue // ignored, or the empty column after a trailing delimiter
		}
		if c.unnamed {
			r.headerWarning(r.at(c.hline, c.hcol), fmt.Sprintf("name it in the file, or refer to it as %q", c.name),
				fmt.Sprintf("column %d has values but no name: it is called %q", c.src+1, c.name))
		}
		col := Column{Name: c.name}
		if c.override >= 0 {
			o := ov.cols[c.override]
			col.Label, col.Unit = maps.Clone(map[string]string(o.Label)), maps.Clone(map[string]string(o.Unit))
		}
		c.acc.finish(&col)
		if c.acc.dateOnly && col.Type != Date {
			pos, field := r.field(fmt.Sprintf("columns[%d].type", c.override))
			r.diags.Errorf(pos, field, "add format: with the dates' layout, e.g. format: dd/mm/yyyy",
				"%s: column %q is declared a date, but its values are not dates in one layout: %s on line %d",
				r.fileName(), c.name, quote(c.acc.failed), c.acc.failLine)
		}
		if col.parser.declared && col.Type != Text {
			checks = append(checks, &colPlan{src: c.src, name: c.name, p: col.parser})
		}
		t.Columns = append(t.Columns, col)
		p.out = append(p.out, c.src)
	}
	r.headerWarnings()
	ov.unmatched(r, p)
	for _, c := range p.cols {
		c.acc = nil // the profiles are done: free the distinct sets
	}
	p.checks = checks
	t.Rows, t.Skipped = rows, r.bad
	for _, row := range head {
		vals := make([]Value, len(t.Columns))
		for i, src := range p.out {
			s := ""
			if src < len(row) {
				s = row[src]
			}
			v, ok := t.Columns[i].parser.read(s)
			if !ok {
				v = Value{Missing: true}
			}
			vals[i] = v
		}
		t.Head = append(t.Head, vals)
	}
	t.plan = p
}
