package chart

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// zoomAbove is the number of points along x above which an axis chart gets zoom controls.
const zoomAbove = 100

// axisFrame makes the frame of a line, area or bar chart: x and one column per series. Several y columns are
// series as they are; with encode.series the table (long format) is pivoted, one column per series value in
// order of first appearance, one row per x value.
func (c *checker) axisFrame(p *plan, t *table) *Frame {
	e := p.enc
	x := t.cols[e.x].Column
	if e.series < 0 {
		f := &Frame{Columns: []Column{x}}
		for _, i := range e.y {
			f.Columns = append(f.Columns, t.cols[i].Column)
		}
		for _, row := range t.rows {
			out := make([]dataset.Value, 0, len(f.Columns))
			out = append(out, row[e.x])
			for _, i := range e.y {
				out = append(out, row[i])
			}
			f.Rows = append(f.Rows, out)
		}
		return f
	}
	y, s := t.cols[e.y[0]].Column, t.cols[e.series].Column
	f := &Frame{Columns: []Column{x}}
	xIndex, sIndex := map[string]int{}, map[string]int{}
	var cells [][]dataset.Value
	var set [][]bool
	dups, dupX, dupS := 0, "", ""
	for _, row := range t.rows {
		if row[e.series].Missing || row[e.x].Missing {
			continue
		}
		xl, sl := x.Format(row[e.x]), s.Format(row[e.series])
		si, ok := sIndex[sl]
		if !ok {
			if len(sIndex) == MaxSeries {
				c.errorf("encode.series", fmt.Sprintf("keep the largest with a top step on %q, or filter", s.Name),
					"%q has more than %d values; a chart draws at most %d series", s.Name, MaxSeries, MaxSeries)
				return nil
			}
			si = len(sIndex)
			sIndex[sl] = si
			f.Columns = append(f.Columns, Column{Name: sl, Unit: y.Unit, Type: y.Type})
		}
		xi, ok := xIndex[xl]
		if !ok {
			xi = len(cells)
			xIndex[xl] = xi
			cells = append(cells, []dataset.Value{row[e.x]})
			set = append(set, nil)
		}
		for len(cells[xi]) < 2+si {
			cells[xi] = append(cells[xi], dataset.Value{Missing: true})
			set[xi] = append(set[xi], false)
		}
		if set[xi][si] {
			if dups == 0 {
				dupX, dupS = xl, sl
			}
			dups++
			continue
		}
		cells[xi][1+si], set[xi][si] = row[e.y[0]], true
	}
	if dups > 0 {
		c.warnf("encode.series", fmt.Sprintf("add a group step by [%s, %s]", x.Name, s.Name),
			"%d rows repeat an x and series pair (the first: %q, %q); the first of each is drawn", dups, dupX, dupS)
	}
	for _, r := range cells {
		for len(r) < len(f.Columns) {
			r = append(r, dataset.Value{Missing: true})
		}
		f.Rows = append(f.Rows, r)
	}
	return f
}

// drawAxis draws a line, area or bar chart. Dates of days (or finer) lie on a time axis for lines and areas, and
// decimals on a value axis; everything else, and every bar chart, on a category axis.
func (c *checker) drawAxis(p *plan, t *table) *drawn {
	ch := p.spec
	f := c.axisFrame(p, t)
	if f == nil {
		return nil
	}
	x := &f.Columns[0]
	kind := "category"
	switch {
	case ch.Type != "bar" && x.timeAxis():
		kind = "time"
	case ch.Type != "bar" && x.Type == dataset.Decimal:
		kind = "value"
	}
	nSeries := len(f.Columns) - 1
	if n := len(f.Rows) * max(1, firstOf(ch.Type == "bar", nSeries, 1)); kind == "category" && n > MaxCategories {
		c.errorf("encode.x", "group, bucket or keep the top categories first",
			"%d %s to draw; a chart draws at most %d", n, firstOf(ch.Type == "bar", "bars", "categories"), MaxCategories)
		return nil
	}
	labels := make([]string, len(f.Rows))
	for r := range f.Rows {
		labels[r] = f.Cell(r, 0)
	}
	d := &drawn{frame: f, trends: x.Type == dataset.Date, height: 360}
	// names of the series and of the value axis
	names := make([]string, nSeries)
	var valueAxis string
	if p.enc.series >= 0 {
		for k := range names {
			names[k] = f.Columns[1+k].Name
		}
		valueAxis = axisName(c.title(&t.cols[p.enc.y[0]].Column), c.unitOf(&t.cols[p.enc.y[0]].Column))
	} else {
		units := map[string]bool{}
		for k := range names {
			names[k] = c.title(&f.Columns[1+k])
			units[c.unitOf(&f.Columns[1+k])] = true
		}
		valueAxis = firstOf(nSeries == 1, axisName(names[0], c.unitOf(&f.Columns[1])), "")
		if nSeries > 1 && len(units) == 1 {
			valueAxis = c.unitOf(&f.Columns[1])
		}
	}
	for k := range names {
		d.sums = append(d.sums, sumSeries{name: names[k], labels: labels, values: column(f, 1+k)})
	}
	xAxis := opts.XAxis{Type: kind, Name: c.title(x), NameLocation: "middle", NameGap: 30}
	yAxis := opts.YAxis{Type: "value", Name: valueAxis}
	if kind == "value" {
		xAxis.Scale = opts.Bool(true)
	}
	global := c.commonOpts("axis", nSeries > 1)
	grid := opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "24", Top: firstOf(nSeries > 1, "40", "32"),
		Bottom: "40"}
	if len(f.Rows) > zoomAbove && !(ch.Type == "bar" && ch.Horizontal) {
		global = append(global, charts.WithDataZoomOpts(opts.DataZoom{Type: "inside"}, opts.DataZoom{Type: "slider"}))
		grid.Bottom = "72"
	}
	if kind == "value" || ch.Type == "bar" && ch.Horizontal {
		grid.Right = valueAxisRight
	}
	global = append(global, charts.WithGridOpts(grid))
	stack := firstOf(ch.Stack, "total", "")
	if ch.Type == "bar" {
		return c.barOption(d, f, labels, names, global, xAxis, yAxis, stack)
	}
	l := charts.NewLine()
	l.SetGlobalOptions(append(global, charts.WithXAxisOpts(xAxis), charts.WithYAxisOpts(yAxis))...)
	if kind == "category" {
		l.SetXAxis(labels)
	}
	for k := range names {
		data := c.lineData(f, 1+k, kind)
		so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{Stack: stack,
			ShowSymbol: opts.Bool(len(data) <= 60)})}
		if ch.Type == "area" {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{}))
		}
		l.AddSeries(names[k], data, so...)
	}
	l.Validate()
	d.opt = l.JSON()
	if kind == "time" {
		d.patch = func(m map[string]any) { m["useUTC"] = true } // dates are days in UTC: show them so
	}
	return d
}

// column returns the values of column i of the frame.
func column(f *Frame, i int) []dataset.Value {
	out := make([]dataset.Value, len(f.Rows))
	for r, row := range f.Rows {
		out[r] = row[i]
	}
	return out
}

// lineData is the points of one series: values aligned with the categories, or [x, y] pairs on a time or value
// axis ([category index, y] when a long category series is thinned). A missing value is "-", a gap.
func (c *checker) lineData(f *Frame, k int, kind string) []opts.LineData {
	type pt struct {
		x float64
		r int
	}
	var pts []pt
	for r, row := range f.Rows {
		switch {
		case kind == "category":
			pts = append(pts, pt{float64(r), r})
		case !row[0].Missing && kind == "time":
			pts = append(pts, pt{float64(row[0].Time.UnixMilli()), r})
		case !row[0].Missing:
			pts = append(pts, pt{row[0].Num, r})
		}
	}
	slices.SortStableFunc(pts, func(a, b pt) int { return cmp.Compare(a.x, b.x) })
	var xs, ys []float64
	var rs []int
	for _, p := range pts {
		if v := f.Rows[p.r][k]; !v.Missing {
			xs, ys, rs = append(xs, p.x), append(ys, v.Num), append(rs, p.r)
		}
	}
	xval := func(r int) any {
		switch kind {
		case "time":
			return f.Rows[r][0].Time.UnixMilli()
		case "value":
			return num(f.Rows[r][0].Num)
		}
		return r
	}
	if len(xs) > c.maxPoints() {
		keep := c.thin(xs, ys)
		out := make([]opts.LineData, len(keep))
		for i, j := range keep {
			out[i] = opts.LineData{Value: []any{xval(rs[j]), num(ys[j])}}
		}
		return out
	}
	out := make([]opts.LineData, 0, len(pts))
	for _, p := range pts {
		v := valueOf(f.Rows[p.r][k])
		if kind == "category" {
			out = append(out, opts.LineData{Value: v})
		} else {
			out = append(out, opts.LineData{Value: []any{xval(p.r), v}})
		}
	}
	return out
}

// valueOf is a value for the option: its number, or "-" when missing.
func valueOf(v dataset.Value) any {
	if v.Missing {
		return "-"
	}
	return num(v.Num)
}

// valueAxisRight is the grid's right margin over a value axis along the bottom, which centres its last label
// ("80,000,000") on the axis' end.
const valueAxisRight = "48"

// barOption draws bars: grouped side by side, stacked, or horizontal (categories down the vertical axis, the first
// at the top).
func (c *checker) barOption(d *drawn, f *Frame, labels, names []string, global []charts.GlobalOpts, xAxis opts.XAxis,
	yAxis opts.YAxis, stack string) *drawn {
	ch := c.spec.Chart
	b := charts.NewBar()
	if ch.Horizontal {
		global = append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: yAxis.Name, NameLocation: "middle", NameGap: 30}),
			// inverse: the name's "start" is the top
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: xAxis.Name, NameLocation: "start",
				Inverse: opts.Bool(true)}))
		per := firstOf(stack != "", 1, len(names))
		d.height = clamp(80+len(f.Rows)*per*22, 360, 4000)
	} else {
		global = append(global, charts.WithXAxisOpts(xAxis), charts.WithYAxisOpts(yAxis))
	}
	b.SetGlobalOptions(global...)
	b.SetXAxis(labels)
	if ch.Horizontal {
		b.XYReversal()
	}
	for k := range names {
		data := make([]opts.BarData, len(f.Rows))
		for r, row := range f.Rows {
			data[r] = opts.BarData{Value: valueOf(row[1+k])}
		}
		b.AddSeries(names[k], data, charts.WithBarChartOpts(opts.BarChart{Stack: stack}))
	}
	b.Validate()
	d.opt = b.JSON()
	return d
}
