package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rendered is src parsed as parse does (first without linkify), and as it always was (with), both rendered.
func rendered(t testing.TB, src []byte) (quick, full string, linkified bool) {
	doc, ids, linkified := parse(src)
	a := renderDoc(t, src, doc, ids)
	fullDoc, fullIDs := parseWith(md, src)
	b := renderDoc(t, src, fullDoc, fullIDs)
	return lineEnds.ReplaceAllString(a, "$1"), lineEnds.ReplaceAllString(b, "$1"), linkified
}

// lineEnds are spaces, tabs and carriage returns at the end of a line of the HTML, which goldmark with linkify may keep
// (autolinks.go).
var lineEnds = regexp.MustCompile(`[ \t\r]+(\n|<br />)`)

// TestAutolinksSkipped checks that a body is parsed a second time, with linkify, exactly when a bare link may be
// in its text, and that both ways give the same HTML.
func TestAutolinksSkipped(t *testing.T) {
	for _, c := range []struct {
		src       string
		linkified bool
	}{
		{"Plain text, no links.\n", false},
		{"See [the data](https://data.gov.hk/x) and ![a map](http://x.org/m.png).\n", false},
		{"[`hk-mtr`](https://data.example.org/dataset/hk-mtr): a snapshot.\n", false},
		{"Run `curl https://x.org` or `a@b.com`.\n", false},
		{"<https://x.org> and <me@x.org> are autolinks already.\n", false},
		{"```\nhttps://x.org\n```\n\n    www.x.org\n", false},
		{"[ref]\n\n[ref]: https://x.org\n", false},
		{"Mail us at team@example.org.\n", true},
		{"https://x.org at the head of a line\n", true},
		{"see https://x.org/a_b_c and _this_\n", true},
		{"(www.x.org) in brackets\n", true},
		{"*https://x.org* emphasised\n", true},
		{"a_b@x.com with an underscore\n", true},
		{"x`a@b.com` an address around a code span\n", true},
		{"`a`b@x.com an address after a code span\n", true},
		{"`http`abc@x.com a word to look for before an address\n", true},
		{"[https://x.org](y) a URL as a link's text\n", true},
		{"[not a link](https://x.org and then nothing\n", true},
		{"| a | b |\n| - | - |\n| https://x.org | c |\n", true},
		{"## Heading with ftp://x.org\n", true},
		{"HTTPS://X.ORG is not linked\n", false},
		{"觀塘區 https://x.org 浦东新区\n", true},
	} {
		quick, full, linkified := rendered(t, []byte(c.src))
		if quick != full {
			t.Errorf("%q: parsed without linkify first:\n%s\nalways with it:\n%s", c.src, quick, full)
		}
		if linkified != c.linkified {
			t.Errorf("%q: parsed again with linkify = %v, want %v", c.src, linkified, c.linkified)
		}
	}
}

// TestAutolinksCorpus compares both ways on the bodies of the benchmark corpus, when it has been generated
// (go run ./cmd/bench -runs 0 -hugo none), and of the site's content.
func TestAutolinksCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../content/*/*/*.md")
	more, _ := filepath.Glob("/dev/shm/showcase-bench/corpus-10000-1000/showcase-1lang/content/projects/*.md")
	if len(more) > 2000 {
		more = more[:2000]
	}
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no content")
	}
	skipped := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, body, ok := strings.Cut(string(src), "\n---\n"); ok {
			src = []byte(body)
		}
		quick, full, linkified := rendered(t, src)
		if quick != full {
			t.Fatalf("%s: parsed without linkify first:\n%s\nalways with it:\n%s", f, quick, full)
		}
		if !linkified {
			skipped++
		}
	}
	t.Logf("%d of %d bodies parsed once", skipped, len(files))
}

// linkifyDropsBackslash matches what goldmark's linkify parses wrongly: a backslash, then a space and more spaces
// and tabs, at least one a tab, then a line break. CommonMark keeps the backslash as text (parsed without
// linkify: "<p>x\\\n0</p>"); with linkify it is gone with the spaces ("<p>x\n0</p>"). A body without a link
// is parsed without linkify, and keeps it; FuzzAutolinks leaves such input out (TestLinkifyDropsBackslash).
var linkifyDropsBackslash = regexp.MustCompile(`\\ [ \t]*\t[ \t]*\r?\n`)

// TestLinkifyDropsBackslash shows the place, besides spaces at a line's end (lineEnds), where a body parsed
// without linkify first comes out otherwise than with linkify, and better: when goldmark stops dropping the backslash, it fails, and the exception can go.
func TestLinkifyDropsBackslash(t *testing.T) {
	for _, src := range []string{"x\\ \t\n0", "\\ \t\n0", "x\\  \t\n0", "x\\ \t \n0", "*x*\\ \t\r\n0"} {
		if !linkifyDropsBackslash.MatchString(src) {
			t.Errorf("%q: the pattern misses it", src)
		}
		quick, full, _ := rendered(t, []byte(src))
		if !strings.Contains(quick, "\\\n") || strings.Contains(full, "\\") {
			t.Errorf("%q: without linkify %q (want the backslash kept), with it %q (goldmark drops it)", src, quick, full)
		}
	}
	for _, src := range []string{"x\\\t \n0", "x\\\t\t\n0", "x\\ \n0", "x\\  \n0", "x\\ \t"} { // not matched, and the same both ways
		if linkifyDropsBackslash.MatchString(src) {
			t.Errorf("%q: the pattern takes it", src)
		}
		if quick, full, _ := rendered(t, []byte(src)); quick != full {
			t.Errorf("%q: parsed without linkify first:\n%s\nalways with it:\n%s", src, quick, full)
		}
	}
}

func FuzzAutolinks(f *testing.F) {
	for _, s := range []string{"a https://x.org b", "[a](https://x.org)", "x a@b.co y", "`www.x.org`", "*www.x.org*",
		"<a@b.co>", "(https://x.org)", "a\\ https://x.org", "- [ ] ftp://x.org/~a", "www.x.org_a_", "觀塘 a@b.cn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		if linkifyDropsBackslash.MatchString(src) {
			return
		}
		defer func() { recover() }() // goldmark's own panics are Convert's to catch, not this test's
		quick, full, _ := rendered(t, []byte(src))
		if quick != full {
			t.Fatalf("%q: parsed without linkify first:\n%s\nalways with it:\n%s", src, quick, full)
		}
	})
}
