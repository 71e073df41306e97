package markdown

import (
	"bufio"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading IDs are made as goldmark's parser.WithAutoHeadingID makes them: when the parser closes a heading, from
// its last line, by the parse's ids (ids.go), so in the same order and with the same suffixes for repeats. But
// they are kept in the ids, by heading, not set as each heading's "id" attribute: a node's first attribute costs a
// slice for ten (400 bytes), 33 MB at 10,000 entries. The walker reads them from there for the table of contents,
// and renderHeading writes them where goldmark's renderer writes the attribute.

// headingParser is goldmark's parser of ATX or of setext headings, with the heading's ID made when it closes.
type headingParser struct{ parser.BlockParser }

func (p headingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc) // a setext heading may be taken out of the tree: its ID is made anyway
	h := node.(*ast.Heading)
	var line []byte
	if n := h.Lines().Len(); n > 0 {
		last := h.Lines().At(n - 1)
		line = last.Value(reader.Source())
	}
	if s, ok := pc.IDs().(*ids); ok { // parseWith's: another parse's headings have no IDs
		s.setHeading(h, s.id(line))
	}
}

// blockParsers are goldmark's default block parsers, the heading ones in a headingParser.
var blockParsers = func() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	wrapped := 0
	for i, p := range ps {
		switch fmt.Sprintf("%T", p.Value) {
		case "*parser.atxHeadingParser", "*parser.setextHeadingParser":
			ps[i].Value = headingParser{p.Value.(parser.BlockParser)}
			wrapped++
		}
	}
	if wrapped != 2 {
		panic(fmt.Sprintf("markdown: %d of goldmark's heading parsers found, not 2", wrapped))
	}
	return ps
}()

// newParser is goldmark's default parser, but for the heading parsers.
func newParser() parser.Parser {
	return parser.NewParser(parser.WithBlockParsers(blockParsers...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
}

// bodyWriter is what a body is rendered into: goldmark's writer, and the heading IDs of the parse.
type bodyWriter struct {
	*bufio.Writer
	ids *ids
}

// headingRenderer renders a heading as goldmark's renderer does, with the ID its parse made.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte("0123456"[n.Level])
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte("0123456"[n.Level])
	if bw, ok := w.(*bodyWriter); ok {
		if id := bw.ids.heading(n); id != "" { // as html.RenderAttributes writes an "id" attribute
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(util.StringToReadOnlyBytes(id)))
			_ = w.WriteByte('"')
		}
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, node, html.HeadingAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
