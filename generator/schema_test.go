package generator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/cli"
	"github.com/hkshopendata/showcase/generator/load"
)

// TestSchemasCommitted checks that docs/schemas holds what `showcase schema` writes for content/: the schemas are
// generated from the validator's own struct tags, so a change there (or to site.yaml's terms) must be followed by
// `go run ./cmd/showcase schema`.
func TestSchemasCommitted(t *testing.T) {
	files, err := generator.Schemas(generator.Options{ContentDir: "../content"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", cli.SchemaDir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s/%s is stale or missing: run go run ./cmd/showcase schema", cli.SchemaDir, name)
		}
	}
}

// compile compiles the committed schema name.
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", cli.SchemaDir, name+".schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name+".schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name + ".schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance turns YAML into the JSON value an editor's schema validator sees (dates as text).
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	}
	return v
}

// TestContentMatchesSchemas validates every document of content/ against its JSON Schema: what the validator
// accepts, an editor must not underline.
func TestContentMatchesSchemas(t *testing.T) {
	kinds := map[string]*jsonschema.Schema{}
	for _, k := range []string{"site", "project", "pavilion", "page", "dataset", "chart"} {
		kinds[k] = compile(t, k)
	}
	check := func(kind, file string, src []byte) {
		if err := kinds[kind].Validate(instance(t, src)); err != nil {
			t.Errorf("%s does not match %s.schema.json: %v", file, kind, err)
		}
	}
	site, _ := os.ReadFile("../content/site.yaml")
	check("site", "content/site.yaml", site)
	n := 0
	for kind, pattern := range map[string][]string{
		"project":  {"../content/projects/*.md", "../content/projects/*/index.md"},
		"pavilion": {"../content/pavilion/*.md", "../content/pavilion/*/index.md"},
		"page":     {"../content/pages/*.md"},
		"dataset":  {"../content/datasets/*/dataset.yaml"},
		"chart":    {"../content/charts/*.yaml"},
	} {
		for _, p := range pattern {
			files, _ := filepath.Glob(p)
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(f, ".md") {
					front, _, _, _, err := load.Split(src)
					if err != nil {
						t.Fatal(err)
					}
					src = front
				}
				check(kind, f, src)
				n++
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d documents checked", n)
	}
}

// TestSchemasRejectWhatTheValidatorRejects mutates valid documents the way contributors get them wrong; the
// schema must reject each, as the validator does (its messages are tested in generator/validate).
func TestSchemasRejectWhatTheValidatorRejects(t *testing.T) {
	project := compile(t, "project")
	chart := compile(t, "chart")
	base := "title: A\ndate: 2025-01-02\nsummary: S\ncity: hong-kong\ntheme: smart-mobility\nyear: 2025\n" +
		"team: [{name: N}]\n"
	if err := project.Validate(instance(t, []byte(base))); err != nil {
		t.Fatalf("the base project is rejected: %v", err)
	}
	for _, bad := range []string{
		strings.Replace(base, "title:", "tittle:", 1),                            // unknown field
		strings.Replace(base, "smart-mobility", "smart-mobilty", 1),              // not a theme
		strings.Replace(base, "year: 2025", "year: \"2025\"", 1),                 // text, not a number
		strings.Replace(base, "year: 2025", "year: 1999", 1),                     // not an edition
		strings.Replace(base, "summary: S\n", "", 1),                             // missing required
		strings.Replace(base, "team: [{name: N}]", "team: []", 1),                // needs one member
		base + "slug: Not_A_Slug\n",                                              // invalid slug
		base + "links: {demo: \"javascript:alert(1)\"}\n",                        // not http(s)
		base + "summary2: x\n",                                                   // unknown field
		strings.Replace(base, "title: A", "title: "+strings.Repeat("x", 201), 1), // too long
	} {
		if err := project.Validate(instance(t, []byte(bad))); err == nil {
			t.Errorf("schema accepts:\n%s", bad)
		}
	}
	good := "title: T\ndataset: d\ntype: bar\nencode: {x: a, y: b}\n"
	if err := chart.Validate(instance(t, []byte(good))); err != nil {
		t.Fatalf("the base chart is rejected: %v", err)
	}
	for _, bad := range []string{
		strings.Replace(good, "type: bar", "type: pi", 1),
		good + "transform: [{group: {by: a, aggregate: total}}]\n",
		good + "colour: red\n",
		strings.Replace(good, "encode: {x: a, y: b}", "encode: {x: a, z: b}", 1),
	} {
		if err := chart.Validate(instance(t, []byte(bad))); err == nil {
			t.Errorf("schema accepts:\n%s", bad)
		}
	}
}
