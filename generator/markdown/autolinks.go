package markdown

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GFM's autolinks (a bare "https://…", "www.…" or e-mail address in the text becomes a link) cost a call at every
// space of a body's text: goldmark's linkify parser is triggered there, to look for a link after it. Most bodies
// have no bare link: their URLs are in Markdown links. So a body is parsed without linkify first, and again with
// it only when one of the places where linkify could find a link is in the text of the first parse.
//
// Why that gives the same HTML: the two parses go the same way up to the first place where linkify finds a link
// (where it finds none, it changes nothing but where text nodes are cut). Linkify only runs on text that no other
// inline parser took (not a link's destination, a code span, an autolink in <…> or raw HTML), and it only finds a
// link that starts with "http", "ftp:" or "www.", or an address around an "@". So if the first parse has none of
// those places in a text node, linkify finds nothing in the second one either. One difference is left, from
// where text nodes are cut: spaces, tabs or carriage returns at the end of a line are all removed without
// linkify, as CommonMark says, where goldmark with linkify may keep one ("a   \n" → "a<br />", not "a <br />"); a
// browser shows both alike. TestAutolinksSkipped, TestAutolinksCorpus and FuzzAutolinks compare both ways of parsing.

// noLinkify is md without linkify: GFM's other parts, the same extensions and options.
var noLinkify = newMarkdown(extension.Table, extension.Strikethrough, extension.TaskList)

// parse parses src, with linkify only when a bare link may be in its text; linkified says which. The ids hold
// the headings' IDs.
func parse(src []byte) (doc ast.Node, s *ids, linkified bool) {
	doc, s = parseWith(noLinkify, src)
	if spans := autolinkSpans(src); len(spans) > 0 && inText(doc, spans) {
		doc, s = parseWith(md, src)
		return doc, s, true
	}
	return doc, s, false
}

func parseWith(m goldmark.Markdown, src []byte) (ast.Node, *ids) {
	s := newIDs()
	ctx := parser.NewContext(parser.WithIDs(s))
	return m.Parser().Parse(text.NewReader(src), parser.WithContext(ctx)), s
}

// span is a range of bytes of the source, [from, to).
type span struct{ from, to int }

// autolinkSpans returns, in order of where they start, where linkify could start a link: each "http", "ftp:" and
// "www." (linkify looks for them in this case only), and each "@" with the e-mail address characters before it.
func autolinkSpans(src []byte) []span {
	var spans []span
	for _, word := range [][]byte{[]byte("http"), []byte("ftp:"), []byte("www.")} {
		for i := 0; ; {
			j := bytes.Index(src[i:], word)
			if j < 0 {
				break
			}
			spans = append(spans, span{i + j, i + j + 1})
			i += j + len(word)
		}
	}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '@')
		if j < 0 {
			break
		}
		at := i + j
		from := at
		for from > 0 && emailLocal(src[from-1]) {
			from--
		}
		spans = append(spans, span{from, at + 1})
		i = at + 1
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].from < spans[b].from })
	for i := 1; i < len(spans); i++ { // the spans can then be searched by from alone (overlaps)
		spans[i].to = max(spans[i].to, spans[i-1].to)
	}
	return spans
}

// emailLocal reports whether c may be in the part of an e-mail address before the "@", as goldmark's
// util.FindEmailIndex accepts it.
func emailLocal(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0
}

// inText reports whether any of spans overlaps a text node of doc that no inline parser took (the text of a code
// span is left out; a link's text is not, although linkify does not look inside it).
func inText(doc ast.Node, spans []span) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if overlaps(spans, n.Segment.Start, n.Segment.Stop) {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// overlaps reports whether any of spans (in order of from, each to the furthest end so far: autolinkSpans)
// overlaps [from, to): among the spans that start before to, the one that ends furthest.
func overlaps(spans []span, from, to int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].from >= to })
	return i > 0 && spans[i-1].to > from
}
