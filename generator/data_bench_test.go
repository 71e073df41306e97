package generator_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/corpus"
)

// BenchmarkDataStage1M checks a site whose one dataset has 1,000,000 rows: read and profile the CSV, then chart
// it (month buckets, a sum per category). Run: go test ./generator -run '^$' -bench DataStage -benchtime 3x
func BenchmarkDataStage1M(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := corpus.WriteRows(dir, 1_000_000); err != nil {
		b.Fatal(err)
	}
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
