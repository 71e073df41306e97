package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/browser"
)

// TestBrowserSearch builds content/ and uses it in headless Chromium with the keyboard: a Chinese query on the
// 繁體中文 search page and an English one on the English page find the expected entries and keep the query in the
// URL; the project list's filters narrow it and clear; the language switcher leads to the same page in another
// language. No console error may occur.
func TestBrowserSearch(t *testing.T) {
	b := browser.New(t)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{})
	base := browser.Serve(t, out)
	ctx := b.Context()
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	location := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// 繁體中文: type 觀塘 and press Enter
	if err := b.Do(chromedp.Navigate(base+"/zh-hant/search/"), chromedp.WaitVisible(chromedp.CSS("#search-q")),
		chromedp.SendKeys(chromedp.CSS("#search-q"), "觀塘\r"),
		chromedp.WaitVisible(chromedp.CSS(".search-result a"))); err != nil {
		t.Fatal(err)
	}
	if got := text(".search-result a"); got != "Clinic Queue Compass" {
		t.Errorf("觀塘: first result %q", got)
	}
	if s := text("[data-search-status]"); !strings.Contains(s, "「觀塘」有 1 項結果") {
		t.Errorf("觀塘: status %q", s)
	}
	if l := location(); !strings.Contains(l, "?q=%E8%A7%80%E5%A1%98") {
		t.Errorf("觀塘: the URL does not keep the query: %s", l)
	}

	// English, as you type, by the start of words
	if err := b.Do(chromedp.Navigate(base+"/search/"), chromedp.WaitVisible(chromedp.CSS("#search-q")),
		chromedp.SendKeys(chromedp.CSS("#search-q"), "air qual"),
		chromedp.WaitVisible(chromedp.CSS(".search-result a"))); err != nil {
		t.Fatal(err)
	}
	if s := text(".search-results"); !strings.Contains(s, "Street Air: an hourly air quality nowcast") {
		t.Errorf("air qual: results %q", s)
	}

	// a query with more than 20 results lists 20; "Show more results", from the keyboard, lists the rest (up to 20
	// more) and takes the focus to the first of them
	eval := func(expr string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	const listed, total = `document.querySelectorAll(".search-result").length`,
		`parseInt(document.querySelector("[data-search-status]").textContent)`
	if err := b.Do(chromedp.Navigate(base+"/search/?q=the"), chromedp.WaitVisible(chromedp.CSS("[data-search-more]"))); err != nil {
		t.Fatal(err)
	}
	n, all := eval(listed), eval(total)
	if n != 20 || all <= 20 {
		t.Fatalf("\"the\": %v listed of %v; the test needs a query with more than 20 results", n, all)
	}
	if err := b.Do(chromedp.Focus(chromedp.CSS("[data-search-more]")), chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](listed+" > 20")); err != nil {
		t.Fatal(err)
	}
	focused := eval(`document.activeElement === document.querySelectorAll(".search-result a")[20] ? 1 : 0`)
	hidden := eval(`document.querySelector("[data-search-more]").hidden ? 1 : 0`)
	if n := eval(listed); n != min(all, 40) || focused != 1 || (hidden == 1) != (all <= 40) {
		t.Errorf("show more: %v listed of %v, focus on the 21st: %v, button hidden: %v", n, all, focused, hidden)
	}

	// the project list's filters, from a shared URL, then cleared
	if err := b.Do(chromedp.Navigate(base+"/projects/?themes=smart-mobility&cities=shanghai"),
		chromedp.WaitVisible(chromedp.CSS("[data-filter-results] li"))); err != nil {
		t.Fatal(err)
	}
	if s := text("[data-filter-status]"); s != "1 entry matches." {
		t.Errorf("filters: status %q", s)
	}
	if err := b.Do(chromedp.Click(chromedp.CSS(".filter-clear")),
		chromedp.WaitVisible(chromedp.CSS("[data-filter-list]"))); err != nil {
		t.Fatal(err)
	}

	// the language switcher, with the keyboard: focus the link, press Enter
	if err := b.Do(chromedp.Navigate(base+"/projects/rain-ready/"),
		chromedp.Focus(chromedp.CSS(`.lang-bar a[hreflang="zh-Hans-CN"]`)), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(".untranslated"))); err != nil {
		t.Fatal(err)
	}
	if l := location(); !strings.HasSuffix(l, "/zh-hans/projects/rain-ready/") {
		t.Errorf("switcher: at %s", l)
	}

	// a chart's data table opens from the keyboard
	if err := b.Do(chromedp.Navigate(base+"/charts/hk-heavy-rain-days/"),
		chromedp.Focus(chromedp.CSS("details.chart-data summary")), chromedp.KeyEvent(" "),
		chromedp.WaitVisible(chromedp.CSS("details.chart-data table"))); err != nil {
		t.Errorf("data table: %v", err)
	}

	// a filter chosen with the keyboard: focus the theme select, move down one option
	if err := b.Do(chromedp.Navigate(base+"/projects/"), chromedp.WaitVisible(chromedp.CSS("#filter-themes")),
		chromedp.Focus(chromedp.CSS("#filter-themes")), chromedp.KeyEvent(kb.ArrowDown),
		chromedp.WaitVisible(chromedp.CSS("[data-filter-results] li"))); err != nil {
		t.Errorf("filter from the keyboard: %v", err)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}

// pagesOf lists the HTML pages of a built site as URL paths, sorted.
func pagesOf(t *testing.T, out string) []string {
	t.Helper()
	var urls []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		urls = append(urls, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(urls)
	return urls
}

// TestBrowserPages opens every page of content/ in every language in Chromium. None may log an error, load anything from another site, leave a
// chart's canvas blank or draw a chart's text cut at its edge. With SHOWCASE_SCREENSHOTS=DIR it also saves screenshots at 375 and 1280 px wide.
func TestBrowserPages(t *testing.T) {
	b := browser.New(t)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{})
	base := browser.Serve(t, out)
	if err := b.Arm(); err != nil {
		t.Fatal(err)
	}
	urls := pagesOf(t, out)
	axe := browser.AxeScript(t)
	kinds := map[string]bool{} // axe runs on the first page of each kind of path in each language
	minor := 0
	for _, u := range urls {
		v, err := b.Visit(base+u, 5*time.Second)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		cut, err := b.CutText()
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, x := range slices.Concat(v.Payloads, v.External, v.Blank, cut) {
			t.Errorf("%s: %s", u, x)
		}
		if kind := pathKind(u); axe != nil && !kinds[kind] {
			kinds[kind] = true
			minor += checkAxe(t, b, axe, u)
		}
	}
	if axe != nil {
		t.Logf("axe on %d pages: %d moderate or minor findings", len(kinds), minor)
		// the dark theme: contrast again on pages of every kind of component
		if err := b.ColorScheme("dark"); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"/", "/projects/", "/projects/rain-ready/", "/charts/hk-heavy-rain-days/",
			"/datasets/hko-daily-rainfall/", "/search/", "/zh-hant/about/", "/zh-hans/projects/", "/404.html"} {
			if _, err := b.Visit(base+u, 5*time.Second); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			bg, err := chromedp.Run(b.Context(), chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
			if err != nil || bg == "rgb(255, 255, 255)" {
				t.Fatalf("%s: the dark theme is not on (background %q, %v)", u, bg, err)
			}
			checkAxe(t, b, axe, u+" in the dark theme")
		}
		if err := b.ColorScheme("light"); err != nil {
			t.Fatal(err)
		}
	}
	// On a phone (375 px), no page of any kind may be wider than the screen, and no chart text may be cut.
	if err := b.Width(375); err != nil {
		t.Fatal(err)
	}
	narrow := map[string]bool{}
	for _, u := range urls {
		if kind := pathKind(u); !narrow[kind] || strings.Contains(u, "/charts/") {
			narrow[kind] = true
			if _, err := b.Visit(base+u, 5*time.Second); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			why, err := b.Overflow()
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			cut, err := b.CutText()
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if why != "" {
				cut = append(cut, why)
			}
			for _, x := range cut {
				t.Errorf("%s at 375 px: %s", u, x)
			}
		}
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
	t.Logf("%d pages", len(urls))
	if dir := os.Getenv("SHOWCASE_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"/", "/projects/", "/projects/rain-ready/", "/charts/hk-heavy-rain-days/",
			"/datasets/hko-daily-rainfall/", "/zh-hant/", "/zh-hant/about/", "/zh-hans/search/?q=浦东"} {
			for _, w := range []int{375, 1280} {
				name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(u), "_")
				if name == "" {
					name = "home"
				}
				if err := b.Screenshot(base+u, w, filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w))); err != nil {
					t.Errorf("screenshot %s at %d px: %v", u, w, err)
				}
			}
		}
	}
}

// checkAxe runs axe-core on the page shown: a serious or critical violation fails the test, the others are
// logged and counted.
func checkAxe(t *testing.T, b *browser.Browser, axe []byte, where string) (minor int) {
	t.Helper()
	found, err := b.Axe(axe)
	if err != nil {
		t.Fatalf("%s: axe: %v", where, err)
	}
	for _, f := range found {
		if f.Impact == "serious" || f.Impact == "critical" {
			t.Errorf("%s: %s (%s, %d elements): %s", where, f.ID, f.Impact, f.Nodes, f.Help)
		} else {
			minor++
			t.Logf("%s: %s (%s, %d elements): %s", where, f.ID, f.Impact, f.Nodes, f.Help)
		}
	}
	return minor
}

// TestBrowserHostile opens every page of the hostile fixture in every language: no script payload may run (an
// alert, confirm or prompt, or the console.error every payload calls), nothing may load from elsewhere.
func TestBrowserHostile(t *testing.T) {
	b := browser.New(t)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/hostile/content", out, generator.Options{})
	base := browser.Serve(t, out)
	if err := b.Arm(); err != nil {
		t.Fatal(err)
	}
	urls := pagesOf(t, out)
	for _, u := range urls {
		v, err := b.Visit(base+u, 5*time.Second)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, x := range slices.Concat(v.Payloads, v.External) {
			t.Errorf("%s: %s", u, x)
		}
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("a payload ran (console errors):\n%s", strings.Join(p, "\n"))
	}
	t.Logf("%d pages", len(urls))
}

// pathKind groups URL paths by language and kind: "/zh-hant/projects/a/" → "zh-hant projects/*".
func pathKind(u string) string {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	lang := "en"
	if len(parts) > 0 && strings.HasPrefix(parts[0], "zh-") {
		lang, parts = parts[0], parts[1:]
	}
	switch {
	case len(parts) == 0 || parts[0] == "":
		return lang + " home"
	case len(parts) == 1:
		return lang + " " + parts[0]
	}
	return lang + " " + parts[0] + "/*" + strings.Repeat("/*", len(parts)-2)
}
