package chart

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// Others is the category a top step with others: true sums the remaining categories into.
const Others = "Others"

// compareValues orders two values of a column's type; missing values come last.
func compareValues(a, b dataset.Value, t dataset.Type) int {
	switch {
	case a.Missing || b.Missing:
		return cmpBool(a.Missing, b.Missing)
	case t == dataset.Integer || t == dataset.Decimal:
		return cmp.Compare(a.Num, b.Num)
	case t == dataset.Date:
		return a.Time.Compare(b.Time)
	}
	return strings.Compare(a.Str, b.Str)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// sortRows orders rows by column i, stably; missing values come last in either order.
func sortRows(rows [][]dataset.Value, i int, t dataset.Type, desc bool) {
	slices.SortStableFunc(rows, func(a, b []dataset.Value) int {
		if a[i].Missing || b[i].Missing {
			return cmpBool(a[i].Missing, b[i].Missing)
		}
		c := compareValues(a[i], b[i], t)
		if desc {
			return -c
		}
		return c
	})
}

// topRows keeps the rows of the n categories of column st.col with the largest sums of column st.rank, the
// largest first (ties in order of first appearance; rows of one category in their order). With others, the
// remaining rows become rows of the category Others: one per distinct combination of the other text and date
// columns, with every numeric column summed.
func topRows(st *step, rows [][]dataset.Value) [][]dataset.Value {
	type category struct {
		sum   float64
		first int
	}
	index := map[string]int{}
	var cats []category
	catOf := make([]int, len(rows))
	for r, row := range rows {
		v := row[st.col]
		key := v.Str
		if v.Missing {
			key = "\x00missing"
		}
		id, ok := index[key]
		if !ok {
			id = len(cats)
			index[key] = id
			cats = append(cats, category{first: r})
		}
		catOf[r] = id
		if x := row[st.rank]; !x.Missing {
			cats[id].sum += x.Num
		}
	}
	order := make([]int, len(cats))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cats[b].sum, cats[a].sum) })
	rank := make([]int, len(cats))
	for pos, id := range order {
		rank[id] = pos
	}
	var kept, rest [][]dataset.Value
	idx := make([]int, 0, len(rows))
	for r := range rows {
		if rank[catOf[r]] < st.n {
			idx = append(idx, r)
		} else {
			rest = append(rest, rows[r])
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rank[catOf[a]], rank[catOf[b]]) })
	for _, r := range idx {
		kept = append(kept, rows[r])
	}
	if !st.others || len(rest) == 0 {
		return kept
	}
	return append(kept, othersRows(st, rest)...)
}

// othersRows sums rows into Others rows, one per combination of the other non-numeric columns.
func othersRows(st *step, rest [][]dataset.Value) [][]dataset.Value {
	index := map[string]int{}
	var out [][]dataset.Value
	var buf []byte
	for _, row := range rest {
		buf = buf[:0]
		for i, cl := range st.in {
			if i != st.col && !cl.Type.Numeric() {
				if row[i].Missing {
					buf = append(buf, 0)
				} else {
					buf = append(buf, 1)
					buf = appendKey(buf, row[i], cl.Type)
				}
			}
		}
		id, ok := index[string(buf)]
		if !ok {
			id = len(out)
			index[string(buf)] = id
			o := slices.Clone(row)
			o[st.col] = dataset.Value{Str: Others}
			for i, cl := range st.in {
				if cl.Type.Numeric() {
					o[i] = dataset.Value{Missing: true}
				}
			}
			out = append(out, o)
		}
		o := out[id]
		for i, cl := range st.in {
			if cl.Type.Numeric() && !row[i].Missing {
				if o[i].Missing {
					o[i] = dataset.Value{}
				}
				o[i].Num += row[i].Num
			}
		}
	}
	for _, o := range out {
		for i := range o {
			if !o[i].Missing && st.in[i].Type.Numeric() {
				o[i] = number(o[i].Num)
			}
		}
	}
	return out
}
