package chart

import (
	"slices"
	"strings"
	"unicode"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// drawn is what a chart type's builder makes from the table.
type drawn struct {
	frame  *Frame
	opt    map[string]any       // chart.JSON() of the go-echarts chart
	patch  func(map[string]any) // what go-echarts cannot express, applied to the decoded option
	sums   []sumSeries
	totals bool // the summary has a total (pie, donut, map)
	trends bool // the summary has trends (x is a date)
	height int
}

// draw builds the Result from the transformed table.
func (c *checker) draw(p *plan, t *table, m *mapping) (*Result, error) {
	ch := p.spec
	if len(t.rows) == 0 {
		c.errorf(firstOf(len(ch.Transform) > 0, "transform", "dataset"),
			"check the filter values and the columns the chart uses", "no rows left to draw")
		return nil, errContent
	}
	if !p.ordered && p.enc.x >= 0 && ch.Type != "heatmap" {
		if x := t.cols[p.enc.x]; x.Type != dataset.Text {
			sortRows(t.rows, p.enc.x, x.Type, false)
		}
	}
	var d *drawn
	switch ch.Type {
	case "line", "area", "bar":
		d = c.drawAxis(p, t)
	case "scatter":
		d = c.drawScatter(p, t)
	case "pie", "donut":
		d = c.drawPie(p, t)
	case "heatmap":
		d = c.drawHeatmap(p, t)
	case "calendar":
		d = c.drawCalendar(p, t)
	case "map":
		d = c.drawMap(p, t, m)
	}
	if d == nil || c.failed {
		return nil, errContent
	}
	res := &Result{ID: c.spec.ID, Type: ch.Type, Frame: d.frame, Height: d.height}
	var err error
	if res.Option, err = encodeOption(d.opt, d.patch); err != nil {
		return nil, err
	}
	res.CSV = d.frame.CSV()
	res.Summary = summarize(d.sums, d.totals, d.trends)
	if m != nil {
		res.MapName, res.MapJSON = m.name, m.geojson
		for r, row := range d.frame.Rows {
			if row[1].Missing {
				res.NoData = append(res.NoData, d.frame.Cell(r, 0))
			}
		}
		res.Unmatched = c.unmatched
	}
	if c.thinned {
		res.Downsampled, res.PointsIn, res.PointsOut = true, c.pointsIn, c.pointsOut
	}
	return res, nil
}

// lang is the language of the option's labels.
func (c *checker) lang() string { return c.spec.Lang }

// title is a column's display name in the chart's language.
func (c *checker) title(cl *Column) string {
	if s := cl.Label[c.lang()]; s == "" && cl.Label[""] == "" && cl.Label[c.def] != "" {
		return cl.Label[c.def]
	}
	return cl.Title(c.lang())
}

// unitOf is the unit of a value column: the chart's unit, else the column's.
func (c *checker) unitOf(cl *Column) string {
	if u := c.spec.Chart.Unit.Get(c.lang(), c.def); u != "" {
		return u
	}
	return c.columnUnit(cl)
}

// columnUnit is a column's unit in the chart's language, else in the default language.
func (c *checker) columnUnit(cl *Column) string {
	if u := cl.UnitIn(c.lang()); u != "" {
		return u
	}
	return cl.Unit[c.def]
}

// axisName is an axis title with its unit: "Rainfall (mm)"; the title alone when it names the unit already
// ("Passenger trips", not "Passenger trips (passenger trips)").
func axisName(title, unit string) string {
	if unit == "" || hasWords(title, unit) {
		return title
	}
	if title == "" {
		return unit
	}
	return title + " (" + unit + ")"
}

// hasWords reports whether the words of part appear, one after another, among the words of s, in any case.
func hasWords(s, part string) bool {
	words := func(x string) []string {
		return strings.FieldsFunc(strings.ToLower(x), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	w, p := words(s), words(part)
	if len(p) == 0 {
		return false
	}
	for i := 0; i+len(p) <= len(w); i++ {
		if slices.Equal(w[i:i+len(p)], p) {
			return true
		}
	}
	return false
}

// commonOpts are the options every chart has: a stable chart id (go-echarts would make a random one), the
// tooltip and the legend (shown when there are several series, scrolling when long).
func (c *checker) commonOpts(trigger string, legend bool) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + c.spec.ID}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Type: "scroll", Top: "0"}),
	}
}

// maxPoints is the number of points above which a series is thinned.
func (c *checker) maxPoints() int {
	if n := c.spec.Chart.MaxPoints; n >= 3 {
		return n
	}
	return DefaultMaxPoints
}

// thin returns the indices of the points to draw (all, or thinned by LTTB) and records the thinning.
func (c *checker) thin(xs, ys []float64) []int {
	keep := lttb(xs, ys, c.maxPoints())
	if len(keep) < len(xs) {
		c.thinned = true
		c.pointsIn += len(xs)
		c.pointsOut += len(keep)
	}
	return keep
}

// distinct returns the distinct formatted values of column i, in order of first appearance, or ascending for
// numbers and dates; and the position of each row's value among them.
func distinct(rows [][]dataset.Value, i int, cl *Column) (labels []string, at []int) {
	order := make([]int, len(rows))
	for r := range order {
		order[r] = r
	}
	if cl.Type != dataset.Text {
		slices.SortStableFunc(order, func(a, b int) int { return compareValues(rows[a][i], rows[b][i], cl.Type) })
	}
	index := map[string]int{}
	at = make([]int, len(rows))
	for _, r := range order {
		l := cl.Format(rows[r][i])
		id, ok := index[l]
		if !ok {
			id = len(labels)
			index[l] = id
			labels = append(labels, l)
		}
		at[r] = id
	}
	return labels, at
}

func clamp(x, lo, hi int) int { return max(lo, min(x, hi)) }
