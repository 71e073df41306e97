package dataset

import (
	"strings"
	"testing"
	"time"
)

// infer runs a column's cells through inference and profiling, as Open does.
func infer(p *parser, cells ...string) Column {
	a := newAccum(p)
	for i, s := range cells {
		v, missing := p.prepare(s)
		var val Value
		if !missing && p.declared && !a.dateOnly {
			val, _ = p.value(v)
		}
		a.add(v, missing, val, i+2)
	}
	var c Column
	a.finish(&c)
	return c
}

func TestInferType(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		typ   Type
		grain Grain
	}{
		{"integers", []string{"1", "22", "-3", "1,234"}, Integer, 0},
		{"years stay integers", []string{"2021", "2022", "2023"}, Integer, 0},
		{"decimals", []string{"1", "2.5", "-0.3", "1,234.50"}, Decimal, 0},
		{"sequence numbers", []string{"1.00", "2.00"}, Decimal, 0},
		{"one word makes text", []string{"1", "2", "Trace"}, Text, 0},
		{"codes with leading zeros", []string{"0111", "0112", "1001"}, Text, 0},
		{"version numbers", []string{"1.2.3", "1.2"}, Text, 0},
		{"missing cells do not count", []string{"1", "", "-", "N/A", "3"}, Integer, 0},
		{"NaN is missing in numbers", []string{"1.5", "NaN", "inf", "2"}, Decimal, 0},
		{"NaN alone is text", []string{"NaN", "inf"}, Text, 0},
		{"NaN in dates is text", []string{"2024-03-01", "NaN"}, Text, 0},
		{"all missing is text", []string{"", "-"}, Text, 0},
		{"ISO dates", []string{"2024-03-01", "2024-12-31"}, Date, Day},
		{"ISO date-times", []string{"2024-03-01 08:30", "2024-03-01T09:15:00"}, Date, DateTime},
		{"day-first slashes", []string{"01/02/2024", "31/12/2024"}, Date, Day},
		{"ambiguous is day-first", []string{"01/02/2024", "03/04/2024"}, Date, Day},
		{"month-first is not inferred", []string{"12/31/2024"}, Text, 0},
		{"day-first hyphens", []string{"08-03-2026", "1-1-2021"}, Date, Day},
		{"year first slashes", []string{"2024/03/01"}, Date, Day},
		{"year-month", []string{"2024-03", "2024-12"}, Date, Month},
		{"year/month", []string{"2024/03"}, Date, Month},
		{"Chinese dates", []string{"2024年3月1日", "2024年12月31日"}, Date, Day},
		{"Chinese months", []string{"2024年3月", "2024年12月"}, Date, Month},
		{"month names", []string{"Mar 2024", "Dec 2024"}, Date, Month},
		{"one layout per column", []string{"2024-03-01", "01/03/2024"}, Text, 0},
		{"dates and months do not mix", []string{"2024-03-01", "2024-03"}, Text, 0},
		{"ISO dates with and without times", []string{"2024-03-01", "2024-03-01 18:00:00"}, Date, DateTime},
		{"a bad date makes text", []string{"2024-03-01", "2024-02-30"}, Text, 0},
		{"times of day are text", []string{"07:51:08", "09:07:57"}, Text, 0},
	}
	for _, tt := range tests {
		c := infer(&parser{}, tt.cells...)
		if c.Type != tt.typ || c.Grain != tt.grain {
			t.Errorf("%s: %q inferred %v (grain %d); want %v (grain %d)", tt.name, tt.cells, c.Type, c.Grain, tt.typ,
				tt.grain)
		}
	}
}

func TestDeclaredDate(t *testing.T) {
	years := infer(&parser{typ: Date, declared: true}, "2021", "2022", "")
	if years.Type != Date || years.Grain != Year || !years.Profile.Latest.Equal(day(2022, 1, 1)) {
		t.Errorf("declared date over years: %+v", years)
	}
	mixed := &parser{typ: Date, declared: true}
	a := newAccum(mixed)
	for i, s := range []string{"2024-03-01", "2024-03-02", "soon"} {
		a.add(s, false, Value{}, i+2)
	}
	var c Column
	a.finish(&c)
	if c.Type != Text || a.failed != "soon" || a.failLine != 4 {
		t.Errorf("declared date with a word: type %v, failed %q at %d", c.Type, a.failed, a.failLine)
	}
	excel := infer(&parser{typ: Date, declared: true, layout: excelLayout}, "45292", "45292.25")
	if excel.Type != Date || excel.Grain != DateTime {
		t.Errorf("excel with a time: %+v", excel)
	}
}

func TestProfile(t *testing.T) {
	num := infer(&parser{}, "3", "1", "", "2", "2", "NaN")
	want := Profile{Count: 6, Missing: 2, Distinct: 3, Min: 1, Max: 3, Mean: 2}
	if num.Profile != want {
		t.Errorf("numbers: %+v; want %+v", num.Profile, want)
	}
	dates := infer(&parser{}, "05/03/2024", "01/01/2020", "N/A", "31/12/2024")
	if p := dates.Profile; !p.Earliest.Equal(day(2020, 1, 1)) || !p.Latest.Equal(day(2024, 12, 31)) ||
		p.Missing != 1 || p.Distinct != 3 {
		t.Errorf("dates: %+v", p)
	}
	text := infer(&parser{}, "九龍城", "Kowloon City", "NaN", "九龍城")
	if p := text.Profile; p.MaxLen != 12 || p.Distinct != 3 || p.Missing != 0 || p.Count != 4 {
		t.Errorf("text: %+v", p)
	}
	cjk := infer(&parser{}, "九龍城區", "")
	if cjk.Profile.MaxLen != 4 {
		t.Errorf("MaxLen counts characters: %d", cjk.Profile.MaxLen)
	}
}

func TestProfileDistinctCap(t *testing.T) {
	a := newAccum(&parser{})
	for i := range DistinctLimit + 500 {
		s := strings.Repeat("x", i%7) + time.Duration(i).String()
		a.add(s, false, Value{}, i)
	}
	var c Column
	a.finish(&c)
	if !c.Profile.Capped || c.Profile.Distinct != DistinctLimit {
		t.Errorf("distinct %d capped %v; want %d capped", c.Profile.Distinct, c.Profile.Capped, DistinctLimit)
	}
	b := newAccum(&parser{})
	for i := range DistinctLimit {
		b.add(time.Duration(i).String(), false, Value{}, i)
	}
	b.finish(&c)
	if c.Profile.Capped || c.Profile.Distinct != DistinctLimit {
		t.Errorf("exactly the limit: distinct %d capped %v", c.Profile.Distinct, c.Profile.Capped)
	}
}

func TestRunningMean(t *testing.T) {
	a := newAccum(&parser{})
	const n = 1_000_000
	for i := range n {
		a.add("1000000000.1", false, Value{}, i) // a naive sum would lose the fraction
	}
	var c Column
	a.finish(&c)
	if d := c.Profile.Mean - 1000000000.1; d > 1e-6 || d < -1e-6 {
		t.Errorf("mean %v", c.Profile.Mean)
	}
}
