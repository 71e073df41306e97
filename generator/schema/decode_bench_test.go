package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
	"gopkg.in/yaml.v3"
)

// BenchmarkDecodeProjects decodes the front matter of 1,000 projects of the benchmark corpus, when it has been
// generated (go run ./cmd/bench -runs 0 -hugo none), already parsed into nodes:
//
//	go test ./generator/schema -run '^$' -bench DecodeProjects -benchmem
func BenchmarkDecodeProjects(b *testing.B) {
	files, _ := filepath.Glob("/dev/shm/showcase-bench/corpus-10000-1000/showcase-1lang/content/projects/*.md")
	if len(files) < 1000 {
		b.Skip("no benchmark corpus")
	}
	var nodes []*yaml.Node
	for _, f := range files[:1000] {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		front, _, _ := bytes.Cut(bytes.TrimPrefix(src, []byte("---\n")), []byte("\n---\n"))
		n, err := load.ParseYAML(front, 2)
		if err != nil {
			b.Fatal(err)
		}
		nodes = append(nodes, n)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range nodes {
			var diags diag.List
			schema.Decode(n, &schema.Project{}, "p.md", diag.Pos{File: "p.md", Line: 1, Col: 1}, nil, &diags)
		}
	}
}
