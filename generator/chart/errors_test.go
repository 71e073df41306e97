package chart

import (
	"slices"
	"strings"
	"testing"
)

func TestSpecErrors(t *testing.T) {
	c := cols("Date:date", "District", "Value:decimal")
	d := rowsOf(c, []string{"2024-01-01", "Kwun Tong", "1"})
	for _, tc := range []struct {
		name, spec string
		want       []string
	}{
		{"unknown column with did-you-mean", head + `type: bar
transform:
  - group: {by: [Distrct], aggregate: count}
encode: {x: District, y: count}
`, []string{
			`charts/test.yaml:5:18: transform[0].group.by[0]: no column "Distrct" in the table (did you mean "District"? the columns are: Date, District, Value)`,
		}},
		{"column dropped by a group", head + `type: bar
transform:
  - group: {by: [District], aggregate: count}
  - filter: {column: Value, min: "2"}
encode: {x: District, y: count}
`, []string{
			`charts/test.yaml:6:22: transform[1].filter.column: no column "Value" after the group step at transform[0] (a group step keeps only its by columns and what it aggregates: District, count)`,
		}},
		{"sum over text", head + `type: bar
transform:
  - group: {by: [Date], aggregate: sum, columns: [District]}
encode: {x: Date, y: District}
`, []string{
			`charts/test.yaml:5:51: transform[0].group.columns[0]: sum needs a numeric column; "District" is text (aggregate a column of numbers, or use aggregate: count)`,
			`charts/test.yaml:6:22: encode.y[0]: y needs a numeric column; "District" is text (encode a column of numbers; a group step can count or sum rows into one)`,
		}},
		{"bucket on text", head + `type: line
transform:
  - bucket: {column: District, unit: month}
encode: {x: District, y: Value}
`, []string{
			`charts/test.yaml:5:22: transform[0].bucket.column: bucket needs a date column; "District" is text (bucket a column of dates, or declare this column's type: date in dataset.yaml)`,
		}},
		{"two steps in one item", head + `type: line
transform:
  - filter: {column: District, equals: Kwun Tong}
    sort: {by: Date}
encode: {x: Date, y: Value}
`, []string{
			`charts/test.yaml:5:5: transform[0]: a transform item takes exactly one step; this one has filter and sort (split it into one item per step, in the order they apply)`,
		}},
		{"missing and extra encode fields", head + `type: pie
encode: {x: District, value: Value}
`, []string{
			`charts/test.yaml:4:9: encode.label: a pie chart needs encode.label (add label: <the column naming each item>)`,
			`charts/test.yaml:4:13: encode.x: encode.x is not used by a pie chart (a pie chart uses value, label; remove x)`,
		}},
		{"calendar needs dates, filter values are read with the column's type", head + `type: calendar
transform:
  - filter: {column: Value, min: lots}
  - filter: {column: Date, in: [2024-01, someday]}
  - filter: {column: District, max: "K"}
encode: {x: District, value: Value}
`, []string{
			`charts/test.yaml:5:34: transform[0].filter.min: filter value "lots" is not a number (column "Value" holds numbers) (write a number, e.g. 1200 or 12.5)`,
			`charts/test.yaml:6:42: transform[1].filter.in[1]: filter value "someday" is not a date (column "Date" holds dates) (write a date as YYYY-MM-DD, YYYY-MM or YYYY)`,
			`charts/test.yaml:7:37: transform[2].filter.max: max needs a column of numbers or dates; "District" is text (use equals, in or not_in for text)`,
			`charts/test.yaml:8:13: encode.x: calendar needs a date column for x; "District" is text (encode a column of dates, one value per day)`,
		}},
		{"top and sort", head + `type: bar
transform:
  - top: {column: Value, by: District, n: 0}
  - sort: {by: Vale}
encode: {x: District, y: Value}
`, []string{
			`charts/test.yaml:5:19: transform[0].top.column: top needs a text column; "Value" is a number (top keeps categories: name a text column)`,
			`charts/test.yaml:5:30: transform[0].top.by: top needs a numeric column to rank by; "District" is text (rank by a column of numbers)`,
			`charts/test.yaml:5:43: transform[0].top.n: n must be at least 1 (e.g. n: 10)`,
			`charts/test.yaml:6:16: transform[1].sort.by: no column "Vale" in the table (did you mean "Value"? the columns are: Date, District, Value)`,
		}},
		{"count column name clash", head + `type: bar
transform:
  - group: {by: [District], aggregate: count, as: District}
encode: {x: District, y: District}
`, []string{
			`charts/test.yaml:5:51: transform[0].group.as: the count's column "District" is also a by column (write as: <a new column name>)`,
			`charts/test.yaml:6:26: encode.y[0]: y needs a numeric column; "District" is text (encode a column of numbers; a group step can count or sum rows into one)`,
		}},
		{"nothing left", head + `type: bar
transform:
  - filter: {column: District, equals: Atlantis}
encode: {x: District, y: Value}
`, []string{
			`charts/test.yaml:5:3: transform: no rows left to draw (check the filter values and the columns the chart uses)`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, got := compute(t, tc.spec, d, nil)
			if !slices.Equal(got, tc.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if res != nil {
				t.Error("a result despite errors")
			}
		})
	}
}

func TestRowLimit(t *testing.T) {
	defer func(n int) { MaxRows = n }(MaxRows)
	MaxRows = 10
	var rows [][]string
	for i := range 11 {
		rows = append(rows, []string{"d" + string(rune('a'+i)), "1"})
	}
	d := rowsOf(cols("Name", "Value:integer"), rows...)
	_, got := compute(t, head+"type: bar\nencode: {x: Name, y: Value}\n", d, nil)
	want := []string{`charts/test.yaml:4:9: encode: the chart would keep more than 10 rows (add a group step (after a bucket step for dates) so the chart draws one value per category)`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
	_, got = compute(t, head+"type: bar\ntransform:\n  - group: {by: [Name], aggregate: sum, columns: [Value]}\nencode: {x: Name, y: Value}\n", d, nil)
	want = []string{`charts/test.yaml:5:5: transform[0]: the group step makes more than 10 groups (group by fewer or coarser columns: bucket dates by week, month or year first)`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
	mustCompute(t, head+"type: bar\ntransform:\n  - filter: {column: Name, not_in: [da]}\nencode: {x: Name, y: Value}\n", d, nil)
}
