package dataset

import (
	"strings"
	"time"
)

// layout is one way of writing dates, compiled from human notation such as "dd/mm/yyyy".
type layout struct {
	name    string // the notation, for messages: "dd/mm/yyyy"
	example string // a date written this way: "31/12/2024"
	elems   []elem
	grain   Grain
	excel   bool      // Excel serial day numbers (1900 date system; see parser.date1904)
	alts    []*layout // or: any of these (the first that fits)
}

type elemKind uint8

const (
	eLit       elemKind = iota // the text lit
	eYear                      // four digits
	eMonth                     // one or two digits, 1–12
	eMonthName                 // Jan…Dec or January…December, any case
	eDay                       // one or two digits
	eHour                      // one or two digits, 0–23
	eMinute                    // two digits
	eSecond                    // two digits
	eOptSecond                 // optional ":ss", with an optional fraction ".123"
	eDateSep                   // "T" or a space, between an ISO date and its time
	eOptZone                   // optional "Z", "+08:00" or "+0800"
)

type elem struct {
	kind elemKind
	lit  string
}

// inferred are the layouts tried on a column without a declared type, in order of preference: a column is a date
// column when every value parses with one of them (the first that fits all). Day-first comes before month-first
// (which is never inferred), the Hong Kong convention.
var inferred = []*layout{
	mustLayout("yyyy-mm-dd"),
	isoDateTime,
	mustLayout("dd/mm/yyyy"),
	mustLayout("dd-mm-yyyy"),
	mustLayout("yyyy/mm/dd"),
	mustLayout("dd/mm/yyyy hh:mm[:ss]"),
	mustLayout("dd-mm-yyyy hh:mm[:ss]"),
	mustLayout("yyyy/mm/dd hh:mm[:ss]"),
	mustLayout("yyyy-mm"),
	mustLayout("yyyy/mm"),
	mustLayout("yyyy年m月d日"),
	mustLayout("yyyy年m月"),
	mustLayout("d mmm yyyy"),
	mustLayout("mmm yyyy"),
	isoDateOptTime,
}

// isoDateTime is an ISO 8601 date and time: 2024-03-01 08:30, 2024-03-01T08:30:00, with optional seconds,
// fraction and zone (a zoned time is converted to UTC).
var isoDateTime = &layout{name: "yyyy-mm-dd hh:mm[:ss]", example: "2024-12-31 08:30", grain: DateTime,
	elems: []elem{{kind: eYear}, {eLit, "-"}, {kind: eMonth}, {eLit, "-"}, {kind: eDay}, {kind: eDateSep},
		{kind: eHour}, {eLit, ":"}, {kind: eMinute}, {kind: eOptSecond}, {kind: eOptZone}}}

// isoDateOptTime is an ISO date with or without a time (a spreadsheet export drops midnight times): tried after
// the layouts of dates only and date-times only.
var isoDateOptTime = &layout{name: "yyyy-mm-dd[ hh:mm[:ss]]", example: "2024-12-31 08:30", grain: DateTime,
	alts: []*layout{mustLayout("yyyy-mm-dd"), isoDateTime}}

// yearLayout reads a bare year; used only for columns declared as dates and for filter values.
var yearLayout = mustLayout("yyyy")

// excelLayout reads Excel serial day numbers (45292 = 2024-01-01), and ISO dates (the form an xlsx date cell is
// read in).
var excelLayout = &layout{name: "excel", example: "45657", grain: Day, excel: true}

// parse reads s with the layout. date1904 selects Excel's 1904 date system for excel layouts. hasTime reports a
// time of day other than midnight in an excel value.
func (l *layout) parse(s string, date1904 bool) (t time.Time, hasTime, ok bool) {
	if l.excel {
		return parseExcel(s, date1904)
	}
	if l.alts != nil {
		for _, a := range l.alts {
			if t, _, ok := a.parse(s, date1904); ok {
				return t, false, true
			}
		}
		return t, false, false
	}
	year, month, day, hour, minute, sec, nsec := 0, 1, 1, 0, 0, 0, 0
	zone := 0 // seconds east of UTC
	i := 0
	for _, e := range l.elems {
		switch e.kind {
		case eLit:
			if !strings.HasPrefix(s[i:], e.lit) {
				return t, false, false
			}
			i += len(e.lit)
		case eYear:
			if i+4 > len(s) || !digits(s[i:i+4]) {
				return t, false, false
			}
			year = atoi(s[i : i+4])
			i += 4
		case eMonth, eDay, eHour, eMinute, eSecond:
			n := 0
			for n < 2 && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
				n++
			}
			if n == 0 || ((e.kind == eMinute || e.kind == eSecond) && n != 2) {
				return t, false, false
			}
			v := atoi(s[i : i+n])
			i += n
			switch e.kind {
			case eMonth:
				month = v
			case eDay:
				day = v
			case eHour:
				hour = v
			case eMinute:
				minute = v
			case eSecond:
				sec = v
			}
		case eMonthName:
			m, n := monthName(s[i:])
			if m == 0 {
				return t, false, false
			}
			month = m
			i += n
		case eOptSecond:
			if i < len(s) && s[i] == ':' {
				if i+3 > len(s) || !digits(s[i+1:i+3]) {
					return t, false, false
				}
				sec = atoi(s[i+1 : i+3])
				i += 3
				if i < len(s) && s[i] == '.' {
					j := i + 1
					for j < len(s) && s[j] >= '0' && s[j] <= '9' {
						if j-i <= 9 {
							nsec = nsec*10 + int(s[j]-'0')
						}
						j++
					}
					if j == i+1 {
						return t, false, false
					}
					for k := j - i - 1; k < 9; k++ {
						nsec *= 10
					}
					i = j
				}
			}
		case eDateSep:
			if i >= len(s) || (s[i] != ' ' && s[i] != 'T') {
				return t, false, false
			}
			i++
		case eOptZone:
			z, n, zok := parseZone(s[i:])
			if !zok {
				return t, false, false
			}
			zone = z
			i += n
		}
	}
	if i != len(s) || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 ||
		minute > 59 || sec > 59 {
		return t, false, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if zone != 0 {
		t = t.Add(-time.Duration(zone) * time.Second)
	}
	return t, false, true
}

// parseZone reads an optional zone at the start of s: "", "Z", "+08:00", "+0800", "-05".
func parseZone(s string) (secs, n int, ok bool) {
	switch {
	case s == "":
		return 0, 0, true
	case s[0] == 'Z' || s[0] == 'z':
		return 0, 1, true
	case s[0] != '+' && s[0] != '-':
		return 0, 0, false
	}
	rest := strings.ReplaceAll(s[1:], ":", "")
	if (len(rest) != 2 && len(rest) != 4) || !digits(rest) {
		return 0, 0, false
	}
	h, m := atoi(rest[:2]), 0
	if len(rest) == 4 {
		m = atoi(rest[2:])
	}
	if h > 14 || m > 59 {
		return 0, 0, false
	}
	secs = h*3600 + m*60
	if s[0] == '-' {
		secs = -secs
	}
	return secs, len(s), true
}

var monthNames = [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december"}

// monthName reads an English month name or its three-letter abbreviation ("Sept" too) at the start of s.
func monthName(s string) (month, n int) {
	j := 0
	for j < len(s) && (s[j]|0x20) >= 'a' && (s[j]|0x20) <= 'z' {
		j++
	}
	if j < 3 {
		return 0, 0
	}
	w := strings.ToLower(s[:j])
	for i, name := range monthNames {
		if w == name || w == name[:3] || (i == 8 && w == "sept") {
			return i + 1, j
		}
	}
	return 0, 0
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
