package render

import (
	"testing"

	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// BenchmarkRender renders every page of the fixture site with the stock theme into memory, as a full build's
// render does (the theme's partials rendered anew each time):
//
//	GOMAXPROCS=1 go test ./generator/render -run '^$' -bench 'Render$' -benchmem
func BenchmarkRender(b *testing.B) {
	s := fixture(b)
	th := builtinTheme(b, s, defaulttheme.FS)
	b.ReportAllocs()
	for b.Loop() {
		out := &memory{files: map[string]string{}}
		if _, _, err := New(s, th).Render(out, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.Outputs)), "pages")
}
