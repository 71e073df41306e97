package generator_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestCheckCases runs showcase check on each site in testdata/check/*.txtar and compares what it prints with the
// case's final "-- want --" section, exactly: every diagnostic, sorted, one per line (empty for a valid site).
//
// A case holds only what it changes: testdata/check/_base.txtar (a valid site.yaml and a dataset) is written
// first, and a file of the case with the same name replaces the base's. A file name may carry an annotation:
//
//	-- content/datasets/x/data.csv (gbk) --      the text below, encoded in GBK (or big5) when written
//	-- content/projects/a/cover.png (size 1100000) --  a file of that many zero bytes (the text is ignored)
//
// go test ./generator -run TestCheckCases -update rewrites the want sections; review every message it writes.
func TestCheckCases(t *testing.T) {
	base, err := os.ReadFile("testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			archive, want, ok := strings.Cut("\n"+string(src), "\n-- want --\n")
			if !ok {
				t.Fatalf("%s: no final -- want -- section", p)
			}
			archive = strings.TrimPrefix(archive+"\n", "\n")
			dir := writeCase(t, string(base), archive)
			got := checkCase(t, dir)
			if got == want {
				return
			}
			if *update {
				if err := os.WriteFile(p, []byte(archive+"-- want --\n"+got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Errorf("%s: showcase check printed\n%s\nwant\n%s", p, got, want)
		})
	}
}

// checkCase runs the check on dir/content and returns the diagnostics as `showcase check` prints them, with the
// content folder shown as "content".
func checkCase(t *testing.T, dir string) string {
	t.Helper()
	res, err := generator.Check(generator.Options{ContentDir: filepath.Join(dir, "content"),
		ThemesDir: filepath.Join(dir, "themes")})
	var de *diag.Errors
	if err != nil && !errors.As(err, &de) {
		t.Fatalf("check: %v", err)
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(strings.ReplaceAll(d.String(), filepath.ToSlash(dir)+"/", "") + "\n")
	}
	return b.String()
}

var annotation = regexp.MustCompile(`^(.+) \((gbk|big5|size (\d+))\)$`)

// writeCase writes the base archive and then the case's files (which replace the base's of the same name) into a
// new folder, applying the annotations of file names.
func writeCase(t *testing.T, base, archive string) string {
	t.Helper()
	files := map[string][]byte{}
	var order []string
	for _, a := range []string{base, archive} {
		names, texts := sitetest.Parse(a)
		for _, n := range names {
			data := []byte(texts[n])
			if m := annotation.FindStringSubmatch(n); m != nil {
				n = m[1]
				switch m[2] {
				case "gbk":
					data = encodeText(t, simplifiedchinese.GBK, data)
				case "big5":
					data = encodeText(t, traditionalchinese.Big5, data)
				default:
					size, _ := strconv.Atoi(m[3])
					data = make([]byte, size)
				}
			}
			if !slices.Contains(order, n) {
				order = append(order, n)
			}
			files[n] = data
		}
	}
	dir := t.TempDir()
	for _, n := range order {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func encodeText(t *testing.T, e encoding.Encoding, b []byte) []byte {
	t.Helper()
	out, err := e.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
