// Package scaffold writes the skeleton of a new entry, dataset or chart. An entry's front matter is generated from
// its type in generator/schema: every field in order, each commented with its doc tag, so the skeleton and the
// validator cannot drift apart. The dataset and chart skeletons are templates with a yaml-language-server modeline
// pointing at docs/schemas; tests check all four against the validator.
package scaffold

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator/schema"
)

// Kinds are what `showcase new` can create.
var Kinds = []string{"project", "pavilion", "dataset", "chart"}

// Options are the values a skeleton starts with.
type Options struct {
	Kind    string
	Slug    string
	City    string // a city id of site.yaml ("" = the first)
	Theme   string // a theme id ("" = the first)
	Sector  string // a sector id, for pavilion exhibits ("" = the first)
	Year    int    // an edition (0 = the latest)
	Dataset string // for a chart: the dataset it draws
	Today   time.Time
}

// Path is where the skeleton of kind with slug goes, relative to the content folder.
func Path(kind, slug string) string {
	switch kind {
	case "project":
		return "projects/" + slug + "/index.md"
	case "pavilion":
		return "pavilion/" + slug + "/index.md"
	case "dataset":
		return "datasets/" + slug + "/dataset.yaml"
	}
	return "charts/" + slug + ".yaml"
}

// Skeleton returns the file for o. The values given are checked against site: an unknown city, theme, sector
// or year is an error with a suggestion.
func Skeleton(site *schema.Site, o Options) ([]byte, error) {
	if !schema.ValidSlug(o.Slug) {
		hint := ""
		if s := schema.Slugify(o.Slug); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		return nil, fmt.Errorf("%q is not a valid slug: use lower-case letters, digits and hyphens%s", o.Slug, hint)
	}
	var err error
	pick := func(taxonomy, given string, terms []schema.Term) string {
		if len(terms) == 0 || err != nil {
			return given
		}
		if given == "" {
			return string(terms[0].ID)
		}
		var ids []string
		for _, t := range terms {
			ids = append(ids, string(t.ID))
			if string(t.ID) == given {
				return given
			}
		}
		err = fmt.Errorf("%q is not one of the %s in site.yaml (one of: %s)", given, taxonomy, strings.Join(ids, ", "))
		return given
	}
	tx := site.Taxonomies
	v := values{
		"title": quote(titleOf(o.Slug)), "date": o.Today.Format("2006-01-02"),
		"city": pick("cities", o.City, tx.Cities), "theme": pick("themes", o.Theme, tx.Themes),
		"sector": pick("sectors", o.Sector, tx.Sectors), "year": strconv.Itoa(year(tx.Editions, o.Year, &err)),
		"summary":   quote("One or two sentences: what it does, for whom, with which open data."),
		"exhibitor": quote("Your organisation"), "booth": quote("A-01"),
		"retrieved": o.Today.Format("2006-01-02"), "dataset": cmpOr(o.Dataset, "your-dataset-id"),
	}
	if err != nil {
		return nil, err
	}
	switch o.Kind {
	case "project":
		return frontMatter(reflect.TypeFor[schema.Project](), v, projectBody), nil
	case "pavilion":
		return frontMatter(reflect.TypeFor[schema.Pavilion](), v, pavilionBody), nil
	case "dataset":
		return []byte(modeline("../../../docs/schemas/dataset.schema.json") + datasetYAML(v)), nil
	case "chart":
		return []byte(modeline("../../docs/schemas/chart.schema.json") + chartYAML(v)), nil
	}
	return nil, fmt.Errorf("cannot create a %q: say one of %s", o.Kind, strings.Join(Kinds, ", "))
}

type values map[string]string

func year(eds []schema.Edition, want int, err *error) int {
	latest := 0
	for _, e := range eds {
		if e.ID == want {
			return want
		}
		latest = max(latest, e.ID)
	}
	if want != 0 && *err == nil {
		var ids []string
		for _, e := range eds {
			ids = append(ids, strconv.Itoa(e.ID))
		}
		*err = fmt.Errorf("%d is not one of the editions in site.yaml (one of: %s)", want, strings.Join(ids, ", "))
	}
	return latest
}

func titleOf(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func quote(s string) string { return strconv.Quote(s) }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func modeline(schemaPath string) string {
	return "# yaml-language-server: $schema=" + schemaPath + "\n"
}
