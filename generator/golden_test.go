package generator_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator"
)

// goldenPages are the fixture site's files compared byte for byte with testdata/golden/.
var goldenPages = []string{
	"index.html", "projects/index.html", "projects/page/2/index.html", "projects/air-watch/index.html",
	"projects/bundle-app/index.html", "pavilion/sensor-wall/index.html", "themes/index.html",
	"themes/smart-environment/index.html", "tags/index.html", "about/index.html", "404.html",
	"sitemap.xml", "feed.xml", "robots.txt", "datasets/index.html", "datasets/hk-epd-aqhi/index.html",
	"charts/index.html", "charts/aqhi-by-district/index.html", "charts/aqhi-by-district/embed/index.html",
	"charts/aqhi-by-district/data.csv", "charts/air-watch-2/data.csv",
	// other languages: a translated entry, the same entry without a translation, a list
	"zh-hant/projects/air-watch/index.html", "zh-hans/projects/air-watch/index.html", "zh-hant/index.html",
	"zh-hant/feed.xml",
}

// TestGolden renders the fixture site (testdata/site) with the built-in theme under a sub-path. After a
// deliberate change, run `go test ./generator -run Golden -update` and review the diff of testdata/golden/.
func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/site/content", out, generator.Options{})
	checkSite(t, out, "/showcase/")
	for _, p := range goldenPages {
		got, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run with -update to create it)", p, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s:\n%s", p, golden, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}
