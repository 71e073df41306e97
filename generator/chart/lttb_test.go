package chart

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

func TestLTTBKeepsEndsAndExtremes(t *testing.T) {
	n := 10_000
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = float64(i), math.Sin(float64(i)/50)
	}
	ys[4321], ys[7777] = 50, -60 // a spike and a dip
	keep := lttb(xs, ys, 500)
	if len(keep) < 499 || len(keep) > 501 {
		t.Errorf("%d points kept", len(keep))
	}
	if keep[0] != 0 || keep[len(keep)-1] != n-1 {
		t.Errorf("first %d, last %d", keep[0], keep[len(keep)-1])
	}
	if !slices.Contains(keep, 4321) || !slices.Contains(keep, 7777) {
		t.Error("the spike or the dip is lost")
	}
	if !slices.IsSorted(keep) || len(slices.Compact(slices.Clone(keep))) != len(keep) {
		t.Error("indices not strictly increasing")
	}
	// both extremes in one bucket: both kept
	ys[4321], ys[4322], ys[7777] = 50, -60, 0
	keep = lttb(xs, ys, 500)
	if !slices.Contains(keep, 4321) || !slices.Contains(keep, 4322) {
		t.Error("extremes in one bucket are lost")
	}
	// a flat series, short series, tiny thresholds
	for _, tc := range []struct{ n, threshold, want int }{{10, 20, 10}, {10, 2, 10}, {3, 3, 3}, {1000, 3, 3}} {
		xs, ys := make([]float64, tc.n), make([]float64, tc.n)
		for i := range xs {
			xs[i] = float64(i)
		}
		if got := lttb(xs, ys, tc.threshold); len(got) != tc.want {
			t.Errorf("n=%d threshold=%d: %d points", tc.n, tc.threshold, len(got))
		}
	}
}

// longSeries is 5,000 days of a value with one spike.
func longSeries() Data {
	var rows [][]string
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5000 {
		v := fmt.Sprint(100 + i%7)
		if i == 3000 {
			v = "9999"
		}
		rows = append(rows, []string{start.AddDate(0, 0, i).Format("2006-01-02"), v})
	}
	return rowsOf(cols("Date:date", "Rain:decimal"), rows...)
}

func TestDownsampling(t *testing.T) {
	res := mustCompute(t, head+"type: line\nmax_points: 400\nencode: {x: Date, y: Rain}\n", longSeries(), nil)
	if !res.Downsampled || res.PointsIn != 5000 || res.PointsOut < 400 || res.PointsOut > 401 {
		t.Errorf("downsampled %v, %d → %d", res.Downsampled, res.PointsIn, res.PointsOut)
	}
	if len(res.Frame.Rows) != 5000 {
		t.Errorf("the frame has %d rows, not all 5000", len(res.Frame.Rows))
	}
	m := decodeOption(t, res.Option)
	data := at(m, "series.0.data").([]any)
	if len(data) != res.PointsOut {
		t.Errorf("%d points in the option", len(data))
	}
	if !bytes.Contains(res.Option, []byte(",9999]")) {
		t.Error("the spike is not drawn")
	}
	eq(t, at(m, "dataZoom.0.type"), "inside")
	eq(t, res.Summary.Max.Value, 9999.0)
	eq(t, res.Summary.Max.Label, "2018-03-20")
	eq(t, res.Summary.First, "2010-01-01")
	// under the limit: nothing thinned
	res = mustCompute(t, head+"type: line\nmax_points: 5000\nencode: {x: Date, y: Rain}\n", longSeries(), nil)
	if res.Downsampled || len(at(decodeOption(t, res.Option), "series.0.data").([]any)) != 5000 {
		t.Error("thinned under the limit")
	}
}

func TestDeterministic(t *testing.T) {
	specs := []string{chartCases[0].spec, chartCases[3].spec, chartCases[8].spec, mapSpec}
	for _, s := range specs {
		geo := hkGeo()
		d := sample()
		if s == mapSpec {
			d = mapData()
		}
		a := mustCompute(t, s, d, geo)
		for range 5 {
			b := mustCompute(t, s, d, geo)
			if !bytes.Equal(a.Option, b.Option) || !bytes.Equal(a.CSV, b.CSV) || !bytes.Equal(a.MapJSON, b.MapJSON) {
				t.Fatalf("two runs differ:\n%s\n%s", a.Option, b.Option)
			}
		}
	}
}

func TestSummary(t *testing.T) {
	res := mustCompute(t, chartCases[0].spec, sample(), nil) // monthly sums per district
	s := res.Summary
	eq(t, s.Series, 3)
	eq(t, s.Points, 6)
	eq(t, s.First, "2024-01")
	eq(t, s.Last, "2024-02")
	eq(t, s.Max.Series, "Wan Chai")
	eq(t, s.Max.Label, "2024-01")
	eq(t, len(s.Trends), 3)
	eq(t, s.Trends[0].Direction, "down")
	res = mustCompute(t, chartCases[5].spec, sample(), nil) // pie of counts
	s = res.Summary
	if !s.HasTotal || s.Total != 2580 || math.Abs(s.Share-900.0/2580) > 1e-12 || s.Max.Label != "Wan Chai" {
		t.Errorf("pie summary %+v", s)
	}
	for _, tc := range []struct {
		from, to float64
		dir      string
	}{{100, 101.9, "flat"}, {100, 103, "up"}, {-10, -20, "down"}, {0, 5, "up"}, {0, 0, "flat"}, {100, 98.5, "flat"}} {
		tr, _ := trendOf(sumSeries{labels: []string{"a", "b"}, values: values(tc.from, tc.to)})
		if tr.Direction != tc.dir {
			t.Errorf("%v → %v: %s, want %s", tc.from, tc.to, tr.Direction, tc.dir)
		}
	}
}
