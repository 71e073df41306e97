package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// hugoSections maps the benchmark Hugo site's taxonomy folders to showcase's.
var hugoSections = map[string]string{"city": "cities", "theme": "themes", "year": "years", "tags": "tags"}

// samePages builds once with Hugo and with showcase (one language) and checks that every HTML page Hugo writes
// has its counterpart in showcase's output, the taxonomy folders renamed.
func samePages(tools []*tool, work string) error {
	hugo, show := find(tools, "hugo"), find(tools, "showcase, 1 lang")
	dir, err := os.MkdirTemp(work, "pages-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sets := map[string]map[string]bool{}
	for _, t := range []*tool{hugo, show} {
		out := filepath.Join(dir, strings.Fields(t.name)[0])
		if _, err := measure(t.args(out)); err != nil {
			return err
		}
		if sets[t.name], err = pageSet(out); err != nil {
			return err
		}
	}
	var missing []string
	for p := range sets[hugo.name] {
		if !sets[show.name][mapHugo(p)] {
			missing = append(missing, p)
		}
	}
	fmt.Printf("\npages: Hugo wrote %d, showcase %d; ", len(sets[hugo.name]), len(sets[show.name]))
	if len(missing) > 0 {
		return fmt.Errorf("%d of Hugo's pages have no counterpart in showcase's output, e.g. %s", len(missing),
			missing[0])
	}
	fmt.Printf("every Hugo page has its counterpart (showcase adds %d: the awards, sectors, datasets, search and 404 pages)\n",
		len(sets[show.name])-len(sets[hugo.name]))
	return nil
}

// pageSet lists the site paths of the HTML files under dir ("/projects/a/").
func pageSet(dir string) (map[string]bool, error) {
	set := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		set["/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html")] = true
		return nil
	})
	return set, err
}

// mapHugo renames a Hugo page path's taxonomy folder: "/city/hong-kong/" → "/cities/hong-kong/".
func mapHugo(p string) string {
	first, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if s, ok := hugoSections[first]; ok {
		return "/" + s + "/" + rest
	}
	return p
}
