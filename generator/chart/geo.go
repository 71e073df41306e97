package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
)

// mapping is the boundaries of a map chart: the features' names and how data labels find them.
type mapping struct {
	name     string         // the map's registered name: the geo dataset's id
	features []string       // canonical names, in file order, each once
	index    map[string]int // normalised spelling → feature
	display  map[string]string
	geojson  []byte
}

// defaultKeys are the feature properties tried, in order, when map.key is not given.
var defaultKeys = []string{"name", "District", "地區"}

// mapping checks a map chart's boundaries and aliases and builds the cleaned GeoJSON.
func (c *checker) mapping(geo *Geo) *mapping {
	ms := c.spec.Chart.Map
	if geo == nil {
		c.errorf("map.geo", "add map: {geo: <id of a GeoJSON dataset>}", "a map chart needs boundaries")
		return nil
	}
	names := make([]string, len(geo.Columns))
	for i, cl := range geo.Columns {
		names[i] = cl.Name
	}
	key := ms.Key
	if key == "" {
		key = defaultKey(geo.Columns)
	} else if !contains(names, key) {
		hint := "the properties are: " + nameList(names)
		if s := suggestOf(key, names); s != "" {
			hint = s + " " + hint
		}
		c.errorf("map.key", hint, "the boundaries have no property %q", key)
		return nil
	}
	if key == "" {
		c.errorf("map.geo", "name a GeoJSON dataset whose features have a name property", "the boundaries have no properties")
		return nil
	}
	m := &mapping{name: string(ms.Geo), index: map[string]int{}, display: map[string]string{}}
	if m.name == "" {
		m.name = "geo"
	}
	var out bytes.Buffer
	out.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range geo.Features {
		name := f.Props[key]
		if name == "" {
			c.warnf("map.key", "", "feature %d of the boundaries has no %q; it is left out", i+1, key)
			continue
		}
		if contains(m.features, name) {
			c.warnf("map.key", "choose a property that names each district once", "two features are named %q; the second is left out", name)
			continue
		}
		geom, err := cleanGeometry(f.Geometry)
		if err != nil {
			c.warnf("map.geo", "", "feature %q has no usable geometry (%v); it is left out", name, err)
			continue
		}
		if len(m.features) > 0 {
			out.WriteByte(',')
		}
		props, _ := json.Marshal(map[string]string{"name": defuse(name)}) // as the option names it
		fmt.Fprintf(&out, `{"type":"Feature","properties":%s,"geometry":%s}`, props, geom)
		id := len(m.features)
		m.features = append(m.features, name)
		m.add(name, id, name)
		if d, ok := districtIndex[normName(name)]; ok {
			for _, alias := range districts[d] {
				m.add(alias, id, districts[d][0])
			}
		}
	}
	out.WriteString("]}")
	m.geojson = out.Bytes()
	for j, a := range ms.Aliases {
		id, ok := m.index[normName(a.To)]
		if !ok {
			c.errorf(fmt.Sprintf("map.aliases[%d].to", j), m.suggest(a.To), "no district of the boundaries is named %q", a.To)
			continue
		}
		m.index[normName(a.From)] = id
	}
	return m
}

// add makes spelling find feature id, unless another feature has it already.
func (m *mapping) add(spelling string, id int, display string) {
	k := normName(spelling)
	if k == "" {
		return
	}
	if _, taken := m.index[k]; !taken {
		m.index[k] = id
		m.display[k] = display
	}
}

// find returns the feature a data label names, or -1.
func (m *mapping) find(label string) int {
	if id, ok := m.index[normName(label)]; ok {
		return id
	}
	return -1
}

// suggest is a did-you-mean hint for a label that names no feature, else the list of the features' names.
func (m *mapping) suggest(label string) string {
	var keys []string
	for _, f := range m.features {
		keys = append(keys, normName(f))
	}
	for _, d := range districts {
		if k := normName(d[0]); m.display[k] != "" {
			keys = append(keys, k)
		}
	}
	if k := diag.Closest(normName(label), keys); k != "" {
		return fmt.Sprintf("did you mean %q?", m.display[k])
	}
	return "the districts are: " + nameList(m.features)
}

// defaultKey is name, District or 地區 when a feature property has that name, else the first text property.
func defaultKey(cols []dataset.Column) string {
	for _, k := range defaultKeys {
		for _, c := range cols {
			if c.Name == k {
				return k
			}
		}
	}
	for _, c := range cols {
		if c.Type == dataset.Text {
			return c.Name
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cleanGeometry keeps a geometry's type and coordinates (or geometries), with every coordinate rounded to 5
// decimals (about 1 m) and repeated positions dropped.
func cleanGeometry(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var g map[string]any
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	out, err := cleanGeom(g, 0)
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

func cleanGeom(g map[string]any, depth int) (map[string]any, error) {
	t, _ := g["type"].(string)
	if t == "GeometryCollection" {
		list, _ := g["geometries"].([]any)
		if depth > 4 || len(list) == 0 {
			return nil, fmt.Errorf("empty geometry collection")
		}
		var geoms []any
		for _, x := range list {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("a geometry is not an object")
			}
			c, err := cleanGeom(m, depth+1)
			if err != nil {
				return nil, err
			}
			geoms = append(geoms, c)
		}
		return map[string]any{"type": t, "geometries": geoms}, nil
	}
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
	default:
		return nil, fmt.Errorf("type %q", t)
	}
	coords, err := roundCoords(g["coordinates"], 0)
	if err != nil {
		return nil, err
	}
	return map[string]any{"type": t, "coordinates": coords}, nil
}

// roundCoords rounds the numbers of a coordinates array and drops consecutive repeated positions of its lists.
func roundCoords(v any, depth int) (any, error) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("coordinate %q", string(x))
		}
		return json.Number(strconv.FormatFloat(math.Round(f*1e5)/1e5, 'f', -1, 64)), nil
	case []any:
		if depth > 6 {
			return nil, fmt.Errorf("coordinates nested too deeply")
		}
		out := make([]any, 0, len(x))
		for _, e := range x {
			r, err := roundCoords(e, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return dedupe(out), nil
	}
	return nil, fmt.Errorf("coordinates are not numbers")
}

// dedupe drops a position equal to the one before it from a list of positions. A closed ring stays closed and
// keeps at least four positions.
func dedupe(list []any) []any {
	if len(list) < 2 {
		return list
	}
	if p0, ok := list[0].([]any); !ok || len(p0) == 0 {
		return list
	} else if _, ok := p0[0].(json.Number); !ok {
		return list // a list of lists of positions
	}
	out := []any{list[0]}
	for _, p := range list[1:] {
		if !samePos(p, out[len(out)-1]) {
			out = append(out, p)
		}
	}
	closed := samePos(list[0], list[len(list)-1])
	if closed && !samePos(out[0], out[len(out)-1]) {
		out = append(out, list[0])
	}
	if closed && len(out) < 4 {
		return list
	}
	return out
}

func samePos(a, b any) bool {
	pa, ok1 := a.([]any)
	pb, ok2 := b.([]any)
	if !ok1 || !ok2 || len(pa) != len(pb) {
		return false
	}
	for i := range pa {
		if pa[i] != pb[i] {
			return false
		}
	}
	return true
}
