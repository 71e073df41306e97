package generator_test

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestIncrementalTitle changes a project's title between two builds into the same folder: every file that
// showed the old title — its page in three languages, list and term pages, other entries' related cards, the
// home page, feeds, search indexes — shows the new one, the old one is nowhere, and the site is the one a full
// build makes.
func TestIncrementalTitle(t *testing.T) {
	dir, o := builtCopy(t)
	content := o.ContentDir
	const oldTitle, newTitle = "Metro Crowd Forecaster", "Tidal Crowd Oracle"
	var showing []string
	for rel, b := range readTree(t, o.OutDir) {
		if strings.Contains(string(b), oldTitle) {
			showing = append(showing, rel)
		}
	}
	slices.Sort(showing)
	// a search index's files of documents are named with a hash of their bytes: a folder stands for them
	inSearch := func(rel string) string {
		if d := path.Dir(rel); d == "search" || strings.HasSuffix(d, "/search") {
			return d + "/"
		}
		return ""
	}
	for i, rel := range showing {
		if d := inSearch(rel); d != "" {
			showing[i] = d
		}
	}
	showing = slices.Compact(showing)
	for _, want := range []string{"projects/metro-crowd-forecaster/index.html", "zh-hans/projects/metro-crowd-forecaster/index.html",
		"projects/index.html", "feed.xml", "search/", "zh-hant/search/", "themes/smart-mobility/index.html"} {
		if !slices.Contains(showing, want) {
			t.Fatalf("%s does not show %q before the change; the test needs another title (it shows on %v)", want,
				oldTitle, showing)
		}
	}
	sitetest.Edit(t, filepath.Join(content, "projects", "metro-crowd-forecaster.md"), oldTitle, newTitle)
	res, err := generator.Build(o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Kept == 0 {
		t.Error("the second build kept nothing")
	}
	got := readTree(t, o.OutDir)
	shows := map[string]bool{}
	for rel, b := range got {
		if strings.Contains(string(b), newTitle) {
			shows[rel] = true
			shows[inSearch(rel)] = true
		}
	}
	for _, rel := range showing {
		if !shows[rel] {
			t.Errorf("%s does not show the new title", rel)
		}
	}
	for rel, b := range got {
		if strings.Contains(string(b), oldTitle) {
			t.Errorf("%s still shows the old title", rel)
		}
	}
	sameAsFull(t, dir, o, got)
	t.Logf("%d files showed the title; %d of %d files kept", len(showing), res.Kept, res.Files)
	if _, err := os.Stat(filepath.Join(dir, ".public.build.json")); err != nil {
		t.Errorf("no manifest beside the output: %v", err)
	}
}

// sameAsFull checks that got, the files of the site built with o, are those of a full build (into dir/full).
func sameAsFull(t *testing.T, dir string, o generator.Options, got map[string][]byte) {
	t.Helper()
	full := o
	full.OutDir, full.Full = filepath.Join(dir, "full"), true
	if _, err := generator.Build(full); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, full.OutDir)
	for rel, w := range want {
		if string(got[rel]) != string(w) {
			t.Errorf("%s differs from a full build's:\n%s", rel, firstDiff(string(w), string(got[rel])))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files; a full build writes %d", len(got), len(want))
	}
}

// TestIncrementalBodies: a build saves its Markdown conversions beside its output folder, and the next build
// converts only the bodies that changed. A body whose bytes are the same but whose link now points elsewhere (the
// entry it links to moved) is converted again, not taken from the saved conversions; a damaged file of
// conversions, or --full, converts every body; the site is always a full build's.
func TestIncrementalBodies(t *testing.T) {
	dir, o := builtCopy(t)
	saved := filepath.Join(dir, ".public.bodies")
	if _, err := os.Stat(saved); err != nil {
		t.Fatalf("no saved conversions beside the output: %v", err)
	}
	build := func(what string) generator.Result {
		t.Helper()
		res, err := generator.Build(o)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		t.Logf("%s: %d bodies converted, %d entries", what, res.Converted, res.Entries)
		return res
	}
	if res := build("nothing changed"); res.Converted != 0 {
		t.Errorf("nothing changed, and %d bodies were converted", res.Converted)
	}

	steps := filepath.Join(o.ContentDir, "projects", "step-free-routes.md")
	const end = "everyday trip planning rather than a separate app."
	sitetest.Edit(t, steps, end, end+" Families find care near them with [Silver Link](silver-link.md).")
	if res := build("a body edited"); res.Converted < 1 || res.Converted > 3 { // one per language at most
		t.Errorf("one body edited, and %d bodies were converted", res.Converted)
	}
	page := filepath.Join(o.OutDir, "projects", "step-free-routes", "index.html")
	if b, _ := os.ReadFile(page); !strings.Contains(string(b), `href="/projects/silver-link/"`) {
		t.Fatal("the edited body does not link to /projects/silver-link/")
	}

	sitetest.Edit(t, filepath.Join(o.ContentDir, "projects", "silver-link.md"), "\ndate:",
		"\nslug: silver-link-homecare\ndate:")
	if res := build("the linked entry moved"); res.Converted < 1 {
		t.Error("the body linking to a moved entry was not converted again")
	}
	b, _ := os.ReadFile(page)
	if !strings.Contains(string(b), `href="/projects/silver-link-homecare/"`) ||
		strings.Contains(string(b), `href="/projects/silver-link/"`) {
		t.Error("the body still links to where the entry was")
	}
	sameAsFull(t, dir, o, readTree(t, o.OutDir))

	if err := os.Truncate(saved, 1000); err != nil {
		t.Fatal(err)
	}
	if res := build("saved conversions cut short"); res.Converted < res.Entries {
		t.Errorf("saved conversions cut short: %d bodies converted, of %d entries", res.Converted, res.Entries)
	}
	if res := build("saved again"); res.Converted != 0 {
		t.Errorf("after the damaged file was replaced: %d bodies converted", res.Converted)
	}
	o.Full = true
	if res := build("--full"); res.Converted < res.Entries {
		t.Errorf("--full: %d bodies converted, of %d entries", res.Converted, res.Entries)
	}

	// check takes the saved conversions too, and still finds a link that an unchanged body makes to an entry
	// that is gone
	if res, err := generator.Check(o); err != nil || res.Converted != 0 {
		t.Errorf("check: %d bodies converted (%v)", res.Converted, err)
	}
	if err := os.Remove(filepath.Join(o.ContentDir, "projects", "silver-link.md")); err != nil {
		t.Fatal(err)
	}
	res, err := generator.Check(o)
	t.Logf("check after the linked entry was removed: %v", err)
	if err == nil || !strings.Contains(err.Error(), "step-free-routes.md") || !strings.Contains(err.Error(),
		"silver-link.md") || res.Converted == 0 {
		t.Errorf("check after the linked entry was removed: %d bodies converted, %v", res.Converted, err)
	}
}

// TestPreviewFromBuild: showcase serve's first build takes the conversions the last build into the output folder
// saved, except for a body whose link now points elsewhere, and serves what a build would write.
func TestPreviewFromBuild(t *testing.T) {
	dir, o := builtCopy(t)
	steps := filepath.Join(o.ContentDir, "projects", "step-free-routes.md")
	const end = "everyday trip planning rather than a separate app."
	sitetest.Edit(t, steps, end, end+" Families find care near them with [Silver Link](silver-link.md).")
	if _, err := generator.Build(o); err != nil {
		t.Fatal(err)
	}
	sitetest.Edit(t, filepath.Join(o.ContentDir, "projects", "silver-link.md"), "\ndate:",
		"\nslug: silver-link-homecare\ndate:")
	p, err := generator.NewPreview(o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	up, err := p.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	full := o
	full.OutDir, full.Full = filepath.Join(dir, "full"), true
	res, err := generator.Build(full)
	if err != nil {
		t.Fatal(err)
	}
	// every conversion but those of the two edited files (in each language) and the body linking to the moved one
	if up.FromBuild < res.Converted-7 || up.FromBuild >= res.Converted {
		t.Errorf("%d conversions taken from the last build, of %d", up.FromBuild, res.Converted)
	}
	t.Logf("%d conversions taken from the last build, of %d", up.FromBuild, res.Converted)
	checkPreviewFiles(t, "first build", p, readTree(t, full.OutDir))
	if g, _ := p.File("projects/step-free-routes/index.html"); !strings.Contains(string(g),
		`href="/projects/silver-link-homecare/"`) {
		t.Error("the preview links to where the entry was")
	}
	// The saved conversions are let go after the first build: a body edited back, once its conversion is swept
	// from the preview's cache, is converted again. (Whole builds, Build(nil): an edit of one entry is patched.)
	rain := filepath.Join(o.ContentDir, "projects", "rain-ready.md")
	was, err := os.ReadFile(rain)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, rain, string(was)+"\nOne more line.\n")
	if _, err := p.Build(nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, rain, string(was))
	if up, err := p.Build(nil); err != nil || up.FromBuild != 0 {
		t.Errorf("a later build: %d conversions taken from the last build (%v)", up.FromBuild, err)
	}
}

// TestIncrementalHandEdit edits and removes built files by hand: the next build does not trust them and writes
// them again.
func TestIncrementalHandEdit(t *testing.T) {
	_, o := builtCopy(t)
	want := readTree(t, o.OutDir)
	edited := filepath.Join(o.OutDir, "projects", "index.html")
	f, err := os.OpenFile(edited, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<!-- edited -->")
	f.Close()
	if err := os.Remove(filepath.Join(o.OutDir, "search", "index.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Build(o); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, o.OutDir)
	for _, rel := range []string{"projects/index.html", "search/index.json"} {
		if string(got[rel]) != string(want[rel]) {
			t.Errorf("%s was not restored", rel)
		}
	}
}

// builtCopy copies content/ into a temporary folder and builds it into public/ there.
func builtCopy(t *testing.T) (string, generator.Options) {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	o := generator.Options{ContentDir: content, ThemesDir: filepath.Join(dir, "themes"), OutDir: filepath.Join(dir, "public")}
	if _, err := generator.Build(o); err != nil {
		t.Fatal(err)
	}
	return dir, o
}

// TestIncrementalKeepsSearch builds content/ three times over with nothing changed: the manifest of each build
// records the fingerprint of every search file, kept or not, so that every later build keeps the search indexes
// instead of making them again (a kept folder once went into the manifest without its fingerprint, and every
// other build remade the indexes: 2.3 s more at 11,000 entries).
func TestIncrementalKeepsSearch(t *testing.T) {
	dir, o := builtCopy(t)
	var first map[string]uint64
	for build := 2; build <= 3; build++ {
		res, err := generator.Build(o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Kept != res.Files {
			t.Errorf("build %d kept %d of %d files", build, res.Kept, res.Files)
		}
		fps := searchFingerprints(t, filepath.Join(dir, ".public.build.json"))
		if len(fps) == 0 {
			t.Fatalf("build %d: the manifest lists no search file", build)
		}
		for rel, fp := range fps {
			if fp == 0 {
				t.Errorf("build %d: the manifest has no fingerprint for %s", build, rel)
			} else if first != nil && first[rel] != fp {
				t.Errorf("build %d: %s's fingerprint changed from %x to %x", build, rel, first[rel], fp)
			}
		}
		first = fps
	}
}

// searchFingerprints reads the fingerprints the manifest at p records for the search indexes' files.
func searchFingerprints(t *testing.T, p string) map[string]uint64 {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files map[string]struct{ Fingerprint uint64 }
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]uint64{}
	for rel, f := range m.Files {
		if strings.Contains(rel, "search/") && !strings.HasSuffix(rel, ".html") {
			out[rel] = f.Fingerprint
		}
	}
	return out
}
