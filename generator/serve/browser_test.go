package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hkshopendata/showcase/generator/internal/browser"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestBrowserFollowsMove opens an entry's page in headless Chromium beside a running server, gives the entry a
// new slug, and checks that the page goes to the entry's new address by itself (live.js), with no console error.
func TestBrowserFollowsMove(t *testing.T) {
	b := browser.New(t)
	content, base, s, _, stop, done := running(t)
	defer func() { stop(); <-done }()

	if err := b.Do(chromedp.Navigate(base+"zh-hant/projects/clinic-queue-compass/"),
		chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	listening := func() bool {
		s.hub.mu.Lock()
		defer s.hub.mu.Unlock()
		return len(s.hub.subs) > 0
	}
	for deadline := time.Now().Add(10 * time.Second); !listening(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page did not open its event stream")
		}
	}
	sitetest.Edit(t, filepath.Join(content, "projects", "clinic-queue-compass.md"), "\ntitle: ",
		"\nslug: clinic-compass\ntitle: ")
	want := base + "zh-hant/projects/clinic-compass/"
	var at string
	var err error
	for deadline := time.Now().Add(15 * time.Second); at != want; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the page is at %s, want %s", at, want)
		}
		if at, err = chromedp.Run(b.Context(), chromedp.Location()); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Do(chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Problems() {
		if !strings.Contains(p, "__showcase/events") { // the stream the reload cut short
			t.Errorf("console: %s", p)
		}
	}
}
