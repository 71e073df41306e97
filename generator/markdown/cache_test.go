package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// hasChartBlock reports whether goldmark finds a ```chart block in src (isChart), without the quick test.
func hasChartBlock(src string) bool {
	found := false
	_ = ast.Walk(md.Parser().Parse(text.NewReader([]byte(src))), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fc, ok := n.(*ast.FencedCodeBlock); ok && entering && isChart(fc, []byte(src)) {
			found = true
		}
		return ast.WalkContinue, nil
	})
	return found
}

func TestMayHoldChartFence(t *testing.T) {
	for src, want := range map[string]bool{
		"```chart\nref: a\n```":         true,
		"~~~ chart\n~~~":                true,
		"````\tchart\n````":             true,
		"- item\n\n  ```chart\n  ```":   true,
		"> ```chart\n> ```":             true,
		"~~~\vchart\n~~~":               true, // white space isChart trims, not only blanks (FuzzConvert)
		"```\u00a0chart\n```":           true,
		"A chart of rain.\n```go\n```":  false,
		"``` yaml\nchart: 1\n```":       false,
		"no fences, a chart mentioned.": false,
	} {
		if got := mayHoldChartFence([]byte(src)); got != want {
			t.Errorf("mayHoldChartFence(%q) = %v, want %v", src, got, want)
		}
		if charted := hasChartBlock(src); want != charted {
			t.Errorf("%q: a ```chart block: %v, the case says %v", src, charted, want)
		}
	}
}

// TestCacheReplaysLinks: a remembered conversion is reused only while every link resolves as it did; the
// resolver is still called for each link (its side effects must happen), and a changed answer converts again.
func TestCacheReplaysLinks(t *testing.T) {
	c := NewCache()
	body := []byte("See [the other entry](../other.md) and ![a map](map.png).\n")
	target := "/projects/other/"
	calls := 0
	resolve := func(d string, image bool) (string, bool, Problem) {
		calls++
		if image {
			return "/projects/this/map.png", true, Problem{}
		}
		return target, true, Problem{}
	}
	first, err := c.Convert(body, 5, resolve)
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	again, _ := c.Convert(body, 5, resolve)
	if calls != 2 || again.HTML != first.HTML {
		t.Errorf("unchanged links: %d resolver calls, want 2 (a replay); HTML same: %v", calls, again.HTML == first.HTML)
	}
	target = "/projects/renamed/"
	calls = 0
	moved, _ := c.Convert(body, 5, resolve)
	if calls != 4 || moved.HTML == first.HTML {
		t.Errorf("a link's target moved: %d resolver calls (want 2 replayed + 2 converting), HTML changed: %v",
			calls, moved.HTML != first.HTML)
	}
	if fresh, _ := Convert(body, 5, resolve); fresh.HTML != moved.HTML {
		t.Errorf("cached %s\nfresh  %s", moved.HTML, fresh.HTML)
	}
	// The same body on another line is another conversion (problem lines differ).
	calls = 0
	if _, err := c.Convert(body, 6, resolve); err != nil || calls != 2 {
		t.Errorf("another first line: %d calls, %v", calls, err)
	}
	c.Sweep()
	c.Sweep() // nothing used since: everything forgotten
	if len(c.entries) != 0 {
		t.Errorf("after two sweeps %d conversions are kept", len(c.entries))
	}
}
