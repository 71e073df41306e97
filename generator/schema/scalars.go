package schema

import (
	"fmt"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hkshopendata/showcase/generator/diag"
	"gopkg.in/yaml.v3"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a URL-safe slug: lower-case ASCII letters and digits in groups joined by single
// hyphens, at most 100 characters.
func ValidSlug(s string) bool { return len(s) <= 100 && slugRE.MatchString(s) }

// Slugify turns free text into a slug: ASCII letters and digits lower-cased, every other run of characters a
// single hyphen. Text with no ASCII letter or digit gives "".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// describe names what a node holds, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true/false"
	case "!!timestamp":
		return "a date"
	case "!!str":
		return "text"
	}
	return "a value"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func hintOr(h, alt string) string {
	if h != "" {
		return h
	}
	return alt
}

// scalar returns n's value if n is a scalar, reporting an error otherwise.
func (d *decoder) scalar(n *yaml.Node, path, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "", "must be %s, not %s", want, describe(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(n *yaml.Node, v reflect.Value, path string, sf reflect.StructField) {
	s, ok := d.scalar(n, path, "text")
	if !ok {
		return
	}
	s = strings.TrimSpace(s)
	if s == "" && sf.Tag.Get("required") == "true" {
		d.errorf(n, path, "", "must not be empty")
		return
	}
	if m := sf.Tag.Get("max"); m != "" {
		limit, _ := strconv.Atoi(m)
		if c := utf8.RuneCountInString(s); c > limit {
			d.errorf(n, path, "shorten it", "is %d characters long; the limit is %d", c, limit)
		}
	}
	if hasControl(s) {
		d.errorf(n, path, "remove it", "contains a control character")
		return
	}
	if e := sf.Tag.Get("enum"); e != "" && s != "" {
		allowed := strings.Split(e, ",")
		if !contains(allowed, s) {
			d.errorf(n, path, hintOr(suggest(s, allowed), "one of: "+strings.Join(allowed, ", ")),
				"%q is not allowed here", s)
			return
		}
	}
	switch v.Type() {
	case reflect.TypeFor[Slug]():
		if !ValidSlug(s) {
			d.errorf(n, path, slugHint(s), "%q is not a valid slug: use lower-case letters, digits and hyphens", s)
			return
		}
	case reflect.TypeFor[Tag]():
		if Slugify(s) == "" {
			d.errorf(n, path, "use a keyword with Latin letters or digits, e.g. \"air-quality\"",
				"tag %q has no letters or digits for its URL", s)
			return
		}
	case reflect.TypeFor[TermRef]():
		id, ok := d.term(n, path, sf.Tag.Get("taxonomy"), s)
		if !ok {
			return
		}
		s = id
	case reflect.TypeFor[URL]():
		if msg := checkURL(s); msg != "" {
			d.errorf(n, path, "write a full link such as https://example.org/", "%s", msg)
			return
		}
	case reflect.TypeFor[Link]():
		if msg := checkLink(s); msg != "" {
			d.errorf(n, path, "write a full link such as https://example.org/, or a path of this site such as "+
				"/projects/other-app/", "%s", msg)
			return
		}
	case reflect.TypeFor[Path]():
		if msg, hint := checkPath(s); msg != "" {
			d.errorf(n, path, hint, "%s", msg)
			return
		}
	}
	v.SetString(s)
}

func slugHint(s string) string {
	if g := Slugify(s); g != "" && g != s {
		return fmt.Sprintf("did you mean %q?", g)
	}
	return ""
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' })
}

func (d *decoder) term(n *yaml.Node, path, taxonomy, value string) (string, bool) {
	if taxonomy == "" || d.terms == nil {
		return value, true
	}
	id, ok, hint := d.terms.Term(taxonomy, value)
	if !ok {
		d.errorf(n, path, hint, "%q is not one of the %s in site.yaml", value, taxonomy)
	}
	return id, ok
}

func (d *decoder) integer(n *yaml.Node, v reflect.Value, path string, sf reflect.StructField) {
	s, ok := d.scalar(n, path, "a number")
	if !ok {
		return
	}
	switch n.Tag {
	case "!!int":
	case "!!float":
		d.errorf(n, path, "", "must be a whole number, not %s", s)
		return
	case "!!str":
		hint := ""
		if _, err := strconv.Atoi(s); err == nil {
			hint = "remove the quotes"
		}
		d.errorf(n, path, hint, "must be a number, not text")
		return
	default:
		d.errorf(n, path, "", "must be a number, not %s", describe(n))
		return
	}
	var i int
	if err := n.Decode(&i); err != nil {
		d.errorf(n, path, "", "must be a number between %d and %d", -1<<31, 1<<31-1)
		return
	}
	if tax := sf.Tag.Get("taxonomy"); tax != "" {
		if _, ok := d.term(n, path, tax, strconv.Itoa(i)); !ok {
			return
		}
	}
	v.SetInt(int64(i))
}

func (d *decoder) boolean(n *yaml.Node, v reflect.Value, path string) {
	if _, ok := d.scalar(n, path, "true or false"); !ok {
		return
	}
	var b bool
	if n.Tag != "!!bool" || n.Decode(&b) != nil {
		d.errorf(n, path, "", "must be true or false, not %s", describe(n))
		return
	}
	v.SetBool(b)
}

var dateLayouts = []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04"}

func (d *decoder) date(n *yaml.Node, v reflect.Value, path string) {
	s, ok := d.scalar(n, path, "a date")
	if !ok {
		return
	}
	if n.Tag != "!!timestamp" && n.Tag != "!!str" {
		d.errorf(n, path, "write it as YYYY-MM-DD, e.g. 2024-03-01", "must be a date, not %s", describe(n))
		return
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			if t.Year() < 1900 || t.Year() > 2999 {
				break
			}
			v.Set(reflect.ValueOf(Date{t}))
			return
		}
	}
	d.errorf(n, path, "write it as YYYY-MM-DD, e.g. 2024-03-01", "%q is not a valid date", s)
}

func (d *decoder) text(n *yaml.Node, v reflect.Value, path string) {
	t := Text{}
	switch n.Kind {
	case yaml.ScalarNode:
		t[""] = strings.TrimSpace(n.Value)
	case yaml.MappingNode:
		var langs []string
		if d.terms != nil {
			langs = d.terms.Languages()
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			sub := join(path, k.Value)
			d.pos[sub] = d.at(val)
			if langs != nil && !contains(langs, k.Value) {
				d.errorf(k, sub, hintOr(suggest(k.Value, langs), "languages: "+strings.Join(langs, ", ")),
					"%q is not a language of the site", k.Value)
				continue
			}
			if _, dup := t[k.Value]; dup {
				d.errorf(k, sub, "remove one of them", "language given twice")
				continue
			}
			if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
				d.errorf(val, sub, "", "must be text, not %s", describe(val))
				continue
			}
			t[k.Value] = strings.TrimSpace(val.Value)
		}
	default:
		d.errorf(n, path, "write text, or one line per language such as en: …", "must be text, not %s",
			describe(n))
		return
	}
	v.Set(reflect.ValueOf(t))
}

// checkURL returns a message when s is not an absolute http(s) URL safe to put in an href.
func checkURL(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "a link must not contain spaces or control characters"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%q is not an http:// or https:// link", s)
	}
	return ""
}

// checkLink returns a message when s is neither an absolute http(s) URL nor a path of this site ("/x/"). Whether
// the site has that path is checked once the site's pages are known.
func checkLink(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
		if checkURL(s) != "" && !strings.ContainsFunc(s, unicode.IsSpace) {
			return fmt.Sprintf("%q is not an http:// or https:// link, nor a path of this site", s)
		}
		return checkURL(s)
	}
	p, _, _ := strings.Cut(s, "#")
	p, _, _ = strings.Cut(p, "?")
	switch {
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return "a link must not contain spaces or control characters"
	case strings.Contains(p, "\\"):
		return "a site path must use / between folders"
	case p != "/" && !localPath(strings.TrimSuffix(p[1:], "/")):
		return fmt.Sprintf("%q is not a clean path of this site", s)
	}
	return ""
}

// checkPath returns a message and hint when s cannot be a path inside the content root.
func checkPath(s string) (msg, hint string) {
	p := strings.TrimPrefix(s, "/")
	switch {
	case s == "" || p == "":
		return "must name a file", ""
	case strings.Contains(s, "://") || strings.HasPrefix(s, "//"):
		return "must be a file in the content folder, not a link", "put the image beside the entry"
	case strings.Contains(s, "\\"):
		return "must use / between folders", ""
	case !localPath(p):
		return fmt.Sprintf("%q leaves the content folder", s), "use a path inside content/, e.g. /images/x.png"
	}
	return "", ""
}

// localPath reports whether p is a relative slash path that stays below its base (no "..", no empty parts).
func localPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.ContainsRune(p, 0) {
		return false
	}
	return path.Clean(p) == p && p != "." && p != ".." && !strings.HasPrefix(p, "../")
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func suggest(s string, xs []string) string { return diag.Suggest(s, xs) }
