package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/hkshopendata/showcase/generator/diag"
	"gopkg.in/yaml.v3"
)

// Terms resolves taxonomy values for the decoder.
type Terms interface {
	// Term returns the id of the term of taxonomy that value names; when none does, ok is false and hint suggests
	// a valid value.
	Term(taxonomy, value string) (id string, ok bool, hint string)
	// Languages returns the language codes a Text may use; nil means any.
	Languages() []string
}

// Positions maps a field path ("title", "team[1].name", "datasets[0]") to the position of its value. The empty
// path maps to the document itself.
type Positions map[string]diag.Pos

// Decode decodes the node n into v (a pointer to one of this package's document types), reporting every problem
// to diags with positions in file. at is the position to report when n is nil (an empty document). terms may be
// nil when no field refers to a taxonomy.
func Decode(n *yaml.Node, v any, file string, at diag.Pos, terms Terms, diags *diag.List) Positions {
	d := &decoder{file: file, terms: terms, diags: diags, pos: make(Positions, values(n))}
	d.pos[""] = at
	rv := reflect.ValueOf(v).Elem()
	if n == nil {
		d.missing(rv.Type(), "", at)
		return d.pos
	}
	d.pos[""] = d.at(n)
	d.value(n, rv, "", reflect.StructField{})
	return d.pos
}

// values counts the value nodes of the tree n (1 for nil): about the positions Decode records, so that its map
// is made to size, not grown through each size up to it.
func values(n *yaml.Node) int {
	if n == nil {
		return 1
	}
	c := 1
	switch n.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			c += values(n.Content[i])
		}
	case yaml.SequenceNode:
		for _, x := range n.Content {
			c += values(x)
		}
	}
	return c
}

type decoder struct {
	file  string
	terms Terms
	diags *diag.List
	pos   Positions
}

func (d *decoder) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, field, hint, format string, args ...any) {
	d.diags.Errorf(d.at(n), field, hint, format, args...)
}

var (
	textType = reflect.TypeFor[Text]()
	dateType = reflect.TypeFor[Date]()
)

// value decodes n into v; sf is the struct field v belongs to (for its tags), zero for list elements.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string, sf reflect.StructField) {
	d.pos[path] = d.at(n)
	switch v.Type() {
	case textType:
		d.text(n, v, path)
		return
	case dateType:
		d.date(n, v, path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.mapping(n, v, path)
	case reflect.Slice:
		d.list(n, v, path, sf)
	case reflect.String:
		d.str(n, v, path, sf)
	case reflect.Int:
		d.integer(n, v, path, sf)
	case reflect.Bool:
		d.boolean(n, v, path)
	default:
		panic(fmt.Sprintf("schema: unsupported field type %s", v.Type()))
	}
}

// fields is what mapping needs of a struct type: its yaml keys in declaration order, and which are required.
// Worked out once per type (fieldsOf).
type fields struct {
	names    []string
	required []bool
}

var fieldsByType sync.Map // reflect.Type → *fields

func fieldsOf(t reflect.Type) *fields {
	if f, ok := fieldsByType.Load(t); ok {
		return f.(*fields)
	}
	f := &fields{names: make([]string, t.NumField()), required: make([]bool, t.NumField())}
	for i := range f.names {
		sf := t.Field(i)
		f.names[i], f.required[i] = sf.Tag.Get("yaml"), sf.Tag.Get("required") == "true"
	}
	fieldsByType.Store(t, f)
	return f
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "must be a mapping of fields (name: value), not %s", describe(n))
		return
	}
	t := v.Type()
	fs := fieldsOf(t)
	names := fs.names
	var buf [24]*yaml.Node // the key given for each field, by index: on the stack for most types
	seen := buf[:]
	if len(names) > len(buf) {
		seen = make([]*yaml.Node, len(names))
	}
	seen = seen[:len(names)]
	var unknown map[string]*yaml.Node // keys that are not fields: made for the first
	var misspelt map[string]bool      // fields an unknown key probably meant: not reported missing as well
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		idx := slices.Index(names, key)
		first := unknown[key]
		if idx >= 0 {
			first = seen[idx]
		}
		sub := join(path, key)
		if first != nil {
			d.errorf(k, sub, "remove one of them", "field given twice (first on line %d)", first.Line)
			continue
		}
		if idx >= 0 {
			seen[idx] = k
		} else {
			if unknown == nil {
				unknown = map[string]*yaml.Node{}
			}
			unknown[key] = k
		}
		if idx < 0 || k.Kind != yaml.ScalarNode {
			guess := diag.Closest(key, names)
			if misspelt == nil {
				misspelt = map[string]bool{}
			}
			misspelt[guess] = guess != ""
			hint := "known fields: " + strings.Join(names, ", ")
			if guess != "" {
				hint = fmt.Sprintf("did you mean %q?", guess)
			}
			d.errorf(k, sub, hint, "unknown field")
			continue
		}
		if val.Tag == "!!null" {
			continue // "field:" with no value counts as absent
		}
		d.value(val, v.Field(idx), sub, t.Field(idx))
	}
	for i, name := range names {
		if !fs.required[i] {
			continue
		}
		if k := seen[i]; (k == nil && !misspelt[name]) || k != nil && isNull(n, k) {
			d.errorf(n, join(path, name), "", "missing required field")
		}
	}
}

// missing reports every required field of t as missing, at pos (for an empty document).
func (d *decoder) missing(t reflect.Type, path string, pos diag.Pos) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Tag.Get("required") == "true" {
			d.diags.Errorf(pos, join(path, sf.Tag.Get("yaml")), "", "missing required field")
		}
	}
}

func isNull(m, key *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == key {
			return m.Content[i+1].Tag == "!!null"
		}
	}
	return false
}

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string, sf reflect.StructField) {
	if n.Kind == yaml.ScalarNode && v.Type() == reflect.TypeFor[Names]() {
		n = &yaml.Node{Kind: yaml.SequenceNode, Line: n.Line, Column: n.Column, Content: []*yaml.Node{n}}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "write a list, e.g. "+sf.Tag.Get("yaml")+": [a, b], or one \"- item\" per line",
			"must be a list, not %s", describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	elem := reflect.New(v.Type().Elem()).Elem()
	for i, c := range n.Content {
		elem.SetZero()
		if c.Tag == "!!null" {
			d.errorf(c, fmt.Sprintf("%s[%d]", path, i), "remove the empty item", "empty list item")
			continue
		}
		// list elements inherit the field's checks (taxonomy, max) but are never "required"
		esf := sf
		esf.Tag = reflect.StructTag(strings.ReplaceAll(string(sf.Tag), `required:"true"`, ""))
		d.value(c, elem, fmt.Sprintf("%s[%d]", path, i), esf)
		out = reflect.Append(out, elem)
	}
	if out.Len() == 0 && sf.Tag.Get("required") == "true" {
		d.errorf(n, path, "", "needs at least one item")
	}
	v.Set(out)
}
