package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

type walker struct {
	src       []byte
	lines     []int // where each line of src starts: counted for the first problem (most bodies have none)
	firstLine int
	resolve   Resolver
	ids       *ids // the parse's, with the headings' IDs
	headings  []Heading
	problems  []Problem
}

func (w *walker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Text:
		joinEastAsianLines(n, w.src)
	case *ast.Heading:
		w.headings = append(w.headings, Heading{Level: n.Level, ID: w.ids.heading(n), Text: plainText(n, w.src)})
	case *ast.Link:
		n.Destination = w.dest(n, n.Destination, false)
	case *ast.Image:
		n.Destination = w.dest(n, n.Destination, true)
	case *ast.AutoLink:
		if n.AutoLinkType == ast.AutoLinkURL {
			if _, ok := w.check(n, string(n.URL(w.src)), false); !ok {
				// an autolink cannot be rewritten in place: replace it with its text
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(w.src)))
			}
		}
	case *east.Table:
		// a wide table scrolls sideways on a phone: keyboard users must be able to focus it to scroll
		n.SetAttributeString("tabindex", []byte("0"))
	case *ast.RawHTML, *ast.HTMLBlock:
		w.problem(n, Problem{Warning: true, Msg: "raw HTML is not allowed and was left out",
			Hint: "use Markdown instead"})
	}
	return ast.WalkContinue, nil
}

func (w *walker) dest(n ast.Node, d []byte, image bool) []byte {
	out, _ := w.check(n, string(d), image)
	return []byte(out)
}

func (w *walker) check(n ast.Node, d string, image bool) (string, bool) {
	out, ok, p := w.resolve(d, image)
	if p.Msg != "" {
		w.problem(n, p)
	}
	if !ok {
		return "", false
	}
	return out, true
}

// problem records p at the position of n (or of its nearest text).
func (w *walker) problem(n ast.Node, p Problem) {
	if off := offset(n); off >= 0 {
		if w.lines == nil {
			w.lines = lineStarts(w.src)
		}
		p.Line, p.Col = position(w.lines, w.firstLine, off)
	} else {
		p.Line = w.firstLine
	}
	if k := len(w.problems); k > 0 && w.problems[k-1].Line == p.Line && w.problems[k-1].Msg == p.Msg {
		return // one report per line is enough ("<b>x</b>" is two raw HTML nodes)
	}
	w.problems = append(w.problems, p)
}

// offset finds a byte offset for n: its own lines for a block, or the first text segment inside it.
func offset(n ast.Node) int {
	if r, ok := n.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
		return r.Segments.At(0).Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			start := t.Segment.Start
			if _, link := n.(*ast.Link); link && start > 0 {
				start-- // point at the "["
			}
			if _, img := n.(*ast.Image); img && start > 1 {
				start -= 2 // point at the "!["
			}
			return start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return -1
}

// plainText collects the text inside n.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// countWords counts words of Latin text plus half the Han characters, a rough reading-length measure: a run
// of non-space characters is a word unless it holds Han characters, which count by halves instead.
func countWords(src []byte) int {
	words, han := 0, 0
	inField, fieldHan := false, false
	end := func() {
		if inField && !fieldHan {
			words++
		}
		inField, fieldHan = false, false
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf { // ASCII, the usual case, without decoding
			i++
			if asciiSpace[c] {
				end()
			} else {
				inField = true
			}
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		i += n
		switch {
		case unicode.IsSpace(r):
			end()
		case r >= 0x2E80 && unicode.Is(unicode.Han, r):
			inField, fieldHan = true, true
			han++
		default:
			inField = true
		}
	}
	end()
	return words + han/2
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
