//go:build ignore

// gen writes this folder's copies of Go's text/template, html/template and internal/fmtsort from the sources of
// the Go toolchain that runs it, with the changes listed in fork.go's patches: run `go generate
// ./generator/internal/template` after changing Go version. `go run gen.go -check` only compares.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/hkshopendata/showcase/generator/internal/template"
)

func main() {
	check := flag.Bool("check", false, "only compare with the files here")
	flag.Parse()
	if _, err := os.Stat("fork.go"); err != nil {
		fail(fmt.Errorf("run it in generator/internal/template (go generate ./generator/internal/template)"))
	}
	want, err := template.Generate(runtime.GOROOT())
	if err != nil {
		fail(err)
	}
	if *check {
		if diff := template.Compare(".", want); len(diff) > 0 {
			fail(fmt.Errorf("differs from %s's sources + patches: %s", runtime.Version(), strings.Join(diff, ", ")))
		}
		return
	}
	for dir := range template.Packages {
		if err := os.RemoveAll(dir); err != nil {
			fail(err)
		}
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		err := os.MkdirAll(filepath.Dir(name), 0o755)
		if err == nil {
			err = os.WriteFile(name, want[name], 0o644)
		}
		if err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
