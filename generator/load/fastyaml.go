package load

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseSimple parses the YAML that nearly every front matter is, the way yaml.v3 parses it, four times as fast
// (BenchmarkFrontMatterYAML): a block mapping of plain keys whose values are one-line scalars (plain, "double"
// or 'single' quoted), one-line flow sequences of scalars, block sequences and nested block mappings, with
// comments. It gives the root node of the tree that yaml.Unmarshal makes (every kind, tag, style, value, line and
// column the same; the lines still of src) but for comments, which it skips where yaml.v3 keeps them on nodes (no
// stage reads them; `showcase new` writes many). It gives false for anything else: a tab, a carriage return, a
// multi-line or empty scalar, an anchor, alias or tag, a block scalar, a flow mapping, a quoted key, a number or
// date of an uncommon form, a character YAML refuses or treats as a line break. yaml.v3 then parses src itself,
// so what this takes it only has to get right, and it turns down whatever it is not sure of. FuzzSimpleYAML holds
// it to yaml.v3's trees.
//
// A tree's values are substrings of one copy of src, and its nodes are allocated in blocks: a typical front
// matter costs 20 allocations where yaml.v3 makes 191.
//
// In a Scratch (not nil), the nodes and lines are those of the last parse in it, reused.
func parseSimple(src []byte, s *Scratch) (*yaml.Node, bool) {
	p := simpleParser{src: string(src), scratch: s}
	if s != nil {
		p.lines = s.lines[:0]
		defer func() { s.lines = p.lines[:0] }()
	}
	if !p.split() || len(p.lines) == 0 {
		return nil, false
	}
	root, ok := p.mapping(0) // an indented document or a sequence is turned down
	if !ok {
		return nil, false
	}
	return root, true
}

// Scratch is memory that parsing front matter reuses (Entry.ParseFrontIn): a tree parsed in it lasts until its
// next parse. For a caller that decodes each tree and lets it go, as validate does, it saves allocating and
// collecting the nodes of every entry: at 10,000 entries, 118 MB, the most of any allocation site of a build.
type Scratch struct {
	nodes []yaml.Node
	lines []simpleLine
}

type simpleParser struct {
	src     string
	lines   []simpleLine // the lines that are not blank
	next    int          // the next line to parse
	slab    []yaml.Node  // nodes are taken from here, a block at a time
	scratch *Scratch     // where the first block is kept, when not nil
}

// simpleLine is a line of the document: its number (from 1), its indentation in spaces, and its text after
// them, without trailing spaces.
type simpleLine struct {
	num, indent int
	text        string
}

// split cuts src into lines, leaving out blank ones and comments, and reports false at a character parseSimple does not
// take: a control character (a tab or CR included), a line break other than LF, a byte order mark, invalid
// UTF-8. What else YAML has is turned down where a key or value is read: no key or plain value starts with an
// indicator ("-", "%", …) or ".", so a document marker ("---", "..."), a directive ("%YAML") and a sequence where
// a key should be ("- a", "- - a") are all refused.
func (p *simpleParser) split() bool {
	s := p.src
	num := 1
	if n := strings.Count(s, "\n") + 1; cap(p.lines) < n {
		p.lines = make([]simpleLine, 0, n)
	}
	for len(s) > 0 {
		end := strings.IndexByte(s, '\n')
		l := s
		if end >= 0 {
			l, s = s[:end], s[end+1:]
		} else {
			s = ""
		}
		if !printable(l) {
			return false
		}
		indent := 0
		for indent < len(l) && l[indent] == ' ' {
			indent++
		}
		text := strings.TrimRight(l[indent:], " ")
		if text != "" && text[0] != '#' { // a comment line is as good as a blank one
			p.lines = append(p.lines, simpleLine{num, indent, text})
		}
		num++
	}
	return true
}

// printable reports whether every character of l is one YAML allows and reads as neither a line break nor
// white space other than the space: printable ASCII, and the Unicode ranges YAML allows besides NEL, the line and
// paragraph separators and the byte order mark.
func printable(l string) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(l[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == 0x2028, r == 0x2029, r == 0xFEFF:
			return false
		case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
		i += size
	}
	return true
}

// isEntry reports whether a line's text is a block sequence entry: "-" alone or followed by a space.
func isEntry(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

func (p *simpleParser) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		size := 16
		if p.slab == nil { // a key and a value a line, and an item a comma: about what the document holds
			size = 2*len(p.lines) + strings.Count(p.src, ",") + 1
			if s := p.scratch; s != nil && cap(s.nodes) >= size {
				p.slab = s.nodes[:0]
				clear(p.slab[:cap(p.slab)]) // the last parse's nodes: node sets only the fields that are not zero
			}
		}
		if len(p.slab) == cap(p.slab) {
			p.slab = make([]yaml.Node, 0, size)
			if s := p.scratch; s != nil && size > 16 {
				s.nodes = p.slab
			}
		}
	}
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1] // set field by field: appending a whole Node would copy its empty fields too
	n.Kind, n.Tag, n.Value, n.Line, n.Column = kind, tag, value, line, col
	return n
}

// mapping parses a block mapping whose keys are at indent, from the next line.
func (p *simpleParser) mapping(indent int) (*yaml.Node, bool) {
	first := p.lines[p.next]
	m := p.node(yaml.MappingNode, "!!map", "", first.num, indent+1)
	for p.next < len(p.lines) {
		l := p.lines[p.next]
		if l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		key, rest, ok := splitKey(l.text)
		if !ok {
			return nil, false
		}
		k, ok := p.plain(key, l.num, indent+1)
		if !ok || len(key) > 1000 { // yaml.v3 looks no further than 1,024 characters for a key's colon
			return nil, false
		}
		p.next++
		var v *yaml.Node
		if rest < len(l.text) && l.text[rest] != '#' {
			v, ok = p.inline(l.text[rest:], l.num, indent+1+utf8.RuneCountInString(l.text[:rest]))
		} else { // nothing after the colon but perhaps a comment
			v, ok = p.nested(indent)
		}
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, k, v)
	}
	return m, true
}

// nested parses the value of a key at indent that has nothing after its colon: a block mapping or sequence
// indented further, or a sequence at the key's own indentation.
func (p *simpleParser) nested(indent int) (*yaml.Node, bool) {
	if p.next == len(p.lines) {
		return nil, false // an empty value: null, at a position yaml.v3 knows
	}
	l := p.lines[p.next]
	switch {
	case l.indent > indent && isEntry(l.text):
		return p.sequence(l.indent)
	case l.indent > indent:
		return p.mapping(l.indent)
	case l.indent == indent && isEntry(l.text):
		return p.sequence(indent)
	}
	return nil, false
}

// sequence parses a block sequence whose dashes are at indent, from the next line.
func (p *simpleParser) sequence(indent int) (*yaml.Node, bool) {
	first := p.lines[p.next]
	s := p.node(yaml.SequenceNode, "!!seq", "", first.num, indent+1)
	for p.next < len(p.lines) {
		l := p.lines[p.next]
		if l.indent < indent || l.indent == indent && !isEntry(l.text) {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		at := 1
		for at < len(l.text) && l.text[at] == ' ' {
			at++
		}
		if at == len(l.text) {
			return nil, false // a nested block on the next lines
		}
		var v *yaml.Node
		var ok bool
		if _, _, isKey := splitKey(l.text[at:]); isKey && l.text[at] != '"' && l.text[at] != '\'' {
			// "- key: value": a mapping whose keys are where this one is
			p.lines[p.next] = simpleLine{l.num, indent + at, l.text[at:]}
			v, ok = p.mapping(indent + at)
		} else {
			p.next++
			v, ok = p.inline(l.text[at:], l.num, indent+at+1)
		}
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, v)
	}
	return s, true
}

// splitKey finds the colon that ends a line's key: the first one followed by a space or the end of the line.
// rest is where the value starts, after the colon and its spaces (len(text) when there is none).
func splitKey(text string) (key string, rest int, ok bool) {
	for i := 0; i < len(text); i++ {
		if text[i] != ':' {
			continue
		}
		if i+1 == len(text) {
			return text[:i], len(text), i > 0
		}
		if text[i+1] == ' ' {
			rest = i + 1
			for rest < len(text) && text[rest] == ' ' {
				rest++
			}
			return text[:i], rest, i > 0
		}
	}
	return "", 0, false
}

// inline parses a value that is the rest of a line, from column col.
func (p *simpleParser) inline(text string, line, col int) (*yaml.Node, bool) {
	switch text[0] {
	case '"', '\'':
		value, end, ok := quoted(text)
		if !ok || !lineEnds(text[end:]) {
			return nil, false
		}
		return p.quotedNode(text[0], value, line, col), true
	case '[':
		return p.flow(text, line, col)
	}
	if i := strings.Index(text, " #"); i >= 0 {
		text = strings.TrimRight(text[:i], " ") // a comment after the value
	}
	return p.plain(text, line, col)
}

// quotedNode makes the node of a scalar in quotes q (" or ').
func (p *simpleParser) quotedNode(q byte, value string, line, col int) *yaml.Node {
	n := p.node(yaml.ScalarNode, "!!str", value, line, col)
	n.Style = yaml.DoubleQuotedStyle
	if q == '\'' {
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

// lineEnds reports whether what is left of a line after a value is nothing, or a comment after a space.
func lineEnds(rest string) bool {
	return rest == "" || rest[0] == ' ' && strings.HasPrefix(strings.TrimLeft(rest, " "), "#")
}

// plain makes the node of a one-line plain scalar in block context, and turns down one that is not sure to be
// one: it starts with an indicator, holds ": " or " #", or ends with a colon or a space (a key's, before its colon).
func (p *simpleParser) plain(text string, line, col int) (*yaml.Node, bool) {
	if text == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", text[0]) >= 0 || strings.HasSuffix(text, ":") ||
		strings.HasSuffix(text, " ") ||
		strings.Contains(text, ": ") || strings.Contains(text, " #") {
		return nil, false
	}
	tag, ok := plainTag(text)
	if !ok {
		return nil, false
	}
	return p.node(yaml.ScalarNode, tag, text, line, col), true
}

// plainTag is the tag yaml.v3 resolves a plain scalar to, for the forms parseSimple takes: the words for null and
// the booleans, decimal integers, dates, strings that start with a letter or any character yaml.v3 does not read as
// the start of a number, and strings that start with a digit but hold a character no number or date has.
func plainTag(s string) (string, bool) {
	switch s {
	case "~", "null", "Null", "NULL":
		return "!!null", true
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "<<":
		return "", false // a merge key
	case "+.inf", "+.Inf", "+.INF": // yaml.v3's words for infinity that start with a character taken below
		return "", false
	}
	switch c := s[0]; {
	case (c >= '0' && c <= '9' || c == '+') && strings.IndexFunc(s, notNumeric) >= 0:
		return "!!str", true // "15-minute city": no number or date has an M
	case c >= '0' && c <= '9':
		if digits(s) && len(s) <= 18 && (s[0] != '0' || len(s) == 1) {
			return "!!int", true
		}
		if len(s) >= 8 && len(s) <= 10 && digits(s[:4]) && s[4] == '-' {
			// too short for a time of day, and no number: a date, or else a string (2024-02-30)
			if _, err := time.Parse("2006-1-2", s); err == nil {
				return "!!timestamp", true
			}
			return "!!str", true
		}
		return "", false
	case c == '+' || c == '-' || c == '.':
		return "", false
	}
	return "!!str", true
}

// notNumeric reports whether r can be in none of the numbers and dates yaml.v3 resolves a plain scalar to
// (strconv's integers of any base, floats, and timestamps like 2006-1-2T15:4:5.999999999Z07:00, whose fraction
// time.Parse also takes after a comma).
func notNumeric(r rune) bool {
	return r >= utf8.RuneSelf || !strings.ContainsRune("0123456789_+-.,:xXoObBabcdefABCDEFtTzZ ", r)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// flow parses a flow sequence of scalars that opens and closes on one line: [a, "b", 'c']. A plain item
// holds no indicator at all (yaml.v3 reads some of them inside one in flow context, "b?]" for one).
func (p *simpleParser) flow(text string, line, col int) (*yaml.Node, bool) {
	s := p.node(yaml.SequenceNode, "!!seq", "", line, col)
	s.Style = yaml.FlowStyle
	i := 1
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i < len(text) && text[i] == ']' {
		return s, lineEnds(text[i+1:])
	}
	for i < len(text) {
		at := col + utf8.RuneCountInString(text[:i])
		var v *yaml.Node
		switch text[i] {
		case '"', '\'':
			value, n, ok := quoted(text[i:])
			if !ok {
				return nil, false
			}
			v = p.quotedNode(text[i], value, line, at)
			i += n
		default:
			end := strings.IndexAny(text[i:], ",[]{}:#\"'?!&*|>%@`")
			if end < 0 {
				return nil, false
			}
			item := strings.TrimRight(text[i:i+end], " ")
			var ok bool
			if v, ok = p.plain(item, line, at); !ok {
				return nil, false
			}
			i += len(item)
		}
		s.Content = append(s.Content, v)
		for i < len(text) && text[i] == ' ' {
			i++
		}
		switch {
		case i < len(text) && text[i] == ']':
			return s, lineEnds(text[i+1:])
		case i < len(text) && text[i] == ',':
			i++
			for i < len(text) && text[i] == ' ' {
				i++
			}
			if i < len(text) && text[i] == ']' {
				return nil, false // a trailing comma
			}
		default:
			return nil, false
		}
	}
	return nil, false
}

// quoted reads the quoted scalar text starts with, up to its closing quote on the same line: its value and
// the length it took. In double quotes it takes the escapes \\ \" \n \t \r and \uXXXX (not a surrogate).
func quoted(text string) (value string, n int, ok bool) {
	q := text[0]
	i := 1
	plainRun := true // no escape so far: the value is a substring of text
	var b strings.Builder
	for i < len(text) {
		c := text[i]
		switch {
		case c == q && q == '\'' && i+1 < len(text) && text[i+1] == '\'':
			if plainRun {
				b.WriteString(text[1:i])
				plainRun = false
			}
			b.WriteByte('\'')
			i += 2
		case c == q:
			if plainRun {
				return text[1:i], i + 1, true
			}
			return b.String(), i + 1, true
		case c == '\\' && q == '"':
			if plainRun {
				b.WriteString(text[1:i])
				plainRun = false
			}
			if i+1 == len(text) {
				return "", 0, false
			}
			switch e := text[i+1]; e {
			case '\\', '"':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u':
				if len(text) < i+6 {
					return "", 0, false
				}
				r, err := strconv.ParseUint(text[i+2:i+6], 16, 32) // base 16: digits only, no sign or prefix
				if err != nil || r >= 0xD800 && r <= 0xDFFF {
					return "", 0, false
				}
				b.WriteRune(rune(r))
				i += 4
			default:
				return "", 0, false
			}
			i += 2
		default:
			if !plainRun {
				b.WriteByte(c)
			}
			i++
		}
	}
	return "", 0, false // closed on a later line, or never
}
