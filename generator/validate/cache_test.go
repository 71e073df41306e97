package validate_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/validate"
)

// TestCache: with load and validate caches (as serve keeps them), an entry's front matter is decoded again only
// when its file was read again or site.yaml's terms or languages changed, which decoding checks against (not for
// another edit of site.yaml); and no YAML node of an entry outlives its decoding.
func TestCache(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+project("a.md", same)+project("b.md", same))
	content := filepath.Join(dir, "content")
	lc, vc := load.NewCache(), validate.NewCache()
	// run loads and validates after the changes named, and returns each project's positions map, which a
	// decoding makes anew and the cache hands out again.
	run := func(changed ...string) map[string]uintptr {
		t.Helper()
		lc.Changed(changed...)
		c, diags, err := load.LoadCached(content, "content", lc)
		if err != nil {
			t.Fatal(err)
		}
		v, d := validate.ValidateCached(c, "content", vc)
		diags.Merge(d)
		if diags.Len() > 0 {
			t.Fatalf("problems: %v", diags.Sorted())
		}
		out := map[string]uintptr{}
		for _, p := range v.Projects {
			out[p.Entry.Path] = reflect.ValueOf(p.Pos).Pointer()
			if p.Entry.Front != nil {
				t.Errorf("%s: its YAML node is kept after decoding", p.Entry.Path)
			}
		}
		if len(out) != 2 {
			t.Fatalf("%d projects, want 2", len(out))
		}
		return out
	}
	edit := func(p, text string) {
		if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(p)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	last := run()
	steps := []struct {
		name    string
		change  func()
		changed []string
		decoded []string // the projects decoded again
	}{
		{"nothing", func() {}, nil, nil},
		{"b edited", func() {
			edit("projects/b.md", "---\n"+sitetest.Project+"---\nAnother body.\n")
		}, []string{"projects/b.md"}, []string{"projects/b.md"}},
		{"nothing again", func() {}, nil, nil},
		{"site.yaml: a description", func() {
			edit("site.yaml", strings.Replace(sitetest.Site, "A test site.", "Another.", 1))
		}, []string{"site.yaml"}, nil},
		{"site.yaml: a new award", func() {
			edit("site.yaml", sitetest.Site+"    - {id: silver-award, name: Silver Award}\n")
		}, []string{"site.yaml"}, []string{"projects/a.md", "projects/b.md"}},
		{"site.yaml: a new name of the award", func() {
			edit("site.yaml", sitetest.Site+"    - {id: silver-award, name: Silver}\n")
		}, []string{"site.yaml"}, nil},
		{"site.yaml: a new language", func() {
			edit("site.yaml", strings.Replace(sitetest.Site+"    - {id: silver-award, name: Silver}\n",
				"locale: en-HK}", "locale: en-HK}\n  - {code: zh-hant, name: 繁體中文, locale: zh-Hant-HK}", 1))
		}, []string{"site.yaml"}, []string{"projects/a.md", "projects/b.md"}},
	}
	for _, s := range steps {
		s.change()
		got := run(s.changed...)
		for p, pos := range got {
			want := !slices.Contains(s.decoded, p)
			if (pos == last[p]) != want {
				t.Errorf("%s: %s reused: %v, want %v", s.name, p, pos == last[p], want)
			}
		}
		last = got
	}
}
