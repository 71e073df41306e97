package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// run runs the CLI in dir and returns exit code, stdout and stderr.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{nil, ExitUsage, "", "Usage:"},
		{[]string{"frobnicate"}, ExitUsage, "", `unknown command "frobnicate"`},
		{[]string{"--help"}, ExitOK, "showcase build", ""},
		{[]string{"build", "-h"}, ExitOK, "", "Usage: showcase build"},
		{[]string{"check", "-h"}, ExitOK, "", "Usage: showcase check"},
		{[]string{"version", "-h"}, ExitOK, "", "Usage: showcase version"},
		{[]string{"build", "--nope"}, ExitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"check", "extra"}, ExitUsage, "", `unexpected argument "extra"`},
		{[]string{"version"}, ExitOK, "showcase " + Version, ""},
		{[]string{"check", "--content", "/nonexistent/dir"}, ExitContent, "", "open content folder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := run(t, "", tt.args...)
			if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.errs) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
		})
	}
}

// TestCheckReportsFourProblems is the acceptance case: a typo'd field, a wrong enum, a duplicate slug
// and a missing cover give four precise lines and exit status 1 (with --strict; the missing cover alone is a
// warning).
func TestCheckReportsFourProblems(t *testing.T) {
	p := "---\n" + sitetest.Project + "---\nBody\n"
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n"+strings.Replace(p, "summary:", "sumary:", 1)+
		"-- content/projects/b.md --\n"+strings.Replace(p, "theme: smart-mobility", "theme: smart-mobilty", 1)+
		"-- content/projects/c.md --\n"+strings.Replace(p, "title: A Project", "title: C\nslug: b", 1)+
		"-- content/projects/d.md --\n"+strings.Replace(p, "---\nBody", "cover: covr.png\n---\nBody", 1)+
		"-- content/projects/covers.png --\n")
	code, out, errs := run(t, dir, "check", "--strict")
	if code != ExitContent {
		t.Errorf("exit %d, want %d", code, ExitContent)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, w := range []string{
		`content/projects/a.md:4:1: sumary: unknown field (did you mean "summary"?)`,
		`content/projects/b.md:6:8: theme: "smart-mobilty" is not one of the themes in site.yaml (did you mean "smart-mobility"?)`,
		`content/projects/c.md:3:7: slug: slug "b" is also used by content/projects/b.md (give each entry its own slug)`,
		`content/projects/d.md:10:8: warning: cover: image "covr.png" not found (looked for content/projects/covr.png) (did you mean "covers.png"?)`,
	} {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("missing line %s", w)
		}
	}
	if len(lines) != 5 || !strings.Contains(errs, "4 errors, 1 warnings") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errs)
	}
}

func TestBuildFailsWithoutTouchingPublic(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"---\nBody\n")
	code, out, errs := run(t, dir, "build")
	if code != ExitOK || !strings.HasPrefix(out, "built ") || errs != "" {
		t.Fatalf("first build: exit %d\n%s\n%s", code, out, errs)
	}
	before, err := os.ReadFile(filepath.Join(dir, "public/projects/a/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	bodies, err := os.ReadFile(filepath.Join(dir, ".public.bodies"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/projects/a.md"), []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, dir, "build")
	if code != ExitContent || out != "" || !strings.Contains(errs, "content/projects/a.md:2: invalid YAML") {
		t.Errorf("broken build: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	after, err := os.ReadFile(filepath.Join(dir, "public/projects/a/index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Error("public/ changed by a failed build")
	}
	if after, err := os.ReadFile(filepath.Join(dir, ".public.bodies")); err != nil || !bytes.Equal(bodies, after) {
		t.Errorf("the saved Markdown conversions changed by a failed build (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.bodies.tmp")); err == nil {
		t.Error("a failed build left its Markdown conversions half saved")
	}
}

// TestBuildSaysWhatItConverted: a build into a folder built before says how many Markdown bodies it converted.
func TestBuildSaysWhatItConverted(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"---\nBody A\n"+
		"-- content/projects/b.md --\n---\n"+strings.Replace(sitetest.Project, "A Project", "B", 1)+"---\nBody B\n")
	for _, step := range []struct{ edit, says string }{
		{"", "from 2 entries"}, // a first build converts everything, and says nothing of it
		{"", "; 0 Markdown bodies converted, the others as the last build converted them) from 2 entries"},
		{"Body B", "; 1 Markdown body converted,"},
	} {
		if step.edit != "" {
			sitetest.Edit(t, filepath.Join(dir, "content/projects/b.md"), step.edit, "Body B, edited")
		}
		code, out, errs := run(t, dir, "build")
		if code != ExitOK || !strings.Contains(out, step.says) || errs != "" {
			t.Errorf("exit %d\nstdout: %s (want %q)\nstderr: %s", code, out, step.says, errs)
		}
		if step.says == "from 2 entries" && strings.Contains(out, "converted") {
			t.Errorf("a first build: %s", out)
		}
	}
}

// TestSchemaCommand writes every document's schema, each valid JSON naming its draft, with the site's terms.
func TestSchemaCommand(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site)
	code, out, errs := run(t, dir, "schema", "--out", "schemas")
	if code != ExitOK || out != "wrote 7 schemas to schemas\n" || errs != "" {
		t.Fatalf("schema: exit %d\n%s\n%s", code, out, errs)
	}
	for _, doc := range []string{"site", "project", "pavilion", "page", "translation", "dataset", "chart"} {
		b, err := os.ReadFile(filepath.Join(dir, "schemas", doc+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s map[string]any
		if err := json.Unmarshal(b, &s); err != nil || s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s.schema.json: %v, $schema %v", doc, err, s["$schema"])
		}
		if doc == "project" && !strings.Contains(string(b), `"smart-mobility"`) {
			t.Errorf("project.schema.json lacks the site's themes")
		}
	}
	if code, _, errs := run(t, dir, "schema", "--content", "missing"); code != ExitUsage ||
		!strings.Contains(errs, "no content folder at missing") {
		t.Errorf("schema of a missing folder: exit %d, %q", code, errs)
	}
}

// TestBuildTimings: --timings prints every stage with its wall time and, where the system tells it, the CPU time
// the process used meanwhile.
func TestBuildTimings(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n---\n"+sitetest.Project+"---\nBody A\n")
	code, out, errs := run(t, dir, "build", "--timings")
	if code != ExitOK || errs != "" {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	line := regexp.MustCompile(`(?m)^  (\w+) +(\d+\.\d+) s(?: +CPU (\d+\.\d+) s(?: \((\d+\.\d) cores\))?)?$`)
	var stages []string
	var wall, cpu float64
	for _, m := range line.FindAllStringSubmatch(out, -1) {
		stages = append(stages, m[1])
		w, _ := strconv.ParseFloat(m[2], 64)
		wall += w
		if m[3] != "" {
			c, _ := strconv.ParseFloat(m[3], 64)
			cpu += c
		}
	}
	if want := []string{"load", "validate", "data", "model", "bodies", "theme", "render", "publish"}; !slices.Equal(stages, want) {
		t.Errorf("stages %v, want %v in:\n%s", stages, want, out)
	}
	if runtime.GOOS == "linux" && cpu <= 0 {
		t.Errorf("no CPU time:\n%s", out)
	}
	total := regexp.MustCompile(` in (\d+\.\d+) s`).FindStringSubmatch(out)
	if total == nil {
		t.Fatalf("no total time:\n%s", out)
	}
	if d, _ := strconv.ParseFloat(total[1], 64); wall > d+0.04 { // each rounded to 0.01 s
		t.Errorf("the stages take %.2f s of the build's %v:\n%s", wall, total, out)
	}
}

func TestTimingCPU(t *testing.T) {
	for _, c := range []struct {
		t    generator.Timing
		want string
	}{
		{generator.Timing{Stage: "load", Duration: time.Second}, ""}, // not known
		{generator.Timing{Stage: "load", Duration: time.Second, CPU: 1500 * time.Millisecond}, "  CPU 1.5 s (1.5 cores)"},
		{generator.Timing{Stage: "load", Duration: 10 * time.Millisecond, CPU: 20 * time.Millisecond}, "  CPU 0.02 s"},
		{generator.Timing{Stage: "load", Duration: 50 * time.Millisecond, CPU: 46 * time.Millisecond}, "  CPU 0.05 s (0.9 cores)"},
	} {
		if got := cpu(c.t); got != c.want {
			t.Errorf("%+v: %q, want %q", c.t, got, c.want)
		}
	}
}
