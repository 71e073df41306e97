package chart

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hkshopendata/showcase/generator/dataset"
)

// Frame is the small table a chart draws: the result of the transform steps, reduced to the columns the chart
// uses. The page shows it as an HTML table and offers it as CSV; the chart draws exactly these values (a long
// series may be thinned for drawing, see Result.Downsampled).
type Frame struct {
	Columns []Column
	Rows    [][]dataset.Value // values in Columns order; a missing value has Missing set
}

// Column is a column of a Frame.
type Column struct {
	Name   string            // as in the table; the 'as' of a count; a series value after a long-format pivot
	Label  map[string]string // display names by language code ("" = default language)
	Unit   map[string]string // units by language code
	Type   dataset.Type
	Grain  dataset.Grain // dates: how precise the values are
	Bucket string        // dates rounded by a bucket step: day, week, month, quarter or year
}

// Title is the column's display name in lang, else in the default language, else its name.
func (c *Column) Title(lang string) string {
	if s := c.Label[lang]; s != "" {
		return s
	}
	if s := c.Label[""]; s != "" {
		return s
	}
	return c.Name
}

// UnitIn is the column's unit in lang, else in the default language, else "".
func (c *Column) UnitIn(lang string) string {
	if s := c.Unit[lang]; s != "" {
		return s
	}
	return c.Unit[""]
}

// Format writes a value of the column as text: numbers plainly (1234.5), dates in ISO form at the column's
// precision (2024-03-01, 2024-03, 2024; weeks 2025-W01, quarters 2024-Q1), text as is, missing values as "".
func (c *Column) Format(v dataset.Value) string {
	if v.Missing {
		return ""
	}
	switch c.Type {
	case dataset.Integer, dataset.Decimal:
		return formatNumber(v.Num)
	case dataset.Date:
		return formatDate(v.Time, c.Grain, c.Bucket)
	}
	return v.Str
}

// Cell is the value at row r, column i, formatted by its column.
func (f *Frame) Cell(r, i int) string { return f.Columns[i].Format(f.Rows[r][i]) }

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func formatDate(t time.Time, g dataset.Grain, bucket string) string {
	switch bucket {
	case "week":
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case "quarter":
		return fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case "day":
		return t.Format("2006-01-02")
	case "month":
		return t.Format("2006-01")
	case "year":
		return t.Format("2006")
	}
	return t.Format(layoutOf(g))
}

// layoutOf is the Go time layout that shows a date of grain g.
func layoutOf(g dataset.Grain) string {
	switch g {
	case dataset.DateTime:
		return "2006-01-02 15:04"
	case dataset.Month:
		return "2006-01"
	case dataset.Year:
		return "2006"
	}
	return "2006-01-02"
}

// col is a column of the table at one step of the transforms: its Frame column and the index of the table column
// it was read from (for Data.Parse), or -1 for a column a step made.
type col struct {
	Column
	src     int
	unknown bool // stands for a column that does not exist (already reported): its type is not checked
}

func fromDataset(c dataset.Column) Column {
	return Column{Name: c.Name, Label: c.Label, Unit: c.Unit, Type: c.Type, Grain: c.Grain}
}

// timeAxis reports whether dates of the column are drawn on a continuous time axis (days or finer) rather than as
// categories (weeks, months, quarters, years).
func (c *Column) timeAxis() bool {
	if c.Type != dataset.Date {
		return false
	}
	switch c.Bucket {
	case "", "day":
		return c.Grain == dataset.Day || c.Grain == dataset.DateTime
	}
	return false
}
