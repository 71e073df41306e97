package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
)

// summary is what a load found: every file with its size, every entry with its section and body size, every
// document, and every problem.
func summary(t *testing.T, c *load.Content, diags []string) string {
	t.Helper()
	var out []string
	for p, f := range c.Files {
		out = append(out, fmt.Sprintf("file %s %d", p, f.Size))
	}
	for _, e := range c.Entries {
		out = append(out, fmt.Sprintf("entry %s %s %d bytes", e.Path, e.Section, len(e.Body)))
	}
	for _, d := range slices.Concat(c.Datasets, c.Charts) {
		out = append(out, "doc "+d.Path)
	}
	slices.Sort(out)
	return strings.Join(slices.Concat(out, diags), "\n")
}

// TestCacheFollowsChanges: after a walk, a load told which paths changed looks only at them, and finds what a
// fresh walk of the folder finds — files and folders added, changed, removed and renamed, hidden ones, links.
func TestCacheFollowsChanges(t *testing.T) {
	dir := sitetest.Write(t, `-- content/site.yaml --
title: x
-- content/projects/a.md --
---
title: A
---
body
-- content/projects/b/index.md --
---
title: B
---
-- content/projects/b/pic.png --
png
-- content/datasets/d/dataset.yaml --
title: D
-- outside.txt --
secret
`)
	content := filepath.Join(dir, "content")
	at := func(p string) string { return filepath.Join(content, filepath.FromSlash(p)) }
	write := func(p, text string) {
		must(t, os.MkdirAll(filepath.Dir(at(p)), 0o755))
		must(t, os.WriteFile(at(p), []byte(text), 0o644))
	}
	cache := load.NewCache()
	// loadAll loads the folder with cache, or walks it afresh (LoadOnce, which leaves front matter unparsed as
	// LoadCached does), and parses every entry's front matter, as validate would.
	loadAll := func(cache *load.Cache) string {
		var c *load.Content
		var diags diag.List
		var err error
		if cache != nil {
			c, diags, err = load.LoadCached(content, "content", cache)
		} else {
			c, diags, err = load.LoadOnce(content, "content")
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Entries {
			e.ParseFront("content", &diags)
		}
		var ds []string
		for _, d := range diags.Sorted() {
			ds = append(ds, d.String())
		}
		return summary(t, c, ds)
	}
	loadAll(cache) // the walk
	steps := []struct {
		name    string
		change  func()
		changed []string // what a watcher reports
	}{
		{"edit a file", func() { write("projects/a.md", "---\ntitle: A2\n---\nlonger body\n") }, []string{"projects/a.md"}},
		{"add a file", func() { write("projects/c.md", "---\ntitle: C\n---\n") }, []string{"projects/c.md"}},
		{"remove a file", func() { must(t, os.Remove(at("projects/c.md"))) }, []string{"projects/c.md"}},
		{"add a bundle, reported as its folder only", func() {
			write("projects/e/index.md", "---\ntitle: E\n---\n")
			write("projects/e/cover.png", "png")
		}, []string{"projects/e"}},
		{"rename a bundle", func() { must(t, os.Rename(at("projects/b"), at("projects/b2"))) },
			[]string{"projects/b", "projects/b2"}},
		{"remove a folder", func() { must(t, os.RemoveAll(at("datasets"))) }, []string{"datasets"}},
		{"hidden files", func() {
			write(".git/HEAD", "ref")
			write("projects/.draft.md", "---\ntitle: H\n---\n")
		}, []string{".git/HEAD", "projects/.draft.md"}},
		{"a link out of the root", func() {
			must(t, os.Symlink(filepath.Join(dir, "outside.txt"), at("projects/leak.md")))
		}, []string{"projects/leak.md"}},
		{"a link to a folder", func() { must(t, os.Symlink(at("projects/e"), at("projects/f"))) },
			[]string{"projects/f"}},
		{"a broken entry", func() { write("projects/a.md", "---\ntitle: [\n---\n") }, []string{"projects/a.md"}},
		{"the broken link goes", func() { must(t, os.Remove(at("projects/leak.md"))) }, []string{"projects/leak.md"}},
		{"nothing", func() {}, []string{}},
	}
	for _, s := range steps {
		s.change()
		cache.Changed(s.changed...)
		got, want := loadAll(cache), loadAll(nil)
		if got != want {
			t.Fatalf("%s: the cached load found\n%s\n\na walk finds\n%s", s.name, got, want)
		}
	}
	// A change the cache is not told of is seen after Rescan.
	write("projects/unreported.md", "---\ntitle: U\n---\n")
	cache.Changed()
	if got := loadAll(cache); strings.Contains(got, "unreported") {
		t.Fatalf("the cache walked the folder although told nothing changed:\n%s", got)
	}
	cache.Rescan()
	if got, want := loadAll(cache), loadAll(nil); got != want {
		t.Fatalf("after Rescan the cached load found\n%s\n\na walk finds\n%s", got, want)
	}
}
