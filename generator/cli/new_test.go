package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

func TestNew(t *testing.T) {
	now = func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site)
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"new", "project", "my-app", "--city", "shanghai", "--theme", "smart-living"}, ExitOK,
			"created content/projects/my-app/index.md", ""},
		{[]string{"new", "pavilion", "my-booth"}, ExitOK, "created content/pavilion/my-booth/index.md", ""},
		{[]string{"new", "dataset", "my-data"}, ExitOK, "created content/datasets/my-data/dataset.yaml", ""},
		{[]string{"new", "chart", "my-chart", "--dataset", "my-data"}, ExitOK, "created content/charts/my-chart.yaml", ""},
		{[]string{"new", "project", "my-app"}, ExitContent, "",
			"content/projects/my-app/index.md already exists: choose another slug (nothing was written)"},
		{[]string{"new", "project", "My_App"}, ExitUsage, "", `"My_App" is not a valid slug: use lower-case letters, digits and hyphens (did you mean "my-app"?)`},
		{[]string{"new", "project", "x", "--city", "beijing"}, ExitUsage, "",
			`"beijing" is not one of the cities in site.yaml (one of: hong-kong, shanghai)`},
		{[]string{"new", "project", "x", "--year", "1999"}, ExitUsage, "", `1999 is not one of the editions in site.yaml`},
		{[]string{"new", "poster", "x"}, ExitUsage, "", `cannot create a "poster": say one of project, pavilion, dataset, chart`},
		{[]string{"new", "project"}, ExitUsage, "", "Usage: showcase new"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.errs) {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant exit %d, %q, %q", tt.args, code, out, errs, tt.code,
				tt.out, tt.errs)
		}
	}
	// the entry skeletons are valid as written: check --strict passes with them (the dataset and chart need the
	// contributor's file and columns first)
	os.RemoveAll(filepath.Join(dir, "content", "datasets"))
	os.RemoveAll(filepath.Join(dir, "content", "charts"))
	if code, out, errs := run(t, dir, "check", "--strict"); code != ExitOK {
		t.Errorf("check of the skeletons: exit %d\n%s%s", code, out, errs)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "content", "projects", "my-app", "index.md"))
	for _, w := range []string{"city: shanghai", "theme: smart-living", "date: 2025-03-01",
		"# award:                                # one of site.yaml's awards"} {
		if !strings.Contains(string(src), w) {
			t.Errorf("skeleton lacks %q:\n%s", w, src)
		}
	}
}

// TestNewDatasetAndChart fills in what the skeletons ask for and checks them.
func TestNewDatasetAndChart(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site)
	run(t, dir, "new", "dataset", "rain")
	run(t, "", "new", "chart", "rain-bars", "--dataset", "rain")
	if err := os.WriteFile(filepath.Join("content", "datasets", "rain", "data.csv"), []byte("day,mm\n2025-01-01,2.5\n"),
		0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "", "check")
	if code != ExitContent || !strings.Contains(out, `encode.x: no column "your-category-column" in the table (the columns are: day, mm)`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
	chart := filepath.Join("content", "charts", "rain-bars.yaml")
	src, _ := os.ReadFile(chart)
	fixed := strings.NewReplacer("your-category-column", "day", "your-number-column", "mm").Replace(string(src))
	if err := os.WriteFile(chart, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "", "check", "--strict"); code != ExitOK {
		t.Errorf("exit %d:\n%s%s", code, out, errs)
	}
	if !strings.HasPrefix(fixed, "# yaml-language-server: $schema=../../docs/schemas/chart.schema.json\n") {
		t.Errorf("chart skeleton has no schema modeline:\n%s", fixed)
	}
}
