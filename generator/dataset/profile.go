package dataset

import (
	"strings"
	"time"
	"unicode/utf8"
)

// accum infers a column's type and profiles it in one streaming pass: it follows every interpretation still
// possible (whole numbers, numbers, each date layout) and keeps the statistics of each, so that memory does not
// grow with the rows (beyond the capped distinct set).
type accum struct {
	p        *parser // declared type (p.declared), missing tokens, replacements
	count    int
	missing  int
	values   int // non-missing cells, NaN tokens excluded
	nanCount int // NaN/Inf cells: missing if the column is numeric, text otherwise
	nanSeen  []uint64
	nanLen   int // the longest NaN token, in characters
	maxLen   int
	distinct hashSet

	isInt, isNum bool
	num          numStats

	dates    uint32 // bit i: every value so far parses with dateCandidates[i]
	dstats   []dateStats
	hasTime  bool   // excel layout: some value has a time of day
	dateOnly bool   // declared a date without a format: find the layout, numbers are years
	failed   string // dateOnly: the first value that fits no layout the values before it fit
	failLine int
}

// dateCandidates are the layouts a column may be inferred to have: the inferred ones, then a bare year (only for a
// column declared a date).
var dateCandidates = append(append([]*layout{}, inferred...), yearLayout)

type numStats struct {
	n              int
	min, max, mean float64
}

func (s *numStats) add(v float64) {
	s.n++
	if s.n == 1 {
		s.min, s.max, s.mean = v, v, v
		return
	}
	s.min, s.max = min(s.min, v), max(s.max, v)
	s.mean += (v - s.mean) / float64(s.n) // running mean: no overflow of a sum, stable for a million rows
}

type dateStats struct{ earliest, latest time.Time }

func (s *dateStats) add(t time.Time, first bool) {
	if first || t.Before(s.earliest) {
		s.earliest = t
	}
	if first || t.After(s.latest) {
		s.latest = t
	}
}

func newAccum(p *parser) *accum {
	a := &accum{p: p, isInt: true, isNum: true}
	switch {
	case !p.declared:
		a.dates = 1<<len(inferred) - 1
		a.dstats = make([]dateStats, len(dateCandidates))
	case p.typ == Date && p.layout == nil:
		a.dateOnly, a.isNum, a.isInt = true, false, false
		a.dates = 1<<len(dateCandidates) - 1
		a.dstats = make([]dateStats, len(dateCandidates))
	case p.typ == Date:
		a.dstats = make([]dateStats, 1)
	}
	return a
}

// addMissing counts n missing cells (rows read before a JSON key first appeared).
func (a *accum) addMissing(n int) {
	a.count += n
	a.missing += n
}

// add profiles one prepared cell of a row at line; for a declared type, v is the cell already read.
func (a *accum) add(s string, missing bool, v Value, line int) {
	a.count++
	if missing || v.Missing {
		a.missing++
		return
	}
	n := utf8.RuneCountInString(s)
	if a.p.declared && !a.dateOnly {
		a.maxLen = max(a.maxLen, n)
		a.values++
		a.distinct.add(hashString(s))
		switch a.p.typ {
		case Integer, Decimal:
			a.num.add(v.Num)
		case Date:
			a.dstats[0].add(v.Time, a.values == 1)
			if a.p.layout.excel && !a.hasTime {
				_, a.hasTime, _ = a.p.layout.parse(s, a.p.date1904)
			}
		}
		return
	}
	if a.isNum {
		if f, isInt, ok := parseNumber(s); ok {
			a.maxLen = max(a.maxLen, n)
			a.isInt = a.isInt && isInt
			a.num.add(f)
			a.dates = 0
			a.values++
			a.distinct.add(hashString(s))
			return
		}
		if isNaNToken(s) {
			a.nanCount++
			a.nanLen = max(a.nanLen, n)
			h := hashString(s)
			if len(a.nanSeen) < 16 && !containsHash(a.nanSeen, h) {
				a.nanSeen = append(a.nanSeen, h)
			}
			a.dates = 0
			return
		}
		a.isNum, a.isInt = false, false
	}
	a.maxLen = max(a.maxLen, n)
	a.values++
	a.distinct.add(hashString(s))
	for d := a.dates; d != 0; d &= d - 1 {
		i := trailingZeros(d)
		t, _, ok := dateCandidates[i].parse(s, false)
		if !ok {
			a.dates &^= 1 << i
			continue
		}
		a.dstats[i].add(t, a.values == 1) // a live layout has read every value, from the first
	}
	if a.dateOnly && a.dates == 0 && a.failed == "" {
		a.failed, a.failLine = strings.Clone(s), line
	}
}

func containsHash(hs []uint64, h uint64) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

func trailingZeros(x uint32) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// finish decides the column's type (unless declared), gives the column the parser that reads its cells as that
// type, and fills its profile.
func (a *accum) finish(c *Column) {
	p := a.p
	if !p.declared || a.dateOnly {
		q := *p
		q.declared = false // Scan checks no type the values were not read with
		switch {
		case a.dateOnly && a.dates != 0:
			i := trailingZeros(a.dates)
			q.typ, q.layout, q.declared = Date, dateCandidates[i], true
			a.dstats[0] = a.dstats[i]
		case a.values > 0 && a.isInt:
			q.typ = Integer
		case a.values > 0 && a.isNum:
			q.typ = Decimal
		case a.values > 0 && a.dates != 0:
			i := trailingZeros(a.dates)
			q.typ, q.layout = Date, dateCandidates[i]
			a.dstats[0] = a.dstats[i]
		default:
			q.typ = Text
			// NaN tokens are ordinary text here: count them as values.
			a.values += a.nanCount
			for _, h := range a.nanSeen {
				a.distinct.add(h)
			}
			a.maxLen = max(a.maxLen, a.nanLen)
			a.nanCount = 0
		}
		p = &q
	}
	c.Type = p.typ
	c.parser = p
	pr := Profile{Count: a.count, Missing: a.missing + a.nanCount, Distinct: a.distinct.len(),
		Capped: a.distinct.capped}
	switch p.typ {
	case Integer, Decimal:
		if a.num.n > 0 {
			pr.Min, pr.Max, pr.Mean = a.num.min, a.num.max, a.num.mean
		}
	case Date:
		c.Grain = p.layout.grain
		if p.layout.excel && a.hasTime {
			c.Grain = DateTime
		}
		if a.values > 0 {
			pr.Earliest, pr.Latest = a.dstats[0].earliest, a.dstats[0].latest
		}
	case Text:
		pr.MaxLen = a.maxLen
	}
	c.Profile = pr
}
