package dataset

import (
	"math"
	"time"
)

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
