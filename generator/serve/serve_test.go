package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// running copies content/ into a temporary folder and serves it on a free port: it returns the copy, the base URL,
// the server, its log, what stops it, and where Serve's result comes once stopped.
func running(t *testing.T) (content, base string, s *Server, log *sitetest.Buffer, stop func(), done chan error) {
	t.Helper()
	dir := t.TempDir()
	content = filepath.Join(dir, "content")
	sitetest.Copy(t, "../../content", content)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base = "http://" + ln.Addr().String() + "/"
	log = &sitetest.Buffer{}
	s, err = New(Options{Site: generator.Options{ContentDir: content, ThemesDir: filepath.Join(dir, "themes"),
		BaseURL: base}, Watch: []string{content}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	return content, base, s, log, cancel, done
}

// stream reads server-sent events.
type stream struct {
	t    *testing.T
	body io.ReadCloser
	r    *bufio.Reader
}

func openStream(t *testing.T, base string) *stream {
	t.Helper()
	res, err := http.Get(base + "__showcase/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	return &stream{t: t, body: res.Body, r: bufio.NewReader(res.Body)}
}

// next returns the next event's name and data; "" at the end of the stream.
func (s *stream) next() (string, string) {
	s.t.Helper()
	var name, data string
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return "", ""
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data = line[len("data: "):]
		case line == "" && name != "":
			return name, data
		}
	}
}

// await reads events until one named name arrives, within a deadline.
func (s *stream) await(name string) string {
	s.t.Helper()
	type ev struct{ name, data string }
	got := make(chan ev, 1)
	go func() {
		for {
			n, d := s.next()
			if n == name || n == "" {
				got <- ev{n, d}
				return
			}
		}
	}()
	select {
	case e := <-got:
		if e.name == "" {
			s.t.Fatalf("the event stream ended before a %q event", name)
		}
		return e.data
	case <-time.After(30 * time.Second):
		s.t.Fatalf("no %q event within 30 s", name)
	}
	return ""
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

// TestServe runs the server on a copy of content/, edits an entry as a contributor would and checks what an open
// page sees: the reload event naming its page and the new page; then an error shown with its position while the
// last good page is still served; then the fix; then a clean stop.
func TestServe(t *testing.T) {
	content, base, _, log, cancel, done := running(t)

	page := base + "projects/rain-ready/"
	code, body, h := get(t, page)
	if code != 200 || !strings.Contains(body, "RainReady") || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET %s: %d, Cache-Control %q", page, code, h.Get("Cache-Control"))
	}
	if !strings.Contains(body, `<script src="/__showcase/live.js" defer></script>`+"\n</body>") {
		t.Errorf("the page lacks the reload script before </body>")
	}
	if code, _, h := get(t, base+"projects/rain-ready"); code != 301 || h.Get("Location") != "/projects/rain-ready/" {
		t.Errorf("folder without slash: %d → %q, want a redirect to the folder", code, h.Get("Location"))
	}
	if code, body, _ := get(t, base+"no-such-page/"); code != 404 || !strings.Contains(body, "<h1") {
		t.Errorf("missing page: %d, want 404 with the site's 404 page", code)
	}
	if code, body, _ := get(t, base+"__showcase/live.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("live.js: %d", code)
	}

	events := openStream(t, base)
	var hello struct {
		Build    int               `json:"build"`
		Problems []json.RawMessage `json:"problems"`
	}
	if err := json.Unmarshal([]byte(events.await("hello")), &hello); err != nil || len(hello.Problems) != 0 {
		t.Fatalf("hello: %+v, %v", hello, err)
	}

	// A save: the page's file is named as changed, and the server has the new page.
	src := filepath.Join(content, "projects", "rain-ready.md")
	sitetest.Edit(t, src, `title: "RainReady:`, `title: "RainReady Live:`)
	var built struct {
		Build   int      `json:"build"`
		Changed []string `json:"changed"`
	}
	if err := json.Unmarshal([]byte(events.await("built")), &built); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(built.Changed, "projects/rain-ready/index.html") || built.Build != hello.Build+1 {
		t.Errorf("built: %+v, want build %d naming projects/rain-ready/index.html", built, hello.Build+1)
	}
	if slices.Contains(built.Changed, "projects/silver-link/index.html") {
		t.Errorf("built: names a page the edit did not change")
	}
	if _, body, _ := get(t, page); !strings.Contains(body, "RainReady Live:") {
		t.Errorf("after the save, the page does not show the new title")
	}
	// a page no browser asked for: rendered after the event, or when asked for, never served stale
	if _, body, _ := get(t, base+"themes/smart-environment/"); !strings.Contains(body, "RainReady Live:") {
		t.Errorf("after the save, the theme's page, not asked for before, does not show the new title")
	}

	// A broken field: the problem with its position, and the last good page still served.
	sitetest.Edit(t, src, "theme: smart-environment", "theme: smart-enviroment")
	var problems struct {
		Problems []problem `json:"problems"`
	}
	if err := json.Unmarshal([]byte(events.await("problems")), &problems); err != nil {
		t.Fatal(err)
	}
	want := problem{File: filepath.ToSlash(content) + "/projects/rain-ready.md", Line: 6, Col: 8,
		Severity: "error", Field: "theme"}
	if len(problems.Problems) != 1 {
		t.Fatalf("problems: %+v", problems.Problems)
	}
	p := problems.Problems[0]
	if p.File != want.File || p.Line != want.Line || p.Col != want.Col || p.Field != want.Field ||
		!strings.Contains(p.Hint, `did you mean "smart-environment"?`) {
		t.Errorf("problem: %+v\nwant %+v with a did-you-mean", p, want)
	}
	if _, body, _ := get(t, page); !strings.Contains(body, "RainReady Live:") {
		t.Errorf("while broken, the last good page is not served")
	}
	late := openStream(t, base) // a page opened now sees the problem at once
	if err := json.Unmarshal([]byte(late.await("hello")), &hello); err != nil || len(hello.Problems) != 1 {
		t.Errorf("hello while broken: %+v, %v", hello, err)
	}
	late.body.Close()

	// The fix clears it.
	sitetest.Edit(t, src, "theme: smart-enviroment", "theme: smart-environment")
	if err := json.Unmarshal([]byte(events.await("built")), &built); err != nil {
		t.Fatal(err)
	}

	// A new slug: the pages showing the entry's old address are told its new one, in every language.
	clinic := filepath.Join(content, "projects", "clinic-queue-compass.md")
	sitetest.Edit(t, clinic, "\ntitle: ", "\nslug: clinic-compass\ntitle: ")
	var moved struct {
		Changed []string          `json:"changed"`
		Moved   map[string]string `json:"moved"`
	}
	if err := json.Unmarshal([]byte(events.await("built")), &moved); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "zh-hant/", "zh-hans/"} {
		from, to := lang+"projects/clinic-queue-compass/index.html", lang+"projects/clinic-compass/index.html"
		if moved.Moved[from] != to || !slices.Contains(moved.Changed, from) {
			t.Errorf("built after a new slug: moved %v, want %s → %s", moved.Moved, from, to)
		}
	}
	if code, _, _ := get(t, base+"projects/clinic-compass/"); code != 200 {
		t.Errorf("the moved page: %d", code)
	}

	// A clean stop ends the event streams and Serve returns nil.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if n, _ := events.next(); n != "" {
		t.Errorf("the event stream goes on after the stop: %q", n)
	}
	if !strings.Contains(log.String(), "pages rendered after, or when asked for") {
		t.Errorf("the log does not tell of pages left for later:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "rain-ready.md:6:8: theme:") {
		t.Errorf("the log lacks the problem:\n%s", log.String())
	}
}

// TestLiveScript places the reload script before </body>, or at the end of a page without one.
func TestLiveScript(t *testing.T) {
	for in, want := range map[string]string{
		"<p>a</p></body></html>": "<p>a</p>" + string(liveTag) + "\n</body></html>",
		"<p>a</p>":               "<p>a</p>" + string(liveTag) + "\n",
	} {
		if got := string(withLiveScript([]byte(in))); got != want {
			t.Errorf("withLiveScript(%q) = %q, want %q", in, got, want)
		}
	}
}
