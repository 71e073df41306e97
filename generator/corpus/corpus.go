// Package corpus makes the benchmark site: the synthetic entries of ../shared/bench/gen_corpus.py (the same ones
// the Hugo reference site builds), completed with what showcase needs and the corpus leaves out — a site.yaml
// whose taxonomies hold the corpus's terms, and a small dataset entry for every dataset id the projects cite.
//
// The corpus's covers point at images it does not write; Write drops the cover lines so that a build does equal
// work to Hugo's (which does not use them) and does not report 10,000 missing images.
package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// ErrNoGenerator is returned when ../shared/bench/gen_corpus.py or python3 cannot be found.
var ErrNoGenerator = errors.New("corpus: ../shared/bench/gen_corpus.py or python3 not found")

// Generator returns the path of gen_corpus.py, looked for in a "shared/bench" folder beside any parent of the
// working directory.
func Generator() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "..", "shared", "bench", "gen_corpus.py")
		if _, err := os.Stat(p); err == nil {
			if _, err := exec.LookPath("python3"); err != nil {
				return "", ErrNoGenerator
			}
			return filepath.Clean(p), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoGenerator
		}
		dir = parent
	}
}

// Write generates a site of the given size under dir: dir/content/{site.yaml,projects,pavilion,datasets}.
func Write(dir string, projects, pavilion int) error {
	gen, err := Generator()
	if err != nil {
		return err
	}
	cmd := exec.Command("python3", gen, "--projects", fmt.Sprint(projects), "--pavilion", fmt.Sprint(pavilion),
		"--out", dir, "--seed", "42")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("corpus: %s: %v\n%s", gen, err, out)
	}
	content := filepath.Join(dir, "content")
	if err := dropCovers(filepath.Join(content, "projects")); err != nil {
		return err
	}
	ids, err := datasetIDs(gen)
	if err != nil {
		return err
	}
	if err := WriteSite(content, 1); err != nil {
		return err
	}
	for _, id := range ids {
		if err := writeDataset(filepath.Join(content, "datasets", id), id); err != nil {
			return err
		}
	}
	return nil
}

var coverLine = regexp.MustCompile(`(?m)^cover: .*\n`)

func dropCovers(dir string) error {
	es, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range es {
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, coverLine.ReplaceAll(b, nil), 0o644); err != nil {
			return err
		}
	}
	return nil
}

var datasetList = regexp.MustCompile(`(?s)DATASETS = \[(.*?)\]`)

// datasetIDs reads the dataset ids the generator cites from its DATASETS list.
func datasetIDs(gen string) ([]string, error) {
	b, err := os.ReadFile(gen)
	if err != nil {
		return nil, err
	}
	m := datasetList.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("corpus: no DATASETS list in %s", gen)
	}
	var ids []string
	for _, f := range bytes.Split(m[1], []byte(",")) {
		if id := strings.Trim(strings.TrimSpace(string(f)), `"`); id != "" {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func writeDataset(dir, id string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta := datasetYAML(id, "Benchmark dataset "+id, "data.csv")
	var csv strings.Builder
	csv.WriteString("month,value\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&csv, "2025-%02d,%d\n", m, (len(id)*37+m*11)%100)
	}
	if err := os.WriteFile(filepath.Join(dir, "dataset.yaml"), []byte(meta), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "data.csv"), []byte(csv.String()), 0o644)
}

// datasetYAML is the dataset.yaml of a benchmark dataset with one file.
func datasetYAML(id, title, file string) string {
	return fmt.Sprintf(`title: {en: %q}
publisher: {en: Benchmark publisher}
source: {page: "https://data.example.org/%s"}
licence: {name: {en: Example terms}, url: "https://data.example.org/terms"}
retrieved: 2026-11-01
files:
  - path: %s
`, title, id, file)
}

// WriteSite writes content/site.yaml for the first n of English, 繁體中文 and 简体中文 (the corpus has no
// translations: the Chinese trees show the English text, which is the same work).
func WriteSite(content string, n int) error {
	langs := []string{"  - {code: en, name: English, locale: en-HK}\n",
		"  - {code: zh-hant, name: 繁體中文, locale: zh-Hant-HK}\n",
		"  - {code: zh-hans, name: 简体中文, locale: zh-Hans-CN}\n"}
	site := strings.Replace(siteYAML, langs[0], strings.Join(langs[:max(1, min(n, 3))], ""), 1)
	return os.WriteFile(filepath.Join(content, "site.yaml"), []byte(site), 0o644)
}

// siteYAML holds the corpus's terms: its cities, themes, sectors, years and awards.
const siteYAML = `title: {en: Benchmark showcase}
description: {en: The synthetic benchmark corpus of shared/bench.}
base_url: https://bench.example.org/
default_language: en
languages:
  - {code: en, name: English, locale: en-HK}
page_size: 24
taxonomies:
  themes:
    - {id: smart-mobility, name: {en: Smart Mobility}}
    - {id: smart-living, name: {en: Smart Living}}
    - {id: smart-environment, name: {en: Smart Environment}}
    - {id: smart-economy, name: {en: Smart Economy}}
  cities:
    - {id: hong-kong, name: {en: Hong Kong}}
    - {id: shanghai, name: {en: Shanghai}}
  sectors:
    - {id: transportation, name: {en: Transportation}}
    - {id: environment, name: {en: Environment}}
    - {id: healthcare, name: {en: Healthcare}}
    - {id: education, name: {en: Education}}
  editions:
    - {id: 2025, name: {en: 2025 Challenge}}
    - {id: 2024, name: {en: 2024 Challenge}}
    - {id: 2023, name: {en: 2023 Challenge}}
  awards:
    - {id: gold-award, name: {en: Gold Award}}
    - {id: silver-award, name: {en: Silver Award}}
    - {id: bronze-award, name: {en: Bronze Award}}
    - {id: merit-award, name: {en: Merit Award}}
    - {id: best-use-of-open-data, name: {en: Best Use of Open Data}}
    - {id: most-cross-border-collaboration, name: {en: Most Cross-border Collaboration}}
menu:
  - {name: {en: Projects}, url: /projects/}
  - {name: {en: Pavilion}, url: /pavilion/}
  - {name: {en: Data}, url: /datasets/}
`

// WriteRows writes a site under content whose one dataset, "generated", has rows generated rows (a date, a
// district, a category and two numbers) and whose one chart, "by-month", buckets the dates by month and sums an
// amount per category: the data-at-scale case of the benchmarks.
func WriteRows(content string, rows int) error {
	ds := filepath.Join(content, "datasets", "generated")
	if err := os.MkdirAll(ds, 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(content, "charts"), 0o755); err != nil {
		return err
	}
	if err := WriteSite(content, 1); err != nil {
		return err
	}
	meta := datasetYAML("generated", "Generated rows", "rows.csv")
	if err := os.WriteFile(filepath.Join(ds, "dataset.yaml"), []byte(meta), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(ds, "rows.csv"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "date,district,category,count,amount")
	districts := []string{"Central and Western", "Wan Chai", "Eastern", "Southern", "Kwun Tong", "Sha Tin"}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		d := start.Add(time.Duration(i%3650) * 24 * time.Hour)
		fmt.Fprintf(w, "%s,%s,c%d,%d,%d.%02d\n", d.Format("2006-01-02"), districts[i%len(districts)], i%7, i%1000,
			i%100000, i%100)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return err
	}
	chart := `title: {en: By month}
dataset: generated
type: line
transform:
  - bucket: {column: date, unit: month}
  - group: {by: [date, category], aggregate: sum, columns: amount}
encode: {x: date, y: amount, series: category}
`
	return os.WriteFile(filepath.Join(content, "charts", "by-month.yaml"), []byte(chart), 0o644)
}
