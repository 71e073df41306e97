package generator_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hkshopendata/showcase/generator"
)

// TestHostileSite builds testdata/hostile, whose every text (titles, summaries, team names, dataset metadata, CSV
// cells used as chart labels, chart titles and units) carries a script payload, and checks every page: the only
// scripts are the site's own files and JSON data blocks, no element has an event-handler attribute, no link runs
// script, and every chart option is valid JSON with no "<" and no go-echarts function marker. CI also opens the
// built site in Chromium (pagecheck), where any payload that ran would log a console error.
func TestHostileSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/hostile/content", out, generator.Options{})
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(src))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		inspect(t, rel, doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Errorf("only %d pages", pages)
	}
}

func inspect(t *testing.T, page string, n *html.Node) {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: <%s %s=%q>", page, n.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.Contains(strings.ToLower(a.Val), "script:") {
				t.Errorf("%s: <%s %s=%q>", page, n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "svg", "img", "iframe", "object", "embed":
			if n.Data != "svg" || !isBrandMark(n) {
				if n.Data != "img" || !strings.HasPrefix(attr(n, "src"), "/") {
					t.Errorf("%s: unexpected <%s>", page, n.Data)
				}
			}
		case "script":
			body := ""
			if n.FirstChild != nil {
				body = n.FirstChild.Data
			}
			switch {
			case attr(n, "type") == "application/json", attr(n, "type") == "application/ld+json":
				// data, never run: valid JSON that cannot close its element
				if !json.Valid([]byte(body)) || strings.ContainsAny(body, "<>") || strings.Contains(body, "__f__") {
					t.Errorf("%s: unsafe %s data %.120q", page, attr(n, "type"), body)
				}
			case attr(n, "src") != "" && body == "":
			default:
				t.Errorf("%s: inline script %.120q", page, body)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inspect(t, page, c)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isBrandMark reports whether n is the theme's own logo.
// isBrandMark tells the theme's own inline icons: the brand mark and the search icon of the menu.
func isBrandMark(n *html.Node) bool {
	return strings.Contains(attr(n, "class"), "brand-mark") ||
		n.Parent != nil && strings.Contains(attr(n.Parent, "class"), "nav-search")
}
