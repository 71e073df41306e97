package load

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadAllWithStaleSize: a file is read to its end whatever size the walk saw (it may have changed since),
// and never beyond the limit.
func TestReadAllWithStaleSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		size, limit int64
		want        string
	}{
		{-1, 100, "0123456789"}, // unknown: the file's own
		{0, 100, "0123456789"},
		{3, 100, "0123456789"}, // grew since
		{10, 100, "0123456789"},
		{50, 100, "0123456789"}, // shrank since
		{3, 5, "01234"},
		{50, 5, "01234"},
	} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(f, c.limit, c.size)
		f.Close()
		if err != nil || string(got) != c.want {
			t.Errorf("size %d, limit %d: %q, %v; want %q", c.size, c.limit, got, err, c.want)
		}
	}
}
