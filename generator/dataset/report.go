package dataset

import (
	"fmt"
	"path"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
)

// maxBadRows is how many rows that do not fit the table are reported one by one under on_error: error.
const maxBadRows = 20

// dataError is a problem in the data that leaves no (more) table to read: reported, and reading stops.
type dataError struct {
	line  int    // in the data file; 0: the file as a whole
	field string // or the dataset.yaml field it concerns, relative to the file's prefix ("header_row")
	msg   string
	hint  string
}

func (e *dataError) Error() string { return e.msg }

// run reports the problems found while opening one file.
type run struct {
	o     Options
	file  string // display path of the data file
	diags *diag.List
	skip  bool // on_error: skip

	bad       int    // rows that do not fit the table
	first     string // the first one's problem
	firstLine int
	moreLine  int // error mode: the first row not reported on its own
	lastLine  int
	ranges    [][2]int // skip mode: the bad rows' lines, as ranges (the first few)
	moreRange int      // and how many more ranges

	wide      int // CSV rows with more fields than the header: a title line taken for the header?
	firstWide int

	renamed  int // columns named by the reader (repeated or missing names)
	lastName diag.Pos
}

// maxHeaderWarnings is how many renamed columns are reported one by one.
const maxHeaderWarnings = 10

func newRun(o Options, diags *diag.List) *run {
	return &run{o: o, file: path.Join(o.Display, o.Dir, string(o.File.Path)), diags: diags,
		skip: o.File.OnError == "skip"}
}

func (r *run) at(line, col int) diag.Pos { return diag.Pos{File: r.file, Line: line, Col: col} }

// field returns the position in dataset.yaml and the full path of a field of this file ("columns[2].name").
func (r *run) field(f string) (diag.Pos, string) {
	full := f
	if r.o.Prefix != "" {
		full = r.o.Prefix + "." + f
	}
	if r.o.Field == nil {
		return diag.Pos{}, full
	}
	return r.o.Field(full), full
}

// fileName is the data file's name, for messages about dataset.yaml.
func (r *run) fileName() string { return path.Base(string(r.o.File.Path)) }

// stop reports a problem that ends the reading of the file.
func (r *run) stop(e *dataError) {
	if e.field != "" {
		pos, full := r.field(e.field)
		r.diags.Errorf(pos, full, e.hint, "%s: %s", r.fileName(), e.msg)
		return
	}
	r.diags.Errorf(r.at(e.line, 0), "", e.hint, "%s", e.msg)
}

// badRow records a row that does not fit the table.
func (r *run) badRow(line, col int, problem string) {
	r.bad++
	r.lastLine = line
	if r.bad == 1 {
		r.first, r.firstLine = problem, line
	}
	if !r.skip {
		if r.bad <= maxBadRows {
			r.diags.Errorf(r.at(line, col), "", r.skipHint(), "%s", problem)
		} else if r.bad == maxBadRows+1 {
			r.moreLine = line
		}
		return
	}
	switch n := len(r.ranges); {
	case n > 0 && r.ranges[n-1][1] == line-1:
		r.ranges[n-1][1] = line
	case n > 0 && r.ranges[n-1][1] == line:
	case n < 5:
		r.ranges = append(r.ranges, [2]int{line, line})
	default:
		r.moreRange++
	}
}

func (r *run) skipHint() string {
	return fmt.Sprintf("if such rows are notes rather than data, add on_error: skip to %s in dataset.yaml", r.where())
}

// where names the file's entry in dataset.yaml for hints: "files[0]".
func (r *run) where() string {
	if r.o.Prefix == "" {
		return "the file"
	}
	return r.o.Prefix
}

// headerWarning reports a column the reader had to name, up to maxHeaderWarnings.
func (r *run) headerWarning(pos diag.Pos, hint, msg string) {
	r.renamed++
	r.lastName = pos
	if r.renamed <= maxHeaderWarnings {
		r.diags.Warnf(pos, "", hint, "%s", msg)
	}
}

// headerWarnings sums up the renamed columns not reported one by one.
func (r *run) headerWarnings() {
	if n := r.renamed - maxHeaderWarnings; n > 0 {
		r.diags.Warnf(r.lastName, "", "", "%d more columns have a repeated name or none: they are called "+
			`"Name (2)" or "column N"`, n)
	}
}

// finish reports the bad rows not reported one by one.
func (r *run) finish() {
	switch {
	case r.bad == 0:
	case !r.skip && r.bad > maxBadRows:
		r.diags.Errorf(r.at(r.moreLine, 0), "", "", "%d more rows do not fit the table, up to line %d",
			r.bad-maxBadRows, r.lastLine)
	case r.skip:
		rows := "rows that do not fit"
		if r.bad == 1 {
			rows = "row that does not fit"
		}
		r.diags.Warnf(r.at(r.firstLine, 0), "", "", "skipped %d %s the table: %s; the first: %s",
			r.bad, rows, r.lineList(), r.first)
	}
}

// lineList writes the bad rows' lines: "line 12", "lines 49036–49038", "lines 3, 7–9 and 4 more ranges".
func (r *run) lineList() string {
	var parts []string
	n := 0
	for _, g := range r.ranges {
		if g[0] == g[1] {
			parts = append(parts, fmt.Sprint(g[0]))
			n++
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", g[0], g[1]))
			n += 2
		}
	}
	s := strings.Join(parts, ", ")
	if r.moreRange > 0 {
		s += fmt.Sprintf(" and %d more", r.moreRange)
	}
	if n == 1 && r.moreRange == 0 {
		return "line " + s
	}
	return "lines " + s
}
