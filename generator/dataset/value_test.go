package dataset

import (
	"math"
	"testing"
	"time"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in    string
		want  float64
		isInt bool
		ok    bool
	}{
		{"0", 0, true, true},
		{"42", 42, true, true},
		{"-7", -7, true, true},
		{"+7", 7, true, true},
		{"1,234", 1234, true, true},
		{"1,234,567", 1234567, true, true},
		{"-1,234", -1234, true, true},
		{"1 234", 1234, true, true},
		{"1\u00a0234", 1234, true, true},
		{"1\u202f234\u202f567", 1234567, true, true},
		{"1\u202f234 567", 0, false, false}, // two kinds of separator
		{"999999999999999", 999999999999999, true, true},
		{"12.5", 12.5, false, true},
		{"-0.3", -0.3, false, true},
		{"0.5", 0.5, false, true},
		{"1,234.50", 1234.5, false, true},
		{"1.00", 1, false, true},
		{"1e5", 1e5, false, true},
		{"6.37E-2", 0.0637, false, true},
		// Rejected: not numbers, or codes.
		{"", 0, false, false},
		{"-", 0, false, false},
		{"1.2.3", 0, false, false},
		{"12,34", 0, false, false},            // a wrong group
		{"1,2345", 0, false, false},           // a wrong group
		{"1234,567", 0, false, false},         // the first group has four digits
		{"1,234 567", 0, false, false},        // two separators
		{"1,234e5", 0, false, false},          // separators with an exponent
		{",123", 0, false, false},             // no first group
		{"123,", 0, false, false},             // an empty last group
		{"0111", 0, false, false},             // a code with a leading zero
		{"00.5", 0, false, false},             // a leading zero
		{"0,123", 0, false, false},            // a leading zero
		{"5.", 0, false, false},               // no fraction digits
		{".5", 0, false, false},               // no whole part
		{"1.e5", 0, false, false},             // no fraction digits
		{"12a", 0, false, false},              // a letter
		{"0x1F", 0, false, false},             // hex
		{"1_000", 0, false, false},            // Go syntax
		{"NaN", 0, false, false},              // missing in numeric columns, not a number
		{"Inf", 0, false, false},              // likewise
		{"1e999", 0, false, false},            // overflows
		{"1234567890123456", 0, false, false}, // 16 digits: an identifier
		{"12.5%", 0, false, false},
		{"$12", 0, false, false},
		{"1 2", 0, false, false},
	}
	for _, tt := range tests {
		got, isInt, ok := parseNumber(tt.in)
		if ok != tt.ok || (ok && (isInt != tt.isInt || math.Abs(got-tt.want) > 1e-12)) {
			t.Errorf("parseNumber(%q) = %v, %v, %v; want %v, %v, %v", tt.in, got, isInt, ok, tt.want, tt.isInt, tt.ok)
		}
	}
}

func TestNaNToken(t *testing.T) {
	for _, s := range []string{"NaN", "nan", "-NaN", "inf", "+Inf", "-inf", "Infinity", "-INFINITY"} {
		if !isNaNToken(s) {
			t.Errorf("isNaNToken(%q) = false", s)
		}
	}
	for _, s := range []string{"", "na", "in", "infinite", "N/A", "0"} {
		if isNaNToken(s) {
			t.Errorf("isNaNToken(%q) = true", s)
		}
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestLayouts(t *testing.T) {
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	tests := []struct {
		layout string
		in     string
		want   time.Time
		ok     bool
	}{
		{"yyyy-mm-dd", "2024-03-01", day(2024, 3, 1), true},
		{"yyyy-mm-dd", "2024-3-1", day(2024, 3, 1), true},
		{"yyyy-mm-dd", "2024-02-29", day(2024, 2, 29), true},
		{"yyyy-mm-dd", "2023-02-29", time.Time{}, false},
		{"yyyy-mm-dd", "2024-13-01", time.Time{}, false},
		{"yyyy-mm-dd", "2024-04-31", time.Time{}, false},
		{"yyyy-mm-dd", "2024-03-01 08:30", time.Time{}, false},
		{"yyyy-mm-dd", "24-03-01", time.Time{}, false},
		{"dd/mm/yyyy", "01/02/2024", day(2024, 2, 1), true}, // day first
		{"dd/mm/yyyy", "1/2/2024", day(2024, 2, 1), true},
		{"dd/mm/yyyy", "13/12/2024", day(2024, 12, 13), true},
		{"dd/mm/yyyy", "12/13/2024", time.Time{}, false},
		{"mm/dd/yyyy", "12/13/2024", day(2024, 12, 13), true},
		{"dd-mm-yyyy", "08-03-2026", day(2026, 3, 8), true},
		{"yyyy/mm/dd", "2024/03/01", day(2024, 3, 1), true},
		{"yyyy-mm", "2024-03", day(2024, 3, 1), true},
		{"yyyy-mm", "2024-03-01", time.Time{}, false},
		{"yyyy/mm", "2024/3", day(2024, 3, 1), true},
		{"yyyy年m月d日", "2024年3月1日", day(2024, 3, 1), true},
		{"yyyy年m月", "2024年12月", day(2024, 12, 1), true},
		{"yyyy年m月", "2024年13月", time.Time{}, false},
		{"yyyy", "2021", day(2021, 1, 1), true},
		{"yyyy", "21", time.Time{}, false},
		{"mmm yyyy", "Mar 2024", day(2024, 3, 1), true},
		{"mmm yyyy", "march 2024", day(2024, 3, 1), true},
		{"mmm yyyy", "Sept 2024", day(2024, 9, 1), true},
		{"mmm yyyy", "Mars 2024", time.Time{}, false},
		{"d mmm yyyy", "1 Mar 2024", day(2024, 3, 1), true},
		{"dd/mm/yyyy hh:mm", "01/03/2024 08:30", at(2024, 3, 1, 8, 30, 0), true},
		{"dd/mm/yyyy hh:mm", "01/03/2024 24:00", time.Time{}, false},
		{"yyyy-mm-dd hh:mm:ss", "2024-03-01 08:30:15", at(2024, 3, 1, 8, 30, 15), true},
		{"yyyymmdd", "20240301", day(2024, 3, 1), true},
		{"yyyy-mm-dd hh:mm[:ss]", "2024-03-01 08:30", at(2024, 3, 1, 8, 30, 0), true},
		{"yyyy-mm-dd hh:mm[:ss]", "2024-03-01 08:30:59", at(2024, 3, 1, 8, 30, 59), true},
		{"yyyy-mm-dd hh:mm[:ss]", "2024-03-01 08:30:60", time.Time{}, false},
	}
	for _, tt := range tests {
		l, err := compileLayout(tt.layout)
		if err != nil {
			t.Fatalf("compileLayout(%q): %v", tt.layout, err)
		}
		got, _, ok := l.parse(tt.in, false)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: parse(%q) = %v, %v; want %v, %v", tt.layout, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestISODateTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-03-01 08:30", time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-01 08:30:00", time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-01T08:30:00", time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-01T08:30:00.250", time.Date(2024, 3, 1, 8, 30, 0, 250e6, time.UTC), true},
		{"2024-03-01T08:30:00Z", time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-01T08:30:00+08:00", time.Date(2024, 3, 1, 0, 30, 0, 0, time.UTC), true},
		{"2024-03-01T08:30+0800", time.Date(2024, 3, 1, 0, 30, 0, 0, time.UTC), true},
		{"2024-03-01T08:30:00-05", time.Date(2024, 3, 1, 13, 30, 0, 0, time.UTC), true},
		{"2024-03-01", time.Time{}, false},
		{"2024-03-01 8:3", time.Time{}, false},
		{"2024-03-01T08:30:00+8", time.Time{}, false},
		{"2024-03-01X08:30", time.Time{}, false},
	}
	for _, tt := range tests {
		got, _, ok := isoDateTime.parse(tt.in, false)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parse(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCompileLayoutErrors(t *testing.T) {
	tests := map[string]string{
		"dd/mm/yy":               "write the year as yyyy",
		"dd/mm":                  "a date format needs the year, yyyy",
		"yyyy-dd":                "a day needs a month",
		"yyyy hh:mm":             "a time needs a day",
		"yyyy-mm-dd hh:mm:ss:ss": `"ss" appears twice`,
		"yyyy-mm-dd ss":          "minutes and seconds need an hour (hh:mm)",
		"yyyy-mm-mmm":            `"mmm" appears twice`,
	}
	for in, want := range tests {
		_, err := compileLayout(in)
		if err == nil || err.Error() != want {
			t.Errorf("compileLayout(%q) = %v; want %q", in, err, want)
		}
	}
	for in, g := range map[string]Grain{"yyyy": Year, "yyyy-mm": Month, "mmm yyyy": Month, "dd/mm/yyyy": Day,
		"yyyy-mm-dd hh:mm": DateTime, "Excel": Day} {
		l, err := compileLayout(in)
		if err != nil || l.grain != g {
			t.Errorf("compileLayout(%q) = grain %v, %v; want %v", in, l.grain, err, g)
		}
	}
}

func TestExcelDates(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     time.Time
		hasTime  bool
		ok       bool
	}{
		{"41018", false, day(2012, 4, 19), false, true}, // from TD's RSTOP.xlsx
		{"42271", false, day(2015, 9, 24), false, true},
		{"45292", false, day(2024, 1, 1), false, true},
		{"1", false, day(1900, 1, 1), false, true},
		{"59", false, day(1900, 2, 28), false, true},
		{"61", false, day(1900, 3, 1), false, true},
		{"60", false, time.Time{}, false, false}, // Excel's 1900-02-29 never was
		{"45292.5", false, time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC), true, true},
		{"0", true, day(1904, 1, 1), false, true},
		{"43830", true, day(2024, 1, 1), false, true},
		{"2024-03-01", false, day(2024, 3, 1), false, true}, // an xlsx date cell as read
		{"2024-03-01 08:30:00", false, time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC), true, true},
		{"-1", false, time.Time{}, false, false},
		{"3000000", false, time.Time{}, false, false},
		{"soon", false, time.Time{}, false, false},
	}
	for _, tt := range tests {
		got, hasTime, ok := excelLayout.parse(tt.in, tt.date1904)
		if ok != tt.ok || !got.Equal(tt.want) || hasTime != tt.hasTime {
			t.Errorf("excel(%q, 1904=%v) = %v, %v, %v; want %v, %v, %v", tt.in, tt.date1904, got, hasTime, ok, tt.want,
				tt.hasTime, tt.ok)
		}
	}
}

func TestPrepare(t *testing.T) {
	p := &parser{missing: []string{"***"}, replace: map[string]string{"Trace": "0", "gone": ""}}
	tests := []struct {
		in      string
		want    string
		missing bool
	}{
		{"", "", true},
		{"   ", "", true},
		{"-", "-", true},
		{"N/A", "N/A", true},
		{"n/a", "n/a", true},
		{"NA", "NA", true},
		{"n.a.", "n.a.", true},
		{"..", "..", true},
		{"—", "—", true},
		{"***", "***", true},
		{" Trace ", "0", false},
		{"gone", "", true},
		{"trace", "trace", false}, // replacements match exactly
		{" 12 ", "12", false},
		{"NAN", "NAN", false}, // missing only in numeric columns: see value
		{"--", "--", false},
	}
	for _, tt := range tests {
		got, missing := p.prepare(tt.in)
		if got != tt.want || missing != tt.missing {
			t.Errorf("prepare(%q) = %q, %v; want %q, %v", tt.in, got, missing, tt.want, tt.missing)
		}
	}
}

func TestColumnParse(t *testing.T) {
	month := &Column{Type: Date, Grain: Month, parser: &parser{typ: Date, layout: mustLayout("yyyy年m月")}}
	dayFirst := &Column{Type: Date, parser: &parser{typ: Date, layout: mustLayout("dd-mm-yyyy")}}
	num := &Column{Type: Decimal, parser: &parser{typ: Decimal, replace: map[string]string{"Trace": "0"}}}
	zero := &Column{Type: Integer} // a column made by hand: default parsing
	tests := []struct {
		c    *Column
		in   string
		want Value
		err  string
	}{
		{month, "2024年3月", Value{Time: day(2024, 3, 1), Str: "2024年3月"}, ""},
		{month, "2024-03", Value{Time: day(2024, 3, 1), Str: "2024-03"}, ""}, // a filter value
		{month, "2024", Value{Time: day(2024, 1, 1), Str: "2024"}, ""},
		{month, "", Value{Missing: true}, ""},
		{month, "March", Value{Missing: true}, `"March" is not a date like 2024年12月 (yyyy年m月)`},
		{dayFirst, "08-03-2026", Value{Time: day(2026, 3, 8), Str: "08-03-2026"}, ""},
		{dayFirst, "2026-03-08", Value{Time: day(2026, 3, 8), Str: "2026-03-08"}, ""},
		{num, "Trace", Value{Num: 0, Str: "0"}, ""},
		{num, "1,234.5", Value{Num: 1234.5, Str: "1,234.5"}, ""},
		{num, "NaN", Value{Missing: true}, ""},
		{num, "12x", Value{Missing: true}, `"12x" is not a number`},
		{zero, "7", Value{Num: 7, Str: "7"}, ""},
		{zero, "7.5", Value{Missing: true}, `"7.5" is not a whole number`},
		{zero, "N/A", Value{Missing: true}, ""},
		{&Column{}, " text ", Value{Str: "text"}, ""},
	}
	for _, tt := range tests {
		got, err := tt.c.ParseStrict(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("ParseStrict(%q) = %+v, %q; want %+v, %q", tt.in, got, msg, tt.want, tt.err)
		}
		if p := tt.c.Parse(tt.in); p != tt.want {
			t.Errorf("Parse(%q) = %+v; want %+v", tt.in, p, tt.want)
		}
	}
}
