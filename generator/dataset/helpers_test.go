package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// testDir is the dataset folder the tests write their files to, under a temporary content root.
const testDir = "datasets/x"

// fieldPos stands for dataset.yaml positions in tests: every field is on line 7.
func fieldPos(string) diag.Pos {
	return diag.Pos{File: "content/" + testDir + "/dataset.yaml", Line: 7}
}

// writeRoot writes files (name → content) into datasets/x of a new content root.
func writeRoot(t testing.TB, files map[string]string) *os.Root {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, testDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, testDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

// options are the Options the tests open a file of datasets/x with.
func options(root *os.Root, f schema.DataFile) Options {
	return Options{Root: root, Dir: testDir, File: f, Display: "content", Field: fieldPos, Prefix: "files[0]"}
}

// openOne writes content as the file f.Path and opens it; it returns the table and the diagnostics as text.
func openOne(t testing.TB, content string, f schema.DataFile) (*Table, []string) {
	t.Helper()
	root := writeRoot(t, map[string]string{string(f.Path): content})
	var diags diag.List
	tbl, err := Open(options(root, f), &diags)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return tbl, diagStrings(&diags)
}

func diagStrings(l *diag.List) []string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

// columns describes a table's columns: "Date date(day), Total integer".
func columns(t *Table) string {
	var parts []string
	for _, c := range t.Columns {
		s := c.Name + " " + c.Type.String()
		if c.Type == Date {
			s += "(" + [...]string{"day", "datetime", "month", "year"}[c.Grain] + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// scanAll scans t and returns each row's values as text (the display string, "∅" for missing), checking that the
// scan and Open agree on the number of rows.
func scanAll(t testing.TB, tbl *Table) [][]string {
	t.Helper()
	var rows [][]string
	err := tbl.Scan(func(row []Value) error {
		if len(row) != len(tbl.Columns) {
			t.Fatalf("row of %d values for %d columns", len(row), len(tbl.Columns))
		}
		out := make([]string, len(row))
		for i, v := range row {
			out[i] = show(v, tbl.Columns[i])
		}
		rows = append(rows, out)
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if len(rows) != tbl.Rows {
		t.Fatalf("Scan read %d rows, Open %d", len(rows), tbl.Rows)
	}
	return rows
}

// show writes a value as its type says: numbers with %g, dates with the grain's layout.
func show(v Value, c Column) string {
	switch {
	case v.Missing:
		return "∅"
	case c.Type.Numeric():
		return fmt.Sprintf("%g", v.Num)
	case c.Type == Date:
		return v.Time.Format(c.Grain.Layout())
	}
	return v.Str
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func checkDiags(t testing.TB, got, want []string) {
	t.Helper()
	if !equalStrings(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
