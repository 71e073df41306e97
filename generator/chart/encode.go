package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/schema"
)

// encoding is the columns a chart draws, as indices into the final table (-1: not given).
type encoding struct {
	x, series, value, label int
	y                       []int
}

// use says whether a chart type needs an encode field.
type use uint8

const (
	unused use = iota
	required
	optional
)

// encodeFields lists, per chart type, the use of x, y, series, value and label (see schema.Encode).
var encodeFields = map[string][5]use{
	"line":     {required, required, optional, unused, unused},
	"area":     {required, required, optional, unused, unused},
	"bar":      {required, required, optional, unused, unused},
	"scatter":  {required, required, optional, unused, optional},
	"pie":      {unused, unused, unused, required, required},
	"donut":    {unused, unused, unused, required, required},
	"heatmap":  {required, required, unused, required, unused},
	"calendar": {required, unused, unused, required, unused},
	"map":      {unused, unused, unused, required, required},
}

var encodeNames = [5]string{"x", "y", "series", "value", "label"}

// encodeHints says what to write for a missing encode field.
var encodeHints = map[string]string{
	"x":      "add x: <the column along the horizontal axis>",
	"y":      "add y: <a numeric column>, or y: [<column>, <column>] for several series",
	"series": "add series: <a column whose values name the series>",
	"value":  "add value: <a numeric column>",
	"label":  "add label: <the column naming each item>",
}

var chartTypes = []string{"line", "area", "bar", "pie", "donut", "scatter", "heatmap", "calendar", "map"}

// checkEncode checks the encode fields against the chart type and the final columns.
func (c *checker) checkEncode(cols []col) encoding {
	ch := c.spec.Chart
	e := encoding{x: -1, series: -1, value: -1, label: -1}
	uses, ok := encodeFields[ch.Type]
	if !ok {
		c.errorf("type", hintOr(suggestOf(ch.Type, chartTypes), "one of: "+strings.Join(chartTypes, ", ")),
			"chart type %q is not one of %s", ch.Type, strings.Join(chartTypes, ", "))
		return e
	}
	en := ch.Encode
	given := [5]bool{en.X != "", len(en.Y) > 0, en.Series != "", en.Value != "", en.Label != ""}
	var fields []string
	for i, u := range uses {
		if u != unused {
			fields = append(fields, encodeNames[i])
		}
	}
	for i, u := range uses {
		switch {
		case u == required && !given[i]:
			c.errorf("encode."+encodeNames[i], encodeHints[encodeNames[i]], "a %s chart needs encode.%s", ch.Type,
				encodeNames[i])
		case u == unused && given[i]:
			c.errorf("encode."+encodeNames[i], "a "+ch.Type+" chart uses "+strings.Join(fields, ", ")+"; remove "+
				encodeNames[i], "encode.%s is not used by a %s chart", encodeNames[i], ch.Type)
			given[i] = false
		}
	}
	if given[0] {
		e.x = c.find(cols, en.X, "encode.x")
	}
	if given[1] {
		for j, name := range en.Y {
			f := fmt.Sprintf("encode.y[%d]", j)
			i := c.find(cols, name, f)
			if i >= 0 && slices.Contains(e.y, i) {
				c.errorf(f, "remove one", "%q is listed twice", name)
			}
			e.y = append(e.y, i)
		}
	}
	if given[2] {
		e.series = c.find(cols, en.Series, "encode.series")
	}
	if given[3] {
		e.value = c.find(cols, en.Value, "encode.value")
	}
	if given[4] {
		e.label = c.find(cols, en.Label, "encode.label")
	}
	c.checkEncodeTypes(cols, e)
	return e
}

// checkEncodeTypes checks the types of the encoded columns and how many y columns there are.
func (c *checker) checkEncodeTypes(cols []col, e encoding) {
	typ := c.spec.Chart.Type
	numeric := func(i int, field, what string) {
		if i >= 0 && !cols[i].unknown && !cols[i].Type.Numeric() {
			c.errorf(field, "encode a column of numbers; a group step can count or sum rows into one",
				"%s needs a numeric column; %q is %s", what, cols[i].Name, typeName(&cols[i]))
		}
	}
	switch typ {
	case "line", "area", "bar", "scatter":
		for j, i := range e.y {
			numeric(i, fmt.Sprintf("encode.y[%d]", j), "y")
		}
		if len(e.y) > 1 && (e.series >= 0 || typ == "scatter" || c.spec.Chart.Encode.Series != "") {
			c.errorf("encode.y[1]", "give one y column with series, or several y columns without it",
				"a %s chart with series takes one y column", typ)
		}
		if typ == "scatter" {
			numeric(e.x, "encode.x", "x of a scatter chart")
		}
		if len(e.y) > MaxSeries {
			c.errorf("encode.y", "draw fewer columns", "%d y columns; a chart draws at most %d series", len(e.y),
				MaxSeries)
		}
	case "heatmap":
		if len(e.y) > 1 {
			c.errorf("encode.y[1]", "give one y column: the categories along the vertical axis",
				"a heatmap takes one y column")
		}
		numeric(e.value, "encode.value", "value")
	case "calendar":
		if e.x >= 0 && !cols[e.x].unknown && cols[e.x].Type != dataset.Date {
			c.errorf("encode.x", "encode a column of dates, one value per day",
				"calendar needs a date column for x; %q is %s", cols[e.x].Name, typeName(&cols[e.x]))
		}
		numeric(e.value, "encode.value", "value")
	default:
		numeric(e.value, "encode.value", "value")
	}
}

// checkOptions checks the fields that only some chart types use.
func (c *checker) checkOptions() {
	ch := c.spec.Chart
	if ch.Stack && !slices.Contains([]string{"bar", "area", "line"}, ch.Type) {
		c.warnf("stack", "remove stack", "stack is used only by bar, area and line charts")
	}
	if ch.Horizontal && ch.Type != "bar" {
		c.warnf("horizontal", "remove horizontal", "horizontal is used only by bar charts")
	}
	if ch.MaxPoints != 0 {
		switch {
		case !slices.Contains([]string{"line", "area", "scatter"}, ch.Type):
			c.warnf("max_points", "remove max_points", "max_points is used only by line, area and scatter charts")
		case ch.MaxPoints < 3:
			c.errorf("max_points", "e.g. max_points: 1000", "max_points must be at least 3")
		}
	}
	if ch.Type != "map" && !isZeroMap(ch.Map) {
		c.warnf("map", "remove map", "map is used only by map charts")
	}
}

func isZeroMap(m schema.MapSpec) bool { return m.Geo == "" && m.Key == "" && len(m.Aliases) == 0 }

// referenced lists every column name the spec mentions.
func referenced(ch *schema.Chart) map[string]bool {
	names := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			names[s] = true
		}
	}
	for _, t := range ch.Transform {
		add(t.Filter.Column, t.Bucket.Column, t.Sort.By, t.Top.Column, t.Top.By)
		add(t.Group.By...)
		add(t.Group.Columns...)
	}
	e := ch.Encode
	add(e.X, e.Series, e.Value, e.Label)
	add(e.Y...)
	return names
}

// project keeps the columns whose names are in names, in order.
func project(cols []col, names map[string]bool) []col {
	var out []col
	for _, c := range cols {
		if names[c.Name] {
			out = append(out, c)
		}
	}
	return out
}
