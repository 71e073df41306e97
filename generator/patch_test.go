package generator_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestPreviewPatch edits one entry at a time, names the file as the watcher does, and checks which edits the
// preview applies in place (patch.go: an entry's texts and links) and which it builds the whole site for, and
// that either way every file and every diagnostic is what a fresh build of the same content gives, and the files
// reported changed are exactly those that differ.
func TestPreviewPatch(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	o, p := shortListsPreview(t, dir)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md") // no translation, no chart block
	market := filepath.Join(content, "projects", "night-market-pulse.md")
	port := filepath.Join(content, "projects", "port-logistics-index.md")
	wall := filepath.Join(content, "pavilion", "air-sensor-wall.md")
	flow := filepath.Join(content, "pavilion", "clinic-flow-lab.md")
	rain := filepath.Join(content, "projects", "rain-ready.md")        // has ```chart blocks
	steps := filepath.Join(content, "projects", "step-free-routes.md") // another entry's body links to its page
	silver := filepath.Join(content, "projects", "silver-link.md")     // has ```chart blocks, and no entry links to it
	about := filepath.Join(content, "pages", "about.md")
	clinicHant := filepath.Join(content, "projects", "clinic-queue-compass.zh-hant.md")
	runPatchSteps(t, o, p, dir, []patchStep{
		{"title", func() string {
			sitetest.Edit(t, clinic, "title: Clinic Queue Compass", "title: Clinic Queues")
			return clinic
		}, true, false},
		{"an exhibit's sector, which it alone had", func() string { // its list pages lose a filter
			sitetest.Edit(t, flow, "sector: healthcare", "sector: education")
			return flow
		}, true, false},
		{"summary, saved by way of a file that came and went", func() string {
			tmp := clinic + "___jb_tmp___" // an editor's safe write: the watcher names it too
			writeFile(t, tmp, "")
			if err := os.Remove(tmp); err != nil {
				t.Fatal(err)
			}
			sitetest.Edit(t, clinic, "\nsummary: ", "\nsummary: Saved. ")
			return clinic
		}, true, false},
		{"summary of an exhibit", func() string {
			sitetest.Edit(t, wall, "\nsummary: ", "\nsummary: Edited. ")
			return wall
		}, true, false},
		{"team", func() string {
			sitetest.Edit(t, clinic, "team:\n", "team:\n  - name: Example New Member\n")
			return clinic
		}, true, false},
		{"cover text", func() string { sitetest.Edit(t, market, "cover_alt: A row", "cover_alt: One row"); return market }, true, false},
		{"a link", editStep(t, clinic, "links:\n", "links:\n  video: https://example.org/clinic-compass/video\n"), true, false},
		{"a link to a page of the site", editStep(t, clinic, "/video\n", "/video\n  data: /datasets/td-bus-routes/\n"), true, false},
		{"the link to another page", editStep(t, clinic, "data: /datasets/td-bus-routes/", "data: /datasets/hk-18-districts"), true, false},
		{"a link to a page that is not there", editStep(t, clinic, "/datasets/hk-18-districts", "/datasets/hk-18-district/"), false, true},
		{"that link mended", editStep(t, clinic, "/datasets/hk-18-district/", "/datasets/td-bus-routes/"), false, false},            // after a failed build
		{"a link to a file", editStep(t, clinic, "/datasets/td-bus-routes/", "/images/covers/rain-ready.svg"), true, false},         // it publishes it too
		{"the link to a page again", editStep(t, clinic, "/images/covers/rain-ready.svg", "/datasets/td-bus-routes/"), true, false}, // no longer
		{"links less", editStep(t, clinic, "  video: https://example.org/clinic-compass/video\n  data: /datasets/td-bus-routes/\n", ""), true, false},
		{"body with a warning", func() string {
			appendTo(t, clinic, "\nA <b>bold</b> paragraph.\n")
			return clinic
		}, true, false},
		{"a broken link in the body", func() string { appendTo(t, clinic, "\n[Nowhere](/no-such-page/)\n"); return clinic }, false, true},
		{"the link mended", func() string {
			sitetest.Edit(t, clinic, "(/no-such-page/)", "(/projects/)")
			return clinic
		}, false, false},
		{"body without it", func() string {
			sitetest.Edit(t, clinic, "A <b>bold</b> paragraph.", "A plain paragraph.")
			return clinic
		}, true, false},
		{"a date the same as another's", func() string {
			sitetest.Edit(t, clinic, "date: 2024-05-18", "date: 2024-10-05")
			return clinic
		}, true, false},
		{"a third entry of that date and year", func() string {
			sitetest.Edit(t, port, "date: 2023-10-16", "date: 2024-10-05")
			sitetest.Edit(t, port, "year: 2023", "year: 2024") // a title moves past two in a term's list too
			return port
		}, true, false}, // the years' lists gain and lose a page
		{"title first among that date's", func() string { sitetest.Edit(t, clinic, "title: Clinic Queues", "title: A Clinic"); return clinic }, true, false},
		{"title last among them", func() string { sitetest.Edit(t, clinic, "title: A Clinic", "title: Zebra Clinic"); return clinic }, true, false},
		{"unchanged", func() string { return clinic }, true, false},
		{"a link to the last page of a theme's list", func() string {
			appendTo(t, clinic, "\n[More](/themes/smart-economy/page/2/)\n")
			return clinic
		}, true, false},
		{"theme, that list losing that page", editStep(t, market, "theme: smart-economy", "theme: smart-living"), false, true},
		{"the link taken out", editStep(t, clinic, "\n[More](/themes/smart-economy/page/2/)\n", "\n"), false, false},
		{"theme back: a list gains a page", editStep(t, market, "theme: smart-living", "theme: smart-economy"), true, false},
		{"theme: a list loses a page", editStep(t, market, "theme: smart-economy", "theme: smart-living"), true, false},
		{"a dataset more, whose users gain a page", editStep(t, market, "datasets: [shanghai-smartcard-sample,",
			"datasets: [hk-ghg-emissions, shanghai-smartcard-sample,"), true, false},
		{"a link to that page", func() string {
			appendTo(t, clinic, "\n[Users](/datasets/hk-ghg-emissions/page/2/)\n")
			return clinic
		}, true, false},
		{"that dataset left, the page going", editStep(t, market, "datasets: [hk-ghg-emissions, ", "datasets: ["), false, true},
		{"that link taken out", editStep(t, clinic, "\n[Users](/datasets/hk-ghg-emissions/page/2/)\n", "\n"), false, false},
		{"the dataset again", editStep(t, market, "datasets: [shanghai-smartcard-sample,",
			"datasets: [hk-ghg-emissions, shanghai-smartcard-sample,"), true, false},
		{"and left again", editStep(t, market, "datasets: [hk-ghg-emissions, ", "datasets: ["), true, false},
		{"tags", func() string { sitetest.Edit(t, wall, "\ntags: [", "\ntags: [edited, "); return wall }, true, false}, // a new tag
		{"a link to the new tag's page", func() string { appendTo(t, clinic, "\n[Edited](/tags/edited/)\n"); return clinic }, true, false},
		{"that tag left, its page linked", editStep(t, wall, "\ntags: [edited, ", "\ntags: ["), false, true},
		{"the link taken out", editStep(t, clinic, "\n[Edited](/tags/edited/)\n", "\n"), false, false}, // after a failed build
		{"body linking a file", func() string { appendTo(t, market, "\n![Map](/images/covers/rain-ready.svg)\n"); return market }, true, false},
		{"the cover another entry has", editStep(t, clinic, "cover: /images/covers/clinic-queue-compass.svg", "cover: /images/covers/rain-ready.svg"), true, false}, // its own leaves the site
		{"its cover again", editStep(t, clinic, "cover: /images/covers/rain-ready.svg", "cover: /images/covers/clinic-queue-compass.svg"), true, false},
		{"entry with charts", func() string { sitetest.Edit(t, rain, "title: \"RainReady:", "title: \"Rain Ready:"); return rain }, true, false},
		{"prose between its charts", editStep(t, rain, "There is no app to install", "There is no application to install"), true, false},
		// a chart block changed or moved, showing the same charts: drawn again, in place
		{"a line above a chart", editStep(t, rain, "## What shopkeepers get\n", "## What shopkeepers get\n\nA new line.\n"), true, false}, // it moves
		{"a chart block's text", editStep(t, rain, "  en: Daily rainfall at", "  en: Rainfall at"), true, false},
		{"a chart's block again", editStep(t, rain, "  en: Rainfall at", "  en: Daily rainfall at"), true, false},
		{"a chart moved back up", editStep(t, rain, "\nA new line.\n", ""), true, false},
		{"a chart's field that warns", editStep(t, rain, "type: calendar\n", "type: calendar\nhorizontal: true\n"), true, false},
		{"a line above that chart", editStep(t, rain, "## What shopkeepers get\n", "## What shopkeepers get\n\nA new line.\n"), true, false}, // the warning moves
		{"prose above it, its lines kept", editStep(t, rain, "wettest day was 17 August:", "wettest day was 17 August 2024:"), true, false},
		{"the warning's field taken out", editStep(t, rain, "horizontal: true\n", ""), true, false},
		{"the line taken out", editStep(t, rain, "\nA new line.\n", ""), true, false},
		{"a chart drawn from another dataset", editStep(t, silver, "dataset: shanghai-census-2020\ntable: residents-by-age\n"+
			"type: donut\nencode:\n  label: age_group\n  value: residents\n", "dataset: hk-district-population-2016\n"+
			"type: donut\nencode:\n  label: district\n  value: population\n"), true, false}, // both datasets' pages change
		{"a column that is not there", editStep(t, silver, "  value: population\n", "  value: populations\n"), false, true},
		{"mended", editStep(t, silver, "  value: populations\n", "  value: population\n"), false, false},
		{"a dataset that is not there", editStep(t, silver, "dataset: hk-district-population-2016\n", "dataset: hk-district-population\n"), false, true},
		{"mended too", editStep(t, silver, "dataset: hk-district-population\n", "dataset: hk-district-population-2016\n"), false, false},
		{"its own dataset again", editStep(t, silver, "dataset: hk-district-population-2016\ntype: donut\nencode:\n"+
			"  label: district\n  value: population\n", "dataset: shanghai-census-2020\ntable: residents-by-age\n"+
			"type: donut\nencode:\n  label: age_group\n  value: residents\n"), true, false},
		{"a chart block more", func() string { appendTo(t, rain, "\n```chart\nref: hk-heavy-rain-days\n```\n"); return rain }, false, false},
		{"a chart block less", editStep(t, rain, "\n```chart\nref: hk-heavy-rain-days\n```\n", "\n"), false, false},
		{"plain page", func() string { sitetest.Edit(t, about, "\ntitle: ", "\ntitle: Edited "); return about }, false, false},
		{"an error", func() string { sitetest.Edit(t, clinic, "title: Zebra Clinic\n", ""); return clinic }, false, true},
		{"fixed", func() string { sitetest.Edit(t, clinic, "date: ", "title: Fixed Clinic\ndate: "); return clinic }, false, false},
		{"title after the fix", func() string {
			sitetest.Edit(t, clinic, "title: Fixed Clinic", "title: Fixed Clinic Again")
			return clinic
		}, true, false},
		{"a translation", func() string { // zh-hant: its own texts and body; zh-hans still shows the entry's
			writeFile(t, clinicHant, "---\ntitle: 診所輪候指南\nsummary: 睇醫生唔使等。\ncover_alt: 一排診所\n---\n翻譯正文，[連結](/projects/)。\n")
			return clinicHant
		}, true, false}, // a new translation file: in place too
		{"the translated entry's title", editStep(t, clinic, "title: Fixed Clinic Again", "title: Fixed Clinic Once More"), true, false},
		{"its summary", editStep(t, clinic, "\nsummary: ", "\nsummary: Again. "), true, false},
		{"its body", func() string { appendTo(t, clinic, "\nMore [text](/pavilion/).\n"); return clinic }, true, false},
		{"its cover", editStep(t, clinic, "cover: /images/covers/clinic-queue-compass.svg", "cover: /images/covers/rain-ready.svg"), true, false},
		{"its date", editStep(t, clinic, "date: 2024-10-05", "date: 2024-10-06"), true, false},
		{"the translation's title", editStep(t, clinicHant, "title: 診所輪候指南", "title: 診所輪候"), true, false},
		{"its summary left out", editStep(t, clinicHant, "summary: 睇醫生唔使等。\n", ""), true, false},   // the entry's
		{"its body emptied", editStep(t, clinicHant, "翻譯正文，[連結](/projects/)。\n", ""), true, false}, // the entry's
		{"its body again", func() string { appendTo(t, clinicHant, "新正文。\n"); return clinicHant }, true, false},
		{"a broken link in it", func() string { appendTo(t, clinicHant, "[壞](/nowhere/)\n"); return clinicHant }, false, true},
		{"mended", editStep(t, clinicHant, "(/nowhere/)", "(/pavilion/)"), false, false},
		{"an exhibitor in it, which a project has not", editStep(t, clinicHant, "title: ", "exhibitor: 某人\ntitle: "), false, true},
		{"taken out", editStep(t, clinicHant, "exhibitor: 某人\n", ""), false, false},
		{"the translation's title again", editStep(t, clinicHant, "title: 診所輪候", "title: 診所輪候指南"), true, false},
		{"a slug", editStep(t, clinic, "\ntitle: ", "\nslug: clinic-compass\ntitle: "), true, false}, // its pages move, in every language
		{"another entry's slug", editStep(t, clinic, "slug: clinic-compass", "slug: night-market-pulse"), false, true},
		{"a slug of its own again", editStep(t, clinic, "slug: night-market-pulse", "slug: clinic-compass"), false, false}, // after a failed build
		{"its title and slug", editStep(t, clinic, "slug: clinic-compass\ntitle: ", "slug: a-clinic\ntitle: A "), true, false},
		{"the slug of its file name", editStep(t, clinic, "slug: a-clinic\n", ""), true, false},
		{"the slug of an exhibit", editStep(t, wall, "\ntitle: ", "\nslug: sensor-wall\ntitle: "), true, false},
		{"a link to its new page", func() string { appendTo(t, clinic, "\nSee the [wall](/pavilion/sensor-wall/).\n"); return clinic }, true, false},
		{"a links: field to a third entry", editStep(t, clinic, "links:\n", "links:\n  website: /projects/night-market-pulse/\n"), true, false},
		{"that entry's slug", editStep(t, market, "\ntitle: ", "\nslug: market-pulse\ntitle: "), false, true},
		{"its slug back", editStep(t, market, "\nslug: market-pulse\n", "\n"), false, false},
		{"the slug of an entry with charts", editStep(t, silver, "\ntitle: ", "\nslug: silver-links\ntitle: "), false, false},
		{"the slug of an entry another links to", editStep(t, steps, "\ntitle: ", "\nslug: step-free\ntitle: "), false, true},
		{"its slug left out", editStep(t, steps, "\nslug: step-free\n", "\n"), false, false},
		{"a draft", editStep(t, clinic, "\ntitle: ", "\ndraft: true\ntitle: "), false, false}, // its pages go
		{"the draft's title: the site unchanged", editStep(t, clinic, "A Fixed Clinic Once More", "Draft Clinic"), true, false},
		{"its cover not there, a warning: the site unchanged", editStep(t, clinic, "covers/rain-ready.svg", "covers/no-such.svg"), true, false},
		{"its translation's title: unchanged", editStep(t, clinicHant, "title: 診所輪候指南", "title: 草稿"), true, false},
		{"an error in the draft", editStep(t, clinic, "\ntitle: ", "\nyear: 1999\ntitle: "), false, true},
		{"mended, the draft's site unchanged", editStep(t, clinic, "\nyear: 1999\n", "\n"), false, false}, // after a failed build
		{"the draft's slug another's", editStep(t, clinic, "\ndraft: true\n", "\ndraft: true\nslug: night-market-pulse\n"), false, true},
		{"a slug of its own", editStep(t, clinic, "slug: night-market-pulse", "slug: clinic-draft"), false, false},
		{"the draft's date: unchanged", editStep(t, clinic, "date: 2024-10-06", "date: 2024-10-07"), true, false},
		{"published", editStep(t, clinic, "draft: true\n", ""), false, false},
	}, nil)
}

// TestPreviewPatchDrafts is TestPreviewPatch for a preview that shows drafts (serve --drafts): a draft's edit
// changes its pages, as any entry's does, and a new draft file's pages come (in place).
func TestPreviewPatchDrafts(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	draft := filepath.Join(content, "projects", "another-draft.md")
	sitetest.Edit(t, clinic, "\ntitle: ", "\ndraft: true\ntitle: ")
	o := generator.Options{ContentDir: content, ThemesDir: filepath.Join(dir, "themes"), Drafts: true}
	runPatchSteps(t, o, startPreview(t, o), dir, []patchStep{
		{"the draft's title", editStep(t, clinic, "title: Clinic Queue Compass", "title: Draft Clinic"), true, false},
		{"published", editStep(t, clinic, "draft: true\n", ""), false, false},
		{"a draft again", editStep(t, clinic, "\ntitle: ", "\ndraft: true\ntitle: "), false, false},
		{"a new draft: its pages come", func() string {
			b, err := os.ReadFile(clinic)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, draft, strings.Replace(string(b), "title: Draft Clinic", "title: Another Draft", 1))
			return draft
		}, true, false},
		{"taken away: its pages go", func() string {
			if err := os.Remove(draft); err != nil {
				t.Fatal(err)
			}
			return draft
		}, true, false},
	}, nil)
}

// TestPreviewPatchRelatedCards: a theme may show an entry's related entries wherever it shows the entry (here on
// its card, on every list page), so a new slug changes the pages showing an entry it is related to, on any page
// of the lists.
func TestPreviewPatchRelatedCards(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	sitetest.Edit(t, filepath.Join(content, "site.yaml"), "page_size: 24", "page_size: 2")
	card, err := os.ReadFile("../themes/default/layouts/_partials/card.html")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "themes", "default", "layouts", "_partials", "card.html"),
		string(card)+`{{range .Entry.Related}}<a class="related" href="{{relURL .URL}}"></a>{{end}}`)
	o, p := builtPreview(t, dir)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	runPatchSteps(t, o, p, dir, []patchStep{
		{"a slug", editStep(t, clinic, "\ntitle: ", "\nslug: clinic-compass\ntitle: "), true, false},
		{"another", editStep(t, clinic, "slug: clinic-compass", "slug: compass"), true, false},
	}, nil)
	if b, _ := p.File("projects/index.html"); !strings.Contains(string(b), `class="related"`) {
		t.Error("the projects' list shows no related entries: the theme's card is not the test's")
	}
}

// TestPreviewPatchLists is TestPreviewPatch for edits of an entry's date, terms, tags and datasets, on content/ as
// it is (every term's list on one page, so that joining or leaving one keeps the site's pages): applied in place,
// a new tag's pages and those of a tag left without entries included, and a new newest date, unless they rename a
// tag. It runs with every page rendered at once, and with pages left for later (Preview.DeferPages): the files
// reported changed then include every file that changed, and besides them only pages left for later.
func TestPreviewPatchLists(t *testing.T) { nowAndLater(t, testPreviewPatchLists) }

func testPreviewPatchLists(t *testing.T, later bool) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	o, p := previewOf(t, dir, "page_size: 24")
	p.DeferPages(later)
	// clinic is the first entry, in the build's order, with the tags healthcare, elderly-care and community
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	wall := filepath.Join(content, "pavilion", "air-sensor-wall.md") // the only entry with the tag iot
	fifteen := filepath.Join(content, "projects", "fifteen-minute-neighbourhood", "index.md")
	steps := filepath.Join(content, "projects", "step-free-routes.md") // the oldest project without charts
	runPatchSteps(t, o, p, dir, []patchStep{
		{"theme", editStep(t, clinic, "theme: smart-living", "theme: smart-mobility"), true, false},
		{"the oldest project's theme", editStep(t, steps, "theme: smart-mobility", "theme: smart-economy"), true, false},
		{"its city", editStep(t, steps, "city: hong-kong", "city: shanghai"), true, false}, // counted on the home page
		{"city", editStep(t, clinic, "city: hong-kong", "city: shanghai"), true, false},
		{"edition", editStep(t, clinic, "year: 2024", "year: 2023"), true, false},
		{"date", editStep(t, clinic, "date: 2024-05-18", "date: 2023-01-02"), true, false},
		{"a theme, off the home page", editStep(t, clinic, "theme: smart-mobility", "theme: smart-living"), true, false},
		{"a tag another entry names", editStep(t, clinic, "community]", "community, forecasting]"), true, false},
		{"that tag again", editStep(t, clinic, ", forecasting]", "]"), true, false},
		{"a dataset less", editStep(t, clinic, ", td-bus-routes]", "]"), true, false},
		{"a dataset more", editStep(t, clinic, "datasets: [", "datasets: [td-bus-routes, "), true, false},
		{"an exhibit's sector", editStep(t, wall, "sector: environment", "sector: education"), true, false},
		{"an exhibit's tag another entry names", editStep(t, wall, "citizen-science]", "citizen-science, open-data]"), true, false},
		{"a tag it names, spelt anew", editStep(t, clinic, "[healthcare,", "[Healthcare,"), false, false},
		{"the same spelling again", editStep(t, clinic, "[Healthcare,", "[healthcare,"), false, false},
		{"a tag another entry names, spelt anew: unchanged", editStep(t, fifteen, "community]", "Community]"), true, false}, // clinic names it
		{"a tag it names, left", editStep(t, clinic, ", community]", "]"), false, false},                                    // "Community" names it now
		{"a tag only it has, left", editStep(t, wall, "iot, ", ""), true, false},                                            // its pages go
		{"a new tag", editStep(t, clinic, "[healthcare,", "[brand-new, healthcare,"), true, false},                          // its pages come
		{"spelt twice", editStep(t, clinic, "[brand-new,", "[Brand-New, brand-new,"), false, false},                         // renamed
		{"the new tag's typo mended", editStep(t, clinic, "[Brand-New, brand-new,", "[brand-newer,"), true, false},
		{"an exhibit's new tag too", editStep(t, wall, "citizen-science,", "citizen-science, brand-newer,"), true, false},
		{"the first to have it leaves it", editStep(t, clinic, "[brand-newer,", "["), false, false}, // the exhibit names it now
		{"the last leaves it", editStep(t, wall, " brand-newer,", ""), true, false},
		// the stock theme shows the newest date on no page (TestPreviewPatchNewestShown: a theme that does)
		{"the newest date", editStep(t, clinic, "date: 2023-01-02", "date: 2030-01-01"), true, false},
		{"a date after the newest again", editStep(t, clinic, "date: 2030-01-01", "date: 2030-01-02"), true, false},
		{"back", editStep(t, clinic, "date: 2030-01-02", "date: 2024-05-18"), true, false},
		{"then a theme", editStep(t, clinic, "theme: smart-living", "theme: smart-economy"), true, false},
	}, nil)
}

// fileSteps makes steps' edits that write a file whole (add) and take one away (remove).
func fileSteps(t *testing.T) (add func(f, text string) func() string, remove func(f string) func() string) {
	add = func(f, text string) func() string {
		return func() string { writeFile(t, f, text); return f }
	}
	remove = func(f string) func() string {
		return func() string {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	return add, remove
}

// editStep is a step's edit: old replaced by new in the file f.
func editStep(t *testing.T, f, old, new string) func() string {
	return func() string { sitetest.Edit(t, f, old, new); return f }
}

// patchStep is an edit of one file, and whether the preview applies it in place (patch.go) or fails.
type patchStep struct {
	name    string
	edit    func() string // edits a file and returns its path (or paths, a line each, as the watcher names them)
	patched bool
	failed  bool // the edit makes a content error
}

// runPatchSteps makes each edit, names the file to the preview as the watcher does, and checks that the preview
// applies it in place or not as the step says, and that its files, its diagnostics and the files it reports
// changed are a fresh build's; after, when set, checks more after each step.
func runPatchSteps(t *testing.T, o generator.Options, p *generator.Preview, dir string, steps []patchStep,
	after func(step int)) {
	t.Helper()
	prev := readTree(t, buildInto(t, o, filepath.Join(dir, "start")))
	for i, s := range steps {
		f := s.edit()
		named := strings.Split(f, "\n") // an edit may name more than one path, a line each
		if strings.Contains(s.name, "came and went") {
			named = append(named, f+"___jb_tmp___")
		}
		up, err := p.Build(named)
		if s.failed {
			var de *diag.Errors
			if !errors.As(err, &de) {
				t.Fatalf("%s: got %v, want content errors", s.name, err)
			}
			if after != nil {
				after(i)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if up.Patched != s.patched {
			t.Errorf("%s: applied in place: %v, want %v", s.name, up.Patched, s.patched)
		}
		full, err := generator.Build(withOut(o, filepath.Join(dir, fmt.Sprint(i))))
		if err != nil {
			t.Fatalf("%s: build: %v", s.name, err)
		}
		if !slices.Equal(up.Diagnostics, full.Diagnostics) {
			t.Errorf("%s: the preview reports\n%v\na build\n%v", s.name, up.Diagnostics, full.Diagnostics)
		}
		want := readTree(t, filepath.Join(dir, fmt.Sprint(i)))
		if got := p.Files(); len(got) != len(want) {
			t.Errorf("%s: the preview has %d files, a build %d", s.name, len(got), len(want))
		}
		var changed []string
		for rel, w := range want {
			if g, _ := p.File(rel); string(g) != string(w) {
				t.Errorf("%s: the preview's %s differs from a build's:\n%s", s.name, rel, firstDiff(string(w), string(g)))
			}
			if string(prev[rel]) != string(w) && !isSearchFile(rel) {
				changed = append(changed, rel)
			}
		}
		for rel := range prev {
			if _, ok := want[rel]; !ok && !isSearchFile(rel) {
				changed = append(changed, rel) // removed
			}
		}
		slices.Sort(changed)
		if up.Later > 0 { // reported by their fingerprint: a page may render as it was
			var more []string
			for _, rel := range up.Changed {
				if _, found := slices.BinarySearch(changed, rel); !found {
					more = append(more, rel)
				}
			}
			notPage := func(rel string) bool { return !strings.HasSuffix(rel, ".html") }
			if len(more) > up.Later || slices.ContainsFunc(more, notPage) {
				t.Errorf("%s: the preview reports as changed %v, which did not, with %d pages left for later", s.name,
					more, up.Later)
			}
			for _, rel := range changed {
				if _, found := slices.BinarySearch(up.Changed, rel); !found {
					t.Errorf("%s: the preview does not report %s as changed", s.name, rel)
				}
			}
		} else if !slices.Equal(up.Changed, changed) {
			t.Errorf("%s: the preview reports as changed\n%v\nwhat changed is\n%v", s.name, up.Changed, changed)
		}
		if s.patched && up.Rendered+up.Later == 0 && !strings.HasSuffix(s.name, "unchanged") {
			t.Errorf("%s: no page rendered", s.name)
		}
		prev = want
		if after != nil {
			after(i)
		}
	}
}

// nowAndLater runs test with every page rendered at once ("now") and with pages left for later ("later",
// Preview.DeferPages).
func nowAndLater(t *testing.T, test func(t *testing.T, later bool)) {
	t.Run("now", func(t *testing.T) { test(t, false) })
	t.Run("later", func(t *testing.T) { test(t, true) })
}

func withOut(o generator.Options, out string) generator.Options {
	o.OutDir = out
	return o
}

func buildInto(t *testing.T, o generator.Options, out string) string {
	t.Helper()
	if _, err := generator.Build(withOut(o, out)); err != nil {
		t.Fatal(err)
	}
	return out
}

// isSearchFile tells the files of a search index, which a preview builds when asked and does not announce.
func isSearchFile(rel string) bool {
	dir, _ := filepath.Split(rel)
	return filepath.Base(dir) == "search" && rel != filepath.Join(filepath.Dir(rel), "index.html")
}

func appendTo(t *testing.T, p, s string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(b)+s)
}

// TestPreviewPatchFirstAndLastTag: the tags' own pages, and the footer's link to them on every page, come with the
// site's first tag and go with its last, so those edits build the whole site; a second tag is applied in place.
func TestPreviewPatchFirstAndLastTag(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"tags: [solo]\n---\nA\n"+
		"-- content/projects/b.md --\n---\n"+sitetest.Project+"---\nB\n")
	o, p := builtPreview(t, dir)
	content := o.ContentDir
	a, b := filepath.Join(content, "projects", "a.md"), filepath.Join(content, "projects", "b.md")
	runPatchSteps(t, o, p, dir, []patchStep{
		{"the last tag leaves", editStep(t, a, "tags: [solo]\n", ""), false, false},
		{"the first tag", editStep(t, b, "---\nB", "tags: [first]\n---\nB"), false, false},
		{"a second tag", editStep(t, a, "---\nA", "tags: [second]\n---\nA"), true, false},
		{"the first tag's entry leaves it", editStep(t, b, "tags: [first]\n", ""), true, false},
	}, nil)
}

// TestPreviewPatchFiles: the files the site publishes follow an entry's cover, body and links: fields when the
// edit is applied in place. A file comes when an entry first shows it and goes when the last entry (or link)
// showing it stops; a bundle's files are published beside its page.
func TestPreviewPatchFiles(t *testing.T) {
	svg := "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"><rect width=\"4\" height=\"3\"/></svg>\n"
	project := func(title, front, body string) string {
		// a tag: the site's first and last tags are whole builds (TestPreviewPatchFirstAndLastTag)
		return "---\n" + strings.Replace(sitetest.Project, "A Project", title, 1) + "tags: [t]\n" + front + "---\n" +
			body + "\n"
	}
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a/index.md --\n"+project("Alpha", "cover: cover.svg\ncover_alt: A\n", "Alpha.")+
		"-- content/projects/a/cover.svg --\n"+svg+"-- content/projects/a/other.svg --\n"+svg+
		"-- content/projects/b.md --\n"+project("Beta", "cover: /images/shared.svg\ncover_alt: B\n", "Beta.")+
		"-- content/images/shared.svg --\n"+svg+"-- content/images/lone.svg --\n"+svg)
	o, p := builtPreview(t, dir)
	content := o.ContentDir
	a, b := filepath.Join(content, "projects", "a", "index.md"), filepath.Join(content, "projects", "b.md")
	steps := []patchStep{
		{"a bundle's cover, another file of the bundle", editStep(t, a, "cover: cover.svg", "cover: other.svg"), true, false},
		{"an image no entry showed", editStep(t, b, "Beta.", "Beta ![Lone](/images/lone.svg)"), true, false},
		{"the same image in another entry", editStep(t, a, "Alpha.", "Alpha ![Lone](/images/lone.svg)"), true, false},
		{"one of them stops showing it", editStep(t, b, " ![Lone](/images/lone.svg)", "."), true, false},
		{"the other stops too", editStep(t, a, " ![Lone](/images/lone.svg)", "."), true, false},
		{"the cover another entry has", editStep(t, a, "cover: other.svg", "cover: /images/shared.svg"), true, false},
		{"that entry's cover taken away", editStep(t, b, "cover: /images/shared.svg\ncover_alt: B\n", ""), true, false},
		{"a links: field naming a file", editStep(t, b, "team:", "links:\n  data: /images/lone.svg\nteam:"), true, false},
		{"a new image file", func() string {
			f := filepath.Join(content, "images", "new.svg")
			writeFile(t, f, svg)
			return f
		}, false, false},
		{"the new image shown", editStep(t, a, "Alpha.", "Alpha ![New](/images/new.svg)"), true, false},
		{"an image that is not there", editStep(t, a, "/images/new.svg", "/images/none.svg"), false, true},
	}
	// what the preview has after each step (besides being a fresh build's)
	want := []map[string]bool{
		{"projects/a/cover.svg": false, "projects/a/other.svg": true},
		{"images/lone.svg": true},
		{"images/lone.svg": true},
		{"images/lone.svg": true},
		{"images/lone.svg": false},
		{"projects/a/other.svg": false, "images/shared.svg": true},
		{"images/shared.svg": true},
		{"images/lone.svg": true},
		{"images/new.svg": false},
		{"images/new.svg": true},
		nil,
	}
	runPatchSteps(t, o, p, dir, steps, func(i int) {
		for rel, present := range want[i] {
			if _, ok := p.File(rel); ok != present {
				t.Errorf("%s: the preview has %s: %v, want %v", steps[i].name, rel, ok, present)
			}
		}
	})
}

// TestPreviewPatchAddRemove is TestPreviewPatch for a new project or exhibit file and one taken away: applied in
// place (model.Site.Add and Remove: the entry's page comes or goes, the lists after it move by one and may gain or
// lose a page, a new tag's pages come, related entries are scored again, its files are published or no longer),
// a draft's without rendering a page, unless the entry has charts, takes another's slug, names a tag (or its
// leaving lets another entry name it otherwise), or is linked to. It runs with pages left for later too, as
// TestPreviewPatchLists does.
func TestPreviewPatchAddRemove(t *testing.T) { nowAndLater(t, testPreviewPatchAddRemove) }

func testPreviewPatchAddRemove(t *testing.T, later bool) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	o, p := shortListsPreview(t, dir)
	p.DeferPages(later)
	project := func(title, front, body string) string {
		return "---\ntitle: " + title + "\ndate: 2024-03-01\nsummary: A new project.\ncity: hong-kong\n" +
			"theme: smart-living\nyear: 2024\nteam:\n  - name: Example Member\ntags: [healthcare, community]\n" +
			"datasets: [td-bus-routes]\n" + front +
			"---\n" + body + "\n"
	}
	exhibit := "---\ntitle: New Wall\ndate: 2024-11-02\nsummary: A new exhibit.\nexhibitor: Example Lab\ncity: shanghai\n" +
		"sector: environment\ntags: [air-quality, iot]\n---\nAn exhibit.\n"
	newer := filepath.Join(content, "projects", "new-compass.md")
	wall := filepath.Join(content, "pavilion", "new-wall.md")
	draft := filepath.Join(content, "projects", "draft-idea.md")
	first := filepath.Join(content, "projects", "aaa-first.md") // before every other project in the build's order
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	image := filepath.Join(content, "images", "new-cover.svg")
	bundle := filepath.Join(content, "projects", "new-bundle")
	removeAll := func(f string) func() string {
		return func() string {
			if err := os.RemoveAll(f); err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	add, remove := fileSteps(t)
	runPatchSteps(t, o, p, dir, []patchStep{
		{"a new project", add(newer, project("New Compass", "", "Read [the others](/projects/).")), true, false},
		{"its title", editStep(t, newer, "title: New Compass", "title: A Newer Compass"), true, false},
		{"taken away", remove(newer), true, false},
		{"a new project, the newest", add(newer, project("New Compass", "", "New.")), true, false},
		{"its date, the newest still", editStep(t, newer, "date: 2024-03-01", "date: 2030-01-01"), true, false},
		{"the newest taken away", remove(newer), true, false},
		{"a new exhibit with a new tag", add(wall, strings.Replace(exhibit, "iot]", "iot, brand-new]", 1)), true, false},
		{"taken away, and its tag", remove(wall), true, false},
		{"a new draft: unchanged", add(draft, project("Draft Idea", "draft: true\n", "Not yet.")), true, false},
		{"the draft taken away: unchanged", remove(draft), true, false},
		{"a new draft with a chart block", add(draft, project("Draft Chart", "draft: true\n",
			"```chart\ntitle: Daily rainfall\ndataset: hko-daily-rainfall\ntable: daily-2024\ntype: calendar\n"+
				"encode:\n  x: date\n  value: rainfall_mm\n```")), false, false},
		{"the draft's chart block edited, a field that warns: drawn again", editStep(t, draft, "type: calendar\n", "type: calendar\nhorizontal: true\n"), false, false},
		{"the draft taken away, and its chart", remove(draft), false, false},
		{"a new project with another's slug", add(newer, project("Copy", "slug: night-market-pulse\n", "Copy.")), false, true},
		{"taken away", remove(newer), false, false}, // after a failed build
		{"a new project with a chart block", add(newer, project("Charted", "", "```chart\nref: hk-district-population-map\n```")), false, false},
		{"taken away, with its chart", remove(newer), false, false},
		{"a new project naming a tag", add(first, strings.Replace(project("First", "", "First."), "[healthcare,", "[Healthcare,", 1)), false, false},
		{"that tag's next entry spelling it otherwise", remove(first), false, false},
		{"a new project the first to have a tag", add(first, project("First", "", "First.")), true, false},
		{"taken away, the next spelling it alike", remove(first), true, false},
		{"a new project linked to", add(newer, project("Linked", "", "Linked.")), true, false},
		{"a link to it", func() string { appendTo(t, clinic, "\nSee [Linked](/projects/new-compass/).\n"); return clinic }, true, false},
		{"taken away, still linked", remove(newer), false, true},
		{"the link taken out", editStep(t, clinic, "\nSee [Linked](/projects/new-compass/).\n", "\n"), false, false},
		{"a new image file", add(image, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>\n"), false, false},
		{"a new project showing it", add(newer, project("Pictured", "cover: /images/new-cover.svg\ncover_alt: New\n", "Pictured.")), true, false},
		{"taken away, and the image with it", remove(newer), true, false},
		{"a new bundle, named by its folder", func() string { // as `showcase new` writes one
			writeFile(t, filepath.Join(bundle, "index.md"), project("Bundled", "", "Bundled."))
			return bundle
		}, true, false},
		{"its folder taken away", removeAll(bundle), true, false},
		{"a new bundle, named by its folder and its file", func() string {
			writeFile(t, filepath.Join(bundle, "index.md"), project("Bundled", "", "Bundled."))
			return bundle + "\n" + filepath.Join(bundle, "index.md")
		}, true, false},
		{"its folder and its file taken away", func() string {
			removeAll(bundle)()
			return bundle + "\n" + filepath.Join(bundle, "index.md")
		}, true, false},
		{"a new bundle with its cover", func() string {
			writeFile(t, filepath.Join(bundle, "cover.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>\n")
			writeFile(t, filepath.Join(bundle, "index.md"), project("Bundled", "cover: cover.svg\ncover_alt: A cover\n", "Bundled."))
			return bundle
		}, false, false},
		{"its folder, with its cover, taken away", removeAll(bundle), false, false},
		{"an exhibit taken away", remove(filepath.Join(content, "pavilion", "air-sensor-wall.md")), true, false},
	}, nil)
}

// TestPreviewPatchNewestShown: with a theme whose pages show the newest entry's date (.Site.Updated, here in the
// body-end hook), an edit, a new entry or one taken away that changes it builds the whole site (every page shows
// it); one that does not is applied in place. The stock theme shows it on no page (TestPreviewPatchAddRemove).
func TestPreviewPatchNewestShown(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	writeFile(t, filepath.Join(dir, "themes", "default", "layouts", "_partials", "hooks", "body-end.html"),
		`<p class="updated">{{.Site.Updated.Format "2006-01-02"}}</p>`)
	o, p := builtPreview(t, dir)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	newer := filepath.Join(content, "projects", "new-compass.md")
	b, err := os.ReadFile(clinic)
	if err != nil {
		t.Fatal(err)
	}
	copyOf := func(date string) func() string {
		return func() string {
			writeFile(t, newer, strings.Replace(strings.Replace(string(b), "date: 2024-05-18", "date: "+date, 1),
				"title: Clinic Queue Compass", "title: New Compass", 1))
			return newer
		}
	}
	_, removeStep := fileSteps(t)
	remove := removeStep(newer)
	runPatchSteps(t, o, p, dir, []patchStep{
		{"the newest date", editStep(t, clinic, "date: 2024-05-18", "date: 2030-01-01"), false, false},
		{"a date before it", editStep(t, clinic, "date: 2030-01-01", "date: 2029-01-01"), false, false},
		{"back", editStep(t, clinic, "date: 2029-01-01", "date: 2024-05-18"), false, false},
		{"a new entry, not the newest", copyOf("2024-01-01"), true, false},
		{"taken away", remove, true, false},
		{"a new entry, the newest", copyOf("2030-01-01"), false, false},
		{"the newest taken away", remove, false, false},
	}, nil)
	if b, _ := p.File("index.html"); !strings.Contains(string(b), `class="updated"`) {
		t.Error("the home page does not show the newest date: the theme's hook is not the test's")
	}
}

// TestPreviewPatchTranslationFiles is TestPreviewPatch for a new translation file and one taken away: applied in
// place (model.Site.PatchTranslation), the entry's pages in that language showing the translation's texts and body,
// or the entry's own again; the problems of the entry's own body, which every language without a translated body
// shows, stay. A translation in no language of the site's, or of no entry, builds the whole site (and fails).
func TestPreviewPatchTranslationFiles(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	appendTo(t, clinic, "\nA <b>bold</b> paragraph.\n") // a warning in the entry's body
	o, p := builtPreview(t, dir)
	hant := filepath.Join(content, "projects", "clinic-queue-compass.zh-hant.md")
	hans := filepath.Join(content, "projects", "clinic-queue-compass.zh-hans.md")
	rain := filepath.Join(content, "projects", "rain-ready.zh-hant.md") // its entry has ```chart blocks
	french := filepath.Join(content, "projects", "clinic-queue-compass.fr.md")
	orphan := filepath.Join(content, "projects", "no-such-entry.zh-hant.md")
	add, remove := fileSteps(t)
	runPatchSteps(t, o, p, dir, []patchStep{
		{"a new translation", add(hant, "---\ntitle: 診所輪候指南\nsummary: 睇醫生唔使等。\n---\n翻譯正文，[連結](/projects/)。\n"), true, false},
		{"its body emptied", editStep(t, hant, "翻譯正文，[連結](/projects/)。\n", ""), true, false},
		{"its body again, with a warning of its own", func() string { appendTo(t, hant, "新<i>正文</i>。\n"); return hant }, true, false},
		{"another language's", add(hans, "---\ntitle: 诊所轮候指南\n---\n"), true, false},
		{"taken away", remove(hant), true, false},
		{"the other taken away", remove(hans), true, false},
		{"a new translation with a broken link", add(hant, "---\ntitle: 診所\n---\n[壞](/nowhere/)\n"), false, true},
		{"taken away after the failed build", remove(hant), false, false},
		{"a translation of an entry with charts", add(rain, "---\ntitle: 雨天準備\n---\n"), true, false},
		{"taken away", remove(rain), true, false},
		{"a translation in no language of the site's", add(french, "---\ntitle: Clinique\n---\n"), false, true},
		{"taken away after the failed build", remove(french), false, false},
		{"a translation of no entry", add(orphan, "---\ntitle: 無\n---\n"), false, true},
		{"taken away after the failed build", remove(orphan), false, false},
		{"a new translation again", add(hant, "---\ntitle: 診所輪候指南\n---\n翻譯。\n"), true, false},
		{"its entry a draft", editStep(t, clinic, "\ntitle: ", "\ndraft: true\ntitle: "), false, false},
		{"the draft's translation taken away: unchanged", remove(hant), true, false},
		{"a new one: unchanged", add(hant, "---\ntitle: 草稿\n---\n"), true, false},
	}, nil)
}

// TestPreviewPatchRequiredTranslations: in a site whose site.yaml requires a language, a new entry (without its
// translation yet) and a translation taken away build the whole site, which reports the missing translation; a
// translation's edit, and a new entry's translation, are applied in place.
func TestPreviewPatchRequiredTranslations(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	for _, glob := range []string{"projects/*.md", "projects/*/index.md", "pavilion/*.md", "pages/*.md"} {
		files, _ := filepath.Glob(filepath.Join(content, glob))
		for _, f := range files {
			hant := strings.TrimSuffix(f, ".md") + ".zh-hant.md"
			if _, err := os.Stat(hant); strings.Count(filepath.Base(f), ".") == 1 && errors.Is(err, os.ErrNotExist) {
				writeFile(t, hant, "---\ntitle: 譯名\n---\n")
			}
		}
	}
	sitetest.Edit(t, filepath.Join(content, "site.yaml"), "code: zh-hant", "required: true, code: zh-hant")
	o, p := builtPreview(t, dir)
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.zh-hant.md")
	added, addedHant := filepath.Join(content, "projects", "added.md"), filepath.Join(content, "projects", "added.zh-hant.md")
	project, err := os.ReadFile(filepath.Join(content, "projects", "step-free-routes.md"))
	if err != nil {
		t.Fatal(err)
	}
	runPatchSteps(t, o, p, dir, []patchStep{
		{"a translation's title", editStep(t, clinic, "title: 譯名", "title: 診所"), true, false},
		{"a new draft without its translation", func() string {
			writeFile(t, added, strings.Replace(string(project), "\ntitle: ", "\ndraft: true\ntitle: ", 1))
			return added
		}, false, true},
		{"published, without its translation", func() string { writeFile(t, added, string(project)); return added }, false, true},
		{"its translation", func() string { writeFile(t, addedHant, "---\ntitle: 新\n---\n"); return addedHant }, false, false},
		{"the new translation's title", editStep(t, addedHant, "title: 新", "title: 新新"), true, false},
		{"a translation taken away", func() string {
			if err := os.Remove(clinic); err != nil {
				t.Fatal(err)
			}
			return clinic
		}, false, true},
	}, nil)
}

// TestPreviewPatchStrictCharts: with --strict a warning fails the build, so a chart block whose chart draws with a
// warning is not applied in place; the whole build fails and says so.
func TestPreviewPatchStrictCharts(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	o := generator.Options{ContentDir: content, ThemesDir: filepath.Join(dir, "themes"), Strict: true}
	rain := filepath.Join(content, "projects", "rain-ready.md")
	runPatchSteps(t, o, startPreview(t, o), dir, []patchStep{
		{"a chart block's title", editStep(t, rain, "  en: Daily rainfall at", "  en: Rainfall at"), true, false},
		{"a field that warns as the chart is drawn", editStep(t, rain, "type: calendar\n", "type: calendar\nhorizontal: true\n"), false, true},
		{"taken out", editStep(t, rain, "horizontal: true\n", ""), false, false},
	}, nil)
}
