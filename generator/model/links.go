package model

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// resolver decides where each link and image of one entry's body points.
type resolver struct {
	b   *builder
	e   *Entry
	src *load.Entry
	// published, when set, collects the files the body would publish instead of publishing them (Site.Patch).
	published *[]File
}

// CleanURL removes what browsers ignore in a URL (tabs and line breaks anywhere, control characters and spaces
// at the ends), so that a scheme check sees what the browser will see: "java\tscript:" is "javascript:".
func CleanURL(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

// Scheme returns the lower-cased scheme of u, or "" for a relative URL.
func Scheme(u string) string {
	i := strings.IndexAny(u, ":/?#")
	if i <= 0 || u[i] != ':' {
		return ""
	}
	return strings.ToLower(u[:i])
}

func errorf(hint, format string, args ...any) markdown.Problem {
	return markdown.Problem{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

func (r resolver) resolve(dest string, image bool) (string, bool, markdown.Problem) {
	d := CleanURL(dest)
	if d == "" {
		return "", true, markdown.Problem{}
	}
	if strings.HasPrefix(d, "#") {
		return d, true, markdown.Problem{}
	}
	if strings.HasPrefix(d, "//") {
		d = "https:" + d
	}
	switch s := Scheme(d); {
	case s == "http" || s == "https":
		if image {
			return "", false, errorf("put the image in the entry's folder and link it by name",
				"images must be files of the site: %q would make every visitor's browser contact another site", d)
		}
		return d, true, markdown.Problem{}
	case (s == "mailto" || s == "tel") && !image:
		return d, true, markdown.Problem{}
	case s != "":
		p := errorf("use an https:// link", "%s: links are not allowed; the link was removed", s)
		p.Warning = true
		return "", false, p
	}
	p, suffix := splitSuffix(d)
	if strings.HasPrefix(p, "/") {
		return r.sitePath(p, suffix, image)
	}
	return r.relative(p, suffix, image)
}

// splitSuffix splits "a/b?x#y" into "a/b" and "?x#y".
func splitSuffix(d string) (string, string) {
	if i := strings.IndexAny(d, "?#"); i >= 0 {
		return d[:i], d[i:]
	}
	return d, ""
}

// sitePath resolves "/projects/a/" or "/images/x.png".
func (r resolver) sitePath(p, suffix string, image bool) (string, bool, markdown.Problem) {
	rel := strings.TrimPrefix(path.Clean(p), "/")
	if !image {
		for _, cand := range []string{p, p + "/"} {
			if r.b.pages[cand] {
				return r.b.site.BasePath + r.b.at(cand)[1:] + suffix, true, markdown.Problem{}
			}
		}
	}
	if r.hasFile(rel) {
		return r.file(rel, suffix, image)
	}
	hint := ""
	if !image {
		hint = r.suggestPage(p)
	}
	return "", false, errorf(hint, "%s %q does not exist", kind(image), p)
}

func (r resolver) hasFile(rel string) bool {
	_, ok := r.b.c.Files[rel]
	return ok
}

// relative resolves a path relative to the entry's file: another entry's Markdown, a file, or else a page URL
// relative to this entry's page.
func (r resolver) relative(p, suffix string, image bool) (string, bool, markdown.Problem) {
	rel := path.Join(path.Dir(r.src.Path), p)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false, errorf("link to files inside content/", "%q leaves the content folder", p)
	}
	if strings.HasSuffix(p, ".md") && !image {
		if e := r.b.sources[rel]; e != nil {
			return r.b.site.BasePath + e.URL[1:] + suffix, true, markdown.Problem{}
		}
		return "", false, errorf(r.suggestSource(p), "entry %q does not exist", p)
	}
	if r.hasFile(rel) {
		return r.file(rel, suffix, image)
	}
	if !image {
		u := path.Join(r.b.bare(r.e.URL), p)
		if strings.HasSuffix(p, "/") {
			u += "/"
		}
		if r.b.pages[u] || r.b.pages[u+"/"] {
			return r.sitePath(u, suffix, false)
		}
	}
	hint := r.suggestFile(rel)
	if hint == "" && !image {
		hint = r.suggestRelativePage(p)
	}
	return "", false, errorf(hint, "%s %q does not exist", kind(image), p)
}

func (r resolver) file(rel, suffix string, image bool) (string, bool, markdown.Problem) {
	if image && !slices.Contains(validate.ImageExts, strings.ToLower(path.Ext(rel))) {
		return "", false, errorf("use "+strings.Join(validate.ImageExts, " "), "%q is not an image", rel)
	}
	if rel == "site.yaml" || strings.HasSuffix(rel, ".md") {
		return "", false, errorf("", "%q is not a file the site publishes", rel)
	}
	dst := r.b.place(rel, r.src, r.e, r.published)
	out := r.b.site.BasePath + dst[1:] + suffix
	if image {
		if msg, hint := r.b.c.ImageTooLarge(rel); msg != "" {
			return out, true, markdown.Problem{Warning: true, Msg: msg, Hint: hint}
		}
	}
	return out, true, markdown.Problem{}
}

// frontLink is a site path in an entry's links: field, checked once the site's pages are known.
type frontLink struct {
	r     resolver
	index int // in the entry's Links
	at    diag.Pos
	field string // "links.data"
}

// siteLinks notes the links: fields of e that are paths of this site ("/datasets/x/").
func (b *builder) siteLinks(e *Entry, src *load.Entry, pos schema.Positions) {
	b.frontLinks = append(b.frontLinks, resolver{b: b, e: e, src: src}.siteLinks(pos)...)
}

// siteLinks returns the links: fields of r's entry that are paths of this site.
func (r resolver) siteLinks(pos schema.Positions) []frontLink {
	var out []frontLink
	for i, l := range r.e.Links {
		if strings.HasPrefix(l.URL, "/") {
			f := "links." + l.Kind
			out = append(out, frontLink{r: r, index: i, at: pos[f], field: f})
		}
	}
	return out
}

// checkFrontLinks resolves the site paths of links: fields as a body's links are resolved: to a page of the site
// or a content file (published with it). One that names neither is an error, with the closest page as a hint.
func (b *builder) checkFrontLinks() []diag.Diagnostic {
	return resolveLinks(b.frontLinks)
}

// resolveLinks resolves the links and returns their problems.
func resolveLinks(links []frontLink) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, fl := range links {
		l := &fl.r.e.Links[fl.index]
		p, suffix := splitSuffix(l.URL)
		u, ok, prob := fl.r.sitePath(p, suffix, false)
		if prob.Msg != "" {
			sev := diag.Error
			if prob.Warning {
				sev = diag.Warning
			}
			out = append(out, diag.Diagnostic{Pos: fl.at, Severity: sev, Field: fl.field, Msg: prob.Msg,
				Hint: prob.Hint})
		}
		if ok {
			l.URL = u
		}
	}
	return out
}

func kind(image bool) string {
	if image {
		return "image"
	}
	return "link target"
}

// suggestPage suggests a page of the site for the site path p that names none.
func (r resolver) suggestPage(p string) string {
	urls := make([]string, 0, len(r.b.pages))
	for u := range r.b.pages {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	// Pages are compared by their last part, first among the pages beside p ("/themes/smart-mobilty/"), then
	// among all ("/pages/abuot/" for "/about/"), so that a long shared prefix does not make any two paths close.
	last := func(u string) string { return path.Base(strings.TrimSuffix(u, "/")) }
	parent := func(u string) string { return path.Dir(strings.TrimSuffix(u, "/")) }
	var names, near, nearURLs []string
	for _, u := range urls {
		names = append(names, last(u))
		if parent(u) == parent(p) {
			near, nearURLs = append(near, last(u)), append(nearURLs, u)
		}
	}
	if c := diag.Closest(last(p), near); c != "" {
		return fmt.Sprintf("did you mean %q?", nearURLs[slices.Index(near, c)])
	}
	if c := diag.Closest(last(p), names); c != "" && len(c) > 2 {
		return fmt.Sprintf("did you mean %q?", urls[slices.Index(names, c)])
	}
	return ""
}

// suggestRelativePage suggests a page of the site, written relative to this entry's page as p is ("../b/").
func (r resolver) suggestRelativePage(p string) string {
	dir := strings.Trim(r.b.bare(r.e.URL), "/")
	var rels []string
	for u := range r.b.pages {
		rels = append(rels, relativePath(dir, u[1:]))
	}
	slices.Sort(rels)
	return diag.Suggest(p, rels)
}

// suggestSource suggests another entry's Markdown file, written relative to this entry's folder as p is.
func (r resolver) suggestSource(p string) string {
	dir := path.Dir(r.src.Path)
	var rels []string
	for s := range r.b.sources {
		if s != r.src.Path {
			rels = append(rels, relativePath(dir, s))
		}
	}
	slices.Sort(rels)
	return diag.Suggest(path.Clean(p), rels)
}

// relativePath is the path of target from the folder dir, both relative to the same root: "../pages/about.md",
// "../b/" (a target ending in "/" keeps it).
func relativePath(dir, target string) string {
	from, to := strings.Split(dir, "/"), strings.Split(target, "/")
	if dir == "." {
		from = nil
	}
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

func (r resolver) suggestFile(rel string) string {
	dir := path.Dir(rel)
	var names []string
	for f := range r.b.c.Files {
		if path.Dir(f) == dir {
			names = append(names, path.Base(f))
		}
	}
	slices.Sort(names)
	return diag.Suggest(path.Base(rel), names)
}
