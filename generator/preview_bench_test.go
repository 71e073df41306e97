package generator_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/corpus"
)

// BenchmarkPreviewEdit measures what `showcase serve` does after a contributor saves one entry of the benchmark
// corpus (../shared/bench): the rebuild in memory, from the file event to the list of changed pages. Each
// iteration changes the title of one project and rebuilds. SHOWCASE_EDIT_PROFILE=FILE writes a CPU profile of the
// edits alone (not of the first build).
//
//	go test ./generator -run '^$' -bench PreviewEdit -benchtime 10x
func BenchmarkPreviewEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n+n/10), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, n, n/10); errors.Is(err, corpus.ErrNoGenerator) {
				b.Skip(err)
			} else if err != nil {
				b.Fatal(err)
			}
			content := filepath.Join(dir, "content")
			p, err := generator.NewPreview(generator.Options{ContentDir: content,
				ThemesDir: filepath.Join(dir, "themes")})
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			if _, err := p.Build(nil); err != nil {
				b.Fatal(err)
			}
			projects, _ := os.ReadDir(filepath.Join(content, "projects"))
			target := filepath.Join(content, "projects", projects[len(projects)/2].Name())
			src, err := os.ReadFile(target)
			if err != nil {
				b.Fatal(err)
			}
			rendered := 0
			stages := map[string]time.Duration{}
			var order []string
			if f := os.Getenv("SHOWCASE_EDIT_PROFILE"); f != "" {
				stop := profileCPU(b, fmt.Sprintf("%s.%d", f, n+n/10))
				defer stop()
			}
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				text := strings.Replace(string(src), "\ntitle: ", fmt.Sprintf("\ntitle: Edit %d ", i), 1)
				if strings.Contains(string(src), "\ntitle: \"") {
					text = strings.Replace(string(src), "\ntitle: \"", fmt.Sprintf("\ntitle: \"Edit %d ", i), 1)
				}
				if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				up, err := p.Build([]string{target})
				if err != nil {
					b.Fatal(err)
				}
				if len(up.Changed) == 0 {
					b.Fatal("the edit changed no page")
				}
				rendered += up.Rendered
				for _, t := range up.Timings {
					if _, ok := stages[t.Stage]; !ok {
						order = append(order, t.Stage)
					}
					stages[t.Stage] += t.Duration
				}
			}
			b.ReportMetric(float64(rendered)/float64(b.N), "pages-rendered/op")
			for _, s := range order {
				b.ReportMetric(float64(stages[s].Microseconds())/1000/float64(b.N), s+"-ms/op")
			}
		})
	}
}

// profileCPU starts a CPU profile into file and returns what stops it.
func profileCPU(b *testing.B, file string) func() {
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
