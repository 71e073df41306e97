package dataset

import (
	"strconv"
	"strings"
)

// maxIntegerDigits is the longest whole number read as a number: longer ones (card numbers, identifiers) lose
// precision as float64 and are read as text.
const maxIntegerDigits = 15

// parseNumber reads s (already trimmed) as a number: an optional sign, digits with optional thousands separators
// in correct groups ("1,234", "1 234"), an optional fraction and, without separators, an optional exponent. A whole
// number with a leading zero ("0111") is a code, not a number. isInt reports a whole number without fraction or
// exponent.
func parseNumber(s string) (v float64, isInt, ok bool) {
	if s == "" {
		return 0, false, false
	}
	i := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}
	// The whole part: digits, possibly grouped.
	start := i
	var sep string // the thousands separator in use
	var whole uint64
	digits, group := 0, 0
	grouped := false
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' {
			whole = whole*10 + uint64(c-'0')
			digits++
			group++
			i++
			continue
		}
		w := separatorAt(s, i)
		if w == 0 {
			break
		}
		if sep == "" {
			sep = s[i : i+w]
			if group < 1 || group > 3 {
				return 0, false, false
			}
		} else if s[i:i+w] != sep || group != 3 {
			return 0, false, false
		}
		grouped = true
		group = 0
		i += w
	}
	if digits == 0 || (grouped && group != 3) {
		return 0, false, false
	}
	if digits > 1 && s[start] == '0' {
		return 0, false, false // "0111", "0,123": a code
	}
	if i == len(s) {
		if digits > maxIntegerDigits {
			return 0, false, false
		}
		v = float64(whole)
		if neg {
			v = -v
		}
		return v, true, true
	}
	// A fraction and/or an exponent: let strconv do the rounding.
	rest := s[i:]
	if rest[0] != '.' && rest[0] != 'e' && rest[0] != 'E' {
		return 0, false, false
	}
	if rest[0] == '.' && (len(rest) == 1 || rest[1] < '0' || rest[1] > '9') {
		return 0, false, false // "5.", "1.e5"
	}
	if grouped && strings.ContainsAny(rest, "eE") {
		return 0, false, false
	}
	for j := 0; j < len(rest); j++ {
		c := rest[j]
		switch {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return 0, false, false // "1.2.3" fails below; this rejects letters, "_", hex
		}
	}
	num := s
	if grouped {
		var buf [64]byte
		b := buf[:0]
		b = append(b, s[:start]...)
		for k := start; k < len(s); {
			if w := separatorAt(s, k); w > 0 && k < i {
				k += w
				continue
			}
			b = append(b, s[k])
			k++
		}
		num = string(b)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f-f != 0 { // a syntax error, or ±Inf from overflow
		return 0, false, false
	}
	return f, false, true
}

// separatorAt returns the length of a thousands separator at s[i] (",", a space, a no-break or narrow no-break
// space), or 0.
func separatorAt(s string, i int) int {
	switch {
	case s[i] == ',' || s[i] == ' ':
		return 1
	case strings.HasPrefix(s[i:], "\u00a0"):
		return 2
	case strings.HasPrefix(s[i:], "\u202f"):
		return 3
	}
	return 0
}

// isNaNToken reports whether s spells "not a number" or an infinity: NaN, inf, Infinity, with an optional sign, in
// any case. In a numeric column such cells are missing.
func isNaNToken(s string) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	switch len(s) {
	case 3:
		return strings.EqualFold(s, "nan") || strings.EqualFold(s, "inf")
	case 8:
		return strings.EqualFold(s, "infinity")
	}
	return false
}
