package render

import (
	"testing"

	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// BenchmarkJSONLD makes the JSON-LD of every project and exhibit page of the fixture site, as render does for
// each page it writes:
//
//	go test ./generator/render -run '^$' -bench JSONLD -benchmem
func BenchmarkJSONLD(b *testing.B) {
	s := fixture(b)
	r := New(s, builtinTheme(b, s, defaulttheme.FS))
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
