package dataset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// TestUnreadableFiles checks the files Open refuses with an error: missing, not regular, too large, outside the
// root.
func TestUnreadableFiles(t *testing.T) {
	root := writeRoot(t, map[string]string{"ok.csv": "a\n1\n"})
	dir := filepath.Join(root.Name(), testDir)
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(MaxFileSize + 1<<20) // sparse: no disk used
	big.Close()
	outside := filepath.Join(t.TempDir(), "secret.csv")
	os.WriteFile(outside, []byte("a\n1\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"missing.csv": "cannot read datasets/x/missing.csv: no such file or directory",
		"folder.csv":  "datasets/x/folder.csv is not a regular file",
		"big.csv":     "datasets/x/big.csv is 513 MiB: a snapshot file may be at most 512 MiB",
		"link.csv":    "cannot read datasets/x/link.csv: path escapes from parent",
		"data.dbf":    "cannot tell the format of datasets/x/data.dbf from its extension: add format:",
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644); err == nil {
		tests["pipe.csv"] = "datasets/x/pipe.csv is not a regular file"
	}
	for name, want := range tests {
		var diags diag.List
		tbl, err := Open(options(root, schema.DataFile{Path: schema.Path(name)}), &diags)
		if err == nil || err.Error() != want || tbl != nil || diags.Len() != 0 {
			t.Errorf("%s: %v, %v; want %q", name, tbl, err, want)
		}
	}
}

// TestLimits checks that a huge field or line is an error at its line, not an out-of-memory, and that Scan stops
// at the same place as Open.
func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"an unclosed quote", "a,b\n1,2\n3,\"open" + strings.Repeat("x\n", maxFieldSize/2+10),
			csvFile + ":3: a field longer than 1 MiB: is a quote left open?"},
		{"a long line", "a,b\n1,2\n3,4\n5," + strings.Repeat("y,", maxLineSize/2+10) + "\n",
			csvFile + ":4: line longer than 4 MiB"},
	}
	for _, tt := range tests {
		tbl, diags := openOne(t, tt.text, schema.DataFile{Path: "data.csv"})
		checkDiags(t, diags, []string{tt.want})
		if rows := scanAll(t, tbl); len(rows) == 0 {
			t.Errorf("%s: no rows before the problem", tt.name)
		}
	}
}

func TestHeaderColumnLimit(t *testing.T) {
	_, diags := openOne(t, strings.Repeat("c,", maxColumns)+"c\n", schema.DataFile{Path: "data.csv"})
	checkDiags(t, diags, []string{csvFile + ":1: the header has 1001 columns: at most 1000 are read"})
}

func TestScan(t *testing.T) {
	text := "when,n,label\n2024-03-01,1,a\nnote\n2024-03-02,2,b\n2024-03-03,3,c\n"
	tbl, _ := openOne(t, text, schema.DataFile{Path: "data.csv", OnError: "skip"})
	var seen []*Value
	var ns []float64
	err := tbl.Scan(func(row []Value) error {
		seen = append(seen, &row[0])
		ns = append(ns, row[1].Num)
		if row[2].Str == "b" {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) || fmt.Sprint(ns) != "[1 2]" {
		t.Errorf("Scan = %v after %v", err, ns)
	}
	if seen[0] != seen[1] {
		t.Error("Scan does not reuse its slice")
	}
	// Scan may run on several goroutines at once (charts drawn from one table).
	done := make(chan int)
	for range 4 {
		go func() {
			n := 0
			tbl.Scan(func([]Value) error { n++; return nil })
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n != 3 {
			t.Errorf("parallel scan read %d rows", n)
		}
	}
}

var errStop = errors.New("stop")

// TestDeterministic opens the same files twice and compares everything.
func TestDeterministic(t *testing.T) {
	files := map[string]string{
		"a.csv":  "\ufeffDate,Total,,x,x\r\n01-01-2021,5,,1,2\r\nnote\r\n02-01-2021,\"1,234\",,3,4\r\n",
		"b.json": `[{"a": {"b": 1, "c": [1,2]}, "d": null}, {"e": "x", "a": {"c": 3}}]`,
	}
	root := writeRoot(t, files)
	for name := range files {
		var results []string
		for range 2 {
			var diags diag.List
			tbl, err := Open(options(root, schema.DataFile{Path: schema.Path(name)}), &diags)
			if err != nil {
				t.Fatal(err)
			}
			rows := scanAll(t, tbl)
			tbl.plan = nil
			for i := range tbl.Columns {
				tbl.Columns[i].parser = nil
			}
			results = append(results, fmt.Sprintf("%#v %q %q", *tbl, rows, diagStrings(&diags)))
		}
		if results[0] != results[1] {
			t.Errorf("%s: two opens differ:\n%s\n%s", name, results[0], results[1])
		}
	}
}

func TestTableFields(t *testing.T) {
	text := "a,b\n1,2\n"
	tbl, _ := openOne(t, text, schema.DataFile{Path: "My Data.csv", Columns: []schema.Column{
		{Name: "b", Label: schema.Text{"en": "Bee", "zh-hant": "乙"}, Unit: schema.Text{"en": "mm"}}}})
	want := &Table{ID: "my-data", Path: "datasets/x/My Data.csv", Format: "csv", Size: int64(len(text)),
		SHA256: "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470", Rows: 1}
	if tbl.ID != want.ID || tbl.Path != want.Path || tbl.Format != want.Format || tbl.Size != want.Size ||
		tbl.Rows != 1 || tbl.SHA256 != want.SHA256 {
		t.Errorf("table %+v", tbl)
	}
	b := tbl.Column("b")
	if !reflect.DeepEqual(b.Label, map[string]string{"en": "Bee", "zh-hant": "乙"}) || b.Unit["en"] != "mm" {
		t.Errorf("column b: %+v", b)
	}
	if tbl.Column("c") != nil || fmt.Sprint(tbl.ColumnNames()) != "[a b]" {
		t.Errorf("columns %v", tbl.ColumnNames())
	}
}
