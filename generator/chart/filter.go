package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/schema"
)

// filter keeps the rows whose value matches every condition given. A missing value matches no equals, in, min
// or max, and is not dropped by not_in.
type filter struct {
	typ      dataset.Type
	equals   *cond
	in       []cond
	notIn    []cond
	min, max *cond
}

// cond is a filter value read with its column's type. A date is the period it names, from inclusive to exclusive:
// "2024-03" is all of March 2024.
type cond struct {
	str      string
	num      float64
	from, to time.Time
}

func (f *filter) keep(v dataset.Value) bool {
	if v.Missing {
		return f.equals == nil && f.in == nil && f.min == nil && f.max == nil
	}
	if f.equals != nil && !f.match(v, f.equals) {
		return false
	}
	if f.in != nil {
		found := false
		for i := range f.in {
			if f.match(v, &f.in[i]) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for i := range f.notIn {
		if f.match(v, &f.notIn[i]) {
			return false
		}
	}
	switch f.typ {
	case dataset.Integer, dataset.Decimal:
		return (f.min == nil || v.Num >= f.min.num) && (f.max == nil || v.Num <= f.max.num)
	case dataset.Date:
		return (f.min == nil || !v.Time.Before(f.min.from)) && (f.max == nil || v.Time.Before(f.max.to))
	}
	return true
}

func (f *filter) match(v dataset.Value, c *cond) bool {
	switch f.typ {
	case dataset.Integer, dataset.Decimal:
		return v.Num == c.num
	case dataset.Date:
		return !v.Time.Before(c.from) && v.Time.Before(c.to)
	}
	return v.Str == c.str
}

// checkFilter checks a filter step and reads its values. It returns the column's index and the filter.
func (c *checker) checkFilter(cur []col, fs schema.Filter, field string) (int, *filter) {
	i := c.find(cur, fs.Column, field+".column")
	if fs.Equals == "" && fs.In == nil && fs.NotIn == nil && fs.Min == "" && fs.Max == "" {
		c.errorf(field, "add equals, in, not_in, min or max", "filter needs a condition")
	}
	if i < 0 || cur[i].unknown {
		return i, nil
	}
	cl := &cur[i]
	f := &filter{typ: cl.Type}
	read := func(s, at string) *cond {
		v, ok := c.readValue(cl, s, at)
		if !ok {
			return nil
		}
		return &v
	}
	if fs.Equals != "" {
		f.equals = read(fs.Equals, field+".equals")
	}
	for j, s := range fs.In {
		if v := read(s, fmt.Sprintf("%s.in[%d]", field, j)); v != nil {
			f.in = append(f.in, *v)
		}
	}
	if fs.In != nil && f.in == nil {
		f.in = []cond{} // every value unreadable: keeps nothing, and an error was reported
	}
	for j, s := range fs.NotIn {
		if v := read(s, fmt.Sprintf("%s.not_in[%d]", field, j)); v != nil {
			f.notIn = append(f.notIn, *v)
		}
	}
	for _, b := range []struct {
		s, name string
		to      **cond
	}{{fs.Min, "min", &f.min}, {fs.Max, "max", &f.max}} {
		if b.s == "" {
			continue
		}
		if cl.Type == dataset.Text {
			c.errorf(field+"."+b.name, "use equals, in or not_in for text",
				"%s needs a column of numbers or dates; %q is text", b.name, cl.Name)
			continue
		}
		*b.to = read(b.s, field+"."+b.name)
	}
	return i, f
}

// readValue reads a filter value with the column's type: as the dataset reads the column's cells (Data.Parse),
// and for dates also in ISO form (2024, 2024-03, 2024-Q1, 2024-W09, 2024-03-01, 2024-03-01 08:30).
func (c *checker) readValue(cl *col, s, field string) (cond, bool) {
	s = strings.TrimSpace(s)
	var parsed *dataset.Value
	if cl.src >= 0 && c.parse != nil {
		v := c.parse(cl.src, s)
		parsed = &v
	}
	switch cl.Type {
	case dataset.Integer, dataset.Decimal:
		if parsed != nil && !parsed.Missing && !math.IsNaN(parsed.Num) && !math.IsInf(parsed.Num, 0) {
			return cond{num: parsed.Num}, true
		}
		if x, ok := parseNumber(s); ok {
			return cond{num: x}, true
		}
		c.errorf(field, "write a number, e.g. 1200 or 12.5", "filter value %q is not a number (column %q holds numbers)",
			s, cl.Name)
	case dataset.Date:
		if from, to, ok := parsePeriod(s); ok {
			return cond{from: from, to: to}, true
		}
		if parsed != nil && !parsed.Missing && !parsed.Time.IsZero() {
			return cond{from: parsed.Time, to: periodEnd(parsed.Time, cl.Grain)}, true
		}
		c.errorf(field, "write a date as YYYY-MM-DD, YYYY-MM or YYYY",
			"filter value %q is not a date (column %q holds dates)", s, cl.Name)
	default:
		if parsed != nil {
			if parsed.Missing {
				c.errorf(field, "a row without a value never matches", "filter value %q reads as missing in column %q",
					s, cl.Name)
				return cond{}, false
			}
			return cond{str: parsed.Str}, true
		}
		return cond{str: s}, true
	}
	return cond{}, false
}

// parseNumber reads a plain number; thousands separators are allowed.
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	for _, r := range s { // refuse "Inf", "NaN" and hex forms that ParseFloat accepts
		if !strings.ContainsRune("0123456789+-.eE", r) {
			return 0, false
		}
	}
	return x, true
}

// periodLayouts are the ISO forms of a date filter value and the period each names.
var periodLayouts = []struct {
	layout string
	unit   string
}{
	{"2006", "year"}, {"2006-01", "month"}, {"2006/01", "month"}, {"2006-01-02", "day"}, {"2006/01/02", "day"},
	{"2006-01-02 15:04", "minute"}, {"2006-01-02T15:04", "minute"}, {"2006-01-02 15:04:05", "second"},
	{"2006-01-02T15:04:05", "second"}, {"2006-01-02T15:04:05Z07:00", "second"},
}

// parsePeriod reads an ISO date, month, year, quarter (2024-Q1) or week (2024-W09) as the period [from, to).
func parsePeriod(s string) (from, to time.Time, ok bool) {
	if len(s) == 7 && (s[5] == 'Q' || s[5] == 'q') && s[4] == '-' {
		y, err := strconv.Atoi(s[:4])
		q := int(s[6] - '0')
		if err == nil && q >= 1 && q <= 4 {
			from = time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
			return from, from.AddDate(0, 3, 0), true
		}
		return
	}
	if len(s) == 8 && (s[5] == 'W' || s[5] == 'w') && s[4] == '-' {
		y, err1 := strconv.Atoi(s[:4])
		w, err2 := strconv.Atoi(s[6:])
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return
		}
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		from = weekStart(jan4).AddDate(0, 0, 7*(w-1))
		if yy, ww := from.ISOWeek(); yy != y || ww != w {
			return time.Time{}, time.Time{}, false
		}
		return from, from.AddDate(0, 0, 7), true
	}
	for _, l := range periodLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		t = t.UTC()
		switch l.unit {
		case "year":
			return t, t.AddDate(1, 0, 0), true
		case "month":
			return t, t.AddDate(0, 1, 0), true
		case "day":
			return t, t.AddDate(0, 0, 1), true
		case "minute":
			return t, t.Add(time.Minute), true
		}
		return t, t.Add(time.Second), true
	}
	return
}

// periodEnd is the end of the period a date of grain g stands for.
func periodEnd(t time.Time, g dataset.Grain) time.Time {
	switch g {
	case dataset.Month:
		return t.AddDate(0, 1, 0)
	case dataset.Year:
		return t.AddDate(1, 0, 0)
	case dataset.DateTime:
		return t.Add(time.Minute)
	}
	return t.AddDate(0, 0, 1)
}
