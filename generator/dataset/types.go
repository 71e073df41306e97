// Package dataset reads open-data snapshots (CSV, TSV, JSON, GeoJSON, XLSX, in UTF-8, Big5 or GB encodings) into
// typed tables, streaming, so that a file of a million rows is read in bounded memory. Opening a table reads it once
// to infer each column's type and profile it; Scan reads it again, row by row, as typed values.
//
// Every read goes through the content folder's os.Root: a snapshot path cannot leave it.
package dataset

import "time"

// Type is the type of a column.
type Type uint8

const (
	Text    Type = iota // anything else
	Integer             // whole numbers, thousands separators allowed: 1,234
	Decimal             // numbers with a fraction: 12.5, 1,234.5
	Date                // a day, a month, a year or a date and time; see Grain
)

func (t Type) String() string {
	switch t {
	case Integer:
		return "integer"
	case Decimal:
		return "decimal"
	case Date:
		return "date"
	}
	return "text"
}

// Numeric reports whether values of this type are numbers.
func (t Type) Numeric() bool { return t == Integer || t == Decimal }

// Grain is how precise the dates of a Date column are.
type Grain uint8

const (
	Day      Grain = iota // 2024-03-01, 01/03/2024
	DateTime              // 2024-03-01 08:30
	Month                 // 2024-03, 2024年3月, Mar 2024
	Year                  // 2024 (only when the column is declared a date)
)

// Value is one cell, read with its column's type. A missing cell (an empty cell, or one of the missing tokens)
// has Missing set and nothing else.
type Value struct {
	Missing bool
	Num     float64   // Integer, Decimal: the number (never NaN or ±Inf: those are missing)
	Time    time.Time // Date: the instant, in UTC
	Str     string    // Text: the text; for every type, the cell as written (trimmed) for display
}

// Column describes one column of a table.
type Column struct {
	Name    string            // as in the file's header (for JSON: the record key; for GeoJSON: the property key)
	Label   map[string]string // display names by language code ("" = default language), from dataset.yaml
	Unit    map[string]string // unit by language code, from dataset.yaml
	Type    Type
	Grain   Grain // for Date
	Profile Profile

	parser *parser // how Parse and Scan read the column's cells (nil: by Type, with the default missing values)
}

// Profile summarises a column's values.
type Profile struct {
	Count    int  // rows
	Missing  int  // missing cells
	Distinct int  // distinct non-missing values, exact up to DistinctLimit
	Capped   bool // more than DistinctLimit distinct values: Distinct is DistinctLimit
	// Numbers
	Min, Max, Mean float64
	// Dates
	Earliest, Latest time.Time
	// Text: the longest value's length in characters
	MaxLen int
}

// DistinctLimit bounds the memory a profile uses per column.
const DistinctLimit = 10000

// HeadRows is how many rows Table.Head keeps for the dataset page.
const HeadRows = 20

// Table is one snapshot file, read once: its columns with types and profiles, its first rows and its checksum.
type Table struct {
	ID       string   // the file's id within its dataset (schema.DataFile.ID, or derived from the file name)
	Path     string   // slash path relative to the content root
	Format   string   // csv, tsv, json, geojson, xlsx
	Size     int64    // bytes of the file as stored
	SHA256   string   // hex digest of the file as stored
	Columns  []Column // in file order, ignored columns left out
	Rows     int      // data rows read (skipped rows not counted)
	Skipped  int      // rows skipped under on_error: skip
	Head     [][]Value
	Features []Feature // GeoJSON only: the features, in file order

	plan *plan // how Scan reads the file again
}

// Feature is one GeoJSON feature: its properties (as the table's row) and its geometry, kept as JSON.
type Feature struct {
	Props    map[string]string // property values as text; nested objects flattened with dots (parent.adcode)
	Geometry []byte            // the geometry member, as in the file
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// ColumnNames lists the columns' names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Layout is the Go time layout that shows a date of this grain: "2006-01-02", "2006-01-02 15:04", "2006-01" or
// "2006".
func (g Grain) Layout() string {
	switch g {
	case DateTime:
		return "2006-01-02 15:04"
	case Month:
		return "2006-01"
	case Year:
		return "2006"
	}
	return "2006-01-02"
}
