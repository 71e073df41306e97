package dataset

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

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
