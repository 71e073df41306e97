package generator_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

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

	// the language switcher
	if err := b.Do(chromedp.Navigate(base+"/projects/rain-ready/"),
		chromedp.Click(chromedp.CSS(`.lang-bar a[hreflang="zh-Hans-CN"]`)),
		chromedp.WaitVisible(chromedp.CSS(".untranslated"))); err != nil {
		t.Fatal(err)
	}
	if l := location(); !strings.HasSuffix(l, "/zh-hans/projects/rain-ready/") {
		t.Errorf("switcher: at %s", l)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}
