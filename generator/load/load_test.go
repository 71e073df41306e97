package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"github.com/hkshopendata/showcase/generator/load"
)

func lines(t *testing.T, dir string) (*load.Content, string) {
	t.Helper()
	c, diags, err := load.Load(dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range diags.Sorted() {
		out = append(out, d.String())
	}
	return c, strings.Join(out, "\n")
}

func TestLoadFindsEntriesAndBundles(t *testing.T) {
	dir := sitetest.Write(t, `-- content/site.yaml --
title: x
-- content/projects/a.md --
---
title: A
---
-- content/projects/b/index.md --
---
title: B
---
-- content/projects/b/pic.png --
png
-- content/projects/b/notes.md --
not an entry: only index.md is
-- content/pages/about.md --
---
title: About
---
-- content/.hidden/x.md --
-- content/README.txt --
hello
`)
	c, diags := lines(t, dir+"/content")
	if diags != "" {
		t.Fatalf("diagnostics: %s", diags)
	}
	var got []string
	for _, e := range c.Entries {
		got = append(got, e.Section+":"+e.Name+":"+e.BundleDir)
	}
	if strings.Join(got, " ") != "pages:about: projects:a: projects:b:projects/b" {
		t.Errorf("entries: %v", got)
	}
	if !c.HasFile("projects/b/pic.png") || c.HasFile(".hidden/x.md") {
		t.Errorf("file index: %v", c.Files)
	}
}

// TestSymlinksCannotLeaveTheRoot: a link inside content/ that points outside it is reported and never read.
func TestSymlinksCannotLeaveTheRoot(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\ntitle: x\n-- secret.txt --\nsecret\n-- content/images/ok.png --\npng\n"+
		"-- content/drafts/real.md --\n---\ntitle: Real\n---\nbody\n")
	content := filepath.Join(dir, "content")
	must(t, os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(content, "images", "leak.png")))
	must(t, os.Symlink("/etc/passwd", filepath.Join(content, "images", "passwd.png")))
	must(t, os.Symlink("ok.png", filepath.Join(content, "images", "inside.png")))
	must(t, os.Symlink("/etc/passwd", filepath.Join(content, "projects.md")))
	must(t, os.MkdirAll(filepath.Join(content, "projects"), 0o755))
	must(t, os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(content, "projects", "leak.md")))
	// links to another folder inside the root: outside the folder's own root, which the loader opens files
	// through, but inside the content root
	must(t, os.Symlink("../images/ok.png", filepath.Join(content, "projects", "cover.png")))
	must(t, os.Symlink("../drafts/real.md", filepath.Join(content, "projects", "alias.md")))
	c, diags := lines(t, content)
	for _, p := range []string{"images/leak.png", "images/passwd.png", "projects/leak.md"} {
		if c.HasFile(p) {
			t.Errorf("%s indexed", p)
		}
		if !strings.Contains(diags, "content/"+p+": cannot read") {
			t.Errorf("%s not reported:\n%s", p, diags)
		}
	}
	for _, p := range []string{"images/inside.png", "projects/cover.png", "projects/alias.md"} {
		if !c.HasFile(p) {
			t.Errorf("%s: a link that stays inside the root was refused", p)
		}
	}
	if len(c.Entries) != 1 || c.Entries[0].Path != "projects/alias.md" || string(c.Entries[0].Body) != "body\n" {
		t.Errorf("entries: want only projects/alias.md, read through its link; got %v", c.Entries)
	}
}

// TestNamedPipeIsNotOpened: opening a FIFO would block forever; it is reported instead.
func TestNamedPipeIsNotOpened(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\ntitle: x\n")
	must(t, os.MkdirAll(filepath.Join(dir, "content/projects"), 0o755))
	if err := syscall.Mkfifo(filepath.Join(dir, "content/projects/pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan string)
	go func() { _, d := lines(t, dir+"/content"); done <- d }()
	select {
	case d := <-done:
		if !strings.Contains(d, "content/projects/pipe.md: not a regular file") {
			t.Errorf("pipe not reported:\n%s", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
}

func TestLimits(t *testing.T) {
	big := "---\ntitle: x\n---\n" + strings.Repeat("word ", load.MaxEntryBytes/5+1) + "\n"
	front := "---\n" + strings.Repeat("# comment line\n", load.MaxFrontMatterBytes/15+1) + "---\n"
	dir := sitetest.Write(t, "-- content/site.yaml --\ntitle: x\n-- content/projects/big.md --\n"+big+
		"-- content/projects/front.md --\n"+front+"-- content/projects/crlf.md --\n---\r\ntitle: x\r\n---\r\nok\r\n")
	c, diags := lines(t, dir+"/content")
	want := []string{
		"content/projects/big.md: file is larger than 1024 KiB (split it, or move large data into a dataset)",
		"content/projects/front.md:2: front matter is",
	}
	for _, w := range want {
		if !strings.Contains(diags, w) {
			t.Errorf("missing %q in:\n%s", w, diags)
		}
	}
	if len(c.Entries) != 1 || c.Entries[0].Name != "crlf" {
		t.Errorf("entries: %v", c.Entries)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
