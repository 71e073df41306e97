package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// golden compares got with testdata/golden/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

// indented is the option laid out for reading in a golden file.
func indented(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// TestGoldenOptions keeps the option of every chart type, so that a change to what the page receives is seen in
// review.
func TestGoldenOptions(t *testing.T) {
	for _, tc := range chartCases {
		t.Run(tc.name, func(t *testing.T) {
			res := mustCompute(t, tc.spec, sample(), nil)
			golden(t, tc.name+".json", indented(t, res.Option))
		})
	}
	t.Run("map", func(t *testing.T) {
		res := mustCompute(t, mapSpec, mapData(), hkGeo())
		golden(t, "map.json", indented(t, res.Option))
		golden(t, "map.geojson", indented(t, res.MapJSON))
		golden(t, "map.csv", res.CSV)
	})
}
