package generator_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/corpus"
)

// BenchmarkPreviewEdit measures what `showcase serve` does after a contributor saves one entry of the benchmark
// corpus (../shared/bench): the rebuild in memory, from the file event to the list of changed pages. Each
// iteration changes one project and rebuilds: its title (edit=title: the preview applies it in place, see
// generator/patch.go), its theme (edit=theme: in place too, a theme's list gaining or losing a page too), its
// links (edit=link: a link added, in place too), its tags (edit=tag: a new tag, and the last edit's left without
// entries, in place too), the image its body shows (edit=image: one of two, so that each edit publishes a file
// and stops publishing another, in place too) or its slug (edit=slug: its page moves, in place too); edit=site adds
// a comment to site.yaml instead (the whole site is built, as for any edit the preview cannot apply in place, every
// entry's front matter parsed and decoded again, but no page changes); edit=new adds a project file and takes it
// away, in turn (in place too: the pages that list it after its place, and those showing it, rendered);
// edit=newest does the same with a project dated after every other (every page of its lists changes); edit=chart
// edits the title in the ```chart block of another project (drawn again from its dataset, in place).
//
// Each edit runs twice: pages=now renders every page the edit changes before the build returns (serve
// --render-all); pages=later, as serve does by default, renders the pages open in a browser (here the edited
// project's and the first page of the projects' list) and leaves the other changed pages for later
// (Preview.DeferPages): it reports them as pages-later/op, and the time Settle then takes to render them,
// untimed, as settle-ms/op.
//
// SHOWCASE_EDIT_PROFILE=FILE writes a CPU profile of the edits alone (not of the first build).
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
			images := filepath.Join(content, "images")
			if err := os.MkdirAll(images, 0o755); err != nil {
				b.Fatal(err)
			}
			for i := range 2 {
				svg := fmt.Sprintf("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d 3\"/>\n", i+4)
				if err := os.WriteFile(filepath.Join(images, fmt.Sprintf("bench-%d.svg", i)), []byte(svg), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			// a chart block in another project, for edit=chart (the corpus's datasets are monthly values)
			projects, _ := os.ReadDir(filepath.Join(content, "projects"))
			datasets, _ := os.ReadDir(filepath.Join(content, "datasets"))
			if len(datasets) == 0 {
				b.Fatal("the corpus has no datasets")
			}
			charted := filepath.Join(content, "projects", projects[len(projects)/2+1].Name())
			chartedSrc, err := os.ReadFile(charted)
			if err != nil {
				b.Fatal(err)
			}
			chartBlock := func(i int) string {
				return fmt.Sprintf("\n```chart\ntitle: Monthly values, edit %d\ndataset: %s\ntype: bar\n"+
					"encode:\n  x: month\n  y: value\n```\n", i, datasets[0].Name())
			}
			if err := os.WriteFile(charted, append(chartedSrc, chartBlock(0)...), 0o644); err != nil {
				b.Fatal(err)
			}
			p, err := generator.NewPreview(generator.Options{ContentDir: content,
				ThemesDir: filepath.Join(dir, "themes")})
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			if _, err := p.Build(nil); err != nil {
				b.Fatal(err)
			}
			// the pages a contributor has open (with pages=later, rendered at once): the edited project's and the
			// first page of the projects' list
			edited := "projects/" + strings.TrimSuffix(projects[len(projects)/2].Name(), ".md") + "/index.html"
			for _, rel := range []string{"projects/index.html", edited} {
				if _, ok, err := p.Page(rel); !ok || err != nil {
					b.Fatalf("%s: %v %v", rel, ok, err)
				}
			}
			target := filepath.Join(content, "projects", projects[len(projects)/2].Name())
			src, err := os.ReadFile(target)
			if err != nil {
				b.Fatal(err)
			}
			theme, slug := regexp.MustCompile(`\ntheme: [a-z-]+\n`), regexp.MustCompile(`\nslug: ([a-z0-9-]+)\n`)
			date := regexp.MustCompile(`\ndate: [0-9-]+\n`)
			if !theme.Match(src) || !slug.Match(src) || !date.Match(src) || !strings.Contains(string(src), "\nlinks:\n") ||
				!strings.Contains(string(src), "\ntags: [") {
				b.Fatalf("%s has no theme, slug, links or tags", target)
			}
			site, added := filepath.Join(content, "site.yaml"), filepath.Join(content, "projects", "added.md")
			siteSrc, err := os.ReadFile(site)
			if err != nil {
				b.Fatal(err)
			}
			yes, no := true, false
			for _, edit := range []struct {
				name    string
				patched *bool // applied in place, or not; nil: either
				do      func(i int) string
			}{
				{"title", &yes, func(i int) string {
					if strings.Contains(string(src), "\ntitle: \"") {
						return strings.Replace(string(src), "\ntitle: \"", fmt.Sprintf("\ntitle: \"Edit %d ", i), 1)
					}
					return strings.Replace(string(src), "\ntitle: ", fmt.Sprintf("\ntitle: Edit %d ", i), 1)
				}},
				// in place, a theme's list gaining or losing a page too
				{"theme", &yes, func(i int) string { // never the source's: that would undo the title's edit
					themes := slices.DeleteFunc([]string{"smart-mobility", "smart-living", "smart-environment",
						"smart-economy"}, func(t string) bool { return strings.Contains(string(src), "\ntheme: "+t+"\n") })
					return theme.ReplaceAllString(string(src), "\ntheme: "+themes[i%len(themes)]+"\n")
				}},
				{"link", &yes, func(i int) string { // a link added: in place too
					return strings.Replace(string(src), "\nlinks:\n", fmt.Sprintf("\nlinks:\n  video: https://v%d.example.org/\n", i), 1)
				}},
				{"tag", &yes, func(i int) string { // a new tag, and the last edit's left without entries: in place
					return strings.Replace(string(src), "\ntags: [", fmt.Sprintf("\ntags: [fresh-%d, ", i), 1)
				}},
				{"image", &yes, func(i int) string { // one image, then the other: one file comes, the other goes
					return string(src) + fmt.Sprintf("\n![Chart %d](/images/bench-%d.svg)\n", i, i%2)
				}},
				{"slug", &yes, func(i int) string { // its page moves: in place too (no other entry links to it)
					return slug.ReplaceAllString(string(src), fmt.Sprintf("\nslug: $1-e%d\n", i))
				}},
				{"chart", &yes, func(i int) string { // another project's chart block: drawn again, in place
					return string(chartedSrc) + chartBlock(i)
				}},
				{"site", &no, func(i int) string { // site.yaml: the whole site, every entry decoded again
					return string(siteSrc) + fmt.Sprintf("# edit %d\n", i)
				}},
				{"new", &yes, func(i int) string { // a project added, then taken away, in turn: in place too
					if _, err := os.Stat(added); err == nil {
						return ""
					}
					return slug.ReplaceAllString(string(src), fmt.Sprintf("\nslug: added-%d\n", i))
				}},
				{"newest", &yes, func(i int) string { // the same, dated after every other entry: every list moves
					if _, err := os.Stat(added); err == nil {
						return ""
					}
					text := slug.ReplaceAllString(string(src), fmt.Sprintf("\nslug: added-%d\n", i))
					return date.ReplaceAllString(text, "\ndate: 2099-01-01\n")
				}},
			} {
				file := target
				switch edit.name {
				case "site":
					file = site
				case "chart":
					file = charted
				case "new", "newest":
					file = added
				}
				b.Run("edit="+edit.name, func(b *testing.B) {
					for _, later := range []bool{false, true} {
						b.Run(map[bool]string{false: "pages=now", true: "pages=later"}[later], func(b *testing.B) {
							p.DeferPages(later)
							defer p.DeferPages(false)
							benchmarkEdit(b, p, file, edit.do, edit.patched, file != site,
								fmt.Sprintf("%d.%s.%v", n+n/10, edit.name, later))
						})
					}
				})
				if file == site { // as it was, for the next benchmark
					if err := os.WriteFile(site, siteSrc, 0o644); err != nil {
						b.Fatal(err)
					}
					if _, err := p.Build([]string{site}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// edits numbers the benchmark's edits.
var edits int

// benchmarkEdit times b.N edits of the file target, each written by edit and named to the preview as the
// watcher names it; each must be applied in place or not as patched says (when set), and change a page when changes
// is set. It reports the share of edits applied in place.
func benchmarkEdit(b *testing.B, p *generator.Preview, target string, edit func(i int) string, patched *bool,
	changes bool, profile string) {
	edits++ // the edit of one run differs from the last run's: b.N grows between runs
	rendered, inPlace, later := 0, 0, 0
	var settle time.Duration
	stages := map[string]time.Duration{}
	var order []string
	if f := os.Getenv("SHOWCASE_EDIT_PROFILE"); f != "" {
		stop := profileCPU(b, f+"."+profile)
		defer stop()
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		edits++
		if text := edit(edits); text == "" {
			if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
				b.Fatal(err)
			}
		} else if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		up, err := p.Build([]string{target})
		if err != nil {
			b.Fatal(err)
		}
		if changes && len(up.Changed) == 0 {
			b.Fatal("the edit changed no page")
		}
		if patched != nil && up.Patched != *patched {
			b.Fatalf("applied in place: %v, want %v", up.Patched, *patched)
		}
		if up.Patched {
			inPlace++
		}
		rendered += up.Rendered
		later += up.Later
		if up.Later > 0 { // what is left for later, rendered before the next edit (as serve does meanwhile)
			b.StopTimer()
			start := time.Now()
			if err := p.Settle(); err != nil {
				b.Fatal(err)
			}
			settle += time.Since(start)
			b.StartTimer()
		}
		for _, t := range up.Timings {
			if _, ok := stages[t.Stage]; !ok {
				order = append(order, t.Stage)
			}
			stages[t.Stage] += t.Duration
		}
	}
	b.ReportMetric(float64(rendered)/float64(b.N), "pages-rendered/op")
	b.ReportMetric(float64(inPlace)/float64(b.N), "in-place/op")
	if later > 0 {
		b.ReportMetric(float64(later)/float64(b.N), "pages-later/op")
		b.ReportMetric(float64(settle.Microseconds())/1000/float64(b.N), "settle-ms/op")
	}
	for _, s := range order {
		b.ReportMetric(float64(stages[s].Microseconds())/1000/float64(b.N), s+"-ms/op")
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
