package chart

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// randomTable is a table of dates over 2023–2024, five districts and values with about 10% missing.
func randomTable(n int, seed uint64) ([]dataset.Column, [][]dataset.Value) {
	r := rand.New(rand.NewPCG(seed, 1))
	c := cols("Date:date", "District", "Value:decimal")
	names := []string{"Kwun Tong", "Sha Tin", "Wan Chai", "Tai Po", "Islands"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]dataset.Value, n)
	for i := range rows {
		v := dataset.Value{Num: math.Round(r.NormFloat64()*1000) / 10}
		if r.IntN(10) == 0 {
			v = dataset.Value{Missing: true}
		}
		rows[i] = []dataset.Value{{Time: start.AddDate(0, 0, r.IntN(730))}, {Str: names[r.IntN(len(names))]}, v}
	}
	return c, rows
}

// reference aggregates values the plain way.
func reference(agg string, vals []float64, rows int) dataset.Value {
	if agg == "count" {
		return dataset.Value{Num: float64(rows)}
	}
	if len(vals) == 0 {
		return dataset.Value{Missing: true}
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	switch agg {
	case "sum":
		return dataset.Value{Num: sum}
	case "mean":
		return dataset.Value{Num: sum / float64(len(vals))}
	case "min":
		return dataset.Value{Num: s[0]}
	case "max":
		return dataset.Value{Num: s[len(s)-1]}
	}
	if len(s)%2 == 1 {
		return dataset.Value{Num: s[len(s)/2]}
	}
	return dataset.Value{Num: (s[len(s)/2-1] + s[len(s)/2]) / 2}
}

func sameValue(a, b dataset.Value) bool {
	if a.Missing || b.Missing {
		return a.Missing == b.Missing
	}
	return math.Abs(a.Num-b.Num) <= 1e-9*math.Max(1, math.Abs(b.Num))
}

func TestAggregatesAgainstReference(t *testing.T) {
	c, rows := randomTable(3000, 7)
	for _, agg := range aggregates {
		t.Run(agg, func(t *testing.T) {
			spec := head + "type: bar\ntransform:\n  - bucket: {column: Date, unit: month}\n" +
				"  - group: {by: [District, Date], aggregate: " + agg + ", columns: [Value]}\n" +
				"encode: {x: Date, y: Value, series: District}\n"
			if agg == "count" {
				spec = head + "type: bar\ntransform:\n  - bucket: {column: Date, unit: month}\n" +
					"  - group: {by: [District, Date], aggregate: count, as: n}\nencode: {x: Date, y: n, series: District}\n"
			}
			res := mustCompute(t, spec, valuesTable(c, rows), nil)
			type key struct{ month, district string }
			vals, counts := map[key][]float64{}, map[key]int{}
			for _, r := range rows {
				k := key{r[0].Time.Format("2006-01"), r[1].Str}
				counts[k]++
				if !r[2].Missing {
					vals[k] = append(vals[k], r[2].Num)
				}
			}
			f := res.Frame
			if len(f.Rows) != 24 {
				t.Fatalf("%d months", len(f.Rows))
			}
			checked := 0
			for r := range f.Rows {
				for i := 1; i < len(f.Columns); i++ {
					k := key{f.Cell(r, 0), f.Columns[i].Name}
					want := reference(agg, vals[k], counts[k])
					if counts[k] == 0 {
						want = dataset.Value{Missing: true}
					}
					if got := f.Rows[r][i]; !sameValue(got, want) {
						t.Errorf("%v: got %+v, want %+v", k, got, want)
					}
					checked++
				}
			}
			if checked != 24*5 {
				t.Errorf("checked %d cells", checked)
			}
			if f.Cell(0, 0) != "2023-01" || f.Cell(23, 0) != "2024-12" {
				t.Errorf("months %s … %s", f.Cell(0, 0), f.Cell(23, 0))
			}
		})
	}
}

func TestISOWeeksAcrossTheYearBoundary(t *testing.T) {
	var rows [][]string
	for d := 25; d <= 31; d++ {
		rows = append(rows, []string{fmt.Sprintf("2024-12-%02d", d), "1"})
	}
	for d := 1; d <= 13; d++ {
		rows = append(rows, []string{fmt.Sprintf("2025-01-%02d", d), "1"})
	}
	res := mustCompute(t, head+`type: bar
transform:
  - bucket: {column: Date, unit: week}
  - group: {by: [Date], aggregate: sum, columns: [N]}
encode: {x: Date, y: N}
`, rowsOf(cols("Date:date", "N:integer"), rows...), nil)
	var got []string
	for r := range res.Frame.Rows {
		got = append(got, fmt.Sprintf("%s=%s", res.Frame.Cell(r, 0), res.Frame.Cell(r, 1)))
	}
	// Wed 25 Dec – Sun 29 Dec 2024 is 2024-W52; Mon 30 Dec 2024 – Sun 5 Jan 2025 is 2025-W01
	want := []string{"2024-W52=5", "2025-W01=7", "2025-W02=7", "2025-W03=1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, tc := range [][2]string{{"2024-12-30", "2024-12-30"}, {"2025-01-05", "2024-12-30"}, {"2021-01-03", "2020-12-28"},
		{"1969-12-31", "1969-12-29"}} {
		d, _, _ := parsePeriod(tc[0])
		if got := weekStart(d).Format("2006-01-02"); got != tc[1] {
			t.Errorf("weekStart(%s) = %s, want %s", tc[0], got, tc[1])
		}
	}
}

func TestBucketUnits(t *testing.T) {
	at := time.Date(2024, 8, 17, 13, 45, 0, 0, time.UTC)
	for unit, want := range map[string]string{"day": "2024-08-17", "week": "2024-08-12", "month": "2024-08-01",
		"quarter": "2024-07-01", "year": "2024-01-01"} {
		if got := bucketTime(at, unit).Format("2006-01-02 15:04"); got != want+" 00:00" {
			t.Errorf("%s: %s, want %s", unit, got, want)
		}
	}
}

func TestTopWithOthers(t *testing.T) {
	c, rows := randomTable(2000, 11)
	res := mustCompute(t, head+`type: bar
transform:
  - bucket: {column: Date, unit: year}
  - top: {column: District, by: Value, n: 2, others: true}
  - group: {by: [District, Date], aggregate: sum, columns: [Value]}
encode: {x: District, y: Value, series: Date}
`, valuesTable(c, rows), nil)
	sums := map[string]float64{}
	byYear := map[[2]string]float64{}
	for _, r := range rows {
		if !r[2].Missing {
			sums[r[1].Str] += r[2].Num
			byYear[[2]string{r[1].Str, r[0].Time.Format("2006")}] += r[2].Num
		}
	}
	names := []string{"Kwun Tong", "Sha Tin", "Wan Chai", "Tai Po", "Islands"}
	slices.SortStableFunc(names, func(a, b string) int { return -cmpFloat(sums[a], sums[b]) })
	f := res.Frame
	var got []string
	for r := range f.Rows {
		got = append(got, f.Cell(r, 0))
	}
	if want := []string{names[0], names[1], Others}; !slices.Equal(got, want) {
		t.Fatalf("categories %v, want %v", got, want)
	}
	for r, name := range got {
		for i, year := range []string{f.Columns[1].Name, f.Columns[2].Name} {
			want := byYear[[2]string{name, year}]
			if name == Others {
				want = 0
				for _, n := range names[2:] {
					want += byYear[[2]string{n, year}]
				}
			}
			if g := f.Rows[r][1+i].Num; math.Abs(g-want) > 1e-6 {
				t.Errorf("%s %s: %v, want %v", name, year, g, want)
			}
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestFilterSemantics(t *testing.T) {
	c := cols("Date:date", "District", "Value:decimal")
	d := rowsOf(c, []string{"2024-02-28", "A", "1"}, []string{"2024-03-01", "B", "2"}, []string{"2024-03-31", "A", ""},
		[]string{"2024-04-01", "", "4"}, []string{"2025-01-01", "C", "5"})
	for _, tc := range []struct {
		filter string
		want   []string
	}{
		{"{column: Date, equals: 2024-03}", []string{"2024-03-01", "2024-03-31"}},
		{"{column: Date, max: \"2024\"}", []string{"2024-02-28", "2024-03-01", "2024-03-31", "2024-04-01"}},
		{"{column: Date, min: 2024-03-31, max: 2024-Q2}", []string{"2024-03-31", "2024-04-01"}},
		{"{column: Date, in: [2024-W09, 2025]}", []string{"2024-02-28", "2024-03-01", "2025-01-01"}},
		{"{column: District, not_in: [A]}", []string{"2024-03-01", "2024-04-01", "2025-01-01"}},
		{"{column: District, in: [A, C]}", []string{"2024-02-28", "2024-03-31", "2025-01-01"}},
		{"{column: Value, min: \"2\", max: \"4\"}", []string{"2024-03-01", "2024-04-01"}},
		{"{column: Value, equals: \"5.0\"}", []string{"2025-01-01"}},
	} {
		res := mustCompute(t, head+"type: line\ntransform:\n  - filter: "+tc.filter+"\nencode: {x: Date, y: Value}\n", d, nil)
		var got []string
		for r := range res.Frame.Rows {
			got = append(got, res.Frame.Cell(r, 0))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.filter, got, tc.want)
		}
	}
}
