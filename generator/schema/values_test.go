package schema

import (
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
	"gopkg.in/yaml.v3"
)

// TestPositionsMadeToSize checks that values, which sizes the map of Positions, counts what Decode records: one
// position for each value of a valid project's front matter, and no more than the values of one with unknown,
// misplaced and missing fields.
func TestPositionsMadeToSize(t *testing.T) {
	for _, c := range []struct {
		src   string
		exact bool
	}{
		{sitetest.Project + "tags: [a, b]\nlinks:\n  repo: https://example.org/r\n", true},
		{"title: T\ncolour: red\nteam: {name: M}\ndate: [1, 2]\n", false},
		{"", false},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(c.src), &doc); err != nil {
			t.Fatal(err)
		}
		var n *yaml.Node
		if len(doc.Content) > 0 {
			n = doc.Content[0]
		}
		var p Project
		var diags diag.List
		pos := Decode(n, &p, "f.md", diag.Pos{File: "f.md", Line: 1, Col: 1}, nil, &diags)
		if got, want := len(pos), values(n); got > want || c.exact && got != want {
			t.Errorf("%.30q: %d positions, values counts %d", c.src, got, want)
		}
	}
}
