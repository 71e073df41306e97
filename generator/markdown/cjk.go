package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/width"
)

// joinEastAsianLines removes the soft line break after t when the characters on both sides of it are East Asian
// wide or fullwidth (觀塘區⏎空氣 → 觀塘區空氣): Chinese has no spaces between words, and a browser shows a line
// break as a space. Other breaks stay (English words keep their space).
//
// goldmark's own option for this (WithEastAsianLineBreaks) looks only at a following text node: before a link or
// emphasis it drops the break altogether ("the⏎[link]" became "the<a>"), and it panics on invalid UTF-8.
func joinEastAsianLines(t *ast.Text, src []byte) {
	if !t.SoftLineBreak() {
		return
	}
	last, _ := utf8.DecodeLastRune(t.Segment.Value(src))
	if t.Segment.Len() == 0 { // the break after "**觀塘**" sits on an empty text node after the emphasis
		prev := prevText(t)
		if prev == nil {
			return
		}
		last, _ = utf8.DecodeLastRune(prev.Segment.Value(src))
	}
	next := nextText(t)
	if next == nil {
		return
	}
	first, _ := utf8.DecodeRune(next.Segment.Value(src))
	if wide(last) && wide(first) {
		t.SetSoftLineBreak(false)
	}
}

// nextText returns the first text node after n in document order within its block, descending into links and
// emphasis.
func nextText(n ast.Node) *ast.Text {
	for cur := n; cur != nil; cur = cur.Parent() {
		if cur.Type() == ast.TypeBlock {
			return nil
		}
		for s := cur.NextSibling(); s != nil; s = s.NextSibling() {
			if t := firstText(s); t != nil {
				return t
			}
		}
	}
	return nil
}

// prevText returns the last non-empty text node before n in document order within its block.
func prevText(n ast.Node) *ast.Text {
	for cur := n; cur != nil; cur = cur.Parent() {
		if cur.Type() == ast.TypeBlock {
			return nil
		}
		for s := cur.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if t := lastText(s); t != nil {
				return t
			}
		}
	}
	return nil
}

func lastText(n ast.Node) *ast.Text {
	if t, ok := n.(*ast.Text); ok {
		if t.Segment.Len() > 0 {
			return t
		}
		return nil
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if t := lastText(c); t != nil {
			return t
		}
	}
	return nil
}

func firstText(n ast.Node) *ast.Text {
	if t, ok := n.(*ast.Text); ok {
		if t.Segment.Len() > 0 {
			return t
		}
		return nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}

func wide(r rune) bool {
	if r == utf8.RuneError {
		return false
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}
