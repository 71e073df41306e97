package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ChartInfo is the info string of a fenced code block that holds a chart.
const ChartInfo = "chart"

// Fence is a fenced ```chart block of a body.
type Fence struct {
	Line   int    // the file line of the block's first content line (the line after the opening fence)
	Source []byte // the block's content: YAML
}

// ChartFences finds the ```chart blocks of src, a body that starts on file line firstLine, in order. They are
// what Convert renders as chart markers, in the same order.
func ChartFences(src []byte, firstLine int) []Fence {
	if !mayHoldChartFence(src) {
		return nil
	}
	doc := md.Parser().Parse(text.NewReader(src))
	lines := lineStarts(src)
	var out []Fence
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || !isChart(fc, src) {
			return ast.WalkContinue, nil
		}
		f := Fence{Line: firstLine}
		if fc.Lines().Len() > 0 {
			f.Line, _ = position(lines, firstLine, fc.Lines().At(0).Start)
		} else if fc.Info != nil {
			f.Line, _ = position(lines, firstLine, fc.Info.Segment.Start)
			f.Line++
		}
		for i := range fc.Lines().Len() {
			seg := fc.Lines().At(i)
			f.Source = append(f.Source, seg.Value(src)...)
		}
		out = append(out, f)
		return ast.WalkSkipChildren, nil
	})
	return out
}

// mayHoldChartFence is a quick test that spares parsing bodies without charts: true when some run of three
// backticks or tildes is followed, after more fence characters and white space, by "chart". White space is any
// that isChart trims (a vertical tab, a no-break space…), not only blanks: the test may pass a body without a
// chart, never miss one.
func mayHoldChartFence(src []byte) bool {
	for _, fence := range []string{"```", "~~~"} {
		rest := src
		for {
			i := bytes.Index(rest, []byte(fence))
			if i < 0 {
				break
			}
			rest = bytes.TrimLeft(rest[i:], fence[:1])
			if bytes.HasPrefix(bytes.TrimLeftFunc(rest, unicode.IsSpace), []byte(ChartInfo)) {
				return true
			}
		}
	}
	return false
}

func isChart(fc *ast.FencedCodeBlock, src []byte) bool {
	return fc.Info != nil && string(bytes.TrimSpace(fc.Language(src))) == ChartInfo
}

// chartMarker is what goldmark's renderer writes in place of the n-th ```chart block: an HTML comment, which
// contributors cannot write themselves (raw HTML is dropped); Convert cuts the HTML there (Result.Parts).
func chartMarker(n int) string { return "<!--showcase:chart:" + strconv.Itoa(n) + "-->" }

// parseChartMarker reads the number of a marker at the start of s, with the marker's length; ok is false when s
// does not start with a marker.
func parseChartMarker(s string) (n, size int, ok bool) {
	const prefix = "<!--showcase:chart:"
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return 0, 0, false
	}
	end := strings.Index(s[len(prefix):], "-->")
	if end < 0 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(s[len(prefix) : len(prefix)+end])
	if err != nil || n < 0 {
		return 0, 0, false
	}
	return n, len(prefix) + end + 3, true
}

// chartBlock is a ```chart block after the walk: rendered as its marker.
type chartBlock struct {
	ast.BaseBlock
	index int
}

var kindChart = ast.NewNodeKind("ShowcaseChart")

func (c *chartBlock) Kind() ast.NodeKind { return kindChart }

func (c *chartBlock) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Index": fmt.Sprint(c.index)}, nil)
}

// replaceChartFences swaps every ```chart block of doc for a chartBlock, numbering them in document order.
func replaceChartFences(doc ast.Node, src []byte) {
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fc, ok := n.(*ast.FencedCodeBlock); ok && entering && isChart(fc, src) {
			fences = append(fences, fc)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, fc := range fences {
		fc.Parent().ReplaceChild(fc.Parent(), fc, &chartBlock{index: i})
	}
}

type chartRenderer struct{}

func (chartRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(chartMarker(n.(*chartBlock).index))
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
