package chart

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// drawScatter draws points (x, y) on two value axes, one series per value of encode.series (else one), with
// encode.label naming each point on hover. The frame is the table's x, y, series and label columns.
func (c *checker) drawScatter(p *plan, t *table) *drawn {
	e := p.enc
	idx := []int{e.x, e.y[0]}
	if e.series >= 0 {
		idx = append(idx, e.series)
	}
	if e.label >= 0 {
		idx = append(idx, e.label)
	}
	f := &Frame{}
	for _, i := range idx {
		f.Columns = append(f.Columns, t.cols[i].Column)
	}
	for _, row := range t.rows {
		out := make([]dataset.Value, len(idx))
		for j, i := range idx {
			out[j] = row[i]
		}
		f.Rows = append(f.Rows, out)
	}
	type group struct {
		name string
		rows []int
	}
	var groups []*group
	index := map[string]*group{}
	for r, row := range f.Rows {
		if row[0].Missing || row[1].Missing {
			continue
		}
		name := c.title(&f.Columns[1])
		if e.series >= 0 {
			name = f.Cell(r, 2)
		}
		g := index[name]
		if g == nil {
			if len(groups) == MaxSeries {
				c.errorf("encode.series", fmt.Sprintf("keep the largest with a top step on %q, or filter",
					f.Columns[2].Name), "more than %d series; a chart draws at most %d", MaxSeries, MaxSeries)
				return nil
			}
			g = &group{name: name}
			index[name] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, r)
	}
	d := &drawn{frame: f, height: 360}
	s := charts.NewScatter()
	s.SetGlobalOptions(append(c.commonOpts("item", len(groups) > 1),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: valueAxisRight,
			Top: firstOf(len(groups) > 1, "40", "32"), Bottom: "40"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Scale: opts.Bool(true), NameLocation: "middle", NameGap: 30,
			Name: axisName(c.title(&f.Columns[0]), c.columnUnit(&f.Columns[0]))}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true),
			Name: axisName(c.title(&f.Columns[1]), c.unitOf(&f.Columns[1]))}))...)
	for _, g := range groups {
		slices.SortStableFunc(g.rows, func(a, b int) int { return cmp.Compare(f.Rows[a][0].Num, f.Rows[b][0].Num) })
		xs, ys := make([]float64, len(g.rows)), make([]float64, len(g.rows))
		labels, values := make([]string, len(g.rows)), make([]dataset.Value, len(g.rows))
		for i, r := range g.rows {
			xs[i], ys[i] = f.Rows[r][0].Num, f.Rows[r][1].Num
			labels[i], values[i] = f.Cell(r, 0), f.Rows[r][1]
			if e.label >= 0 {
				labels[i] = f.Cell(r, len(idx)-1)
			}
		}
		d.sums = append(d.sums, sumSeries{name: g.name, labels: labels, values: values})
		keep := c.thin(xs, ys)
		data := make([]opts.ScatterData, len(keep))
		for i, j := range keep {
			data[i] = opts.ScatterData{Value: []any{num(xs[j]), num(ys[j])}}
			if e.label >= 0 {
				data[i].Name = labels[j]
			}
		}
		s.AddSeries(g.name, data)
	}
	s.Validate()
	d.opt = s.JSON()
	return d
}
