package schema

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Document is a kind of content document with its JSON Schema file name.
type Document struct {
	Name  string // "project", "pavilion", "page", "site", "dataset", "chart"
	Title string
	Type  reflect.Type
}

// Documents are the content documents, in the order their schemas are listed.
var Documents = []Document{
	{"site", "showcase site.yaml", reflect.TypeFor[Site]()},
	{"project", "showcase project (front matter of content/projects/…/*.md)", reflect.TypeFor[Project]()},
	{"pavilion", "showcase pavilion exhibit (front matter of content/pavilion/…/*.md)", reflect.TypeFor[Pavilion]()},
	{"page", "showcase page (front matter of content/pages/*.md)", reflect.TypeFor[Page]()},
	{"translation", "showcase translation (front matter of content/…/*.<lang>.md)", reflect.TypeFor[Translation]()},
	{"dataset", "showcase dataset (content/datasets/<id>/dataset.yaml)", reflect.TypeFor[Dataset]()},
	{"chart", "showcase chart (content/charts/<id>.yaml)", reflect.TypeFor[Chart]()},
}

// JSONSchema returns the JSON Schema (draft 2020-12) of a document, generated from the struct tags the decoder
// checks, so the two cannot disagree on fields, required fields, types, enums and lengths. With site (may be nil)
// the taxonomy fields list the site's terms and texts its languages, so an editor can complete them.
func JSONSchema(doc Document, site *Site) ([]byte, error) {
	g := generator{site: site}
	s := g.of(doc.Type, reflect.StructField{})
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://showcase.example.org/schemas/" + doc.Name + ".schema.json"
	s["title"] = doc.Title
	b, err := json.MarshalIndent(s, "", "  ")
	return append(b, '\n'), err
}

type generator struct{ site *Site }

type object = map[string]any

func (g generator) of(t reflect.Type, sf reflect.StructField) object {
	s := g.typed(t, sf)
	if d := sf.Tag.Get("doc"); d != "" {
		s["description"] = d
	}
	return s
}

func (g generator) typed(t reflect.Type, sf reflect.StructField) object {
	switch t {
	case textType:
		lang := object{"type": "object", "minProperties": 1, "additionalProperties": object{"type": "string"}}
		if langs := g.languages(); langs != nil {
			props := object{}
			for _, l := range langs {
				props[l] = object{"type": "string"}
			}
			lang["properties"], lang["additionalProperties"] = props, false
		}
		return object{"anyOf": []any{object{"type": "string"}, lang}}
	case dateType:
		return object{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$`}
	case reflect.TypeFor[Slug]():
		return object{"type": "string", "pattern": slugRE.String(), "maxLength": 100}
	case reflect.TypeFor[URL]():
		return object{"type": "string", "pattern": `^https?://[^\s]+$`}
	case reflect.TypeFor[Link]():
		return object{"type": "string", "pattern": `^(https?://[^\s]+|/([^/\s][^\s]*)?)$`}
	case reflect.TypeFor[Names]():
		return object{"anyOf": []any{object{"type": "string"}, object{"type": "array", "items": object{"type": "string"}}}}
	}
	switch t.Kind() {
	case reflect.Struct:
		props, required := object{}, []string{}
		for i := range t.NumField() {
			f := t.Field(i)
			name := f.Tag.Get("yaml")
			props[name] = g.of(f.Type, f)
			if f.Tag.Get("required") == "true" {
				required = append(required, name)
			}
		}
		s := object{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	case reflect.Slice:
		elem := sf
		elem.Tag = reflect.StructTag(strings.ReplaceAll(string(sf.Tag), `required:"true"`, ""))
		item := g.typed(t.Elem(), elem)
		s := object{"type": "array", "items": item}
		if sf.Tag.Get("required") == "true" {
			s["minItems"] = 1
		}
		return s
	case reflect.Int:
		s := object{"type": "integer"}
		if ids := g.terms(sf.Tag.Get("taxonomy")); ids != nil {
			var years []int
			for _, id := range ids {
				y, _ := strconv.Atoi(id)
				years = append(years, y)
			}
			s["enum"] = years
		}
		return s
	case reflect.Bool:
		return object{"type": "boolean"}
	case reflect.String:
		s := object{"type": "string"}
		if m := sf.Tag.Get("max"); m != "" {
			n, _ := strconv.Atoi(m)
			s["maxLength"] = n
		}
		if e := sf.Tag.Get("enum"); e != "" {
			s["enum"] = strings.Split(e, ",")
		}
		if ids := g.terms(sf.Tag.Get("taxonomy")); ids != nil {
			s["enum"] = ids
		}
		if sf.Tag.Get("required") == "true" {
			s["minLength"] = 1
		}
		return s
	}
	panic("schema: no JSON Schema for " + t.String())
}

func (g generator) languages() []string {
	if g.site == nil {
		return nil
	}
	var out []string
	for _, l := range g.site.Languages {
		out = append(out, l.Code)
	}
	return out
}

// terms lists the ids of a taxonomy in site.yaml, or nil.
func (g generator) terms(taxonomy string) []string {
	if g.site == nil || taxonomy == "" {
		return nil
	}
	t := g.site.Taxonomies
	var out []string
	// The validator takes a term's id, or any text that slugifies to it ("Gold Award"): list the ids, then the
	// display names that do, so an editor offers the ids first and accepts the names the site itself uses.
	add := func(ts []Term) {
		for _, x := range ts {
			out = append(out, string(x.ID))
		}
		for _, x := range ts {
			for _, lang := range slices.Sorted(maps.Keys(x.Name)) {
				if n := x.Name[lang]; n != string(x.ID) && Slugify(n) == string(x.ID) && !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	switch taxonomy {
	case "themes":
		add(t.Themes)
	case "cities":
		add(t.Cities)
	case "sectors":
		add(t.Sectors)
	case "awards":
		add(t.Awards)
	case "editions":
		for _, e := range t.Editions {
			out = append(out, strconv.Itoa(e.ID))
		}
	}
	return out
}
