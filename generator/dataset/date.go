package dataset

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
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

// formatsHelp lists the notations a declared date format may use, for hints.
const formatsHelp = "use a notation such as dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyy-mm-dd hh:mm, yyyy-mm, yyyy年m月, " +
	"mmm yyyy, yyyy or excel"

func mustLayout(s string) *layout {
	l, err := compileLayout(s)
	if err != nil {
		panic(err)
	}
	return l
}

// compileLayout reads a date format in human notation: yyyy (year), mm or m (month), mmm (month name), dd or d
// (day), hh or h (hour), mm after an hour (minutes), ss (seconds), [:ss] (optional seconds); anything else is
// matched as written. "excel" means Excel serial day numbers.
func compileLayout(s string) (*layout, error) {
	if strings.EqualFold(strings.TrimSpace(s), "excel") {
		return excelLayout, nil
	}
	l := &layout{name: s}
	var have [eOptZone + 1]bool
	low := []byte(s) // ASCII letters lowered; other bytes kept, so that indexes match s
	for i, c := range low {
		if c >= 'A' && c <= 'Z' {
			low[i] = c + 'a' - 'A'
		}
	}
	for i := 0; i < len(low); {
		run := 1
		for i+run < len(low) && low[i+run] == low[i] {
			run++
		}
		var k elemKind
		switch c := low[i]; {
		case c == 'y' && run == 4:
			k = eYear
		case c == 'y':
			return nil, fmt.Errorf("write the year as yyyy")
		case c == 'm' && run >= 3:
			k = eMonthName
		case c == 'm' && run <= 2 && have[eHour]:
			k = eMinute
		case c == 'm' && run <= 2:
			k = eMonth
		case c == 'd' && run <= 2:
			k = eDay
		case c == 'h' && run <= 2:
			k = eHour
		case c == 's' && run <= 2:
			k = eSecond
		case strings.HasPrefix(string(low[i:]), "[:ss]"):
			k, run = eOptSecond, 5
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			if n := len(l.elems); n > 0 && l.elems[n-1].kind == eLit {
				l.elems[n-1].lit += s[i : i+size]
			} else {
				l.elems = append(l.elems, elem{kind: eLit, lit: s[i : i+size]})
			}
			i += size
			continue
		}
		if have[k] || (k == eMonthName && have[eMonth]) || (k == eMonth && have[eMonthName]) {
			return nil, fmt.Errorf("%q appears twice", s[i:i+run])
		}
		have[k] = true
		l.elems = append(l.elems, elem{kind: k})
		i += run
	}
	month := have[eMonth] || have[eMonthName]
	switch {
	case !have[eYear]:
		return nil, fmt.Errorf("a date format needs the year, yyyy")
	case have[eDay] && !month:
		return nil, fmt.Errorf("a day needs a month")
	case (have[eHour] || have[eMinute] || have[eSecond] || have[eOptSecond]) && !have[eDay]:
		return nil, fmt.Errorf("a time needs a day")
	case (have[eSecond] || have[eOptSecond]) && !have[eMinute], have[eMinute] && !have[eHour]:
		return nil, fmt.Errorf("minutes and seconds need an hour (hh:mm)")
	case have[eHour]:
		l.grain = DateTime
	case have[eDay]:
		l.grain = Day
	case month:
		l.grain = Month
	default:
		l.grain = Year
	}
	l.example = l.format(time.Date(2024, 12, 31, 8, 30, 0, 0, time.UTC))
	return l, nil
}

// format writes t in the layout, for examples in messages.
func (l *layout) format(t time.Time) string {
	var b strings.Builder
	for _, e := range l.elems {
		switch e.kind {
		case eLit:
			b.WriteString(e.lit)
		case eYear:
			fmt.Fprintf(&b, "%04d", t.Year())
		case eMonth:
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case eMonthName:
			b.WriteString(t.Month().String()[:3])
		case eDay:
			fmt.Fprintf(&b, "%02d", t.Day())
		case eHour:
			fmt.Fprintf(&b, "%02d", t.Hour())
		case eMinute:
			fmt.Fprintf(&b, "%02d", t.Minute())
		case eSecond:
			fmt.Fprintf(&b, "%02d", t.Second())
		case eDateSep:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

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

// excelEpoch is day 0 of Excel's 1900 date system (with its fictitious 1900-02-29, day 60, skipped).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseExcel reads an Excel serial day number, or an ISO date or date-time (how xlsx date cells are read).
func parseExcel(s string, date1904 bool) (t time.Time, hasTime, ok bool) {
	v, _, isNum := parseNumber(s)
	if !isNum {
		if t, _, ok := inferred[0].parse(s, false); ok {
			return t, false, true
		}
		t, _, ok = isoDateTime.parse(s, false)
		return t, ok && (t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0), ok
	}
	t, ok = excelTime(v, date1904)
	return t, ok && t.Sub(t.Truncate(24*time.Hour)) != 0, ok
}

// excelTime converts an Excel serial day number (fraction = time of day) to a time, rounded to the second.
func excelTime(v float64, date1904 bool) (time.Time, bool) {
	if v < 0 || v > 2958465 || v != v { // 9999-12-31
		return time.Time{}, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	base := excelEpoch
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 60:
		base = base.AddDate(0, 0, 1) // before Excel's fictitious 1900-02-29
	case days == 60:
		return time.Time{}, false // 1900-02-29 does not exist
	}
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
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
