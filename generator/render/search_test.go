package render

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hkshopendata/showcase/generator/markdown"
)

// plainText is appendPlainText of h to nothing, as a string.
func plainText(h template.HTML) string { return string(appendPlainText(nil, h)) }

// tokenizerText is plainText done by an HTML tokenizer: the reference it must agree with, word for word.
func tokenizerText(h template.HTML) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(string(h)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		default:
			b.WriteByte(' ')
		}
	}
}

// TestPlainText renders every Markdown body of content/ (and some hostile ones) and checks that plainText finds
// the same words as an HTML tokenizer.
func TestPlainText(t *testing.T) {
	bodies := []string{"a <b>raw</b> & <i>tags</i> &amp; entities &lt;x&gt;", "[link \"q\" <>](https://x.org/?a=1&b=2 \"t>i\")",
		"`code <x> & y`\n\n```\n<script>alert(1)</script>\n```", "| a | b |\n|---|---|\n| 1 & 2 | <3 |"}
	files, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*/*/index*.md")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	if len(bodies) < 20 {
		t.Fatalf("only %d bodies", len(bodies))
	}
	for _, src := range bodies {
		res, err := markdown.Convert([]byte(src), 1, func(dest string, image bool) (string, bool, markdown.Problem) { return dest, true, markdown.Problem{} })
		if err != nil {
			t.Fatal(err)
		}
		got, want := strings.Fields(plainText(res.HTML)), strings.Fields(tokenizerText(res.HTML))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("plainText of %.40q:\n got %q\nwant %q", src, got, want)
		}
	}
}
