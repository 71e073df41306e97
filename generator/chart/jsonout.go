package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// funcMarker is how go-echarts marks a string as JavaScript code: its page templates turn "__f__…__f__" into a
// function. Strings from data or content must never carry it.
const funcMarker = "__f__"

// defuse breaks every occurrence of the function marker: "__f__" becomes "_ _f_ _".
func defuse(s string) string {
	for strings.Contains(s, funcMarker) {
		s = strings.ReplaceAll(s, funcMarker, "_ _f_ _")
	}
	return s
}

// encodeOption serialises a go-echarts option (chart.JSON()) as the page needs it: the title, toolbox and colour
// list go (the page shows the title and applies the theme's palette), null members go, data items {"value": v}
// become v, every string is defused, and patch may set what go-echarts cannot express. The result is encoded with
// encoding/json's HTML escaping, so "<", ">" and "&" appear only as \u003c, \u003e and \u0026.
func encodeOption(opt map[string]any, patch func(m map[string]any)) ([]byte, error) {
	raw, err := json.Marshal(opt)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	for _, k := range []string{"title", "toolbox", "color"} {
		delete(m, k)
	}
	if series, ok := m["series"].([]any); ok {
		for _, s := range series {
			if sm, ok := s.(map[string]any); ok {
				if data, ok := sm["data"].([]any); ok {
					for i, d := range data {
						if dm, ok := d.(map[string]any); ok && len(dm) == 1 && dm["value"] != nil {
							data[i] = dm["value"]
						}
					}
				}
			}
		}
	}
	alignAxisName(m["yAxis"])
	if patch != nil {
		patch(m)
	}
	return json.Marshal(clean(m))
}

// alignAxisName starts a vertical axis' name, when it stands above the axis, at the axis line rather than centring
// it there: centred, a name wider than the labels beside the axis ("Days with 100 mm or more (days)") is cut at the
// chart's left edge. The name stands above at the axis' end ("end", the default), or at its start when the axis is
// inverse.
func alignAxisName(axis any) {
	axes, ok := axis.([]any)
	if !ok {
		axes = []any{axis}
	}
	for _, a := range axes {
		am, ok := a.(map[string]any)
		if !ok || am["name"] == nil || am["name"] == "" {
			continue
		}
		loc, _ := am["nameLocation"].(string)
		atTop := loc == "" || loc == "end"
		if inverse, _ := am["inverse"].(bool); inverse {
			atTop = loc == "start"
		}
		if !atTop {
			continue
		}
		style, _ := am["nameTextStyle"].(map[string]any)
		if style == nil {
			style = map[string]any{}
			am["nameTextStyle"] = style
		}
		if style["align"] == nil {
			style["align"] = "left"
		}
	}
}

// clean drops null members of objects and defuses every string (keys too).
func clean(v any) any {
	switch x := v.(type) {
	case string:
		return defuse(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e == nil {
				continue
			}
			out[defuse(k)] = clean(e)
		}
		return out
	case []any:
		for i := range x {
			x[i] = clean(x[i])
		}
		return x
	case []string:
		out := make([]any, len(x))
		for i := range x {
			out[i] = defuse(x[i])
		}
		return out
	}
	return v
}

// num is a value for the option: rounded to 12 significant digits (enough for any data, shorter than
// 0.30000000000000004), or "-" (ECharts' missing value) for a value that is not a finite number.
func num(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return "-"
	}
	return r
}

// exact is a number written into the option after go-echarts (whose visualMap takes float32).
func exact(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return json.Number(strconv.FormatFloat(x, 'g', 12, 64))
}
