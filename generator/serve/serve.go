// Package serve is `showcase serve`: it serves a preview of the site from memory, watches the content and themes
// folders, rebuilds after every change and tells the open pages over server-sent events, so that they reload
// when their page changed or show the content errors over the page (keeping the last good build) until the
// file is fixed. Nothing it adds to pages reaches a built site: the reload script is injected into responses.
package serve

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
)

//go:embed live.js
var liveJS []byte

// Paths the server answers itself; a site cannot have a folder starting with "__".
const (
	livePath   = "/__showcase/live.js"
	eventsPath = "/__showcase/events"
)

// Options configure a server.
type Options struct {
	Site  generator.Options // the content, themes and build options; BaseURL should be the server's URL
	Watch []string          // folders to watch (content and themes)
	Log   io.Writer         // one line per rebuild, and the problems found
	// Debounce is how long to wait after a file event for more before rebuilding (default 50 ms): an editor's
	// save is often several events.
	Debounce time.Duration
	// RenderAll renders every page an edit changes before telling the pages. Without it, a rebuild renders the
	// pages browsers asked for lately, tells the pages, and renders the others after (or when asked for): see
	// generator.Preview.DeferPages.
	RenderAll bool
}

// Server is a running preview.
type Server struct {
	o       Options
	preview *generator.Preview
	hub     *hub
	built   chan struct{} // receives after every rebuild (for tests)
	// settling counts the renders of pages left for later under way, which Serve waits for before it returns
	settling sync.WaitGroup
}

// New builds the site a first time. Content errors do not stop it: the server starts and shows them.
func New(o Options) (*Server, error) {
	if o.Debounce == 0 {
		o.Debounce = 50 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	p, err := generator.NewPreview(o.Site)
	if err != nil {
		return nil, err
	}
	p.DeferPages(!o.RenderAll)
	s := &Server{o: o, preview: p, hub: newHub(), built: make(chan struct{}, 16)}
	s.rebuild(nil)
	return s, nil
}

// Serve serves on ln and rebuilds on changes until ctx is done; then it stops watching, ends the event streams
// and shuts the server down. It returns nil after a clean stop.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer s.preview.Close()
	defer s.settling.Wait()
	w, err := newWatcher(s.o.Watch)
	if err != nil {
		return err
	}
	defer w.close()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go func() {
		for batch := range w.batches(ctx, s.o.Debounce) {
			s.rebuild(batch)
		}
	}()
	select {
	case <-ctx.Done():
	case err := <-errc:
		s.hub.close()
		return err
	}
	s.hub.close() // event streams never go idle: end them before Shutdown waits for idle connections
	stop, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// rebuild builds the site again after changes to the named files and tells the open pages.
func (s *Server) rebuild(changed []string) {
	up, err := s.preview.Build(changed)
	var de *diag.Errors
	switch {
	case errors.As(err, &de):
		fmt.Fprintf(s.o.Log, "%s: %s; still serving the last good build:\n", stamp(), plural(len(de.Diagnostics), "problem"))
		for _, d := range de.Diagnostics {
			fmt.Fprintf(s.o.Log, "  %s\n", d)
		}
		s.hub.publish("problems", problemsOf(de.Diagnostics), nil, nil)
	case err != nil:
		fmt.Fprintf(s.o.Log, "%s: build failed: %v; still serving the last good build\n", stamp(), err)
		s.hub.publish("problems", []problem{{File: s.o.Site.ContentDir, Severity: "error", Message: err.Error()}},
			nil, nil)
	default:
		for _, d := range up.Diagnostics {
			fmt.Fprintf(s.o.Log, "  %s\n", d)
		}
		what := fmt.Sprintf("%s rendered, %s changed", plural(up.Rendered, "page"), plural(len(up.Changed), "file"))
		if up.Later > 0 {
			what += fmt.Sprintf(" (%d pages rendered after, or when asked for)", up.Later)
		}
		if changed == nil {
			what = fmt.Sprintf("%d pages, %d files", up.Pages, up.Files)
		}
		if up.FromBuild > 0 {
			what += fmt.Sprintf(" (%d Markdown conversions taken from the last build)", up.FromBuild)
		}
		how := "built"
		if up.Patched {
			how = "updated in place" // one entry's texts: see generator/patch.go
		}
		fmt.Fprintf(s.o.Log, "%s: %s in %d ms: %s\n", stamp(), how, up.Duration.Milliseconds(), what)
		s.hub.publish("built", nil, up.Changed, up.Moved)
		if up.Later > 0 {
			s.settling.Add(1)
			go s.settle()
		}
	}
	select {
	case s.built <- struct{}{}:
	default:
	}
}

// settle renders the pages the last build left for later, until the next build starts, and reports those that
// fail: they are served as an error until a build renders them.
func (s *Server) settle() {
	defer s.settling.Done()
	if err := s.preview.Settle(); err != nil {
		fmt.Fprintf(s.o.Log, "%s: rendering a page failed: %v\n", stamp(), err)
		s.hub.publish("problems", []problem{{File: s.o.Site.ContentDir, Severity: "error", Message: err.Error()}},
			nil, nil)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func stamp() string { return time.Now().Format("15:04:05") }

// problem is a diagnostic as the page's script receives it.
type problem = diag.Record

func problemsOf(ds []diag.Diagnostic) []problem {
	out := []problem{}
	for _, d := range ds {
		out = append(out, d.Record())
	}
	return out
}

// hub fans events out to the open pages and remembers the state a newly opened page must see.
type hub struct {
	mu       sync.Mutex
	build    int       // counts good builds
	problems []problem // of the last build, when it failed
	subs     map[chan event]bool
	closed   bool
	done     chan struct{}
}

type event struct {
	name string
	data []byte
}

func newHub() *hub { return &hub{subs: map[chan event]bool{}, done: make(chan struct{})} }

func (h *hub) publish(name string, problems []problem, changed []string, moved map[string]string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var payload any
	if name == "built" {
		h.build++
		h.problems = nil
		if changed == nil {
			changed = []string{}
		}
		payload = struct {
			Build   int               `json:"build"`
			Changed []string          `json:"changed"`
			Moved   map[string]string `json:"moved,omitempty"` // a page that moved → its new page
		}{h.build, changed, moved}
	} else {
		h.problems = problems
		payload = struct {
			Problems []problem `json:"problems"`
		}{problems}
	}
	b, _ := json.Marshal(payload)
	for c := range h.subs {
		select {
		case c <- event{name, b}:
		default: // a page that does not read its stream misses an event, not the server
		}
	}
}

// subscribe returns a stream of events, starting with "hello" (the build number and current problems).
func (h *hub) subscribe() (chan event, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan event, 16)
	hello, _ := json.Marshal(struct {
		Build    int       `json:"build"`
		Problems []problem `json:"problems"`
	}{h.build, h.problems})
	c <- event{"hello", hello}
	if h.closed {
		close(c)
		return c, func() {}
	}
	h.subs[c] = true
	return c, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.subs[c] {
			delete(h.subs, c)
			close(c)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for c := range h.subs {
		delete(h.subs, c)
		close(c)
	}
	close(h.done)
}

// events streams the hub's events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, strings.ReplaceAll(string(e.data), "\n", ""))
			fl.Flush()
		}
	}
}
