package markdown

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// passThrough accepts every destination as written.
func passThrough(d string, _ bool) (string, bool, Problem) { return d, true, Problem{} }

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the HTML
		not       []string // must not appear
	}{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{`<table tabindex="0">`, "<td>1</td>"}, nil},
		{"task list", "- [x] done\n- [ ] todo\n", []string{`<input type="checkbox" disabled="" checked="" aria-label="done" />`,
			`<input type="checkbox" disabled="" aria-label="todo" />`}, nil},
		{"footnote", "Text.[^1]\n\n[^1]: Note.\n", []string{`class="footnotes"`, `href="#fn:1"`}, nil},
		{"strikethrough", "~~old~~", []string{"<del>old</del>"}, nil},
		{"heading id keeps Chinese", "## 數據來源\n", []string{`<h2 id="數據來源">`}, nil},
		{"heading ids unique", "## Results\n\n## Results\n", []string{`id="results"`, `id="results-1"`}, nil},
		{"CJK line break without a space", "觀塘區\n空氣質素", []string{"觀塘區空氣質素"}, nil},
		{"English line break keeps a space", "air\nquality", []string{"air\nquality"}, nil},
		{"break before a link is kept", "with the\n[StepFree](/x/)", []string{"with the\n<a href"}, nil},
		{"CJK break before a link is joined", "觀塘\n[區](/x/)", []string{"觀塘<a href"}, nil},
		{"CJK after emphasis", "**觀塘**\n區", []string{"</strong>區"}, nil},
		{"mixed keeps the break", "觀塘\nKwun Tong", []string{"觀塘\nKwun Tong"}, nil},
		{"fullwidth punctuation", "空氣質素。\n數據", []string{"。數據"}, nil},
		{"raw HTML omitted", "<script>alert(1)</script>\n\nText <b onclick=x>b</b>",
			[]string{"raw HTML omitted"}, []string{"<script", "onclick"}},
		{"code is escaped", "```html\n<script>x</script>\n```\n", []string{"&lt;script&gt;"}, []string{"<script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Convert([]byte(tt.src), 1, passThrough)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(r.HTML), w) {
					t.Errorf("missing %q in:\n%s", w, r.HTML)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(r.HTML), n) {
					t.Errorf("unexpected %q in:\n%s", n, r.HTML)
				}
			}
		})
	}
}

func TestResolverSeesEveryDestination(t *testing.T) {
	src := "Line one.\n\nSee [a](/x/) and ![img](pic.png \"t\") and <https://example.org/auto>.\n\n[ref]: javascript:alert(1)\n\n[r][ref]\n"
	var seen []string
	resolve := func(d string, image bool) (string, bool, Problem) {
		seen = append(seen, d)
		if strings.HasPrefix(d, "javascript") {
			return "", false, Problem{Msg: "blocked", Warning: true}
		}
		return "/base" + d, true, Problem{}
	}
	r, err := Convert([]byte(src), 10, resolve)
	if err != nil {
		t.Fatal(err)
	}
	want := "/x/|pic.png|https://example.org/auto|javascript:alert(1)"
	if got := strings.Join(seen, "|"); got != want {
		t.Errorf("resolver saw %q, want %q", got, want)
	}
	if !strings.Contains(string(r.HTML), `href="/base/x/"`) || strings.Contains(string(r.HTML), "javascript") {
		t.Errorf("HTML:\n%s", r.HTML)
	}
	if len(r.Problems) != 1 || r.Problems[0].Line != 16 || r.Problems[0].Col != 1 {
		t.Errorf("problems = %+v, want one at line 16 col 1", r.Problems)
	}
}

func TestProblemPositions(t *testing.T) {
	src := "# T\n\nsome text [bad](nowhere) more\n"
	resolve := func(d string, _ bool) (string, bool, Problem) { return "", false, Problem{Msg: "missing"} }
	r, err := Convert([]byte(src), 5, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || r.Problems[0].Line != 7 || r.Problems[0].Col != 11 {
		t.Errorf("problems = %+v, want line 7 col 11", r.Problems)
	}
}

func TestNestingLimit(t *testing.T) {
	deep := strings.Repeat("- ", 80000) + "x\n" // goldmark alone takes seconds on this
	start := time.Now()
	_, err := Convert([]byte("ok\n\n"+deep), 3, passThrough)
	if ne, ok := err.(*NestingError); !ok || ne.Line != 5 {
		t.Fatalf("err = %v, want a NestingError at line 5", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Logf("refusing deep nesting took %v", d) // informative only: never a timed assertion
	}
	quotes := strings.Repeat(">", 30) + " x\n"
	if _, err := Convert([]byte(quotes), 1, passThrough); err == nil {
		t.Error("30 nested quotes accepted")
	}
	fine := strings.Repeat("  ", 0) + "- a\n  - b\n    - c\n"
	if _, err := Convert([]byte(fine), 1, passThrough); err != nil {
		t.Error(err)
	}
}

func TestBodyLimit(t *testing.T) {
	if _, err := Convert(make([]byte, MaxBodyBytes+1), 1, passThrough); err == nil {
		t.Error("oversized body accepted")
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"# h\n\n- [x] a\n", "[a](javascript:x)", "| a |\n|---|\n", "> > > q", "text[^1]\n\n[^1]: n",
		"<div>x</div>", "觀塘\n區", "![i](x.png)", "1. a\n   2. b", "- ```chart\n  ref: a\n  ```", "~~~~ \tchart\n~~~~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		resolve := func(d string, _ bool) (string, bool, Problem) {
			if strings.ContainsAny(d, ":") {
				return "", false, Problem{Msg: "no"}
			}
			return d, true, Problem{}
		}
		r, err := Convert([]byte(src), 1, resolve)
		if err != nil {
			return
		}
		if len(r.Parts) > 1 && !mayHoldChartFence([]byte(src)) {
			t.Fatalf("the quick test missed a chart block in %q", src)
		}
		// text is escaped, so every "<" in the output opens a tag goldmark wrote: check those tags
		for _, tag := range tagRE.FindAllString(strings.ToLower(string(r.HTML)), -1) {
			if badTagRE.MatchString(tag) {
				t.Fatalf("unsafe tag %q in:\n%s", tag, r.HTML)
			}
		}
	})
}

var (
	tagRE    = regexp.MustCompile(`<[a-z][^>]*>`)
	badTagRE = regexp.MustCompile(`^<(script|iframe|object|embed|style|svg|math)|\son[a-z]+=|(href|src)="\s*(javascript|data|vbscript):`)
)

func TestChartFences(t *testing.T) {
	body := "Intro.\n\n```chart\nref: rain\n```\n\n- item\n\n  ```chart\n  dataset: x\n  type: bar\n  ```\n\n```go\nchart := 1\n```\n\n```chart\n```\n"
	fences := ChartFences([]byte(body), 10)
	want := []Fence{{Line: 13, Source: []byte("ref: rain\n")}, {Line: 19, Source: []byte("dataset: x\ntype: bar\n")},
		{Line: 28}}
	if len(fences) != len(want) {
		t.Fatalf("got %d fences, want %d: %+v", len(fences), len(want), fences)
	}
	for i, f := range fences {
		if f.Line != want[i].Line || string(f.Source) != string(want[i].Source) {
			t.Errorf("fence %d = line %d %q, want line %d %q", i, f.Line, f.Source, want[i].Line, want[i].Source)
		}
	}
	res, err := Convert([]byte(body), 10, func(d string, _ bool) (string, bool, Problem) { return d, true, Problem{} })
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	if strings.Contains(html, "<!--") {
		t.Errorf("a marker was left in the HTML: %s", html)
	}
	var joined string
	for i, p := range res.Parts {
		want := i
		if i == 3 {
			want = -1
		}
		if p.Chart != want {
			t.Errorf("part %d is followed by chart %d", i, p.Chart)
		}
		joined += string(p.HTML)
	}
	if len(res.Parts) != 4 || joined != html {
		t.Errorf("%d parts, joined %q; want 4 parts making %q", len(res.Parts), joined, html)
	}
	if !strings.Contains(html, "chart := 1") {
		t.Errorf("a go block lost its code: %s", html)
	}
	// a contributor cannot write a marker: raw HTML comments are dropped, and text is escaped
	res, _ = Convert([]byte("<!--showcase:chart:0-->\n\n`<!--showcase:chart:0-->`\n"), 1,
		func(d string, _ bool) (string, bool, Problem) { return d, true, Problem{} })
	if strings.Contains(string(res.HTML), "<!--showcase") || len(res.Parts) != 1 {
		t.Errorf("contributor text became a marker: %s", res.HTML)
	}
}

func TestParseChartMarker(t *testing.T) {
	for _, tc := range []struct {
		in      string
		n, size int
		ok      bool
	}{
		{chartMarker(7) + "rest", 7, len(chartMarker(7)), true},
		{"<!--showcase:chart:x-->", 0, 0, false},
		{"<!--showcase:chart:-1-->", 0, 0, false},
		{"<!--showcase:chart:3", 0, 0, false},
		{"<p>", 0, 0, false},
	} {
		n, size, ok := parseChartMarker(tc.in)
		if n != tc.n || size != tc.size || ok != tc.ok {
			t.Errorf("parseChartMarker(%q) = %d, %d, %v; want %d, %d, %v", tc.in, n, size, ok, tc.n, tc.size, tc.ok)
		}
	}
}
