package generator_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPreviewMatchesBuild edits a copy of content/ step by step and, after each step, checks that the preview's
// files are exactly what a fresh build of the same content writes, and that the preview reports exactly the files
// that changed: a kept parse, conversion, table or chart is never stale.
func TestPreviewMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	themes := filepath.Join(dir, "themes") // none: the built-in theme
	o := generator.Options{ContentDir: content, ThemesDir: themes}
	p, err := generator.NewPreview(o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	prev := map[string][]byte{}
	step := func(name string, changed ...string) {
		t.Helper()
		up, err := p.Build(changed)
		if err != nil {
			t.Fatalf("%s: preview: %v", name, err)
		}
		bo := o
		bo.OutDir = filepath.Join(dir, "out-"+strings.ReplaceAll(name, " ", "-"))
		if _, err := generator.Build(bo); err != nil {
			t.Fatalf("%s: build: %v", name, err)
		}
		want := readTree(t, bo.OutDir)
		got := map[string][]byte{}
		for _, f := range p.Files() {
			got[f], _ = p.File(f)
		}
		for f, w := range want {
			if g, ok := got[f]; !ok {
				t.Errorf("%s: preview lacks %s", name, f)
			} else if string(g) != string(w) {
				t.Errorf("%s: preview's %s differs from the build's:\n%s", name, f, firstDiff(string(w), string(g)))
			}
		}
		for f := range got {
			if _, ok := want[f]; !ok {
				t.Errorf("%s: preview has %s, which the build does not", name, f)
			}
		}
		var wantChanged []string
		for f, w := range want {
			if o, ok := prev[f]; !ok || string(o) != string(w) {
				wantChanged = append(wantChanged, f)
			}
		}
		for f := range prev {
			if _, ok := want[f]; !ok {
				wantChanged = append(wantChanged, f)
			}
		}
		if shownOnSomePages[name] && up.Rendered >= up.Pages {
			t.Errorf("%s: every page (%d) was rendered again", name, up.Pages)
		}
		// the search indexes are built when first asked for, and never announced: no tab shows them
		wantChanged = slices.DeleteFunc(wantChanged, searchFile)
		slices.Sort(wantChanged)
		if !slices.Equal(up.Changed, wantChanged) {
			t.Errorf("%s: changed = %d files %v\nwant %d files %v", name, len(up.Changed), head(up.Changed),
				len(wantChanged), head(wantChanged))
		}
		prev = want
	}
	rain := filepath.Join(content, "projects", "rain-ready.md")
	step("first build")
	step("nothing changed")
	sitetest.Edit(t, rain, "title: \"RainReady:", "title: \"RainReady 2:")
	step("title", rain)
	sitetest.Edit(t, rain, "Combines daily", "Joins daily")
	step("summary without naming the file") // found by its size and time alone
	nowcast := filepath.Join(content, "projects", "air-quality-nowcast", "index.md")
	sitetest.Edit(t, nowcast, "(/projects/rain-ready/)", "(../rain-ready.md)")
	step("link by file", nowcast)
	sitetest.Edit(t, rain, "date: 2023-08-30", "slug: rain-ready-two\ndate: 2023-08-30")
	step("linked entry's slug", rain) // the linking body is unchanged; its link's URL is not
	csv := filepath.Join(content, "datasets", "hko-daily-rainfall", "annual-rainfall.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	writeFile(t, csv, strings.Join(slices.Delete(lines, len(lines)-3, len(lines)-2), "\n"))
	step("snapshot row removed", csv)
	spec := filepath.Join(content, "charts", "hk-heavy-rain-days.yaml")
	sitetest.Edit(t, spec, `min: "1947"`, `min: "1950"`)
	step("chart filter", spec)
	added := filepath.Join(content, "projects", "brand-new.md")
	src, _ := os.ReadFile(rain)
	writeFile(t, added, strings.NewReplacer("RainReady 2", "Brand new", "slug: rain-ready-two\n", "").Replace(string(src)))
	step("entry added", added)

	// A content error keeps the last good site and reports the position.
	sitetest.Edit(t, added, "theme: smart-environment", "theme: smart-enviroment")
	up, err := p.Build([]string{added})
	var de *diag.Errors
	if !errors.As(err, &de) {
		t.Fatalf("broken entry: err = %v, want content errors", err)
	}
	if len(up.Diagnostics) == 0 || !strings.Contains(up.Diagnostics[0].String(), "brand-new.md:6:8: theme:") ||
		!strings.Contains(up.Diagnostics[0].String(), `did you mean "smart-environment"?`) {
		t.Errorf("broken entry: diagnostics = %v", up.Diagnostics)
	}
	if got, _ := p.File("projects/brand-new/index.html"); !strings.Contains(string(got), "Brand new") {
		t.Errorf("broken entry: the last good page is gone")
	}
	sitetest.Edit(t, added, "theme: smart-enviroment", "theme: smart-environment")
	step("entry fixed", added)
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	step("entry removed", added)
	clinic, _ := os.ReadFile(filepath.Join(content, "projects", "clinic-queue-compass.md"))
	writeFile(t, added, strings.Replace(string(clinic), "title: Clinic Queue Compass", "title: Brand new", 1))
	step("entry added without charts", added)
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	step("entry removed without charts", added)
}

// shownOnSomePages are the steps of TestPreviewMatchesBuild whose change only some pages show, so that not every
// page is rendered again: an entry added or taken away (every page may show whether the site has entries, not how
// many), a chart's edit (the pages showing the chart: its entry's, its own, its dataset's, the chart and dataset
// lists), a new entry with charts (the charts are new).
var shownOnSomePages = map[string]bool{"chart filter": true, "entry added": true, "entry removed": true,
	"entry added without charts": true, "entry removed without charts": true}

// TestPreviewSiteUpdated: a theme may show the site's newest date (Site.Updated) on every page, so moving it
// renders every page again, those that show no entry included.
func TestPreviewSiteUpdated(t *testing.T) {
	dir := t.TempDir()
	content, themes := filepath.Join(dir, "content"), filepath.Join(dir, "themes")
	sitetest.Copy(t, "../content", content)
	footer, err := os.ReadFile("../themes/default/layouts/_partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(themes, "default", "layouts", "_partials", "footer.html"),
		string(footer)+`<p class="updated">{{.Site.Updated.Format "2006-01-02"}}</p>`)
	p, err := generator.NewPreview(generator.Options{ContentDir: content, ThemesDir: themes})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Build(nil); err != nil {
		t.Fatal(err)
	}
	hop := filepath.Join(content, "projects", "harbour-hop", "index.md")
	sitetest.Edit(t, hop, "date: 2025-06-14", "date: 2030-01-02")
	if _, err := p.Build([]string{hop}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "terms/index.html", "datasets/index.html", "zh-hant/about/index.html"} {
		if b, _ := p.File(f); !strings.Contains(string(b), `<p class="updated">2030-01-02</p>`) {
			t.Errorf("%s does not show the new date", f)
		}
	}
}

// searchFile reports whether rel is a file of a search index ("search/index.json", "zh-hant/search/d0-0a1b2c3d.json").
func searchFile(rel string) bool {
	dir, name := path.Split(rel)
	return strings.HasSuffix(dir, "search/") && strings.HasSuffix(name, ".json")
}

func head(s []string) []string {
	if len(s) > 8 {
		return append(slices.Clip(s[:8]), "…")
	}
	return s
}

// TestPreviewNotesTimeOnlyChanges: an edit that keeps the size and lands in the same clock tick is still seen
// when the watcher names the file.
func TestPreviewNamedChange(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	p, err := generator.NewPreview(generator.Options{ContentDir: content, ThemesDir: filepath.Join(dir, "themes")})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Build(nil); err != nil {
		t.Fatal(err)
	}
	rain := filepath.Join(content, "projects", "rain-ready.md")
	info, _ := os.Stat(rain)
	sitetest.Edit(t, rain, "RainReady:", "RainRe4dy:") // same size
	if err := os.Chtimes(rain, time.Time{}, info.ModTime()); err != nil {
		t.Fatal(err)
	}
	up, err := p.Build([]string{rain})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(up.Changed, "projects/rain-ready/index.html") {
		t.Errorf("changed = %v, want the edited page", head(up.Changed))
	}
}

// TestPreviewRandomEdits makes a seeded series of edits a contributor or organiser makes — titles, summaries,
// dates, tags and their spelling, links, themes, bodies, where a chart sits in a body, datasets' titles and retrieval
// dates, chart titles, translations, site.yaml — and after each checks every file of
// the preview, and of an incremental build into the same folder each time, against a fresh full build. It is the
// guard on render.Fingerprints: a page kept although something it shows changed fails here.
//
// later does the same with pages rendered later (Preview.DeferPages), and leaves out the incremental build (the
// same as now's). Of every three edits, the first's files are read at once (each page left for later rendered
// when asked for), the second's after Settle, and the third's not at all: the next build renders them first.
func TestPreviewRandomEdits(t *testing.T) {
	t.Run("now", func(t *testing.T) { testRandomEdits(t, false) })
	t.Run("later", func(t *testing.T) { testRandomEdits(t, true) })
}

func testRandomEdits(t *testing.T, later bool) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	o, p := shortListsPreview(t, dir)
	p.DeferPages(later)
	deferred := 0 // pages left for later
	var entries, projects, listed, translations []string
	for _, glob := range []string{"projects/*.md", "projects/*/index*.md", "pavilion/*.md", "pages/*.md"} {
		all, _ := filepath.Glob(filepath.Join(content, glob))
		var m []string
		for _, f := range all {
			if strings.Count(filepath.Base(f), ".") > 1 { // a translation: "about.zh-hant.md"
				translations = append(translations, f)
			} else {
				m = append(m, f)
			}
		}
		entries = append(entries, m...)
		if strings.HasPrefix(glob, "projects") {
			projects = append(projects, m...)
		}
		if !strings.HasPrefix(glob, "pages") {
			listed = append(listed, m...) // entries with a date and tags
		}
	}
	charts, _ := filepath.Glob(filepath.Join(content, "charts", "*.yaml"))
	chartBlock := regexp.MustCompile("(?s)\n```chart\n.*?\n```\n")
	var chartBodies []string
	for _, f := range entries {
		if b, _ := os.ReadFile(f); chartBlock.Match(b) {
			chartBodies = append(chartBodies, f)
		}
	}
	if len(chartBodies) == 0 {
		t.Fatal("no entry of content/ has a ```chart block")
	}
	var linked []string // entries with links:
	for _, f := range listed {
		if b, _ := os.ReadFile(f); strings.Contains(string(b), "\nlinks:\n") {
			linked = append(linked, f)
		}
	}
	if len(linked) == 0 {
		t.Fatal("no entry of content/ has links:")
	}
	var movable []string         // entries that no other file names: a new slug breaks no link
	texts := map[string]string{} // every Markdown file of content/, by path
	filepath.WalkDir(content, func(f string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(f, ".md") {
			b, _ := os.ReadFile(f)
			texts[f] = string(b)
		}
		return err
	})
	for _, f := range listed {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		if name == "index" {
			name = filepath.Base(filepath.Dir(f))
		}
		named := false
		for g, text := range texts {
			named = named || (g != f && strings.Contains(text, "/"+name))
		}
		if !named {
			movable = append(movable, f)
		}
	}
	if len(movable) < 3 {
		t.Fatalf("only %d entries of content/ are linked from no other file", len(movable))
	}
	var copyable []string // entries a new one may be a copy of: in their section's folder, without charts
	for _, f := range movable {
		if !slices.Contains(chartBodies, f) && filepath.Base(filepath.Dir(filepath.Dir(f))) == "content" {
			copyable = append(copyable, f)
		}
	}
	var added []string      // the new entries' files
	var translated []string // the new translations' files
	datasets, _ := filepath.Glob(filepath.Join(content, "datasets", "*", "dataset.yaml"))
	themes := []string{"smart-mobility", "smart-living", "smart-environment", "smart-economy"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	line := func(field string) *regexp.Regexp { return regexp.MustCompile(`(?m)^` + field + `: .*$`) }
	edits := []struct {
		name string
		do   func(n int) string // edits a file and returns it
	}{
		{"title", func(n int) string {
			f := pick(entries)
			replaceRE(t, f, line("title"), fmt.Sprintf("title: Edited title %d", n))
			return f
		}},
		{"summary", func(n int) string {
			f := pick(entries)
			replaceRE(t, f, line("summary"), fmt.Sprintf("summary: Edited summary %d.", n))
			return f
		}},
		{"date", func(n int) string {
			f := pick(listed)
			replaceRE(t, f, line("date"), fmt.Sprintf("date: 2025-%02d-%02d", 1+n%12, 1+n%27))
			return f
		}},
		{"tags", func(n int) string {
			f := pick(listed)
			replaceRE(t, f, line("tags"), fmt.Sprintf("tags: [edited-%d, open-data]", n%3))
			return f
		}},
		{"tag spelling", func(n int) string {
			// the same tag, spelt another way: the first spelling seen names the tag wherever it is shown
			f := listed[0]
			spelling := []string{"Spelled Tag", "spelled tag", "SPELLED-TAG"}[rng.IntN(3)]
			replaceRE(t, f, line("tags"), fmt.Sprintf("tags: [%q, open-data]", spelling))
			return f
		}},
		{"slug", func(n int) string { // its pages move, in every language (with charts: the whole site is built)
			f := pick(movable)
			if b, _ := os.ReadFile(f); line("slug").Match(b) {
				replaceRE(t, f, line("slug"), fmt.Sprintf("slug: moved-%d", n))
			} else {
				sitetest.Edit(t, f, "\ntitle: ", fmt.Sprintf("\nslug: moved-%d\ntitle: ", n))
			}
			return f
		}},
		{"new entry, or one taken away", func(n int) string { // its page comes or goes, lists move by one
			if len(added) > 0 && rng.IntN(2) == 0 {
				i := rng.IntN(len(added))
				f := added[i]
				added = slices.Delete(added, i, i+1)
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
				return f
			}
			src := pick(copyable)
			f := filepath.Join(filepath.Dir(src), fmt.Sprintf("added-%d.md", n))
			b, _ := os.ReadFile(src)
			text := regexp.MustCompile(`(?m)^slug: .*\n`).ReplaceAllString(string(b), "")
			text = line("date").ReplaceAllString(text, fmt.Sprintf("date: 20%02d-%02d-%02d", 23+rng.IntN(8), 1+n%12, 1+n%27))
			text = line("title").ReplaceAllString(text, fmt.Sprintf("title: Added %d", n))
			writeFile(t, f, line("tags").ReplaceAllString(text, fmt.Sprintf("tags: [added-%d, open-data]", n%2)))
			added = append(added, f)
			return f
		}},
		{"translation file, or one taken away", func(n int) string { // the entry's pages in one language change
			if len(translated) > 0 && rng.IntN(2) == 0 {
				i := rng.IntN(len(translated))
				f := translated[i]
				translated = slices.Delete(translated, i, i+1)
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
				return f
			}
			src := pick(listed)
			f := strings.TrimSuffix(src, ".md") + "." + []string{"zh-hant", "zh-hans"}[n%2] + ".md"
			if _, err := os.Stat(f); err == nil {
				return f // there already: named, unchanged
			}
			body := fmt.Sprintf("譯文 %d。\n", n)
			if slices.Contains(chartBodies, src) {
				body = "" // a translated body shows the entry's charts, block for block
			}
			writeFile(t, f, fmt.Sprintf("---\ntitle: 譯名 %d\n---\n%s", n, body))
			translated = append(translated, f)
			return f
		}},
		{"links", func(n int) string { // a link out, or to a page of the site
			f := pick(linked)
			b, _ := os.ReadFile(f)
			text := regexp.MustCompile(`(?m)^  video: .*\n`).ReplaceAllString(string(b), "")
			link := fmt.Sprintf("https://example.org/video/%d", n)
			if n%2 == 1 {
				link = "/themes/" + pick(themes) + "/"
			}
			writeFile(t, f, strings.Replace(text, "\nlinks:\n", "\nlinks:\n  video: "+link+"\n", 1))
			return f
		}},
		{"theme", func(n int) string {
			f := pick(projects)
			replaceRE(t, f, line("theme"), "theme: "+pick(themes))
			return f
		}},
		{"body", func(n int) string {
			f := pick(entries)
			b, _ := os.ReadFile(f)
			writeFile(t, f, string(b)+fmt.Sprintf("\nAn edited paragraph, number %d.\n", n))
			return f
		}},
		{"chart moved in a body", func(n int) string {
			// the body's text stays the same: only where the chart sits in it changes
			f := pick(chartBodies)
			b, _ := os.ReadFile(f)
			text := string(b)
			block := chartBlock.FindString(text)
			text = strings.Replace(text, block, "\n", 1)
			if n%2 == 0 {
				text = strings.TrimRight(text, "\n") + "\n" + block
			} else {
				end := strings.Index(text[4:], "\n---\n") + 4 + len("\n---\n")
				text = text[:end] + block + text[end:]
			}
			writeFile(t, f, text)
			return f
		}},
		{"dataset retrieved", func(n int) string {
			f := pick(datasets)
			replaceRE(t, f, line("retrieved"), fmt.Sprintf("retrieved: 2026-10-%02d", 1+n%28))
			return f
		}},
		{"dataset title", func(n int) string { // shown beside every entry that cites the dataset
			f := pick(datasets)
			replaceRE(t, f, regexp.MustCompile(`(?m)^title:\n  en: .*$`), fmt.Sprintf("title:\n  en: Edited dataset %d", n))
			return f
		}},
		{"chart title", func(n int) string {
			f := pick(charts)
			replaceRE(t, f, regexp.MustCompile(`(?m)^title:\n  en: `), fmt.Sprintf("title:\n  en: Edit %d, ", n))
			return f
		}},
		{"translation title", func(n int) string {
			f := pick(translations)
			replaceRE(t, f, line("title"), fmt.Sprintf("title: 譯名 %d", n))
			return f
		}},
		{"site hero", func(n int) string {
			f := filepath.Join(content, "site.yaml")
			replaceRE(t, f, regexp.MustCompile(`(?m)^    en: Open data from two cities.*$`),
				fmt.Sprintf("    en: Open data from two cities, edit %d", n))
			return f
		}},
	}
	patched := map[string]int{} // the edits a preview applied in place (patch.go), by kind
	defer func() {
		t.Logf("applied in place, by kind of edit: %v", patched)
		if patched["title"]+patched["summary"]+patched["body"] == 0 {
			t.Errorf("no edit of texts was applied in place: %v", patched)
		}
	}()
	for n := range 3 * len(edits) {
		e := edits[n%len(edits)]
		f := e.do(n)
		name := fmt.Sprintf("edit %d (%s of %s)", n, e.name, filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f))
		var changed []string
		if rng.IntN(2) == 0 {
			changed = []string{f} // half the time the watcher names it, half the time its size and time tell
		}
		up, err := p.Build(changed)
		if err != nil {
			var de *diag.Errors
			if errors.As(err, &de) {
				t.Fatalf("%s: %v", name, de.Diagnostics)
			}
			t.Fatalf("%s: %v", name, err)
		}
		if up.Patched {
			patched[e.name]++
		}
		if !later && up.Later > 0 {
			t.Errorf("%s: %d pages left for later, without DeferPages", name, up.Later)
		}
		deferred += up.Later
		if later && n%3 == 2 && n < 3*len(edits)-1 {
			continue // the next build renders them first
		}
		if later && n%3 == 1 {
			if err := p.Settle(); err != nil {
				t.Fatalf("%s: settle: %v", name, err)
			}
		}
		out := filepath.Join(dir, fmt.Sprintf("out-%d", n))
		bo := o
		bo.OutDir = out
		full, err := generator.Build(bo)
		if err != nil {
			t.Fatalf("%s: build: %v", name, err)
		}
		if !slices.Equal(up.Diagnostics, full.Diagnostics) {
			t.Errorf("%s: the preview reports\n%v\na build\n%v", name, up.Diagnostics, full.Diagnostics)
		}
		want := readTree(t, out)
		if later {
			checkPreviewFiles(t, name, p, want)
			continue
		}
		incr := o
		incr.OutDir = filepath.Join(dir, "incremental")
		before, inodes := map[string][]byte{}, inodesOf(t, incr.OutDir)
		if n > 0 {
			before = readTree(t, incr.OutDir)
		}
		res, err := generator.Build(incr)
		if err != nil {
			t.Fatalf("%s: incremental build: %v", name, err)
		}
		if n > 0 && res.Kept == 0 {
			t.Errorf("%s: the incremental build kept none of %d files", name, res.Files)
		}
		got, after := readTree(t, incr.OutDir), inodesOf(t, incr.OutDir)
		for rel, b := range got { // only what changed is written: every other file is the previous one
			if old, ok := before[rel]; ok && string(old) == string(b) && inodes[rel] != after[rel] {
				t.Errorf("%s: %s did not change but was written again", name, rel)
			}
		}
		for rel, w := range want {
			if g, ok := got[rel]; !ok || string(g) != string(w) {
				t.Errorf("%s: incremental build's %s differs from a full build's:\n%s", name, rel,
					firstDiff(string(w), string(g)))
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: the incremental build has %d files, a full build %d", name, len(got), len(want))
		}
		checkPreviewFiles(t, name, p, want)
	}
	if later && deferred == 0 {
		t.Error("no page was left for later")
	}
}

// checkPreviewFiles checks that the preview's files are want.
func checkPreviewFiles(t *testing.T, name string, p *generator.Preview, want map[string][]byte) {
	t.Helper()
	if len(want) != len(p.Files()) {
		t.Errorf("%s: preview has %d files, the build %d", name, len(p.Files()), len(want))
	}
	for rel, w := range want {
		if g, _ := p.File(rel); string(g) != string(w) {
			t.Errorf("%s: preview's %s is stale:\n%s", name, rel, firstDiff(string(w), string(g)))
		}
	}
}

// inodesOf returns the inode of every file under dir by slash path (none when dir does not exist).
func inodesOf(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Sys().(*syscall.Stat_t).Ino
		return nil
	})
	return out
}

func replaceRE(t *testing.T, p string, re *regexp.Regexp, with string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	loc := re.FindIndex(b)
	if loc == nil {
		t.Fatalf("%s: no match for %s", p, re)
	}
	writeFile(t, p, string(b[:loc[0]])+with+string(b[loc[1]:]))
}

// shortListsPreview copies content/ into dir/content with lists of two entries a page (an edit changes a count
// on a page whose list it does not change, and moves entries from page to page) and builds a preview of it.
func shortListsPreview(t *testing.T, dir string) (generator.Options, *generator.Preview) {
	t.Helper()
	return previewOf(t, dir, "page_size: 2")
}

// previewOf copies content/ into dir/content with site.yaml's page size set as pageSize says ("page_size: 2")
// and builds a preview of it.
func previewOf(t *testing.T, dir, pageSize string) (generator.Options, *generator.Preview) {
	t.Helper()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	sitetest.Edit(t, filepath.Join(content, "site.yaml"), "page_size: 24", pageSize)
	return builtPreview(t, dir)
}

// builtPreview is a preview of dir/content (themes in dir/themes), built once.
func builtPreview(t *testing.T, dir string) (generator.Options, *generator.Preview) {
	t.Helper()
	o := generator.Options{ContentDir: filepath.Join(dir, "content"), ThemesDir: filepath.Join(dir, "themes")}
	return o, startPreview(t, o)
}

// startPreview is a preview of o, built once.
func startPreview(t *testing.T, o generator.Options) *generator.Preview {
	t.Helper()
	p, err := generator.NewPreview(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if _, err := p.Build(nil); err != nil {
		t.Fatal(err)
	}
	return p
}
