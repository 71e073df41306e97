package dataset

import (
	"encoding/binary"
	"fmt"
	"io"
)

// MaxFileSize is the largest snapshot file read, in bytes as stored.
const MaxFileSize = 512 << 20

// Limits on what one file may hold, so that hostile or broken input is an error rather than an out-of-memory.
const (
	maxFieldSize = 1 << 20   // bytes of one CSV field
	maxLineSize  = 4 << 20   // bytes of one CSV line (one row, when quoted fields span lines)
	maxRecord    = 4 << 20   // bytes of one JSON record
	maxFeature   = 128 << 20 // bytes of one GeoJSON feature, geometry included
	maxColumns   = 1000      // columns of one table
)

// limitError stops reading a file: a field, line or record over its limit.
type limitError struct {
	line int
	msg  string
}

func (e *limitError) Error() string { return e.msg }

// csvLimiter passes CSV text through, following its quoting the way encoding/csv does with LazyQuotes, and fails
// once a field exceeds maxFieldSize or a row maxLineSize, before encoding/csv would buffer it. It also counts
// physical lines.
type csvLimiter struct {
	r     io.Reader
	delim byte
	line  int // physical line of the byte being read, from 1 (plus the lines skipped before the header)
	state uint8
	field int // bytes of the current field
	row   int // bytes of the current row
	start int // line where the current row started
	err   error

	nonASCII bool // some byte read so far is not ASCII (a file without any needs no UTF-8 check)
}

const (
	stFieldStart uint8 = iota
	stUnquoted
	stQuoted
	stQuoteInQuoted // a '"' inside a quoted field: the end of the field, an escaped quote, or (lazily) a quote
)

func newCSVLimiter(r io.Reader, delim byte, firstLine int) *csvLimiter {
	return &csvLimiter{r: r, delim: delim, line: firstLine, start: firstLine}
}

func (l *csvLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	b := p[:n]
	if !l.nonASCII {
		l.nonASCII = hasNonASCII(b)
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch l.state {
		case stFieldStart, stUnquoted:
			if l.state == stFieldStart && c == '"' {
				l.state, l.field = stQuoted, 1
				l.row++
				continue
			}
			// An unquoted run: up to the next delimiter or line end.
			j := i
			for j < len(b) && b[j] != l.delim && b[j] != '\n' {
				j++
			}
			if l.state == stFieldStart {
				l.field = 0
			}
			l.field += j - i
			l.row += j - i
			l.state = stUnquoted
			if j == len(b) {
				i = j
				break
			}
			l.row++
			if l.over() {
				return 0, l.err
			}
			if b[j] == '\n' {
				l.endRow()
			} else {
				l.state, l.field = stFieldStart, 0
			}
			i = j
		case stQuoted:
			j := i
			for j < len(b) && b[j] != '"' && b[j] != '\n' {
				j++
			}
			l.field += j - i
			l.row += j - i
			if j == len(b) {
				i = j
				break
			}
			l.field++
			l.row++
			if b[j] == '"' {
				l.state = stQuoteInQuoted
			} else {
				l.line++
			}
			i = j
		case stQuoteInQuoted:
			l.field++
			l.row++
			if l.over() {
				return 0, l.err
			}
			switch c {
			case '"':
				l.state = stQuoted
			case l.delim:
				l.state, l.field = stFieldStart, 0
			case '\n':
				l.endRow()
			case '\r':
			default:
				l.state = stQuoted
			}
		}
	}
	// Checked at the end of each field and of each read: a field or line may overrun its limit by one read (at
	// most 64 KiB) before it is refused.
	if l.over() {
		return 0, l.err
	}
	return n, err
}

// over reports (and remembers) a field or row over its limit.
func (l *csvLimiter) over() bool {
	if l.field > maxFieldSize {
		l.err = &limitError{l.start, fmt.Sprintf("a field longer than %d MiB: is a quote left open?", maxFieldSize>>20)}
	} else if l.row > maxLineSize {
		l.err = &limitError{l.start, fmt.Sprintf("line longer than %d MiB", maxLineSize>>20)}
	}
	return l.err != nil
}

func (l *csvLimiter) endRow() {
	l.state, l.field, l.row = stFieldStart, 0, 0
	l.line++
	l.start = l.line
}

// hasNonASCII reports a byte of b at or above 0x80, eight bytes at a time.
func hasNonASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
