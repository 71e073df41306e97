package template

import (
	"fmt"
	stdtemplate "html/template"
	"io"
	"strings"
	"testing"

	htmltemplate "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
	texttemplate "github.com/hkshopendata/showcase/generator/internal/template/texttemplate"
)

// escapeContexts print one value in each context whose escapers have a version for a string (added/
// stringescapers.go.txt), and in a few whose escapers do not.
var escapeContexts = []string{
	`<p>{{.}}</p>`,
	`<p title="{{.}}">`,
	`<p title={{.}}>`,
	`<a href="{{.}}">`,
	`<a href="/search?q={{.}}&amp;p=1">`,
	`<a href={{.}}>`,
	`<img srcset="{{.}}">`,
	`<textarea>{{.}}</textarea>`,
	`<title>{{.}}</title>`,
	`<script>var x = {{.}};</script>`,
	`<p style="color: {{.}}">`,
	`<!-- {{.}} -->`,
	`<p {{.}}="x">`,
}

// escapeValues are values of strings, of trusted types and of others, for escapeContexts.
func escapeValues() []any {
	type named string
	var out []any
	for _, s := range []string{"", "plain", `a<b>&"c'`, "javascript:alert(1)", "JavaScript:x", "mailto:a@b.org",
		"https://example.org/a b?q=1&r=ü#f", "/path/to file", "%zz%41", "\x00\t\n\u2028 x", "雲端 資料", "data:x",
		" leading", "a=b c", "x,y 2x", "//evil.example/x", "http:", "#frag", "?q=<script>", "\ufdd0 \ufff9 \uffff",
		"it's", "(x)", "%2Fa%41", "a-b.c_d~e"} {
		out = append(out, s, named(s), stdtemplate.HTML(s), stdtemplate.URL(s), stdtemplate.HTMLAttr(s),
			stdtemplate.Srcset(s), stdtemplate.CSS(s), stdtemplate.JS(s))
	}
	return append(out, nil, 42, 1.5, true, []string{"a<", "b"})
}

// TestStringEscapersMatchStandardLibrary holds the copies to the standard library's html/template: every
// context of escapeContexts, with every value of escapeValues, must print the same.
func TestStringEscapersMatchStandardLibrary(t *testing.T) {
	for _, src := range escapeContexts {
		for _, v := range escapeValues() {
			got, want := executeBoth(t, src, v)
			if got != want {
				t.Errorf("%s with %#v:\n got %q\nwant %q (html/template)", src, v, got, want)
			}
		}
	}
}

func FuzzStringEscapers(f *testing.F) {
	for _, v := range escapeValues() {
		if s, ok := v.(string); ok {
			f.Add(s)
		}
	}
	var copies []*htmltemplate.Template
	var std []*stdtemplate.Template
	for _, src := range escapeContexts {
		copies = append(copies, htmltemplate.Must(htmltemplate.New("t").Parse(src)))
		std = append(std, stdtemplate.Must(stdtemplate.New("t").Parse(src)))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, src := range escapeContexts {
			var b, sb strings.Builder
			err, serr := copies[i].Execute(&b, s), std[i].Execute(&sb, s)
			if b.String() != sb.String() || (err == nil) != (serr == nil) {
				t.Errorf("%s with %q:\n got %q, %v\nwant %q, %v (html/template)", src, s, b.String(), err, sb.String(), serr)
			}
		}
	})
}

// TestStringFuncOnlyForTheEscaper: a text/template function that has an escaper's name, but is not the escaper,
// is called as it is.
func TestStringFuncOnlyForTheEscaper(t *testing.T) {
	funcs := texttemplate.FuncMap{"_html_template_htmlescaper": func(args ...any) string { return "mine" }}
	tmpl := texttemplate.Must(texttemplate.New("t").Funcs(funcs).Parse(`{{. | _html_template_htmlescaper}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, "<b>"); err != nil || b.String() != "mine" {
		t.Errorf("got %q, %v; want %q", b.String(), err, "mine")
	}
}

// executeBoth executes src with data v in the copies and in the standard library's html/template. An error is
// part of the output, as its text.
func executeBoth(t *testing.T, src string, v any) (got, want string) {
	t.Helper()
	var b, sb strings.Builder
	if err := htmltemplate.Must(htmltemplate.New("t").Parse(src)).Execute(&b, v); err != nil {
		b.WriteString("error: " + err.Error())
	}
	if err := stdtemplate.Must(stdtemplate.New("t").Parse(src)).Execute(&sb, v); err != nil {
		sb.WriteString("error: " + err.Error())
	}
	return b.String(), sb.String()
}

// TestStringEscapersSaveAllocations checks that a string goes to its escapers through their versions for a
// string, and comes out of them without an allocation when it has nothing to escape. Executing the template
// below, with four escaper calls, allocated 19 times with the standard library's escapers (Go 1.26): called with a
// []any, an escaper also allocates the slice and the string as an any; htmlReplacer made a strings.Builder and
// processURLOnto grew one for every string; each result was a string as an any (stringValue keeps them in blocks
// now). It allocates 4 times, and a hundred such links 12 times.
func TestStringEscapersSaveAllocations(t *testing.T) {
	tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(`<a title="{{.}}" href="/{{.}}">{{.}}</a>`))
	allocs := testing.AllocsPerRun(100, func() {
		if err := tmpl.Execute(io.Discard, "plain"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 6 {
		t.Errorf("executing <a title=… href=…>…</a> allocates %.0f times, want at most 6", allocs)
	}
	links := htmltemplate.Must(htmltemplate.New("t").Parse(
		`{{range .}}<a title="{{.}}" href="/{{.}}">{{.}}</a>{{end}}`))
	words := make([]string, 100)
	for i := range words {
		words[i] = fmt.Sprint("plain", i)
	}
	more := testing.AllocsPerRun(20, func() {
		if err := links.Execute(io.Discard, words); err != nil {
			t.Fatal(err)
		}
	})
	if more > allocs+12 {
		t.Errorf("a hundred links allocate %.0f times, one %.0f: want at most 12 more", more, allocs)
	}
}
