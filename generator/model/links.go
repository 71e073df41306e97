package model

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/validate"
)

// resolver decides where each link and image of one entry's body points.
type resolver struct {
	b   *builder
	e   *Entry
	src *load.Entry
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
				return r.b.site.BasePath + cand[1:] + suffix, true, markdown.Problem{}
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
		return "", false, errorf(r.suggestSource(rel), "entry %q does not exist", p)
	}
	if r.hasFile(rel) {
		return r.file(rel, suffix, image)
	}
	if !image {
		u := path.Join(r.e.URL, p)
		if strings.HasSuffix(p, "/") {
			u += "/"
		}
		if r.b.pages[u] || r.b.pages[u+"/"] {
			return r.sitePath(u, suffix, false)
		}
	}
	return "", false, errorf(r.suggestFile(rel), "%s %q does not exist", kind(image), p)
}

func (r resolver) file(rel, suffix string, image bool) (string, bool, markdown.Problem) {
	if image && !slices.Contains(validate.ImageExts, strings.ToLower(path.Ext(rel))) {
		return "", false, errorf("use "+strings.Join(validate.ImageExts, " "), "%q is not an image", rel)
	}
	if rel == "site.yaml" || strings.HasSuffix(rel, ".md") {
		return "", false, errorf("", "%q is not a file the site publishes", rel)
	}
	dst := r.b.publish(rel, r.src, r.e)
	return r.b.site.BasePath + dst[1:] + suffix, true, markdown.Problem{}
}

func kind(image bool) string {
	if image {
		return "image"
	}
	return "link target"
}

func (r resolver) suggestPage(p string) string {
	urls := make([]string, 0, len(r.b.pages))
	for u := range r.b.pages {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	return diag.Suggest(p, urls)
}

func (r resolver) suggestSource(rel string) string {
	var srcs []string
	for s := range r.b.sources {
		srcs = append(srcs, s)
	}
	slices.Sort(srcs)
	if h := diag.Suggest(rel, srcs); h != "" {
		return h
	}
	return ""
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
