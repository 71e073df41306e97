package generator_test

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hkshopendata/showcase/generator"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func buildSite(t *testing.T, content, out string, o generator.Options) generator.Result {
	t.Helper()
	o.ContentDir, o.OutDir = content, out
	o.ThemesDir = filepath.Join(t.TempDir(), "no-themes") // the built-in theme only
	res, err := generator.Build(o)
	if err != nil {
		t.Fatalf("build %s: %v", content, err)
	}
	return res
}

// TestContentSite builds the real content/ and checks every page: metadata, headings, and that every link and
// asset resolves inside the site and nothing is loaded from elsewhere.
func TestContentSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildSite(t, "../content", out, generator.Options{Strict: true})
	if res.Pages < 30 {
		t.Errorf("only %d pages", res.Pages)
	}
	checkSite(t, out, "/")
}

// TestSubPath builds content/ for a site under /showcase/: every internal link must carry the prefix.
func TestSubPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{BaseURL: "https://example.org/showcase/"})
	checkSite(t, out, "/showcase/")
}

// TestDeterministic builds twice into different folders and compares every byte.
func TestDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	buildSite(t, "../content", a, generator.Options{})
	buildSite(t, "../content", b, generator.Options{})
	ha, hb := hashTree(t, a), hashTree(t, b)
	if !slices.Equal(ha, hb) {
		t.Errorf("two builds differ:\n%s", diffLines(ha, hb))
	}
}

func hashTree(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out = append(out, fmt.Sprintf("%x %s", sha256.Sum256(b), rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffLines(a, b []string) string {
	var d []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			d = append(d, "- "+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			d = append(d, "+ "+x)
		}
	}
	return strings.Join(d, "\n")
}

// checkSite parses every HTML page under out (served at base) and checks it.
func checkSite(t *testing.T, out, base string) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(out, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkPage(t, out, base, filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("no pages")
	}
}

type pageFacts struct {
	lang, title, desc, canonical string
	h1                           int
	refs                         []string // href/src values of links, scripts, styles, images
	ids                          map[string]bool
}

func checkPage(t *testing.T, out, base, rel string, src []byte) {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	f := pageFacts{ids: map[string]bool{}}
	collect(doc, &f)
	switch {
	case f.lang == "":
		t.Errorf("%s: no <html lang>", rel)
	case strings.TrimSpace(f.title) == "":
		t.Errorf("%s: no <title>", rel)
	case f.desc == "":
		t.Errorf("%s: no meta description", rel)
	case f.h1 != 1:
		t.Errorf("%s: %d <h1> elements", rel, f.h1)
	case f.canonical == "" && rel != "404.html":
		t.Errorf("%s: no canonical link", rel)
	}
	for _, ref := range f.refs {
		checkRef(t, out, base, rel, ref, f.ids)
	}
	if bytes.Contains(src, []byte("ZgotmplZ")) {
		t.Errorf("%s: html/template rejected a value (ZgotmplZ)", rel)
	}
}

func collect(n *html.Node, f *pageFacts) {
	if n.Type == html.ElementNode {
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		if id, ok := attr["id"]; ok {
			f.ids[id] = true
		}
		switch n.Data {
		case "html":
			f.lang = attr["lang"]
		case "title":
			if n.FirstChild != nil {
				f.title = n.FirstChild.Data
			}
		case "meta":
			if attr["name"] == "description" {
				f.desc = attr["content"]
			}
		case "h1":
			f.h1++
		case "link":
			if attr["rel"] == "canonical" {
				f.canonical = attr["href"]
			} else if attr["href"] != "" {
				f.refs = append(f.refs, "asset:"+attr["href"])
			}
		case "a":
			if h, ok := attr["href"]; ok {
				f.refs = append(f.refs, "link:"+h)
			}
		case "img", "script", "iframe", "source", "video", "audio":
			if s, ok := attr["src"]; ok {
				f.refs = append(f.refs, "asset:"+s)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collect(c, f)
	}
}

// checkRef checks one reference of page rel: assets must be served by the site itself; links inside the site
// must resolve to a file; in-page fragments must name an element.
func checkRef(t *testing.T, out, base, rel, ref string, ids map[string]bool) {
	kind, u, _ := strings.Cut(ref, ":")
	switch {
	case strings.HasPrefix(u, "#"):
		frag, err := url.PathUnescape(u[1:]) // browsers decode a fragment before matching ids
		if err != nil {
			frag = u[1:]
		}
		if u != "#" && !ids[frag] && rel != "404.html" {
			t.Errorf("%s: fragment %s names no element", rel, u)
		}
		return
	case strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "//"):
		if kind == "asset" && !strings.HasPrefix(u, "https://example.org/") && !strings.HasPrefix(u, "https://showcase.example.org/") {
			t.Errorf("%s: third-party asset %s", rel, u)
		}
		return
	case strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "tel:"):
		return
	case !strings.HasPrefix(u, "/"):
		t.Errorf("%s: relative or unknown reference %q (use site paths)", rel, u)
		return
	}
	if !strings.HasPrefix(u, base) {
		t.Errorf("%s: %q is outside the base path %s", rel, u, base)
		return
	}
	p, _, _ := strings.Cut(strings.TrimPrefix(u, base), "#")
	p, _, _ = strings.Cut(p, "?")
	target := filepath.Join(out, filepath.FromSlash(p))
	if p == "" || strings.HasSuffix(p, "/") {
		target = filepath.Join(target, "index.html")
	}
	if _, err := os.Stat(target); err != nil {
		t.Errorf("%s: broken %s %s (no %s)", rel, kind, u, path.Clean(p))
	}
}
