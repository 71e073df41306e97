package chart

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

var aggregates = []string{"count", "sum", "mean", "median", "min", "max"}

// checkGroup checks a group step and returns the columns after it: the by columns in the order written, then the
// aggregated columns (or the count).
func (c *checker) checkGroup(cur []col, st *step, g schema.Group, field string) []col {
	st.agg = g.Aggregate
	if !slices.Contains(aggregates, g.Aggregate) {
		c.errorf(field+".aggregate", hintOr(suggestOf(g.Aggregate, aggregates), "one of: count, sum, mean, median, min, max"),
			"aggregate %q is not one of count, sum, mean, median, min, max", g.Aggregate)
	}
	var out []col
	if len(g.By) == 0 {
		c.errorf(field+".by", "add by: [<column>]", "group needs by: the column(s) to group by")
	}
	for j, name := range g.By {
		f := fmt.Sprintf("%s.by[%d]", field, j)
		i := c.find(cur, name, f)
		switch {
		case i < 0:
			out = append(out, col{Column: Column{Name: name}, src: -1, unknown: true})
		case slices.Contains(st.by, i):
			c.errorf(f, "remove one", "%q is listed twice", name)
		default:
			st.by = append(st.by, i)
			out = append(out, cur[i])
		}
	}
	if g.Aggregate == "count" {
		if len(g.Columns) > 0 {
			c.warnf(field+".columns", "remove columns; as names the count's column", "count counts rows; columns is not used")
		}
		name := g.As
		if name == "" {
			name = "count"
		}
		for _, o := range out {
			if o.Name == name {
				c.errorf(field+".as", "write as: <a new column name>", "the count's column %q is also a by column", name)
			}
		}
		out = append(out, col{Column: Column{Name: name, Type: dataset.Integer}, src: -1})
	} else {
		if g.As != "" {
			c.warnf(field+".as", "remove as", "as names the column of a count; %s keeps the columns' names", g.Aggregate)
		}
		if len(g.Columns) == 0 && slices.Contains(aggregates, g.Aggregate) {
			c.errorf(field+".columns", "add columns: [<a numeric column>]",
				"%s needs columns: the numeric columns to aggregate", g.Aggregate)
		}
		for j, name := range g.Columns {
			f := fmt.Sprintf("%s.columns[%d]", field, j)
			i := c.find(cur, name, f)
			if i < 0 {
				out = append(out, col{Column: Column{Name: name, Type: dataset.Decimal}, src: -1, unknown: true})
				continue
			}
			cl := cur[i]
			switch {
			case !cl.unknown && !cl.Type.Numeric():
				c.errorf(f, "aggregate a column of numbers, or use aggregate: count",
					"%s needs a numeric column; %q is %s", g.Aggregate, cl.Name, typeName(&cl))
			case slices.Contains(st.by, i):
				c.errorf(f, "remove it from by or from columns", "%q is both grouped by and aggregated", name)
			case slices.Contains(st.aggs, i):
				c.errorf(f, "remove one", "%q is listed twice", name)
			}
			st.aggs = append(st.aggs, i)
			switch g.Aggregate {
			case "mean", "median":
				cl.Type = dataset.Decimal
			}
			out = append(out, cl)
		}
	}
	if slices.ContainsFunc(out, func(o col) bool { return o.unknown }) {
		c.uncertain = true
	}
	for _, cl := range cur {
		if !slices.ContainsFunc(out, func(o col) bool { return o.Name == cl.Name }) {
			c.dropped[cl.Name] = st.field
		}
	}
	return out
}

func hintOr(h, alt string) string {
	if h != "" {
		return h
	}
	return alt
}

func suggestOf(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	return diag.Suggest(s, candidates)
}

// errTooMany stops a scan that would keep more rows or groups than MaxRows.
var errTooMany = errors.New("too many rows")

// acc accumulates one aggregated column of one group.
type acc struct {
	n             int
	sum, min, max float64
	vals          []float64 // median only
}

// grouper aggregates rows streamingly: it keeps one key and one accumulator per column per group, so memory grows
// with the number of groups, not rows (median keeps the values).
type grouper struct {
	st     *step
	index  map[string]int
	keys   []dataset.Value // group g's by values at g*len(by)
	accs   []acc           // group g's accumulators at g*len(aggs)
	counts []int
	buf    []byte
	limit  int
}

func newGrouper(st *step, limit int) *grouper {
	return &grouper{st: st, index: map[string]int{}, limit: limit}
}

func (g *grouper) add(row []dataset.Value) error {
	buf := g.buf[:0]
	for _, i := range g.st.by {
		v := row[i]
		if v.Missing {
			return nil // rows without a value to group by are left out
		}
		buf = appendKey(buf, v, g.st.in[i].Type)
	}
	g.buf = buf
	id, ok := g.index[string(buf)]
	if !ok {
		if len(g.counts) >= g.limit {
			return errTooMany
		}
		id = len(g.counts)
		g.index[string(buf)] = id
		for _, i := range g.st.by {
			v := row[i]
			if g.st.in[i].Type != dataset.Text {
				v.Str = ""
			}
			g.keys = append(g.keys, v)
		}
		for range g.st.aggs {
			g.accs = append(g.accs, acc{min: math.Inf(1), max: math.Inf(-1)})
		}
		g.counts = append(g.counts, 0)
	}
	g.counts[id]++
	median := g.st.agg == "median"
	for j, i := range g.st.aggs {
		v := row[i]
		if v.Missing {
			continue
		}
		a := &g.accs[id*len(g.st.aggs)+j]
		a.n++
		a.sum += v.Num
		a.min = min(a.min, v.Num)
		a.max = max(a.max, v.Num)
		if median {
			a.vals = append(a.vals, v.Num)
		}
	}
	return nil
}

// rows returns one row per group, in the order the groups first appeared.
func (g *grouper) rows() [][]dataset.Value {
	nb, na := len(g.st.by), len(g.st.aggs)
	width := nb + max(na, 1)
	flat := make([]dataset.Value, len(g.counts)*width)
	out := make([][]dataset.Value, len(g.counts))
	for id := range g.counts {
		row := flat[id*width : (id+1)*width : (id+1)*width]
		copy(row, g.keys[id*nb:(id+1)*nb])
		if g.st.agg == "count" {
			row[nb] = dataset.Value{Num: float64(g.counts[id])}
		} else {
			for j := range na {
				row[nb+j] = g.accs[id*na+j].result(g.st.agg)
			}
		}
		out[id] = row
	}
	return out
}

func (a *acc) result(agg string) dataset.Value {
	if a.n == 0 {
		return dataset.Value{Missing: true}
	}
	var x float64
	switch agg {
	case "sum":
		x = a.sum
	case "mean":
		x = a.sum / float64(a.n)
	case "min":
		x = a.min
	case "max":
		x = a.max
	case "median":
		slices.Sort(a.vals)
		m := len(a.vals) / 2
		x = a.vals[m]
		if len(a.vals)%2 == 0 {
			x = (a.vals[m-1] + a.vals[m]) / 2
		}
	}
	return number(x)
}

// number is a computed value; an overflow (±Inf, NaN) is missing, as in the dataset's tables.
func number(x float64) dataset.Value {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return dataset.Value{Missing: true}
	}
	return dataset.Value{Num: x}
}

// appendKey appends a value's identity to a group key.
func appendKey(b []byte, v dataset.Value, t dataset.Type) []byte {
	switch t {
	case dataset.Integer, dataset.Decimal:
		x := v.Num
		if x == 0 {
			x = 0 // -0 and 0 are one group
		}
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	case dataset.Date:
		b = binary.LittleEndian.AppendUint64(b, uint64(v.Time.Unix()))
		return binary.LittleEndian.AppendUint32(b, uint32(v.Time.Nanosecond()))
	}
	b = binary.AppendUvarint(b, uint64(len(v.Str)))
	return append(b, v.Str...)
}
