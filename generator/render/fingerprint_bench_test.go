package render

import (
	"testing"

	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// BenchmarkFingerprints hashes the fixture site's entries, terms, datasets and charts and then every page, as
// an incremental build and a preview's whole-site build do before deciding which pages to render:
//
//	GOMAXPROCS=1 go test ./generator/render -run '^$' -bench Fingerprints -benchmem
func BenchmarkFingerprints(b *testing.B) {
	s := fixture(b)
	r := New(s, builtinTheme(b, s, defaulttheme.FS))
	data := make([]*PageData, len(s.Outputs))
	for i, p := range s.Outputs {
		d, err := r.data(p)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		f := r.Fingerprints()
		for i, p := range s.Outputs {
			if _, err := f.of(p, data[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(s.Outputs)), "pages")
}
