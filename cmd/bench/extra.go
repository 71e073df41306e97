package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hkshopendata/showcase/generator/corpus"
)

// incremental measures `showcase build` into a folder it built before: with nothing changed, and after one
// project's title changed (a different project each round).
func incremental(showcase, base string, c config) error {
	content := filepath.Join(c.work, "incremental", "content")
	os.RemoveAll(filepath.Dir(content))
	if err := linkTree(filepath.Join(base, "showcase-1lang", "content"), content); err != nil {
		return err
	}
	out := filepath.Join(c.work, "incremental", "public")
	build := []string{showcase, "build", "--content", content, "--out", out}
	if _, err := measure(build); err != nil {
		return err
	}
	projects, err := filepath.Glob(filepath.Join(content, "projects", "*.md"))
	if err != nil || len(projects) == 0 {
		return fmt.Errorf("no projects in %s", content)
	}
	var same, edited []sample
	var kept []string
	for r := range c.warmup + c.runs {
		s, err := measure(build)
		if err != nil {
			return err
		}
		if err := retitle(projects[(r*7919)%len(projects)], r); err != nil {
			return err
		}
		e, err := measure(build)
		if err != nil {
			return err
		}
		if r >= c.warmup {
			same, edited = append(same, s), append(edited, e)
			kept = append(kept, e.Out)
		}
	}
	fmt.Printf("\nincremental build (showcase, 1 lang, output on tmpfs), %d rounds (medians, min–max):\n", c.runs)
	for _, x := range []struct {
		name string
		runs []sample
	}{{"nothing changed", same}, {"one title changed", edited}} {
		fmt.Printf("  %-20s wall %s s, peak RSS %s MiB\n", x.name,
			statOf(column(x.runs, func(s sample) float64 { return seconds(s.Wall) })),
			statOf(column(x.runs, func(s sample) float64 { return s.PeakMiB })))
	}
	fmt.Printf("  after one title changed: %s\n", keptFiles.FindString(kept[len(kept)/2]))
	return nil
}

var keptFiles = regexp.MustCompile(`\d+ pages \(\d+ files; \d+ unchanged, kept from the last build` +
	`(; \d+ Markdown bod(y|ies) converted)?`)

// retitle changes the title of the project file p, replacing the file (not writing through its hard link).
func retitle(p string, n int) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	s := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(b), fmt.Sprintf("title: Edited title %d", n))
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// rowsChart builds a site whose one chart groups a generated CSV of one million rows by month.
func rowsChart(showcase string, c config) error {
	content := filepath.Join(c.work, "rows", "content")
	if _, err := os.Stat(filepath.Join(content, "charts")); err != nil {
		if err := corpus.WriteRows(content, 1_000_000); err != nil {
			return err
		}
	}
	var runs []sample
	var page int64
	for r := range c.warmup + c.runs {
		out := filepath.Join(c.work, "rows", fmt.Sprintf("public-%d", r))
		s, err := measure([]string{showcase, "build", "--content", content, "--out", out, "--full"})
		if err != nil {
			return err
		}
		st, err := os.Stat(filepath.Join(out, "charts", "by-month", "index.html"))
		if err != nil {
			return err
		}
		page = st.Size()
		os.RemoveAll(out)
		os.Remove(filepath.Join(c.work, "rows", fmt.Sprintf(".public-%d.build.json", r)))
		if r >= c.warmup {
			runs = append(runs, s)
		}
	}
	fmt.Printf("\none 1,000,000-row CSV (%.0f MB) charted by month and category, whole build, %d rounds:\n",
		float64(fileSize(filepath.Join(content, "datasets", "generated", "rows.csv")))/1e6, c.runs)
	fmt.Printf("  wall %s s, cpu %s s, peak RSS %s MiB; the chart page is %.1f KB (besides the shared ECharts file)\n",
		statOf(column(runs, func(s sample) float64 { return seconds(s.Wall) })),
		statOf(column(runs, func(s sample) float64 { return seconds(s.CPU) })),
		statOf(column(runs, func(s sample) float64 { return s.PeakMiB })), float64(page)/1024)
	return nil
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}
