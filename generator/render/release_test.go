package render

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/theme"
	defaulttheme "github.com/hkshopendata/showcase/themes/default"
)

// memory is a Sink that keeps what is written, and a Keeper that keeps nothing.
type memory struct {
	mu    sync.Mutex
	files map[string]string
}

func (m *memory) WriteFile(rel string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = string(b)
	return nil
}
func (m *memory) KeepPage(string, uint64) bool                     { return false }
func (m *memory) KeepFolder(string, uint64, func(Sink) error) bool { return false }

// TestReleaseBodies renders the fixture site with ReleaseBodies: with the stock theme every entry's body is let
// go once rendered, and each entry's page still shows it; with a layout of the site's own, no body is let go.
func TestReleaseBodies(t *testing.T) {
	themes := t.TempDir()
	own := filepath.Join(themes, "own", "layouts", "_partials", "footer.html")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte(`<footer>{{range .Site.Pages}}{{.Body}}{{end}}</footer>`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		theme   string
		release bool
	}{{"", true}, {"own", false}} {
		t.Run("theme="+c.theme, func(t *testing.T) {
			s := fixture(t)
			th, err := theme.Load(theme.Options{ThemesDir: themes, Name: c.theme, Builtin: defaulttheme.FS,
				BasePath: s.BasePath, BaseURL: s.BaseURL, Languages: []string{s.Lang}, Default: s.Default})
			if err != nil {
				t.Fatal(err)
			}
			bodies := map[*model.Entry]string{}
			for _, list := range [][]*model.Entry{s.Projects, s.Pavilions, s.Pages} {
				for _, e := range list {
					if len(e.BodyParts) == 0 || e.BodyParts[0].HTML == "" {
						t.Fatalf("%s has no body to let go of", e.URL)
					}
					bodies[e] = string(e.BodyParts[0].HTML)
				}
			}
			out := &memory{files: map[string]string{}}
			r := New(s, th)
			r.ReleaseBodies()
			if _, _, err := r.Render(out, out); err != nil {
				t.Fatal(err)
			}
			for e, body := range bodies {
				if released := e.Body == "" && e.BodyParts == nil; released != c.release {
					t.Errorf("%s: body let go = %v, want %v", e.URL, released, c.release)
				}
				if page := out.files[OutputPath(e.URL)]; !strings.Contains(page, body) {
					t.Errorf("%s: the page does not show the body", e.URL)
				}
			}
		})
	}
}

func fixture(t testing.TB) *model.Site {
	t.Helper()
	return loadSite(t, "../testdata/site/content", "")
}

// slowPages is a memory Sink that takes a while to write each page, and notes the order of the writes.
type slowPages struct {
	memory
	order []string
}

func (m *slowPages) WriteFile(rel string, b []byte) error {
	if strings.HasSuffix(rel, ".html") {
		time.Sleep(2 * time.Millisecond)
	}
	m.mu.Lock()
	m.order = append(m.order, rel)
	m.mu.Unlock()
	return m.memory.WriteFile(rel, b)
}

// TestSearchFollowsPages checks that, with ReleaseBodies, the search index takes a project or an exhibit only
// once its page is made: every such page is written before the index, even when pages are slow to write (run
// ahead, the index of a small site would be written long before them, while their bodies are all held).
//
// With the index built in parts (3, by as many goroutines), the same holds, and the files are those of one index.
func TestSearchFollowsPages(t *testing.T) {
	var one map[string]string // the search files of the index built in one part
	for _, parts := range []int{1, 3} {
		t.Run(fmt.Sprint("parts=", parts), func(t *testing.T) {
			out := searchFollowsPages(t, parts)
			files := map[string]string{}
			for rel, b := range out.files {
				if strings.HasPrefix(rel, "search/") {
					files[rel] = b
				}
			}
			if one == nil {
				one = files
			} else if !maps.Equal(files, one) {
				t.Errorf("%d search files, not the %d of one index", len(files), len(one))
			}
		})
	}
}

func searchFollowsPages(t *testing.T, parts int) *slowPages {
	s := fixture(t)
	th := builtinTheme(t, s, defaulttheme.FS)
	out := &slowPages{memory: memory{files: map[string]string{}}}
	r := New(s, th)
	r.ReleaseBodies()
	r.searchParts = parts
	if _, _, err := r.Render(out, out); err != nil {
		t.Fatal(err)
	}
	written := map[string]int{}
	firstSearch := len(out.order)
	for i, rel := range out.order {
		written[rel] = i
		if strings.HasPrefix(rel, "search/") && i < firstSearch {
			firstSearch = i
		}
	}
	if firstSearch == len(out.order) {
		t.Fatal("no search file written")
	}
	n := 0
	for _, list := range [][]*model.Entry{s.Projects, s.Pavilions} {
		for _, e := range list {
			n++
			if i, ok := written[OutputPath(e.URL)]; !ok || i > firstSearch {
				t.Errorf("%s: written at %d, after the search index (%d)", e.URL, i, firstSearch)
			}
		}
	}
	if n < 3 {
		t.Fatalf("the fixture has %d projects and exhibits: too few to tell", n)
	}
	return out
}

// TestSearchFollowsFailedPages checks that a page that fails to render still lets the search index go on (it
// waits for each project's page): Render returns the error instead of waiting for ever.
func TestSearchFollowsFailedPages(t *testing.T) {
	s := fixture(t)
	builtin := fstest.MapFS{}
	err := fs.WalkDir(defaulttheme.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(defaulttheme.FS, p)
		builtin[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// a project's layout that fails as it executes; the theme is still stock (it is the built-in one)
	builtin["layouts/project.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{index .Entry.Tags 99}}{{end}}`)}
	th := builtinTheme(t, s, builtin)
	if !th.Stock() {
		t.Fatal("the theme is not stock: nothing would wait")
	}
	out := &memory{files: map[string]string{}}
	r := New(s, th)
	r.ReleaseBodies()
	r.searchParts = 2 // each part waits for pages that failed
	done := make(chan error, 1)
	go func() {
		_, _, err := r.Render(out, out)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), s.Projects[0].URL) {
			t.Errorf("Render: %v, want the project pages' errors", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Render did not return: the search index waits for a page that failed")
	}
}

// builtinTheme loads the theme whose built-in layers are fsys, for the site s.
func builtinTheme(t testing.TB, s *model.Site, fsys fs.FS) *theme.Theme {
	t.Helper()
	th, err := theme.Load(theme.Options{Builtin: fsys, BasePath: s.BasePath, BaseURL: s.BaseURL,
		Languages: []string{s.Lang}, Default: s.Default})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// TestEntriesFirst checks the order pages render in: every page once, the entries' own pages (whose bodies can
// then go) before all others, each group in the site's order.
func TestEntriesFirst(t *testing.T) {
	pages := fixture(t).Outputs
	order := entriesFirst(pages)
	if len(order) != len(pages) {
		t.Fatalf("%d pages in the order, want %d", len(order), len(pages))
	}
	entries := 0
	for _, p := range pages {
		if isEntry[p.Kind] {
			entries++
		}
	}
	if entries == 0 || entries == len(pages) {
		t.Fatalf("the fixture has %d entry pages of %d: nothing to order", entries, len(pages))
	}
	for k, i := range order {
		if first := k < entries; isEntry[pages[i].Kind] != first {
			t.Errorf("place %d: %s (%s)", k, pages[i].URL, pages[i].Kind)
		}
		if k > 0 && k != entries && i <= order[k-1] {
			t.Errorf("place %d: %s after %s, against the site's order", k, pages[i].URL, pages[order[k-1]].URL)
		}
	}
}
