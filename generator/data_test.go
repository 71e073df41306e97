package generator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

var optionRE = regexp.MustCompile(`(?s)<script type="application/json" id="chart-([a-z0-9-]+)-option">(.*?)</script>`)

// TestDataPages builds content/ and checks the dataset and chart pages: each snapshot is published byte for byte
// with its SHA-256 on its page, each chart page carries an option that is valid JSON with no raw "<", a CSV whose
// rows match the page's table, and an embed page that is not indexed.
func TestDataPages(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, "../content", out, generator.Options{})
	sets, _ := filepath.Glob("../content/datasets/*/dataset.yaml")
	if len(sets) < 4 {
		t.Fatalf("only %d datasets in content/", len(sets))
	}
	for _, y := range sets {
		id := filepath.Base(filepath.Dir(y))
		page := read(t, filepath.Join(out, "datasets", id, "index.html"))
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(y), "*"))
		published := 0
		for _, f := range files {
			if filepath.Base(f) == "dataset.yaml" {
				continue
			}
			src := read(t, f)
			dst, err := os.ReadFile(filepath.Join(out, "datasets", id, filepath.Base(f)))
			if err != nil {
				continue // a file the dataset does not list
			}
			published++
			if !bytes.Equal(src, dst) {
				t.Errorf("datasets/%s/%s is not published byte for byte", id, filepath.Base(f))
			}
			sum := sha256.Sum256(src)
			if !bytes.Contains(page, []byte(hex.EncodeToString(sum[:]))) {
				t.Errorf("datasets/%s/: no SHA-256 of %s on the page", id, filepath.Base(f))
			}
		}
		if published == 0 {
			t.Errorf("datasets/%s: no snapshot published", id)
		}
	}
	charts, _ := filepath.Glob(filepath.Join(out, "charts", "*", "index.html"))
	if len(charts) < 9 {
		t.Fatalf("only %d chart pages", len(charts))
	}
	for _, p := range charts {
		dir := filepath.Dir(p)
		id := filepath.Base(dir)
		page := read(t, p)
		m := optionRE.FindSubmatch(page)
		if m == nil || string(m[1]) != id {
			t.Errorf("charts/%s/: no option script for the chart", id)
			continue
		}
		if !json.Valid(m[2]) || bytes.ContainsAny(m[2], "<>") {
			t.Errorf("charts/%s/: option is not valid, HTML-safe JSON", id)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(read(t, filepath.Join(dir, "data.csv")),
			[]byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Errorf("charts/%s/data.csv: %v (%d rows)", id, err, len(rows))
			continue
		}
		// the table on the page shows the CSV's rows (up to its limit of 500)
		for _, r := range rows[1:min(len(rows), 500)] {
			if !bytes.Contains(page, []byte(">"+htmlText(r[0])+"<")) {
				t.Errorf("charts/%s/: CSV row %q is not in the page's table", id, r[0])
				break
			}
		}
		embed := read(t, filepath.Join(dir, "embed", "index.html"))
		if !bytes.Contains(embed, []byte(`<meta name="robots" content="noindex">`)) ||
			!bytes.Contains(embed, []byte(`id="chart-`+id+`-option"`)) {
			t.Errorf("charts/%s/embed/: not a noindex page with the chart", id)
		}
	}
}

func read(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// htmlText escapes s as html/template writes text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestDatasetPagination: a dataset's users are listed a page at a time, newest first, as a term's are; the first
// page alone has the provenance, tables, charts and the schema.org Dataset, and each later page is titled with
// its number.
func TestDatasetPagination(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	sitetest.Copy(t, "testdata/site/content", content) // page_size: 2
	sitetest.Edit(t, filepath.Join(content, "projects", "third.md"), "year: 2024\n", "year: 2024\ndatasets: [hk-epd-aqhi]\n")
	sitetest.Edit(t, filepath.Join(content, "projects", "bundle-app", "index.md"), "year: 2024\n",
		"year: 2024\ndatasets: [hk-epd-aqhi]\n")
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, content, out, generator.Options{})
	cards := regexp.MustCompile(`<h3 class="card-title"><a href="/showcase/projects/([a-z-]+)/">`)
	for _, c := range []struct {
		page        string
		first       bool
		users       []string
		count, more string
	}{
		{"", true, []string{"air-watch", "bundle-app"}, "3 entries · Page 1 of 2", `rel="next" href="/showcase/datasets/hk-epd-aqhi/page/2/"`},
		{"page/2/", false, []string{"third"}, "3 entries · Page 2 of 2", `rel="prev" href="/showcase/datasets/hk-epd-aqhi/"`},
	} {
		html := string(read(t, filepath.Join(out, "datasets", "hk-epd-aqhi", filepath.FromSlash(c.page), "index.html")))
		var users []string
		for _, m := range cards.FindAllStringSubmatch(html, -1) {
			users = append(users, m[1])
		}
		if strings.Join(users, " ") != strings.Join(c.users, " ") {
			t.Errorf("%s: users %v, want %v", c.page, users, c.users)
		}
		for _, want := range []string{c.count, c.more} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", c.page, want)
			}
		}
		for _, part := range []string{`id="provenance"`, `"@type":"Dataset"`, "aqhi.csv", `id="dataset-charts"`} {
			if strings.Contains(html, part) != c.first {
				t.Errorf("%s: has %s = %v, want %v", c.page, part, !c.first, c.first)
			}
		}
		if title := "(page 2 of 2) · Fixture Showcase</title>"; strings.Contains(html, title) == c.first {
			t.Errorf("%s: has the title of page 2 = %v", c.page, !c.first)
		}
	}
}
