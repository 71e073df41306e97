package chart

import (
	"errors"
	"fmt"
	"slices"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// table is the data after the transform steps.
type table struct {
	cols []col
	rows [][]dataset.Value
}

// sink receives the rows of the scan after the row-wise steps that come first.
type sink interface {
	add(row []dataset.Value) error
	rows() [][]dataset.Value
}

// collector keeps rows (copies of the columns the chart uses), up to a limit.
type collector struct {
	cols  []col
	limit int
	kept  [][]dataset.Value
	chunk []dataset.Value
}

func (k *collector) add(row []dataset.Value) error {
	if len(k.kept) >= k.limit {
		return errTooMany
	}
	if len(k.chunk) < len(row) {
		k.chunk = make([]dataset.Value, len(row)*1024)
	}
	r := k.chunk[:len(row):len(row)]
	k.chunk = k.chunk[len(row):]
	copy(r, row)
	for i := range r {
		if k.cols[i].Type != dataset.Text {
			r[i].Str = "" // numbers and dates are formatted from their values
		}
	}
	k.kept = append(k.kept, r)
	return nil
}

func (k *collector) rows() [][]dataset.Value { return k.kept }

// run streams the table through the steps. The filter and bucket steps before the first group, sort or top step
// run row by row during the scan; a group step there aggregates during the scan, so only the groups are kept.
// Otherwise the rows are kept, at most MaxRows. The remaining steps run on the kept rows.
func run(p *plan, d Data, c *checker) (*table, error) {
	if d.Scan == nil {
		return nil, errors.New("the table cannot be read")
	}
	first := slices.IndexFunc(p.steps, func(s step) bool { return s.kind >= stepGroup })
	if first < 0 {
		first = len(p.steps)
	}
	pre, rest := p.steps[:first], p.steps[first:]
	var sk sink
	var limitField string
	if first < len(p.steps) && p.steps[first].kind == stepGroup {
		sk = newGrouper(&p.steps[first], MaxRows)
		limitField, rest = p.steps[first].field, rest[1:]
	} else {
		in := p.cols // filter and bucket steps keep the columns and their types
		if len(p.steps) > 0 {
			in = p.steps[0].in
		}
		sk = &collector{cols: in, limit: MaxRows}
	}
	work := make([]dataset.Value, len(p.srcs))
	err := d.Scan(func(row []dataset.Value) error {
		for i, s := range p.srcs {
			if s < len(row) {
				work[i] = row[s]
			} else {
				work[i] = dataset.Value{Missing: true}
			}
		}
		for j := range pre {
			if !pre[j].apply(work) {
				return nil
			}
		}
		return sk.add(work)
	})
	if errors.Is(err, errTooMany) {
		if limitField != "" {
			c.errorf(limitField, "group by fewer or coarser columns: bucket dates by week, month or year first",
				"the group step makes more than %d groups", MaxRows)
		} else {
			c.errorf(firstOf(len(p.steps) > 0, "transform", "encode"),
				"add a group step (after a bucket step for dates) so the chart draws one value per category",
				"the chart would keep more than %d rows", MaxRows)
		}
		return nil, errContent
	}
	if err != nil {
		return nil, fmt.Errorf("read the table: %w", err)
	}
	rows := sk.rows()
	for i := range rest {
		rows = runStep(&rest[i], rows)
	}
	return &table{cols: p.cols, rows: rows}, nil
}

// runStep runs one step on rows held in memory.
func runStep(st *step, rows [][]dataset.Value) [][]dataset.Value {
	switch st.kind {
	case stepFilter, stepBucket:
		out := rows[:0]
		for _, r := range rows {
			if st.apply(r) {
				out = append(out, r)
			}
		}
		return out
	case stepGroup:
		g := newGrouper(st, len(rows)+1)
		for _, r := range rows {
			_ = g.add(r) // at most one group per row: never over the limit
		}
		return g.rows()
	case stepSort:
		sortRows(rows, st.col, st.in[st.col].Type, st.desc)
		return rows
	case stepTop:
		return topRows(st, rows)
	}
	return rows
}

func firstOf[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}
