package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// brokenSite has a misspelt field, a wrong theme (whose hint has a comma and a colon-free text) and a missing
// cover (a warning).
func brokenSite(t *testing.T) string {
	p := "---\n" + sitetest.Project + "---\nBody\n"
	return sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+
		"-- content/projects/a.md --\n"+strings.Replace(p, "summary:", "sumary:", 1)+
		"-- content/projects/b.md --\n"+strings.Replace(p, "theme: smart-mobility", "theme: smart-mobilty", 1)+
		"-- content/projects/d.md --\n"+strings.Replace(p, "---\nBody", "cover: covr.png\n---\nBody", 1))
}

func TestCheckFormatGitHub(t *testing.T) {
	dir := brokenSite(t)
	sum := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", sum)
	code, out, _ := run(t, dir, "check", "--format", "github")
	if code != ExitContent {
		t.Errorf("exit %d, want %d", code, ExitContent)
	}
	want := []string{
		`::error file=content/projects/a.md,line=4,col=1,title=showcase%3A sumary::unknown field (did you mean "summary"?)`,
		`::error file=content/projects/b.md,line=6,col=8,title=showcase%3A theme::"smart-mobilty" is not one of the themes in site.yaml (did you mean "smart-mobility"?)`,
		`::warning file=content/projects/d.md,line=10,col=8,title=showcase%3A cover::image "covr.png" not found (looked for content/projects/covr.png)`,
	}
	if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	b, err := os.ReadFile(sum)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"### showcase check: 2 errors, 1 warnings",
		"| `content/projects/a.md:4:1` | sumary | unknown field (did you mean \"summary\"?) |",
		"| `content/projects/d.md:10:8` | cover | warning: image \"covr.png\" not found"} {
		if !strings.Contains(string(b), w) {
			t.Errorf("job summary lacks %q:\n%s", w, b)
		}
	}
}

func TestCheckFormatJSON(t *testing.T) {
	code, out, _ := run(t, brokenSite(t), "check", "--format", "json")
	if code != ExitContent {
		t.Errorf("exit %d, want %d", code, ExitContent)
	}
	var doc struct {
		Diagnostics []diag.Record
		Errors      int
		Warnings    int
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if doc.Errors != 2 || doc.Warnings != 1 || len(doc.Diagnostics) != 3 {
		t.Fatalf("got %+v", doc)
	}
	d := doc.Diagnostics[1]
	if d.File != "content/projects/b.md" || d.Line != 6 || d.Col != 8 || d.Field != "theme" ||
		d.Severity != "error" || d.Hint != `did you mean "smart-mobility"?` {
		t.Errorf("diagnostic 1 = %+v", d)
	}
}

func TestCheckFormatUnknown(t *testing.T) {
	code, _, errs := run(t, "", "check", "--format", "xml")
	if code != ExitUsage || !strings.Contains(errs, `--format must be one of text, json, github, not "xml"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestWorkflowEscaping(t *testing.T) {
	if got := escapeData("50%\na"); got != "50%25%0Aa" {
		t.Errorf("escapeData = %q", got)
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty = %q", got)
	}
}
