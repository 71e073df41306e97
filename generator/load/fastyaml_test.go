package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/corpus"
	"github.com/hkshopendata/showcase/generator/scaffold"
	"github.com/hkshopendata/showcase/generator/schema"
	"gopkg.in/yaml.v3"
)

// yamlV3Root is what yaml.v3 makes of src: the root node, or an error.
func yamlV3Root(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty document")
	}
	return doc.Content[0], nil
}

// treeDiff describes the first difference between two node trees, or is "" when they are the same in every
// field yaml.v3 sets but the comments, which parseSimple skips.
func treeDiff(a, b *yaml.Node, at string) string {
	type fields struct {
		Kind                  yaml.Kind
		Style                 yaml.Style
		Tag, Value, Anchor    string
		Alias                 bool
		Line, Column, Content int
	}
	fa := fields{a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.Alias != nil, a.Line, a.Column, len(a.Content)}
	fb := fields{b.Kind, b.Style, b.Tag, b.Value, b.Anchor, b.Alias != nil, b.Line, b.Column, len(b.Content)}
	if fa != fb {
		return fmt.Sprintf("%s: %+v, yaml.v3 %+v", at, fa, fb)
	}
	for i := range a.Content {
		if d := treeDiff(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSimple fails when parseSimple takes src and makes anything but yaml.v3's tree, with its own memory or in
// testScratch (which the documents checked before parsed in); it reports whether it took it.
func checkSimple(t *testing.T, src []byte) bool {
	t.Helper()
	got, ok := parseSimple(src, nil)
	inScratch, scratchOK := parseSimple(src, &testScratch)
	if ok != scratchOK {
		t.Fatalf("parseSimple(%q) takes it %v, in a Scratch %v", src, ok, scratchOK)
	}
	if !ok {
		return false
	}
	want, err := yamlV3Root(src)
	if err != nil {
		t.Fatalf("parseSimple took %q, which yaml.v3 refuses: %v", src, err)
	}
	if d := treeDiff(got, want, ""); d != "" {
		t.Fatalf("parseSimple(%q) differs from yaml.v3 at %s", src, d)
	}
	if d := treeDiff(inScratch, want, ""); d != "" {
		t.Fatalf("parseSimple(%q) in a Scratch differs from yaml.v3 at %s", src, d)
	}
	return true
}

// testScratch is the Scratch checkSimple parses every document in, after the last one.
var testScratch Scratch

var simpleTaken = []string{
	"title: \"BlueAtlas: A&E Waiting Time Advisor\"\nslug: blueatlas-03827\ndate: 2024-10-10\nyear: 2024\n" +
		"team:\n  - name: \"Zhao Jiahao\"\n    role: \"Team Lead\"\n  - name: Chen Lei\n    role: UX Designer\n" +
		"tags: [aviation, api, public-transport]\ndatasets:\n  - hk-mtr-next-train\n" +
		"links:\n  repo: https://github.com/x/y#readme\n  demo: https://y.demo.example.org/\n",
	"a: b", "a: b\n", "a:   b   \n\n\nc: d\n", "k: v\n  \n", "a:b: c", "a :b: c",
	"team:\n- name: a\n  role: b\n- name: c\nnext: 1\n",
	"a:\n  b:\n    c: d\n  e: [f]\ng: h\n",
	"a:\n  - x\n  - y\n",
	"a:\n  - [x, y]\n  - 'z'\n",
	"a: []\nb: [ ]\nc: [x,y , 'z''s', \"w\\\"\"]\n",
	"list:\n- a:\n  - x\n- b\n",
	"# yaml-language-server: $schema=x.json\n# Every field\ntitle: \"A\"                  # the title (required)\n" +
		"team:                                   # who\n  - name: \"Your name\"            # the name\n" +
		"    # affiliation: \"x\"     # optional\n# demo:  # the demo\ntags: []  # words\nd: [a, 'b'] # c\n",
	"a: 1\na: 2\n", // a key given twice: the schema decoder reports it, from either parser's tree
	"a: b # comment\n", "a: x#y # z\n", "a:\n  # c\n  b: d\n", "a:\n  - x\n  # c\n", "#a: b\nc: d\n",
	"a: b\n#c: d\n", "a:\n  - x\n# c\n  - y\n", "a: 'q' #c\n", "a: b #\n",
	"a:\n  - \"x: y\"\n  - 'z: w'\n",
	"n: ~\nb: true\nc: False\nd: NULL\ne: yes\nf: no\ng: on\nh: 0\ni: 123456789012345678\n",
	"d: 2024-1-2\ne: 2024-02-30\nf: 2024-10-10\n",
	"q: \"tab\\there \\u00e9\\u4E2D\\u00C9 \\\\ \\n\"\nr: 'it''s'\ns: \"\"\nt: ''\n",
	"中文: 上海 浦东\nx: \"海: y\"\nz: [港, \"澳\"]\n",
	"url: https://example.org/a?b=c&d=e#f\n",
	"a: b [c] {d}, e\n",
	"2024: year\ntrue: yes\nnull: x\n",
	"title: 15-Minute City\nb: 2024 年\nc: 3rd\nd: +Mile\ne: 1 2 3 go\n",
}

// simpleDeclined are documents parseSimple leaves to yaml.v3: valid YAML of other shapes, and YAML that is not
// valid (checkSimple compares the valid ones with yaml.v3 too, should parseSimple take them).
var simpleDeclined = []string{
	// block scalars, anchors, aliases, tags, flow mappings, quoted keys
	"a: |\n  x\n", "a: >\n  x\n", "a: &x b\nc: *x\n", "a: !!str b\n", "a: {b: c}\n", "\"a\": b\n", "<<: {a: b}\n",
	// tabs, CRs, characters YAML refuses or reads as breaks
	"a:\tb\n", "a: b\r\n", "\uFEFFa: b\n", "a: b\u2028c\n", "a: \x85\n", "a: b\x7fc\n", "a: b\u0085c\n",
	"a: b\ufffec\n",
	// scalars over several lines, or empty
	"a: \"b\n  c\"\n", "a: b\n  c\n", "a:\n", "a:\nb: c\n", "a: [b,\n  c]\n", "a: [b, # c\n  d]\n", "a: 'b\n",
	"a: \"b # c\n", "a:\n  -\n    b: c\n",
	// numbers, dates and words of other forms
	"a: 1.5\n", "a: -1\n", "a: 0x1F\n", "a: 007\n", "a: .inf\n", "a: 1_000\n", "a: 0b101\n", "a: 1e5\n", "a: +1\n",
	"a: 12abc\n", "a: 2024-10-10T10:00:00Z\n", "a: 2024-1-1T0:0:0,5Z\n", "a: +.inf\n", "a: +.Inf\n", "a: +.INF\n",
	"a: 2024-10-10 10:00\n",
	// escapes yaml.v3 does not take, or parseSimple does not
	"a: \"\\x41\"\n", "a: \"\\/\"\n", "a: \"\\ud800\"\n", "a: \"\\u12\"\n", "a: \"\\u00g9\"\n", "a: \"\\u+0e9\"\n",
	// markers, directives, other roots, sequences in sequences
	"---\na: b\n", "a: b\n...\n", "%YAML 1.2\n---\na: b\n", "--- a: b\n", "... a: b\n", "  a: b\n", "- a\n", "a\n",
	"- a: b\n", "a: [[b]]\n", "a:\n  - - b\n", "- - a\n", "a:\n- - b\n",
	// what YAML does not allow, or reads otherwise than it looks
	"a: b:\n", "a: - b\n", strings.Repeat("k", 1001) + ": v\n", "a : b\n", "a:\n  b: c\n d: e\n", "a: \"b\"#c\n",
	"a: [b]#c\n", "a: [b, ]\n",
}

func TestSimpleYAMLMatchesYAMLv3(t *testing.T) {
	for _, s := range append(append([]string{}, simpleTaken...), simpleDeclined...) {
		checkSimple(t, []byte(s))
	}
	for _, s := range simpleTaken {
		if _, ok := parseSimple([]byte(s), nil); !ok {
			t.Errorf("parseSimple left %q to yaml.v3", s)
		}
	}
	for _, s := range simpleDeclined {
		if _, ok := parseSimple([]byte(s), nil); ok {
			t.Errorf("parseSimple took %q: it must leave it to yaml.v3", s)
		}
	}
}

// TestSimpleYAMLOnContent holds parseSimple to yaml.v3 on every front matter and YAML file of the repository's
// content and testdata, and of ../shared/bench's corpus when it has been generated.
func TestSimpleYAMLOnContent(t *testing.T) {
	roots := []string{"../../content", "testdata", "../../generator"}
	taken, files := 0, 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil || len(src) > MaxEntryBytes {
				return nil
			}
			switch filepath.Ext(p) {
			case ".md":
				front, _, _, _, err := Split(src)
				if err != nil {
					return nil
				}
				src = front
			case ".yaml", ".yml":
			default:
				return nil
			}
			files++
			if checkSimple(t, src) {
				taken++
			}
			return nil
		})
	}
	t.Logf("parseSimple took %d of %d documents", taken, files)
	if files > 0 && taken == 0 {
		t.Error("parseSimple took none of the content's documents")
	}
}

// TestSimpleYAMLTakesTheBenchCorpus: every front matter of the benchmark corpus (../shared/bench, 300 projects
// and 30 exhibits) is taken, and parsed as yaml.v3 parses it: the benchmark measures the parser it means to.
func TestSimpleYAMLTakesTheBenchCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 300, 30); errors.Is(err, corpus.ErrNoGenerator) {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, _, _, _, err := Split(src)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !checkSimple(t, front) {
			t.Errorf("%s: left to yaml.v3", p)
		}
		n++
		return nil
	})
	if n != 330 {
		t.Errorf("%d entries in the corpus, want 330", n)
	}
}

// TestSimpleYAMLTakesSkeletons: the front matter of every kind of entry `showcase new` writes, a comment on
// every line, is taken, and parsed as yaml.v3 parses it.
func TestSimpleYAMLTakesSkeletons(t *testing.T) {
	for _, kind := range []string{"project", "pavilion"} {
		src, err := scaffold.Skeleton(&schema.Site{}, scaffold.Options{Kind: kind, Slug: "a-" + kind,
			Today: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		front, _, _, _, err := Split(src)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(front), "# ") {
			t.Fatalf("%s: the skeleton has no comments:\n%s", kind, front)
		}
		if !checkSimple(t, front) {
			t.Errorf("%s: the skeleton is left to yaml.v3:\n%s", kind, front)
		}
	}
}

func FuzzSimpleYAML(f *testing.F) {
	for _, s := range append(append([]string{}, simpleTaken...), simpleDeclined...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkSimple(t, src)
	})
}

// BenchmarkFrontMatterYAML parses a typical project's front matter with parseSimple and with yaml.v3.
func BenchmarkFrontMatterYAML(b *testing.B) {
	src := []byte(simpleTaken[0])
	b.Run("simple", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, ok := parseSimple(src, nil); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := yamlV3Root(src); err != nil {
				b.Fatal(err)
			}
		}
	})
}
