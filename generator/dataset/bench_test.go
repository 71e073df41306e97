package dataset

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// writeBigCSV writes a CSV of n rows and 5 columns (date, category, count, rate, direction) to dir/big.csv.
func writeBigCSV(tb testing.TB, dir string, n int) {
	tb.Helper()
	f, err := os.Create(filepath.Join(dir, "big.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Date,Control Point,Total,Rate,Arrival / Departure")
	points := []string{"Airport", "Lo Wu", "Lok Ma Chau Spur Line", "Shenzhen Bay", "Hong Kong-Zhuhai-Macao Bridge"}
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i/40)
		dir := "Arrival"
		if i%2 == 1 {
			dir = "Departure"
		}
		fmt.Fprintf(w, "%02d-%02d-%04d,%s,%d,%d.%02d,%s\n", d.Day(), d.Month(), d.Year(), points[i%len(points)],
			(i*7919)%200000, i%100, i%97, dir)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// BenchmarkOpenScan1M opens (infers and profiles) and scans a generated CSV of 1,000,000 rows and 5 columns.
func BenchmarkOpenScan1M(b *testing.B) {
	const rows = 1_000_000
	dir := b.TempDir()
	writeBigCSV(b, dir, rows)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	// What an opened table keeps: the profiles and the head, not the rows.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept, err := Open(Options{Root: root, Dir: ".", File: schema.DataFile{Path: "big.csv"}}, &diag.List{})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		t, err := Open(Options{Root: root, Dir: ".", File: schema.DataFile{Path: "big.csv"}}, &diags)
		if err != nil || diags.Len() > 0 {
			b.Fatal(err, diags.Sorted())
		}
		n := 0
		if err := t.Scan(func([]Value) error { n++; return nil }); err != nil || n != rows || t.Rows != rows {
			b.Fatal(err, n, t.Rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MiB-kept")
}
