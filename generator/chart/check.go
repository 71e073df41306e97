package chart

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// checker checks a spec against a table and reports to the diagnostics with the spec's positions.
type checker struct {
	spec   Spec
	def    string // the default language: what a missing label falls back to
	diags  *diag.List
	parse  func(col int, s string) dataset.Value
	silent bool // while re-planning over the projected columns: everything was reported already
	failed bool
	// dropped records, for each column a group step left out, the field of that step
	dropped map[string]string
	// uncertain is set after a group step named a column that does not exist: the columns after it are a guess,
	// so a later column that is not found is not reported again
	uncertain bool
	// what drawing found
	thinned             bool
	pointsIn, pointsOut int
	unmatched           []string
}

func (c *checker) errorf(field, hint, format string, args ...any) {
	c.failed = true
	if !c.silent {
		c.diags.Errorf(c.at(field), field, hint, format, args...)
	}
}

func (c *checker) warnf(field, hint, format string, args ...any) {
	if !c.silent {
		c.diags.Warnf(c.at(field), field, hint, format, args...)
	}
}

// at is the position of field, else of the nearest enclosing field that has one, else the file.
func (c *checker) at(field string) diag.Pos {
	for f := field; ; f = parentField(f) {
		if p, ok := c.spec.Pos[f]; ok && p.File != "" {
			return p
		}
		if f == "" {
			return diag.Pos{File: c.spec.File}
		}
	}
}

// parentField strips the last element of a field path: "a.b[1]" → "a.b" → "a" → "".
func parentField(f string) string {
	if strings.HasSuffix(f, "]") {
		if i := strings.LastIndexByte(f, '['); i >= 0 {
			return f[:i]
		}
	}
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		return f[:i]
	}
	return ""
}

// stepKind is the kind of a transform step.
type stepKind uint8

const (
	stepFilter stepKind = iota
	stepBucket
	stepGroup
	stepSort
	stepTop
)

// step is one checked transform step, with column indices into the table as it is before the step.
type step struct {
	kind   stepKind
	field  string // "transform[i]"
	in     []col  // the table's columns before the step
	col    int    // filter, bucket, sort, top: the column
	filter *filter
	unit   string // bucket
	by     []int  // group: the grouping columns
	agg    string // group: the aggregate
	aggs   []int  // group: the aggregated columns
	out    []col  // group: the columns after the step
	desc   bool   // sort
	rank   int    // top: the ranking column
	n      int    // top
	others bool   // top
}

// plan is a checked spec: the steps, the final columns and the encoded columns.
type plan struct {
	spec    *schema.Chart
	srcs    []int // the Data column each input column is read from
	steps   []step
	cols    []col // the columns after the last step
	enc     encoding
	ordered bool // a sort or top step sets the order of the rows
}

// plan checks the transforms and the encoding over the input columns cols. It returns nil when the spec has
// errors. report is false when everything was reported by an earlier call.
func (c *checker) plan(cols []col, report bool) *plan {
	c.silent, c.failed, c.dropped, c.uncertain = !report, false, map[string]string{}, false
	defer func() { c.silent = false }()
	ch := c.spec.Chart
	p := &plan{spec: ch}
	for _, cl := range cols {
		p.srcs = append(p.srcs, cl.src)
	}
	cur := cols
	for i, t := range ch.Transform {
		field := fmt.Sprintf("transform[%d]", i)
		kinds := stepsOf(t)
		switch {
		case len(kinds) == 0:
			c.errorf(field, "write one of: filter, bucket, group, sort, top", "transform item has no step")
			continue
		case len(kinds) > 1:
			c.errorf(field, "split it into one item per step, in the order they apply",
				"a transform item takes exactly one step; this one has %s", strings.Join(kinds, " and "))
			continue
		}
		st := step{field: field, in: cur}
		switch kinds[0] {
		case "filter":
			st.kind = stepFilter
			st.col, st.filter = c.checkFilter(cur, t.Filter, field+".filter")
		case "bucket":
			st.kind = stepBucket
			cur = c.checkBucket(cur, &st, t.Bucket, field+".bucket")
		case "group":
			st.kind = stepGroup
			cur = c.checkGroup(cur, &st, t.Group, field+".group")
			st.out = cur
		case "sort":
			st.kind = stepSort
			p.ordered = true
			st.col = c.find(cur, t.Sort.By, field+".sort.by")
			switch t.Sort.Order {
			case "", "asc":
			case "desc":
				st.desc = true
			default:
				c.errorf(field+".sort.order", "write asc or desc", "order %q is not asc or desc", t.Sort.Order)
			}
		case "top":
			st.kind = stepTop
			p.ordered = true
			c.checkTop(cur, &st, t.Top, field+".top")
		}
		p.steps = append(p.steps, st)
	}
	p.cols = cur
	p.enc = c.checkEncode(cur)
	c.checkOptions()
	if c.failed {
		return nil
	}
	return p
}

// stepsOf names the steps a transform item gives.
func stepsOf(t schema.Transform) []string {
	var out []string
	v := reflect.ValueOf(t)
	for i := range v.NumField() {
		if !v.Field(i).IsZero() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
			out = append(out, name)
		}
	}
	return out
}

// find returns the index of the column name in cols, or reports it at field and returns -1.
func (c *checker) find(cols []col, name, field string) int {
	if name == "" {
		c.errorf(field, "name a column", "no column given")
		return -1
	}
	for i := range cols {
		if cols[i].Name == name {
			return i
		}
	}
	if c.uncertain {
		c.failed = true
		return -1
	}
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].Name
	}
	if by, ok := c.dropped[name]; ok {
		c.errorf(field, "a group step keeps only its by columns and what it aggregates: "+nameList(names),
			"no column %q after the group step at %s", name, by)
		return -1
	}
	hint := "the columns are: " + nameList(names)
	if s := diag.Suggest(name, names); s != "" {
		hint = s + " " + hint
	}
	c.errorf(field, hint, "no column %q in the table", name)
	return -1
}

// nameList lists column names for a hint, at most 20.
func nameList(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	if len(names) > 20 {
		return strings.Join(names[:20], ", ") + ", … (" + strconv.Itoa(len(names)) + " in all)"
	}
	return strings.Join(names, ", ")
}

// typeName describes a column's type for a message: "text", "a date", …
func typeName(cl *col) string {
	switch cl.Type {
	case dataset.Integer, dataset.Decimal:
		return "a number"
	case dataset.Date:
		return "a date"
	}
	return "text"
}

func (c *checker) checkBucket(cur []col, st *step, b schema.Bucket, field string) []col {
	st.unit = b.Unit
	st.col = c.find(cur, b.Column, field+".column")
	if !slices.Contains([]string{"day", "week", "month", "quarter", "year"}, b.Unit) {
		c.errorf(field+".unit", diag.Suggest(b.Unit, []string{"day", "week", "month", "quarter", "year"}),
			"unit %q is not one of day, week, month, quarter, year", b.Unit)
	}
	if st.col < 0 {
		return cur
	}
	cl := cur[st.col]
	if cl.unknown {
		return cur
	}
	if cl.Type != dataset.Date {
		c.errorf(field+".column", "bucket a column of dates, or declare this column's type: date in dataset.yaml",
			"bucket needs a date column; %q is %s", cl.Name, typeName(&cl))
		return cur
	}
	out := slices.Clone(cur)
	out[st.col].Bucket = b.Unit
	switch b.Unit {
	case "day", "week":
		out[st.col].Grain = dataset.Day
	case "month", "quarter":
		out[st.col].Grain = dataset.Month
	case "year":
		out[st.col].Grain = dataset.Year
	}
	return out
}

func (c *checker) checkTop(cur []col, st *step, t schema.Top, field string) {
	st.n, st.others = t.N, t.Others
	st.col = c.find(cur, t.Column, field+".column")
	st.rank = c.find(cur, t.By, field+".by")
	if st.col >= 0 && !cur[st.col].unknown && cur[st.col].Type != dataset.Text {
		c.errorf(field+".column", "top keeps categories: name a text column",
			"top needs a text column; %q is %s", cur[st.col].Name, typeName(&cur[st.col]))
	}
	if st.rank >= 0 && !cur[st.rank].unknown && !cur[st.rank].Type.Numeric() {
		c.errorf(field+".by", "rank by a column of numbers", "top needs a numeric column to rank by; %q is %s",
			cur[st.rank].Name, typeName(&cur[st.rank]))
	}
	if t.N < 1 {
		c.errorf(field+".n", "e.g. n: 10", "n must be at least 1")
	}
}
