package generator_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/corpus"
)

// BenchmarkBuild measures a full `showcase build` of the benchmark corpus (../shared/bench) at 1,100 entries,
// one language, into a folder on the test's temporary disk: every page rendered, nothing kept from before. Its
// allocs/op, which hardly vary from run to run, are the quickest way to see what a change to the layouts or the
// template functions costs; `go run ./cmd/bench` is the comparison with Hugo.
//
//	go test ./generator -run '^$' -bench 'Build$' -benchtime 5x
func BenchmarkBuild(b *testing.B) {
	const projects = 1000
	dir := b.TempDir()
	if err := corpus.Write(dir, projects, projects/10); errors.Is(err, corpus.ErrNoGenerator) {
		b.Skip(err)
	} else if err != nil {
		b.Fatal(err)
	}
	o := generator.Options{ContentDir: filepath.Join(dir, "content"), ThemesDir: filepath.Join(dir, "themes"), Full: true}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		o.OutDir = filepath.Join(dir, fmt.Sprintf("public-%d", i))
		res, err := generator.Build(o)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}
