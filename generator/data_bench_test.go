package generator_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator"
)

// writeMillionRowSite writes a content folder with one dataset of rows generated rows (a date, a district, a
// category and two numbers) and one chart that buckets the dates by month and sums a value per category. It is
// the data-at-scale case of the benchmarks; the layout matches content/.
func writeMillionRowSite(tb testing.TB, dir string, rows int) {
	tb.Helper()
	copyFile(tb, "../content/site.yaml", filepath.Join(dir, "site.yaml"))
	ds := filepath.Join(dir, "datasets", "generated")
	writeFile(tb, filepath.Join(ds, "dataset.yaml"), meta("generated")+"files:\n  - path: rows.csv\n")
	f, err := os.Create(filepath.Join(ds, "rows.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "date,district,category,count,amount")
	districts := []string{"Central and Western", "Wan Chai", "Eastern", "Southern", "Kwun Tong", "Sha Tin"}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		d := start.Add(time.Duration(i%3650) * 24 * time.Hour)
		fmt.Fprintf(w, "%s,%s,c%d,%d,%d.%02d\n", d.Format("2006-01-02"), districts[i%len(districts)], i%7, i%1000,
			i%100000, i%100)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	writeFile(tb, filepath.Join(dir, "charts", "by-month.yaml"), `title: By month
dataset: generated
type: line
transform:
  - bucket: {column: date, unit: month}
  - group: {by: [date, category], aggregate: sum, columns: amount}
encode: {x: date, y: amount, series: category}
`)
}

// BenchmarkDataStage1M checks a site whose one dataset has 1,000,000 rows: read and profile the CSV, then chart
// it (month buckets, a sum per category). Run: go test ./generator -run '^$' -bench DataStage -benchtime 3x
func BenchmarkDataStage1M(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	writeMillionRowSite(b, dir, 1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := generator.Check(generator.Options{ContentDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDataStageImmD checks a site with the largest shared snapshot (the Immigration Department's daily
// passenger traffic, 56,424 rows, 3 MB): read and profile it, then chart it by month and direction. Skipped
// without ../shared/opendata.
func BenchmarkDataStageImmD(b *testing.B) {
	src := filepath.Join("..", "..", "shared", "opendata", "immd-daily-passenger-traffic",
		"statistics_on_daily_passenger_traffic.csv")
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no shared snapshot: %v", err)
	}
	dir := filepath.Join(b.TempDir(), "content")
	copyFile(b, "../content/site.yaml", filepath.Join(dir, "site.yaml"))
	ds := filepath.Join(dir, "datasets", "immd")
	copyFile(b, src, filepath.Join(ds, "traffic.csv"))
	writeFile(b, filepath.Join(ds, "dataset.yaml"), meta("immd")+"files:\n  - path: traffic.csv\n")
	writeFile(b, filepath.Join(dir, "charts", "by-month.yaml"), `title: By month
dataset: immd
type: area
stack: true
transform:
  - bucket: {column: Date, unit: month}
  - group: {by: [Date, Arrival / Departure], aggregate: sum, columns: Total}
encode: {x: Date, y: Total, series: Arrival / Departure}
`)
	b.ResetTimer()
	for b.Loop() {
		if _, err := generator.Check(generator.Options{ContentDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
