package markdown

// nesting returns the deepest nesting of list items and block quotes that a line of src opens, and the 1-based
// line where it occurs. It looks only at line prefixes, in linear time, so that pathological input ("- - - - …")
// is refused before goldmark, whose nesting cost is quadratic, sees it.
func nesting(src []byte) (line, depth int) {
	n := 1
	for i := 0; i < len(src); {
		d, j := 0, i
		for {
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			k := marker(src, j)
			if k < 0 {
				break
			}
			d++
			j = k
		}
		if d > depth {
			line, depth = n, d
		}
		for j < len(src) && src[j] != '\n' {
			j++
		}
		i = j + 1
		n++
	}
	return line, depth
}

// marker returns the offset after a list or quote marker at src[i:], or -1.
func marker(src []byte, i int) int {
	if i >= len(src) {
		return -1
	}
	switch src[i] {
	case '>':
		return i + 1
	case '-', '*', '+':
		if i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\t') {
			return i + 2
		}
		return -1
	}
	j := i
	for j < len(src) && j-i < 9 && src[j] >= '0' && src[j] <= '9' {
		j++
	}
	if j > i && j+1 < len(src) && (src[j] == '.' || src[j] == ')') && (src[j+1] == ' ' || src[j+1] == '\t') {
		return j + 2
	}
	return -1
}
