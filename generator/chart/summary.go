package chart

import (
	"math"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// Summary is facts about the data a chart draws, computed from its Frame, for the page to turn into sentences in
// each language.
type Summary struct {
	Points      int      // values drawn (missing values not counted)
	Series      int      // series drawn (1 for pie, donut, heatmap, calendar and map)
	First, Last string   // the first and last label along x (categories or dates), or slice, or district
	Max, Min    *Extreme // the largest and smallest values (the first of equal ones); nil without values
	HasTotal    bool     // pie, donut and map: Total and Share are set
	Total       float64  // the sum of the values
	Share       float64  // the largest value's share of Total, from 0 to 1 (0 when Total is not positive)
	Trends      []Trend  // line, area and bar charts along dates, and calendars: one per series
}

// Extreme is a value with where it is.
type Extreme struct {
	Value  float64
	Label  string // its x label, slice or district
	Series string // its series (heatmap: its y category)
}

// Trend is the change of a series along dates, from its first value to its last (not a fitted slope).
type Trend struct {
	Series             string
	FromLabel, ToLabel string
	From, To           float64
	Percent            float64 // (To − From) / |From| × 100; 0 when From is 0
	PercentKnown       bool    // From is not 0
	Direction          string  // "up", "down" or "flat" (|Percent| < FlatPercent, or From = To)
}

// FlatPercent is the change under which a trend is "flat".
const FlatPercent = 2.0

// sumSeries is one drawn series, for the summary.
type sumSeries struct {
	name   string
	labels []string // per value: its x label, slice or district
	rows   []string // heatmap: per value, its y category (else nil)
	values []dataset.Value
}

func summarize(ss []sumSeries, totals, trends bool) Summary {
	var s Summary
	s.Series = len(ss)
	if len(ss) > 0 && len(ss[0].labels) > 0 {
		s.First, s.Last = ss[0].labels[0], ss[0].labels[len(ss[0].labels)-1]
	}
	for _, sr := range ss {
		for i, v := range sr.values {
			if v.Missing {
				continue
			}
			s.Points++
			if totals {
				s.Total += v.Num
			}
			name := sr.name
			if sr.rows != nil {
				name = sr.rows[i]
			}
			if s.Max == nil || v.Num > s.Max.Value {
				s.Max = &Extreme{Value: v.Num, Label: sr.labels[i], Series: name}
			}
			if s.Min == nil || v.Num < s.Min.Value {
				s.Min = &Extreme{Value: v.Num, Label: sr.labels[i], Series: name}
			}
		}
		if trends {
			if t, ok := trendOf(sr); ok {
				s.Trends = append(s.Trends, t)
			}
		}
	}
	if totals {
		s.HasTotal = true
		if s.Total > 0 && s.Max != nil {
			s.Share = s.Max.Value / s.Total
		}
	}
	return s
}

// trendOf compares a series' first and last values.
func trendOf(sr sumSeries) (Trend, bool) {
	first, last := -1, -1
	for i, v := range sr.values {
		if !v.Missing {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last {
		return Trend{}, false
	}
	t := Trend{Series: sr.name, FromLabel: sr.labels[first], ToLabel: sr.labels[last],
		From: sr.values[first].Num, To: sr.values[last].Num}
	diff := t.To - t.From
	if p := diff / math.Abs(t.From) * 100; t.From != 0 && !math.IsInf(p, 0) && !math.IsNaN(p) {
		t.Percent, t.PercentKnown = p, true
	}
	switch {
	case diff == 0 || (t.PercentKnown && math.Abs(t.Percent) < FlatPercent):
		t.Direction = "flat"
	case diff > 0:
		t.Direction = "up"
	default:
		t.Direction = "down"
	}
	return t, true
}
