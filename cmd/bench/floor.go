package main

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"gopkg.in/yaml.v3"
)

// floorPage is the one template of the floor: what any generator must at least write for an entry.
var floorPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="description" content="{{.Summary}}"></head>
<body><main><h1>{{.Title}}</h1><p>{{.Summary}}</p>{{.Body}}</main></body></html>
`))

// floorMain is `bench floor`: the plain Go loop over the corpus's entries that sets the floor of the comparison —
// front matter parsed with yaml.v3, the body converted with goldmark (GFM and CJK, as the Hugo site), one
// html/template executed and the page written; entry pages only, no lists, terms or search.
func floorMain(args []string) int {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	in := fs.String("in", "", "the corpus's content `folder`")
	out := fs.String("out", "", "the output `folder`")
	workers := fs.Int("workers", 0, "goroutines (0: GOMAXPROCS)")
	if err := fs.Parse(args); err != nil || *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: bench floor -in CONTENT -out DIR [-workers N]")
		return 2
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	var files []string
	for _, section := range []string{"projects", "pavilion"} {
		m, _ := filepath.Glob(filepath.Join(*in, section, "*.md"))
		files = append(files, m...)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.NewCJK(extension.WithEscapedSpace())))
	jobs := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range *workers {
		wg.Go(func() {
			var buf, page bytes.Buffer
			for f := range jobs {
				errs <- floorEntry(f, *in, *out, md, &buf, &page)
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

func floorEntry(file, in, out string, md goldmark.Markdown, buf, page *bytes.Buffer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	front, body, ok2 := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !ok2 {
		return fmt.Errorf("%s: no front matter", file)
	}
	var fm struct {
		Title, Summary, Slug string
	}
	if err := yaml.Unmarshal(front, &fm); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	buf.Reset()
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	page.Reset()
	if err := floorPage.Execute(page, map[string]any{"Title": fm.Title, "Summary": fm.Summary,
		"Body": template.HTML(buf.String())}); err != nil {
		return err
	}
	rel, _ := filepath.Rel(in, file)
	slug := fm.Slug
	if slug == "" {
		slug = strings.TrimSuffix(filepath.Base(file), ".md")
	}
	dir := filepath.Join(out, filepath.Dir(rel), slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), page.Bytes(), 0o644)
}
