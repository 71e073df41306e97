package chart

import (
	"fmt"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// MaxYears bounds the years a calendar chart draws (one calendar per year).
const MaxYears = 10

// valueRange is the smallest and largest value of column i, for the visual map.
func valueRange(rows [][]dataset.Value, i int) (lo, hi float64, ok bool) {
	for _, row := range rows {
		if v := row[i]; !v.Missing {
			if !ok || v.Num < lo {
				lo = v.Num
			}
			if !ok || v.Num > hi {
				hi = v.Num
			}
			ok = true
		}
	}
	return lo, hi, ok
}

// visualMap is the colour scale of a heatmap, calendar or map. Its colours come from the page's palette; the
// exact bounds are patched in, since go-echarts holds them as float32 and drops a bound of 0.
func visualMap(rows [][]dataset.Value, i int) (charts.GlobalOpts, func(m map[string]any)) {
	lo, hi, _ := valueRange(rows, i)
	vm := opts.VisualMap{Type: "continuous", Calculable: opts.Bool(true), Orient: "horizontal", Left: "center",
		Bottom: "0"}
	return charts.WithVisualMapOpts(vm), func(m map[string]any) {
		if list, ok := m["visualMap"].([]any); ok && len(list) > 0 {
			if v, ok := list[0].(map[string]any); ok {
				v["min"], v["max"] = exact(lo), exact(hi)
			}
		}
	}
}

// drawHeatmap draws a value per (x, y) cell; the categories of each axis are in order of first appearance, or
// ascending for numbers and dates. The frame is the table's x, y and value columns.
func (c *checker) drawHeatmap(p *plan, t *table) *drawn {
	e := p.enc
	xc, yc, vc := t.cols[e.x].Column, t.cols[e.y[0]].Column, t.cols[e.value].Column
	f := &Frame{Columns: []Column{xc, yc, vc}}
	for _, row := range t.rows {
		f.Rows = append(f.Rows, []dataset.Value{row[e.x], row[e.y[0]], row[e.value]})
	}
	xl, xat := distinct(f.Rows, 0, &xc)
	yl, yat := distinct(f.Rows, 1, &yc)
	if n := len(xl) * len(yl); n > MaxCategories {
		c.errorf("encode.x", "group, bucket or keep the top categories first",
			"%d cells to draw; a chart draws at most %d", n, MaxCategories)
		return nil
	}
	seen := map[[2]int]bool{}
	var data []opts.HeatMapData
	sum := sumSeries{name: c.title(&vc)}
	dups := 0
	for r, row := range f.Rows {
		cell := [2]int{xat[r], yat[r]}
		if seen[cell] {
			dups++
			continue
		}
		seen[cell] = true
		data = append(data, opts.HeatMapData{Value: []any{xat[r], yat[r], valueOf(row[2])}})
		sum.labels, sum.rows = append(sum.labels, xl[xat[r]]), append(sum.rows, yl[yat[r]])
		sum.values = append(sum.values, row[2])
	}
	if dups > 0 {
		c.warnf("encode.value", fmt.Sprintf("add a group step by [%s, %s]", xc.Name, yc.Name),
			"%d rows repeat an x and y pair; the first of each is drawn", dups)
	}
	vm, patch := visualMap(f.Rows, 2)
	h := charts.NewHeatMap()
	h.SetGlobalOptions(append(c.commonOpts("item", false), vm,
		// Room above for the y axis' name, and below for the x axis' name above the colour scale's labels.
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "24", Top: "32", Bottom: "88"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: c.title(&xc), NameLocation: "middle", NameGap: 30,
			Data: xl, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: c.title(&yc), Data: yl,
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}))...)
	h.SetXAxis(xl)
	h.AddSeries(axisName(c.title(&vc), c.unitOf(&vc)), data)
	h.Validate()
	return &drawn{frame: f, opt: h.JSON(), patch: patch, sums: []sumSeries{sum},
		height: clamp(120+len(yl)*24, 360, 2400)}
}

// drawCalendar draws one value per day on a calendar per year (at most MaxYears), each spanning the months that
// have data. The frame is the table's x and value columns, in date order.
func (c *checker) drawCalendar(p *plan, t *table) *drawn {
	e := p.enc
	xc, vc := t.cols[e.x].Column, t.cols[e.value].Column
	f := &Frame{Columns: []Column{xc, vc}}
	var years []int
	type span struct{ from, to time.Time }
	spans := map[int]*span{}
	byYear := map[int][]opts.HeatMapData{}
	seen := map[string]bool{}
	dups := 0
	sum := sumSeries{name: c.title(&vc)}
	for _, row := range t.rows {
		f.Rows = append(f.Rows, []dataset.Value{row[e.x], row[e.value]})
		if row[e.x].Missing {
			continue
		}
		at := row[e.x].Time
		day := at.Format("2006-01-02")
		if seen[day] {
			dups++
			continue
		}
		seen[day] = true
		sum.labels, sum.values = append(sum.labels, day), append(sum.values, row[e.value])
		y := at.Year()
		sp := spans[y]
		if sp == nil {
			if len(years) == MaxYears {
				c.errorf("encode.x", "filter the dates, e.g. filter: {column: "+xc.Name+", min: \"2020\"}",
					"the data spans more than %d years; a calendar chart draws at most %d", MaxYears, MaxYears)
				return nil
			}
			sp = &span{from: at, to: at}
			spans[y] = sp
			years = append(years, y)
		}
		if at.Before(sp.from) {
			sp.from = at
		}
		if at.After(sp.to) {
			sp.to = at
		}
		if !row[e.value].Missing {
			byYear[y] = append(byYear[y], opts.HeatMapData{Value: []any{day, num(row[e.value].Num)}})
		}
	}
	if dups > 0 {
		c.errorf("encode.x", fmt.Sprintf("add a bucket step (unit: day) and a group step by %s", xc.Name),
			"a calendar draws one value per day; %d rows repeat a day", dups)
		return nil
	}
	vm, patch := visualMap(f.Rows, 1)
	h := charts.NewHeatMap()
	h.SetGlobalOptions(append(c.commonOpts("item", false), vm)...)
	for i, y := range years {
		sp := spans[y]
		from := time.Date(sp.from.Year(), sp.from.Month(), 1, 0, 0, 0, 0, time.UTC)
		to := time.Date(sp.to.Year(), sp.to.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		h.AddCalendar(&opts.Calendar{Range: []string{from.Format("2006-01-02"), to.Format("2006-01-02")},
			Top: strconv.Itoa(40 + i*170), Left: "60", Right: "24", Orient: "horizontal"}) // the year 30 px left of it
		h.AddSeries(axisName(c.title(&vc), c.unitOf(&vc)), byYear[y], charts.WithCoordinateSystem("calendar"),
			charts.WithCalendarIndex(i))
	}
	h.Validate()
	return &drawn{frame: f, opt: h.JSON(), patch: patch, sums: []sumSeries{sum}, trends: true,
		height: 80 + len(years)*170}
}
