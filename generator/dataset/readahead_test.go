package dataset

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/schema"
)

// TestReadAheadAcrossBatches reads a file of several batches whose bad values, multi-line fields and blank rows
// sit at the batches' edges: every row, line and column must come out as if read row by row.
func TestReadAheadAcrossBatches(t *testing.T) {
	const rows = 4*batchRows + 10
	bad := map[int]bool{0: true, batchRows - 1: true, batchRows: true, 2*batchRows + 1: true, rows - 1: true}
	var b strings.Builder
	b.WriteString("label,n\n")
	line := 2
	var want []string
	var good [][]string
	for k := range rows {
		label := strings.Repeat("x", k%7)
		switch {
		case k == batchRows-2 || k == 3*batchRows:
			label = "\"two\nlines\"" // the rows after it are one line further down
		case k == 2*batchRows-1:
			b.WriteString(",\n") // a blank row, passed over, at the end of a batch
			line++
		}
		n := fmt.Sprint(k)
		if bad[k] {
			n = fmt.Sprintf("%dx", k)
			col := len(label) + 2
			if strings.Contains(label, "\n") {
				col = 7 // after `lines",`
			}
			want = append(want, fmt.Sprintf(`%s:%d:%d: column "n": %q is not a whole number (%s)`,
				csvFile, line+strings.Count(label, "\n"), col, n, skipHint))
		} else {
			shown := strings.Trim(label, `"`)
			if shown == "" {
				shown = "∅"
			}
			good = append(good, []string{shown, n})
		}
		fmt.Fprintf(&b, "%s,%s\n", label, n)
		line += 1 + strings.Count(label, "\n")
	}
	tbl, diags := openOne(t, b.String(), schema.DataFile{Path: "data.csv",
		Columns: []schema.Column{{Name: "n", Type: "integer"}}})
	checkDiags(t, diags, want)
	if tbl.Rows != rows-len(bad) {
		t.Errorf("Open counted %d rows, want %d", tbl.Rows, rows-len(bad))
	}
	got := scanAll(t, tbl)
	if fmt.Sprint(got) != fmt.Sprint(good) {
		for i := range min(len(got), len(good)) {
			if fmt.Sprint(got[i]) != fmt.Sprint(good[i]) {
				t.Fatalf("row %d: %q, want %q", i, got[i], good[i])
			}
		}
		t.Fatalf("%d rows, want %d", len(got), len(good))
	}
}

// TestReadAheadStops: a file that ends reading in its third batch (a field over the limit) is reported at its line
// and Scan stops there; a Scan stopped by its callback returns the callback's error and leaves no goroutine behind.
func TestReadAheadStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n")
	for k := range 2*batchRows + 50 {
		fmt.Fprintf(&b, "%d,%d\n", k, k)
	}
	open := b.String()
	tbl, diags := openOne(t, open+"1,\""+strings.Repeat("y", maxFieldSize+1)+"\"\n3,4\n", schema.DataFile{Path: "data.csv"})
	checkDiags(t, diags, []string{fmt.Sprintf("%s:%d: a field longer than 1 MiB: is a quote left open?",
		csvFile, 2*batchRows+52)})
	if tbl == nil {
		t.Fatal("no table")
	}

	for k := range 20 * batchRows { // more than the reader may hold ahead
		fmt.Fprintf(&b, "%d,%d\n", k, k)
	}
	tbl, _ = openOne(t, b.String(), schema.DataFile{Path: "data.csv"})
	before := runtime.NumGoroutine()
	stop := errors.New("enough")
	seen := 0
	err := tbl.Scan(func([]Value) error {
		if seen++; seen == 10 {
			return stop
		}
		return nil
	})
	if err != stop || seen != 10 {
		t.Errorf("Scan = %v after %d rows, want the callback's error after 10", err, seen)
	}
	for i := 0; runtime.NumGoroutine() > before && i < 100; i++ {
		time.Sleep(time.Millisecond) // a goroutine that returned may take a moment to be counted out
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the scan, %d before", n, before)
	}
}
