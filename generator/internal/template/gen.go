//go:build ignore

// gen writes this folder's copies of Go's text/template, html/template and internal/fmtsort from the sources of
// the Go toolchain that runs it, with the changes listed in fork.go's patches: run `go generate
// ./generator/internal/template` after changing Go version. TestForkMatchesToolchain compares them with what it would
// write.
package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/hkshopendata/showcase/generator/internal/template"
)

func main() {
	if _, err := os.Stat("fork.go"); err != nil {
		fail(fmt.Errorf("run it in generator/internal/template (go generate ./generator/internal/template)"))
	}
	want, err := template.Generate(runtime.GOROOT())
	if err != nil {
		fail(err)
	}
	for dir := range template.Packages {
		if err := os.RemoveAll(dir); err != nil {
			fail(err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
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
