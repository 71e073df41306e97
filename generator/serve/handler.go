package serve

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
)

// ServeHTTP serves the last good build from memory, with the reload script in every HTML page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case livePath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(liveJS)
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, redirect := s.resolve(r.URL.Path)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	body, ok, err := s.preview.Page(rel)
	if err != nil { // a page rendered on demand (see generator.Preview.DeferPages) failed
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !ok {
		status, rel = http.StatusNotFound, "404.html"
		if body, ok = s.preview.File(rel); !ok {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	if strings.HasPrefix(ctype, "text/html") {
		body = withLiveScript(body)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}

// resolve maps a URL path to a file of the build: "/a/" → "a/index.html". A folder asked for without its
// slash is redirected to it, as static hosts do.
func (s *Server) resolve(urlPath string) (rel, redirect string) {
	clean := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") && clean != "/" {
		clean += "/"
	}
	rel = strings.TrimPrefix(clean, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel + "index.html", ""
	}
	if _, ok := s.preview.File(rel); !ok {
		if _, ok := s.preview.File(rel + "/index.html"); ok {
			return "", clean + "/"
		}
	}
	return rel, ""
}

var liveTag = []byte(`<script src="` + livePath + `" defer></script>`)

// withLiveScript adds the reload script before </body>, or at the end.
func withLiveScript(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(liveTag)+1)
	out = append(out, page[:i]...)
	out = append(out, liveTag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}
