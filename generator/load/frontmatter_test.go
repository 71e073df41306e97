package load

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, src           string
		front, body         string
		frontLine, bodyLine int
		err                 string
	}{
		{"basic", "---\ntitle: a\n---\nbody\n", "title: a\n", "body\n", 2, 4, ""},
		{"crlf", "---\r\ntitle: a\r\n---\r\nbody", "title: a\r\n", "body", 2, 4, ""},
		{"bom", "\uFEFF---\ntitle: a\n---\n", "title: a\n", "", 2, 4, ""},
		{"dots close", "---\na: 1\n...\nx", "a: 1\n", "x", 2, 4, ""},
		{"empty front", "---\n---\nx", "", "x", 2, 3, ""},
		{"trailing spaces on fences", "--- \na: 1\n---\t\nx", "a: 1\n", "x", 2, 4, ""},
		{"no body newline", "---\na: 1\n---", "a: 1\n", "", 2, 4, ""},
		{"empty file", "", "", "", 0, 0, "the file is empty"},
		{"no opening", "title: a\n", "", "", 0, 0, "must start with a line"},
		{"not closed", "---\ntitle: a\n", "", "", 0, 0, "not closed"},
		{"dashes inside values", "---\na: ---x\n---\n", "a: ---x\n", "", 2, 4, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, fl, bl, err := Split([]byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || fl != tt.frontLine || bl != tt.bodyLine {
				t.Errorf("got (%q, %q, %d, %d), want (%q, %q, %d, %d)", front, body, fl, bl,
					tt.front, tt.body, tt.frontLine, tt.bodyLine)
			}
		})
	}
}

func TestParseYAMLPositions(t *testing.T) {
	n, err := ParseYAML([]byte("title: a\nteam:\n  - name: b\n"), 5)
	if err != nil {
		t.Fatal(err)
	}
	name := n.Content[3].Content[0].Content[1]
	if name.Value != "b" || name.Line != 7 || name.Column != 11 {
		t.Errorf("name node at %d:%d (%q), want 7:11", name.Line, name.Column, name.Value)
	}
	_, err = ParseYAML([]byte("a: 1\nb: [\n"), 10)
	if se, ok := err.(*SyntaxError); !ok || se.Line < 10 {
		t.Errorf("err = %#v, want a SyntaxError at line ≥ 10", err)
	}
}

// TestHostileYAMLIsCheap: the inputs that make yaml.v3's decoder quadratic or explosive are refused or handled
// in milliseconds, because we never decode with yaml.v3 (only parse into nodes).
func TestHostileYAMLIsCheap(t *testing.T) {
	repeated := strings.Repeat("title: x\n", 4000) // 36 KB: ~10 s and ~3 GB through yaml.v3's Decode
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	for name, src := range map[string]string{"repeated keys": repeated, "alias bomb": bomb, "deep": deep} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			n, err := ParseYAML([]byte(src), 2)
			if err == nil {
				var diags diag.List
				var p schema.Project
				schema.Decode(n, &p, "x.md", diag.Pos{File: "x.md"}, nil, &diags)
				if diags.Len() == 0 {
					t.Error("hostile front matter decoded without a problem")
				}
			}
			t.Logf("%s: %v", name, time.Since(start)) // reported, not asserted
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "---\r\n---\r\n", "\uFEFF---\n...\n", "---", "x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, fl, bl, err := Split(src)
		if err != nil {
			return
		}
		if fl != 2 || bl < 3 {
			t.Fatalf("lines %d, %d", fl, bl)
		}
		if !bytes.Contains(src, front) || !bytes.HasSuffix(src, body) {
			t.Fatal("front matter or body not taken from the source")
		}
	})
}

// FuzzFrontMatter runs the whole front-matter path (split, parse, decode into a project) on arbitrary input:
// it must never panic, and every problem it reports must carry a line inside the file.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\ndate: 2024-01-02\nyear: 2024\nteam: [{name: x}]\ntags: [a]\nlinks: {repo: https://x.org}\n---\n",
		"---\ntitle: &a x\nsummary: *a\n---\n", "---\nyear: 3.5\n---\n", "---\n- a\n---\n", "---\n{a: [b: {c}]}\n---\n",
		"---\ndate: 2024-02-30\ncover: ../x.png\n---\n", "---\nteam:\n  - name:\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, _, fl, _, err := Split(src)
		if err != nil || len(front) > MaxFrontMatterBytes {
			return
		}
		n, err := ParseYAML(front, fl)
		if err != nil {
			return
		}
		var diags diag.List
		var p schema.Project
		schema.Decode(n, &p, "x.md", diag.Pos{File: "x.md", Line: fl}, nil, &diags)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range diags.Sorted() {
			if d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Fatalf("diagnostic outside the file (%d lines): %s", lines, d)
			}
		}
	})
}
