// Package markdown converts an entry's Markdown body to HTML. It is the only package that imports goldmark. The
// converter is configured once: GitHub-flavoured Markdown, footnotes, heading IDs that keep Chinese text,
// CJK-aware line breaking, no raw HTML, and ```chart blocks cut out (Result.Parts says where each was, for the
// renderer to put the chart's figure there; chart.go). Every link and image destination goes through the caller's
// Resolver, which rewrites site links and rejects unsafe ones, so the HTML can only point where the site allows.
package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Limits that keep goldmark's worst cases (quadratic nesting) away.
const (
	MaxBodyBytes = 512 << 10
	MaxNesting   = 20
)

// Resolver decides where a link or image in the body points. It receives the destination as written (after
// Markdown unescaping) and returns the destination to render. A non-empty problem is reported at the link's
// position; with ok false the link is rendered without a destination.
type Resolver func(dest string, image bool) (out string, ok bool, problem Problem)

// Problem is something wrong in the body, at a line of the file.
type Problem struct {
	Line, Col int
	Warning   bool
	Msg, Hint string
}

// Heading is a section heading of the body, for a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a converted body.
type Result struct {
	// HTML is the converted body. Parts is the same HTML cut where each ```chart block was: the HTML before the
	// block, with the block's number in the body (from 0), then the HTML after the last block (Chart -1).
	HTML     template.HTML
	Parts    []Part
	Headings []Heading
	Words    int // English words plus Chinese characters / 2: a reading-length measure
	Problems []Problem
}

var md = newMarkdown(extension.GFM) // tables, strikethrough, linkify, task lists

// newMarkdown is the converter with gfm, GitHub-flavoured Markdown's extensions (all, or all but linkify:
// autolinks.go).
func newMarkdown(gfm ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(newParser()), // first: the options below are added to it
		goldmark.WithExtensions(append(gfm,
			extension.Footnote,
			extension.NewCJK(extension.WithEscapedSpace()), // line breaks between Chinese: see cjk.go
		)...),
		goldmark.WithRendererOptions(html.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(taskBox{}, taskPriority),
				util.Prioritized(chartRenderer{}, taskPriority), util.Prioritized(headingRenderer{}, taskPriority))),
	)
}

// output is where a body is rendered: a buffer, and a bufio.Writer on it for goldmark, which wraps any writer
// that is not one in a new bufio.Writer (4 KiB) for every body.
type output struct {
	html bytes.Buffer
	w    bodyWriter
}

var outputs = sync.Pool{New: func() any {
	o := new(output)
	o.w.Writer = bufio.NewWriter(&o.html)
	return o
}}

// Convert renders src, a body that starts on file line firstLine. resolve is called for every link and image.
func Convert(src []byte, firstLine int, resolve Resolver) (res Result, err error) {
	defer func() {
		// goldmark is not trusted to be panic-free on hostile input (its CJK renderer panicked on invalid
		// UTF-8 in fuzzing): a panic becomes this entry's error, not the build's crash.
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("the Markdown converter failed on this body: %v", r)
		}
	}()
	if !utf8.Valid(src) {
		return Result{}, errors.New("the body is not valid UTF-8")
	}
	if len(src) > MaxBodyBytes {
		return Result{}, fmt.Errorf("the body is %d KiB; the limit is %d KiB", len(src)>>10, MaxBodyBytes>>10)
	}
	if line, depth := nesting(src); depth > MaxNesting {
		return Result{}, &NestingError{Line: line + firstLine - 1, Depth: depth}
	}
	doc, ids, _ := parse(src)
	w := walker{src: src, firstLine: firstLine, resolve: resolve, ids: ids}
	if err := ast.Walk(doc, w.visit); err != nil {
		return Result{}, err
	}
	replaceChartFences(doc, src)
	out := outputs.Get().(*output)
	defer outputs.Put(out)
	out.html.Reset()
	out.w.Reset(&out.html) // drops what a failed render left buffered
	out.w.ids = ids
	defer func() { out.w.ids = nil }()
	if err := md.Renderer().Render(&out.w, src, doc); err != nil {
		return Result{}, err
	}
	html, parts := splitCharts(out.html.String())
	return Result{HTML: html, Parts: parts, Headings: w.headings, Words: countWords(src), Problems: w.problems}, nil
}

// Part is a piece of a converted body and the ```chart block after it.
type Part struct {
	HTML  template.HTML
	Chart int // the chart block's number in the body, from 0; -1 after the last piece
}

// splitCharts takes the chart markers out of the renderer's HTML s: the HTML without them, and the pieces of
// that HTML between them (slices of it, not copies), each with the chart that follows. Markers are the only
// comments in s: a contributor's raw HTML is dropped.
func splitCharts(s string) (template.HTML, []Part) {
	type cut struct{ at, chart int } // a marker's position in the HTML without markers
	var cuts []cut
	var whole strings.Builder
	start := 0
	for i := 0; i < len(s); i++ {
		j := strings.Index(s[i:], "<!--")
		if j < 0 {
			break
		}
		i += j
		n, size, ok := parseChartMarker(s[i:])
		if !ok {
			continue
		}
		if cuts == nil {
			whole.Grow(len(s))
		}
		whole.WriteString(s[start:i])
		cuts = append(cuts, cut{whole.Len(), n})
		i += size - 1
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	if cuts == nil {
		return template.HTML(s), []Part{{HTML: template.HTML(s), Chart: -1}}
	}
	whole.WriteString(s[start:])
	h := whole.String()
	parts := make([]Part, 0, len(cuts)+1)
	from := 0
	for _, c := range cuts {
		parts = append(parts, Part{HTML: template.HTML(h[from:c.at]), Chart: c.chart})
		from = c.at
	}
	parts = append(parts, Part{HTML: template.HTML(h[from:]), Chart: -1})
	return template.HTML(h), parts
}

// NestingError reports lists or quotes nested deeper than MaxNesting.
type NestingError struct{ Line, Depth int }

func (e *NestingError) Error() string {
	return fmt.Sprintf("lists or quotes nested %d levels deep; the limit is %d", e.Depth, MaxNesting)
}

// lineStarts returns the byte offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position converts a byte offset to a 1-based line and column (in bytes) of the file.
func position(lines []int, firstLine, off int) (int, int) {
	i := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	return i + firstLine, off - lines[i] + 1
}
