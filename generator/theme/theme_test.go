package theme

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hkshopendata/showcase/generator/schema"
)

// builtin is a tiny stand-in for the embedded default theme.
func builtin() fstest.MapFS {
	m := fstest.MapFS{
		"layouts/baseof.html":            {Data: []byte(`{{block "main" .}}{{end}}|{{template "partials/foot.html" .}}`)},
		"layouts/_partials/foot.html":    {Data: []byte(`built-in foot`)},
		"layouts/_partials/hooks/x.html": {Data: []byte(`{{/* empty hook */}}`)},
		"layouts/entry.html":             {Data: []byte(`{{define "main"}}entry {{T "hello"}}{{end}}`)},
		"i18n/en.yaml":                   {Data: []byte("hello: Hello\nbye: Bye\ndate_format: 2 January 2006\n")},
		"i18n/zh-hant.yaml":              {Data: []byte("hello: 你好\ndate_format: 2006年1月2日\n")},
		"static/css/site.css":            {Data: []byte("body{}")},
	}
	for _, k := range Kinds {
		if k != "project" && k != "pavilion" {
			m["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + k + `{{end}}`)}
		}
	}
	return m
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func load(t *testing.T, themes, name string) *Theme {
	t.Helper()
	th, err := Load(Options{ThemesDir: themes, Name: name, Builtin: builtin(), BasePath: "/sub/",
		BaseURL: "https://example.org/sub/", Languages: []string{"en", "zh-hant"}, Default: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func TestLookupOrder(t *testing.T) {
	themes := t.TempDir()
	write(t, themes, map[string]string{
		"default/layouts/_partials/foot.html": "site foot",
		"default/i18n/en.yaml":                "bye: Goodbye\n",
		"civic/layouts/home.html":             `{{define "main"}}civic home{{end}}`,
		"civic/static/css/site.css":           "civic{}",
	})
	th := load(t, themes, "civic")
	tests := []struct{ kind, lang, want string }{
		{"home", "en", "civic home|site foot"},     // layer 1 (named theme) wins, partial from layer 2
		{"list", "en", "list|site foot"},           // built-in layout, site partial
		{"project", "en", "entry Hello|site foot"}, // fallback to entry.html
		{"pavilion", "zh-hant", "entry 你好|site foot"},
	}
	for _, tt := range tests {
		got, err := th.Render(tt.kind, tt.lang, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s/%s = %q, %v; want %q", tt.kind, tt.lang, got, err, tt.want)
		}
	}
	if s, _ := th.T("en", "bye"); s != "Goodbye" {
		t.Errorf("site string did not override: %q", s)
	}
	if s, _ := th.T("zh-hant", "bye"); s != "Goodbye" {
		t.Errorf("missing zh-hant string should fall back to the default language: %q", s)
	}
	if _, err := th.T("en", "nope"); err == nil {
		t.Error("unknown UI string accepted")
	}
	if css, _ := th.Static("css/site.css"); string(css) != "civic{}" {
		t.Errorf("static from %q", css)
	}
	if got := strings.Join(th.StaticFiles(), ","); got != "css/site.css" {
		t.Errorf("static files %s", got)
	}
}

func TestMissingNamedTheme(t *testing.T) {
	_, err := Load(Options{ThemesDir: t.TempDir(), Name: "nope", Builtin: builtin(), Languages: []string{"en"},
		Default: "en"})
	if err == nil || !strings.Contains(err.Error(), `theme "nope"`) {
		t.Errorf("err = %v", err)
	}
}

// TestFuncs runs every template function's documented example (docs/themes.md).
func TestFuncs(t *testing.T) {
	th := load(t, "", "")
	date := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, tmpl string
		data       any
		want       string
	}{
		{"en", `{{T "hello"}}`, nil, "Hello"},
		{"zh-hant", `{{T "hello"}}`, nil, "你好"},
		{"zh-hant", `{{tr .}}`, schema.Text{"en": "Hong Kong", "zh-hant": "香港"}, "香港"},
		{"zh-hant", `{{tr .}}`, schema.Text{"": "Only default"}, "Only default"},
		{"en", `{{relURL "/projects/"}}`, nil, "/sub/projects/"},
		{"en", `{{relURL "https://x.org/"}}`, nil, "https://x.org/"},
		{"en", `{{absURL "/projects/a/"}}`, nil, "https://example.org/sub/projects/a/"},
		{"en", `{{date .}}`, date, "2 March 2024"},
		{"zh-hant", `{{date .}}`, date, "2024年3月2日"},
		{"en", `{{isoDate .}}`, date, "2024-03-02"},
		{"en", `{{$d := dict "a" 1 "b" "x"}}{{$d.a}}{{$d.b}}`, nil, "1x"},
		{"en", `{{add 1 2}} {{sub 3 1}}`, nil, "3 2"},
		{"en", `{{hasPrefix "/projects/a/" "/projects/"}}`, nil, "true"},
	}
	for _, tt := range tests {
		tmpl, err := th.layouts[tt.lang]["home"].Clone()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tmpl.New("x").Parse(tt.tmpl); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tmpl.ExecuteTemplate(&b, "x", tt.data); err != nil || b.String() != tt.want {
			t.Errorf("%s %s = %q, %v; want %q", tt.lang, tt.tmpl, b.String(), err, tt.want)
		}
	}
}

func TestNumberAndFileSize(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {7, "7"}, {-7, "-7"}, {999, "999"}, {1000, "1,000"}, {1234567.891, "1,234,567.89"},
		{-1234.5, "-1,234.5"}, {12.3456, "12.35"}, {0.5, "0.5"}, {0.00123456, "0.00123"}, {-0.25, "-0.25"},
		{100000, "100,000"}, {math.NaN(), "–"}, {math.Inf(1), "–"},
	} {
		if got := Number(tc.in); got != tc.want {
			t.Errorf("Number(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   int64
		want string
	}{{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KB"}, {3014723, "2.9 MB"}, {5 << 30, "5.0 GB"}} {
		if got := FileSize(tc.in); got != tc.want {
			t.Errorf("FileSize(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStock: a theme is stock while every layout and partial is the built-in one's, copies in a layer included;
// one layout or partial of its own, or a layout only the layer has, makes it not.
func TestStock(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"built-in only", nil, true},
		{"a copy", map[string]string{"default/layouts/_partials/foot.html": "built-in foot"}, true},
		{"strings and static files", map[string]string{"default/i18n/en.yaml": "bye: Goodbye\n",
			"default/static/css/site.css": "site{}"}, true},
		{"its own partial", map[string]string{"default/layouts/_partials/foot.html": "{{.Entry.Body}}"}, false},
		{"its own layout", map[string]string{"default/layouts/home.html": `{{define "main"}}our home{{end}}`}, false},
		{"a new partial", map[string]string{"default/layouts/_partials/new.html": "new"}, false},
		{"a layout of a kind with a fallback", map[string]string{"default/layouts/project.html": "p"}, false},
	} {
		themes := t.TempDir()
		write(t, themes, c.files)
		if got := load(t, themes, "").Stock(); got != c.want {
			t.Errorf("%s: Stock() = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestReads: a theme reads a field when a layout or partial names it anywhere, in any way a template can reach
// a struct's field: a field chain, a variable, a chain on a pipeline, inside if, range, with and else, a template
// call's argument, or a string a function may look it up by.
func TestReads(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"none", `built-in foot`, false},
		{"a field", `{{.Site.Updated}}`, true},
		{"another field", `{{.Site.Title}}`, false},
		{"a longer name", `{{.Site.UpdatedAt}}`, false},
		{"a variable", `{{$s := .Site}}{{$s.Updated}}`, true},
		{"a chain", `{{(index .Sites 0).Updated}}`, true},
		{"in if", `{{if .Site.Updated}}x{{end}}`, true},
		{"in else", `{{if .X}}x{{else if .Y}}{{else}}{{.Site.Updated.Year}}{{end}}`, true},
		{"in range", `{{range .Items}}{{.Updated}}{{end}}`, true},
		{"in with", `{{with .Site}}{{.Updated}}{{end}}`, true},
		{"a template's data", `{{template "partials/hooks/x.html" .Site.Updated}}`, true},
		{"a function's argument", `{{printf "%v" (len .Site.Updated)}}`, true},
		{"a string", `{{call .Get "Updated"}}`, true},
		{"a comment", `{{/* .Site.Updated */}}`, false},
		{"text", `Updated`, false},
	} {
		themes := t.TempDir()
		write(t, themes, map[string]string{"default/layouts/_partials/foot.html": c.src})
		th := load(t, themes, "")
		if got := th.Reads("Updated"); got != c.want {
			t.Errorf("%s: Reads(%q) = %v, want %v", c.name, "Updated", got, c.want)
		}
		if got := th.Reads("Updated"); got != c.want { // remembered
			t.Errorf("%s, again: Reads = %v, want %v", c.name, got, c.want)
		}
	}
}
