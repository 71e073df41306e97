// Package browser runs tests in a real headless Chromium (through chromedp): it finds the browser, starts it
// with the flags a closed network needs, serves a built site on loopback and collects console errors. Without a
// browser the test is skipped, except in CI (CI=true), where it fails.
package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Path finds Chromium: $CHROMIUM_PATH, else chromium, chromium-browser or google-chrome on PATH.
func Path() (string, error) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found (install Debian's chromium, or set CHROMIUM_PATH)")
}

// Browser is a headless Chromium for one test.
type Browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// New starts Chromium for t; it stops when the test ends.
func New(t *testing.T) *Browser {
	t.Helper()
	path, err := Path()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b := &Browser{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", path, err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return // the browser stopped
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.note(fmt.Sprintf("%s:%d: %s", m.URL, m.Line+1, m))
			}
		}
	}()
	return b
}

func (b *Browser) note(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// Problems returns the console errors and uncaught exceptions seen so far.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// Do runs chromedp actions in the browser's tab.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) error {
	return chromedp.Do(b.ctx, actions...)
}

// Context is the tab's context, for chromedp.Run.
func (b *Browser) Context() context.Context { return b.ctx }

// Serve serves the folder dir on loopback for t and returns its base URL ("http://127.0.0.1:port").
func Serve(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// hooks record, in every document the tab opens, what a payload that ran would call.
const hooks = `window.__payloads = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function () { window.__payloads.push(name + "(" + Array.from(arguments).join(",") + ")"); };
}`

// Visit is what a page showed: the calls a payload would make, the resources it loaded from elsewhere, and its
// charts whose canvas stayed blank.
type Visit struct {
	Payloads []string
	External []string
	Blank    []string
}

// Arm installs the payload hooks in every document the tab opens from now on.
func (b *Browser) Arm() error {
	_, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: hooks})
	return err
}

// Visit loads url, waits until every chart (.chart-canvas) has drawn or wait has passed, and reports what it
// saw.
func (b *Browser) Visit(url string, wait time.Duration) (Visit, error) {
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		return Visit{}, err
	}
	return chromedp.Run(b.ctx, chromedp.Evaluate[Visit](fmt.Sprintf(`new Promise(resolve => {
  const start = performance.now();
  const blankOf = () => {
    const blank = [];
    document.querySelectorAll(".chart-canvas").forEach(box => {
      const c = box.querySelector("canvas");
      const ctx = c && c.getContext("2d");
      if (!ctx || c.width === 0 || c.height === 0) { blank.push(box.dataset.chart + ": no canvas"); return; }
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let k = 3; k < d.length; k += 4 * 7) if (d[k] !== 0) return;
      blank.push(box.dataset.chart + ": blank canvas");
    });
    return blank;
  };
  (function check() {
    const blank = blankOf();
    if (blank.length > 0 && performance.now() - start < %d) { setTimeout(check, 50); return; }
    const external = performance.getEntriesByType("resource").map(e => e.name)
      .filter(u => !u.startsWith(location.origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
    resolve({Payloads: window.__payloads || ["hooks missing"], External: external, Blank: blank});
  })();
})`, wait.Milliseconds()), chromedp.EvalAwaitPromise))
}

// CutText lists the chart texts of the page shown (axis labels and names, legends, the colour scale's labels; ZRender
// draws each line as a "tspan") that do not fit inside their chart: ECharts draws them clipped at the canvas' edge.
func (b *Browser) CutText() ([]string, error) {
	return chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`(() => {
  const out = [];
  if (!window.echarts) return out;
  document.querySelectorAll(".chart-canvas").forEach(box => {
    const chart = echarts.getInstanceByDom(box);
    if (!chart) return;
    const w = chart.getWidth(), h = chart.getHeight();
    chart.getZr().storage.getDisplayList(true).forEach(el => {
      if (el.type !== "tspan" || el.invisible || el.ignore || !el.style || !el.style.text) return;
      if (el.__clipPaths && el.__clipPaths.length) return; // shown through a window, as a scrolling legend's items
      const r = el.getBoundingRect().clone();
      const m = el.getComputedTransform();
      if (m) r.applyTransform(m);
      if (r.x < -1 || r.y < -1 || r.x + r.width > w + 1 || r.y + r.height > h + 1) {
        out.push(box.dataset.chart + ": " + JSON.stringify(String(el.style.text)) + " at " +
          [r.x, r.y, r.x + r.width, r.y + r.height].map(Math.round).join(",") + " in " + w + "×" + h);
      }
    });
  });
  return out;
})()`))
}

// Width makes the window the tab shows pages in width pixels wide (800 high).
func (b *Browser) Width(width int) error {
	return chromedp.Do(b.ctx, chromedp.EmulateViewport(int64(width), 800))
}

// Overflow says what makes the page shown wider than the window: the outermost elements that end past its right
// edge. "" when nothing does.
func (b *Browser) Overflow() (string, error) {
	return chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
  const root = document.documentElement, w = root.clientWidth;
  if (root.scrollWidth <= w) return "";
  const past = el => el.getBoundingClientRect().right > w + 0.5;
  const name = el => el.tagName.toLowerCase() + [...el.classList].map(c => "." + c).join("");
  const found = [...document.body.querySelectorAll("*")]
    .filter(el => past(el) && el.parentElement && !past(el.parentElement))
    .map(el => name(el) + " (" + JSON.stringify(el.textContent.trim().slice(0, 40)) + ") ends at " +
      Math.round(el.getBoundingClientRect().right) + " px");
  return "the page is " + root.scrollWidth + " px wide in a " + w + " px window: " + found.slice(0, 3).join("; ");
})()`))
}

// Screenshot saves the page at url, whole, at a width, as PNG.
func (b *Browser) Screenshot(url string, width int, file string) error {
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate(url),
		chromedp.Sleep(600*time.Millisecond)); err != nil {
		return err
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	return os.WriteFile(file, png, 0o644)
}

// Violation is an axe-core finding on a page.
type Violation struct {
	ID     string
	Impact string // "critical", "serious", "moderate" or "minor"
	Help   string
	Nodes  int
}

// AxeScript returns axe-core's axe.min.js from $SHOWCASE_AXE (CI installs the pinned axe-core from npm). Without
// it the accessibility checks are skipped, except in CI, where that is an error.
func AxeScript(t *testing.T) []byte {
	t.Helper()
	p := os.Getenv("SHOWCASE_AXE")
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SHOWCASE_AXE is not set: CI must install axe-core and point it at axe.min.js")
		}
		t.Log("SHOWCASE_AXE not set: accessibility is not checked here (CI checks it)")
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Axe runs axe-core on the page now shown (WCAG 2 A and AA rules and best practices) and returns its violations.
func (b *Browser) Axe(script []byte) ([]Violation, error) {
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(script)+";void 0")); err != nil {
		return nil, err
	}
	return chromedp.Run(b.ctx, chromedp.Evaluate[[]Violation](`axe.run(document, {resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.length})))`,
		chromedp.EvalAwaitPromise))
}

// ColorScheme makes the pages the tab loads see prefers-color-scheme: scheme ("dark" or "light").
func (b *Browser) ColorScheme(scheme string) error {
	_, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	return err
}
