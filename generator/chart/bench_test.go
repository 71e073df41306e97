package chart

import (
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
)

// syntheticRows streams n rows of (Date, District, Value) generated on the fly, so the benchmark measures the
// chart package, not a table in memory.
func syntheticRows(n int) Data {
	c := cols("Date:date", "District", "Value:decimal", "Note")
	names := []string{"Kwun Tong", "Sha Tin", "Wan Chai", "Tai Po", "Islands", "Yuen Long", "Tuen Mun", "North"}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	return Data{Columns: c, Scan: func(fn func([]dataset.Value) error) error {
		row := make([]dataset.Value, 4)
		for i := range n {
			row[0] = dataset.Value{Time: start.Add(time.Duration(i) * 7 * time.Minute)}
			row[1] = dataset.Value{Str: names[i%len(names)]}
			row[2] = dataset.Value{Num: float64(i % 1000), Missing: i%17 == 0}
			row[3] = dataset.Value{Str: "x"}
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}}
}

// BenchmarkFilterBucketGroup: 1,000,000 rows → filter + month bucket + group-by sum. Reports ns/row; the
// allocations per op are for the whole million rows.
func BenchmarkFilterBucketGroup(b *testing.B) {
	const n = 1_000_000
	d := syntheticRows(n)
	spec := decodeSpec(b, head+`type: line
transform:
  - filter: {column: District, not_in: [Islands]}
  - bucket: {column: Date, unit: month}
  - group: {by: [Date, District], aggregate: sum, columns: [Value]}
encode: {x: Date, y: Value, series: District}
`)
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		res, err := Compute(spec, d, nil, &diags)
		if err != nil || res == nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
