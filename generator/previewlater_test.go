package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestPreviewLaterViewed checks that a preview with DeferPages renders at once the pages a browser asked for
// (Page), leaves the other pages an edit changes for later, and renders those when asked for.
func TestPreviewLaterViewed(t *testing.T) {
	dir := t.TempDir()
	_, p := shortListsPreview(t, dir)
	p.DeferPages(true)
	clinic := filepath.Join(dir, "content", "projects", "clinic-queue-compass.md")
	page := "projects/clinic-queue-compass/index.html"
	edit := func(title string) generator.Update {
		t.Helper()
		b, err := os.ReadFile(clinic)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		i := strings.Index(text, "\ntitle: ")
		j := i + 1 + strings.Index(text[i+1:], "\n")
		writeFile(t, clinic, text[:i]+"\ntitle: "+title+text[j:])
		up, err := p.Build([]string{clinic})
		if err != nil {
			t.Fatal(err)
		}
		if !up.Patched {
			t.Fatal("the title's edit was not applied in place")
		}
		return up
	}

	up := edit("Clinic Queues")
	if up.Rendered != 0 || up.Later == 0 {
		t.Errorf("no page asked for: %d pages rendered, %d left for later; want none and some", up.Rendered, up.Later)
	}
	shown, ok, err := p.Page(page) // rendered now, and remembered
	if !ok || err != nil || !strings.Contains(string(shown), "Clinic Queues") {
		t.Fatalf("the entry's page, asked for: %v %v, shows the new title: %v", ok, err,
			strings.Contains(string(shown), "Clinic Queues"))
	}
	later := up.Later

	up = edit("Clinic Queue Finder")
	if up.Rendered != 1 || up.Later != later-1 {
		t.Errorf("the entry's page asked for: %d pages rendered, %d left for later; want 1 and %d", up.Rendered,
			up.Later, later-1)
	}
	for _, rel := range p.Files() {
		if b, ok := p.File(rel); !ok || strings.Contains(string(b), "Clinic Queues") {
			t.Errorf("%s shows the last title", rel)
		}
	}
}

// TestPreviewLaterError checks a page left for later whose layout fails: the build that left it reports no error
// (it did not render it), the page and Settle do, and the next build, which renders it first and fails, is a whole
// build, which reports the error while it lasts and is as good as a fresh one after.
func TestPreviewLaterError(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	term, err := os.ReadFile("../themes/default/layouts/term.html")
	if err != nil {
		t.Fatal(err)
	}
	// a term page fails while it lists an entry titled Boom
	failing := strings.Replace(string(term), "{{define \"main\"}}",
		"{{define \"main\"}}{{range .Page.Items}}{{if eq .Title \"Boom\"}}{{index .Tags 99}}{{end}}{{end}}", 1)
	writeFile(t, filepath.Join(dir, "themes", "default", "layouts", "term.html"), failing)
	o, p := builtPreview(t, dir)
	p.DeferPages(true)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")

	sitetest.Edit(t, clinic, "title: Clinic Queue Compass", "title: Boom")
	up, err := p.Build([]string{clinic})
	if err != nil || up.Later == 0 {
		t.Fatalf("the build leaving the failing pages for later: %v, %d pages left", err, up.Later)
	}
	failed := 0
	for _, rel := range up.Changed {
		_, _, err := p.Page(rel)
		if err != nil {
			failed++
			if !slices.ContainsFunc(strings.Split(rel, "/"), func(folder string) bool { // in any language
				return slices.Contains([]string{"tags", "themes", "cities", "years", "awards"}, folder)
			}) {
				t.Errorf("%s, not a term page, failed: %v", rel, err)
			}
		}
	}
	if failed == 0 {
		t.Error("no term page failed")
	}
	if err := p.Settle(); err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("Settle: %v, want the pages' errors", err)
	}

	// an exhibit that shares no term with it: the failing pages are rendered first and fail; the whole build renders
	// them again (their fingerprints are the same) and reports them
	wall := filepath.Join(content, "pavilion", "air-sensor-wall.md")
	sitetest.Edit(t, wall, "\nsummary: ", "\nsummary: Edited. ")
	if _, err := p.Build([]string{wall}); err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("the build after the failing pages: %v, want their errors", err)
	}

	sitetest.Edit(t, clinic, "title: Boom", "title: Clinic Queue Compass")
	up, err = p.Build([]string{clinic})
	if err != nil {
		t.Fatalf("the build after: %v", err)
	}
	if up.Patched {
		t.Error("the build after the failing pages was applied in place, not a whole build")
	}
	checkPreviewFiles(t, "the build after", p, readTree(t, buildInto(t, o, filepath.Join(dir, "want"))))
}

// TestPreviewLaterConcurrent edits entries while browsers ask for pages and Settle runs, as they do in serve, and
// checks the preview against a fresh build after the last edit. Run it with -race.
func TestPreviewLaterConcurrent(t *testing.T) {
	dir := t.TempDir()
	o, p := shortListsPreview(t, dir)
	p.DeferPages(true)
	clinic := filepath.Join(dir, "content", "projects", "clinic-queue-compass.md")
	pages := p.Files()
	done := make(chan struct{})
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			for i := g; ; i += 3 {
				select {
				case <-done:
					return
				default:
				}
				if g == 0 {
					_ = p.Settle() // a failing page would fail the comparison below
					continue
				}
				if _, _, err := p.Page(pages[i%len(pages)]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i := range 8 {
		sitetest.Edit(t, clinic, "\ndate: 2024-", fmt.Sprintf("\ndate: 20%d-", 22+i%4)) // moves it among the lists
		if _, err := p.Build([]string{clinic}); err != nil {
			t.Fatal(err)
		}
		sitetest.Edit(t, clinic, fmt.Sprintf("\ndate: 20%d-", 22+i%4), "\ndate: 2024-")
		if _, err := p.Build([]string{clinic}); err != nil {
			t.Fatal(err)
		}
	}
	sitetest.Edit(t, clinic, "title: Clinic Queue Compass", "title: Clinic Queues")
	if _, err := p.Build([]string{clinic}); err != nil {
		t.Fatal(err)
	}
	close(done)
	wg.Wait()
	checkPreviewFiles(t, "after the edits", p, readTree(t, buildInto(t, o, filepath.Join(dir, "want"))))
}
