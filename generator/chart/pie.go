package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// drawPie draws one slice per row (encode.label names it, encode.value sizes it), in the table's order; a donut is
// a pie with a hole. Missing values draw no slice; values below zero draw none either and are reported.
func (c *checker) drawPie(p *plan, t *table) *drawn {
	e := p.enc
	label, value := t.cols[e.label].Column, t.cols[e.value].Column
	if len(t.rows) > MaxCategories {
		c.errorf("encode.label", "keep the largest slices with a top step (others: true sums the rest)",
			"%d slices to draw; a chart draws at most %d", len(t.rows), MaxCategories)
		return nil
	}
	f := &Frame{Columns: []Column{label, value}}
	var data []opts.PieData
	labels := make([]string, 0, len(t.rows))
	negative := 0
	for _, row := range t.rows {
		f.Rows = append(f.Rows, []dataset.Value{row[e.label], row[e.value]})
		l := label.Format(row[e.label])
		labels = append(labels, l)
		v := row[e.value]
		switch {
		case v.Missing:
		case v.Num < 0:
			negative++
		default:
			data = append(data, opts.PieData{Name: l, Value: num(v.Num)})
		}
	}
	if negative > 0 {
		c.warnf("encode.value", "a pie shows parts of a whole: use a bar chart for values below zero",
			"%d slices are below zero and are not drawn", negative)
	}
	radius := any("70%")
	if c.spec.Chart.Type == "donut" {
		radius = []string{"40%", "70%"}
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(c.commonOpts("item", true)...)
	pie.AddSeries(axisName(c.title(&value), c.unitOf(&value)), data,
		charts.WithPieChartOpts(opts.PieChart{Radius: radius, Center: []string{"50%", "55%"}}))
	pie.Validate()
	return &drawn{frame: f, opt: pie.JSON(), totals: true, height: 360,
		sums: []sumSeries{{name: c.title(&value), labels: labels, values: column(f, 1)}}}
}
