package chart

import (
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/hkshopendata/showcase/generator/dataset"
)

// maxUnmatchedWarnings bounds the warnings about data labels that name no district.
const maxUnmatchedWarnings = 20

// drawMap colours each district of the boundaries by the value of the row that names it. Rows are matched to
// districts by name (see mapping). The frame has one row per district: first those with data, in the table's
// order, then those without, in the boundaries' order, with a missing value ("no data", never zero).
func (c *checker) drawMap(p *plan, t *table, m *mapping) *drawn {
	if m == nil {
		return nil
	}
	e := p.enc
	label, value := t.cols[e.label].Column, t.cols[e.value].Column
	f := &Frame{Columns: []Column{{Name: label.Name, Label: label.Label, Type: dataset.Text}, value}}
	has := make([]bool, len(m.features))
	dups, firstDup := 0, ""
	for _, row := range t.rows {
		l := label.Format(row[e.label])
		id := m.find(l)
		if id < 0 {
			if l != "" && !slices.Contains(c.unmatched, l) {
				c.unmatched = append(c.unmatched, l)
				if len(c.unmatched) <= maxUnmatchedWarnings {
					c.warnf("encode.label", m.suggest(l), "%q names no district of the boundaries %q", l, m.name)
				}
			}
			continue
		}
		if has[id] {
			if dups == 0 {
				firstDup = m.features[id]
			}
			dups++
			continue
		}
		has[id] = true
		f.Rows = append(f.Rows, []dataset.Value{{Str: m.features[id]}, row[e.value]})
	}
	if n := len(c.unmatched); n > maxUnmatchedWarnings {
		c.warnf("encode.label", "add map.aliases for other spellings", "%d more labels name no district",
			n-maxUnmatchedWarnings)
	}
	if dups > 0 {
		c.warnf("encode.label", fmt.Sprintf("add a group step by %s", label.Name),
			"%d rows name a district another row names already (the first: %q); the first is drawn", dups, firstDup)
	}
	for id, name := range m.features {
		if !has[id] {
			f.Rows = append(f.Rows, []dataset.Value{{Str: name}, {Missing: true}})
		}
	}
	data := make([]opts.MapData, len(f.Rows))
	for r, row := range f.Rows {
		data[r] = opts.MapData{Name: row[0].Str, Value: valueOf(row[1])}
	}
	vm, patch := visualMap(f.Rows, 1)
	mc := charts.NewMap()
	mc.RegisterMapType(m.name)
	mc.SetGlobalOptions(append(c.commonOpts("item", false), vm)...)
	mc.AddSeries(axisName(c.title(&value), c.unitOf(&value)), data)
	mc.Validate()
	labels := make([]string, len(f.Rows))
	for r := range f.Rows {
		labels[r] = f.Cell(r, 0)
	}
	return &drawn{frame: f, opt: mc.JSON(), patch: func(m map[string]any) { patch(m); clearScale(m) },
		totals: true, height: 480,
		sums: []sumSeries{{name: c.title(&value), labels: labels, values: column(f, 1)}}}
}

// clearScale fits the map, keeping its shape, into the canvas above the colour scale: left to itself, ECharts
// fits the map to the whole canvas and the scale covers its southern districts. A box (top, bottom, left, right)
// cannot say it: given all four sides ECharts stretches the map to the box, given the top and the bottom it makes
// the map as tall as the box and, on a phone, wider than the canvas. So the map is centred a little above the
// middle, and its longer side is 85% of the canvas' shorter one: on the 480 px canvas of a map it ends above the
// scale's 64 px, however wide the screen.
func clearScale(m map[string]any) {
	if series, ok := m["series"].([]any); ok && len(series) > 0 {
		if s, ok := series[0].(map[string]any); ok {
			s["layoutCenter"], s["layoutSize"] = []any{"50%", "44%"}, "85%"
		}
	}
}
