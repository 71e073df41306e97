package cli

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVSCodeProblemMatcher reads the problem matcher of .vscode/tasks.json and checks that it picks file, line,
// column, severity and message out of what check prints, so problems land on the right line in the editor.
func TestVSCodeProblemMatcher(t *testing.T) {
	src, err := os.ReadFile("../../.vscode/tasks.json")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			lines = append(lines, l)
		}
	}
	var tasks struct {
		Tasks []struct {
			Label          string
			ProblemMatcher struct{ Pattern struct{ Regexp string } }
		}
	}
	if err := json.Unmarshal([]byte(strings.Join(lines, "\n")), &tasks); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(tasks.Tasks[0].ProblemMatcher.Pattern.Regexp)
	for _, tc := range []struct{ line, file, ln, col, sev, msg string }{
		{`content/projects/a.md:4:1: sumary: unknown field (did you mean "summary"?)`,
			"content/projects/a.md", "4", "1", "", `sumary: unknown field (did you mean "summary"?)`},
		{`content/projects/d.md:10:8: warning: cover: image "covr.png" not found`,
			"content/projects/d.md", "10", "8", "warning", `cover: image "covr.png" not found`},
		{`content/datasets/x/a.csv:136: warning: skipped 1 row`, "content/datasets/x/a.csv", "136", "", "warning",
			"skipped 1 row"},
	} {
		m := re.FindStringSubmatch(tc.line)
		if m == nil || m[1] != tc.file || m[2] != tc.ln || m[3] != tc.col || m[4] != tc.sev || m[5] != tc.msg {
			t.Errorf("%s: matched %q", tc.line, m)
		}
	}
}
