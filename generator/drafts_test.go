package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestDraftCharts: the whole chart a draft's ```chart block declares is checked and drawn (its problems are
// reported) but not published while the draft is not: no chart page, no place in the chart lists, no data file.
// With --drafts it is published with its draft.
func TestDraftCharts(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	b, err := os.ReadFile(filepath.Join(content, "projects", "step-free-routes.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(content, "projects", "draft-chart.md"), strings.Replace(string(b), "\ntitle: ",
		"\ndraft: true\ntitle: ", 1)+"\n```chart\ntitle: A draft's rainfall\ndataset: hko-daily-rainfall\n"+
		"table: daily-2024\ntype: calendar\nencode:\n  x: date\n  value: rainfall_mm\nhorizontal: true\n```\n")
	for _, drafts := range []bool{false, true} {
		out := filepath.Join(dir, fmt.Sprint("out-", drafts))
		res, err := generator.Build(generator.Options{ContentDir: content, OutDir: out, Drafts: drafts,
			ThemesDir: filepath.Join(dir, "themes")})
		if err != nil {
			t.Fatal(err)
		}
		warned := slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
			return strings.HasSuffix(d.Pos.File, "draft-chart.md") && d.Field == "horizontal"
		})
		if !warned {
			t.Errorf("drafts %v: the draft's chart is not checked: %v", drafts, res.Diagnostics)
		}
		list, err := os.ReadFile(filepath.Join(out, "charts", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"charts/draft-chart-1/index.html", "charts/draft-chart-1/data.csv"} {
			if _, err := os.Stat(filepath.Join(out, f)); (err == nil) != drafts {
				t.Errorf("drafts %v: %s is there: %v", drafts, f, err == nil)
			}
		}
		if strings.Contains(string(list), "draft-chart-1") != drafts {
			t.Errorf("drafts %v: the chart list shows the draft's chart: %v", drafts, !drafts)
		}
	}
}
