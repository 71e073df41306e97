package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading IDs that keep letters of every script ("數據來源" stays readable), lower-case ASCII, and
// hyphens for spaces; repeated IDs get "-1", "-2", ….
type ids struct {
	used     map[string]bool
	headings map[*ast.Heading]string // the ID made for each heading (headings.go)
	buf      []byte
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate is parser.IDs' Generate: id as a []byte.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte { return []byte(s.id(value)) }

// id is the ID of a heading whose text is value: its letters and digits, lower-cased, and a hyphen for each run of
// spaces, hyphens and underscores between them ("section" when none), with a number after it when it is taken.
func (s *ids) id(value []byte) string {
	b := s.buf[:0]
	dash := false
	for i := 0; i < len(value); {
		r, size := rune(value[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(value[i:]) // not UTF-8: utf8.RuneError, which is left out
		}
		i += size
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b = append(b, byte(r))
			dash = false
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b = utf8.AppendRune(b, r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && len(b) > 0 && !dash:
			b = append(b, '-')
			dash = true
		}
	}
	s.buf = b
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	id := "section"
	if len(b) > 0 {
		id = string(b)
	}
	base := id
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return id
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

func (s *ids) setHeading(h *ast.Heading, id string) {
	if s.headings == nil {
		s.headings = map[*ast.Heading]string{}
	}
	s.headings[h] = id
}

// heading is the ID made for h, or "".
func (s *ids) heading(h *ast.Heading) string {
	if s == nil {
		return ""
	}
	return s.headings[h]
}
