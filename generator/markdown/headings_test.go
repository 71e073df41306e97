package markdown

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// renderDoc renders doc, parsed from src with the heading IDs in s, as Convert does.
func renderDoc(t testing.TB, src []byte, doc ast.Node, s *ids) string {
	t.Helper()
	var b bytes.Buffer
	w := bodyWriter{Writer: bufio.NewWriter(&b), ids: s}
	if err := md.Renderer().Render(&w, src, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// goldmarkIDs is md as it was configured before headings.go: goldmark's heading parsers with
// parser.WithAutoHeadingID, setting each heading's "id" attribute, and goldmark's heading renderer.
var goldmarkIDs = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.NewCJK(extension.WithEscapedSpace())),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(html.WithXHTML(),
		renderer.WithNodeRenderers(util.Prioritized(taskBox{}, taskPriority),
			util.Prioritized(chartRenderer{}, taskPriority))),
)

// withGoldmarkIDs renders src as goldmarkIDs does.
func withGoldmarkIDs(t testing.TB, src []byte) string {
	t.Helper()
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	var b bytes.Buffer
	if err := goldmarkIDs.Convert(src, &b, parser.WithContext(ctx)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// withOurIDs renders src with the heading IDs of headings.go, as Convert does.
func withOurIDs(t testing.TB, src []byte) string {
	doc, s := parseWith(md, src)
	return renderDoc(t, src, doc, s)
}

var headingCases = []string{
	"# Data\n\n## Data\n\n## Data\n\nData\n----\n",
	"# 數據來源\n\n## 觀塘 Kwun Tong\n\n### 数据 · 2024\n",
	"#\n\n# #\n\n##   \n\n### ###\n",                                        // empty headings: "section", "section-1", …
	"# *Bold* and `code` [link](https://x.org) #\n\n# Bold and code link\n", // the ID is from the raw line
	"Line one\nline two\n===\n\n# line two\n",                               // a setext heading's last line
	"===\n\n---\n\n# section\n",                                             // underlines with no paragraph above
	"- # In a list\n  Setext in a list\n  ---\n> # Quoted\n> ## Quoted\n",
	"Text[^1] and more[^2].\n\n# Notes\n\n[^1]: # Notes\n\n    ## Deep\n[^2]: Quoted\n    ===\n\n## Deep\n",
	"# a\n# a-1\n# a\n# A\n",
	"| a | b |\n| - | - |\n| 1 | 2 |\n\n# Table\n\n- [ ] task\n\n# Table\n",
	"```chart\nid: x\n```\n\n# After a chart\n",
	"# <b>raw</b> & \"quotes\" 'apostrophes'\n\n# &amp; &lt;\n",
	"Para\n# Interrupts\nLazy\n===\n",
	"  # indented\n\n    # code, not a heading\n\n\t# tab\n",
}

// TestHeadingIDsAsGoldmarks renders bodies with IDs made as headings.go makes them and as goldmark's
// WithAutoHeadingID made them, which must give the same HTML: the same IDs, repeats numbered alike, in the same
// order, footnotes (whose headings goldmark moves to the end) and setext underlines under nothing included.
func TestHeadingIDsAsGoldmarks(t *testing.T) {
	srcs := headingCases
	for _, dir := range []string{"../../content", "../testdata/site/content"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
		more, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.md"))
		for _, f := range append(files, more...) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, string(b))
		}
	}
	if len(srcs) < len(headingCases)+20 {
		t.Fatalf("only %d bodies", len(srcs))
	}
	withIDs := 0
	for _, src := range srcs {
		want, got := withGoldmarkIDs(t, []byte(src)), withOurIDs(t, []byte(src))
		if got != want {
			t.Errorf("%q:\ngoldmark's IDs:\n%s\nheadings.go's:\n%s", src, want, got)
		}
		if strings.Contains(got, "<h2 id=") {
			withIDs++
		}
	}
	if withIDs < 20 {
		t.Errorf("only %d bodies with a level-2 heading with an ID", withIDs)
	}
}

// TestHeadingsOfConvert checks that Result.Headings has the IDs the HTML has.
func TestHeadingsOfConvert(t *testing.T) {
	src := "# Data\n\n## Data\n\nText[^1].\n\n## 數據 來源\n\n[^1]: ## Data\n"
	res, err := Convert([]byte(src), 1, func(d string, _ bool) (string, bool, Problem) { return d, true, Problem{} })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
		if !strings.Contains(string(res.HTML), `id="`+h.ID+`">`) {
			t.Errorf("heading %q: no id=%q in\n%s", h.Text, h.ID, res.HTML)
		}
	}
	if want := "data data-1 數據-來源 data-2"; strings.Join(got, " ") != want {
		t.Errorf("IDs %q, want %q", strings.Join(got, " "), want)
	}
}

// referenceID is an ID as ids made them first (bytes.ToLower, then the runes of the result), which id must match.
func referenceID(used map[string]bool, value []byte) string {
	var b bytes.Buffer
	dash := false
	for _, r := range string(bytes.ToLower(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	id := string(bytes.TrimRight(b.Bytes(), "-"))
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	used[id] = true
	return id
}

// checkIDs makes the ID of each line of text, in one ids, as referenceID does.
func checkIDs(t *testing.T, text string) {
	s, used := newIDs(), map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if got, want := s.id([]byte(line)), referenceID(used, []byte(line)); got != want {
			t.Fatalf("%q: ID %q, want %q", line, got, want)
		}
	}
}

func TestIDs(t *testing.T) {
	checkIDs(t, strings.Join([]string{"Data", "data", "DATA", "Data-1", "", "  ", "-_-", "數據來源 Data", "ÀÉÎ Straße ǅ",
		"a__b--c  d\te", "x \xff\xfe y", "ΣΑΣ", "İstanbul", "٣ digits ², ½", "🙂 emoji", "end -", "a‐b (hyphen)",
		"Kwun Tong 觀塘 · 2024/25", "\u00a0nbsp\u3000ideographic"}, "\n"))
}

func FuzzHeadingIDs(f *testing.F) {
	for _, s := range headingCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		checkIDs(t, src)
		defer func() { recover() }() // goldmark's own panics are Convert's to catch, not this test's
		if want, got := withGoldmarkIDs(t, []byte(src)), withOurIDs(t, []byte(src)); got != want {
			t.Fatalf("%q:\ngoldmark's IDs:\n%s\nheadings.go's:\n%s", src, want, got)
		}
	})
}
