package render

import (
	"testing"

	"github.com/hkshopendata/showcase/generator/theme"
	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// BenchmarkJSONLD makes the JSON-LD of every project and exhibit page of the fixture site, as render does for
// each page it writes:
//
//	go test ./generator/render -run '^$' -bench JSONLD -benchmem
func BenchmarkJSONLD(b *testing.B) {
	s := fixture(&testing.T{})
	th, err := theme.Load(theme.Options{Builtin: defaulttheme.FS, BasePath: s.BasePath, BaseURL: s.BaseURL,
		Languages: []string{s.Lang}, Default: s.Default})
	if err != nil {
		b.Fatal(err)
	}
	r := New(s, th)
	var pages []*PageData
	for _, p := range s.Outputs {
		if p.Kind == "project" || p.Kind == "pavilion" {
			d, err := r.data(p)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, d)
		}
	}
	if len(pages) == 0 {
		b.Fatal("no entry pages")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range pages {
			if r.jsonLD(d.Page, d) == "" {
				b.Fatal("no JSON-LD")
			}
		}
	}
}
