package chart

import (
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
)

const secondsPerDay = 24 * 60 * 60

// bucketTime rounds t down to the start of its day, ISO week (Monday), month, quarter or year, in UTC.
func bucketTime(t time.Time, unit string) time.Time {
	switch unit {
	case "day":
		return dayStart(t)
	case "week":
		return weekStart(t)
	}
	y, m, _ := t.Date()
	switch unit {
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		return time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
}

// days counts whole days since 1970-01-01 (negative before), rounding down.
func days(t time.Time) int64 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

func dayStart(t time.Time) time.Time { return time.Unix(days(t)*secondsPerDay, 0).UTC() }

// weekStart is the Monday that starts t's ISO week. 1970-01-01 was a Thursday, three days after a Monday.
func weekStart(t time.Time) time.Time {
	d := days(t)
	wd := (d + 3) % 7
	if wd < 0 {
		wd += 7
	}
	return time.Unix((d-wd)*secondsPerDay, 0).UTC()
}

// apply runs a row-wise step (filter or bucket) on a row, changing it in place; it reports whether the row is
// kept.
func (st *step) apply(row []dataset.Value) bool {
	switch st.kind {
	case stepFilter:
		return st.filter.keep(row[st.col])
	case stepBucket:
		if v := &row[st.col]; !v.Missing {
			v.Time = bucketTime(v.Time, st.unit)
			v.Str = ""
		}
	}
	return true
}
