package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
)

// maxDepth bounds the nesting of JSON skipped on the way to the records (encoding/json bounds the rest).
const maxDepth = 10000

// jsonSource reads the records of a JSON file (an array of objects, or an array at a dotted path in a response)
// or the features of a GeoJSON FeatureCollection, one at a time. Nested objects become dotted columns
// ("parent.adcode"); arrays are kept as JSON text. Columns appear in the order their keys are first seen.
type jsonSource struct {
	lc      *lineCounter
	dec     *json.Decoder
	geo     bool
	limit   int64
	names   []string
	index   map[string]int
	fields  []string
	feature *Feature // the last row's feature, GeoJSON only
	props   map[string]string
}

// newJSONSource finds the records: the top-level array, the array at records (a dotted path), or the features of
// a FeatureCollection (always for geojson; for json when the top level is an object with "features" and records is
// not set).
func newJSONSource(text io.Reader, geojson bool, records string) (*jsonSource, error) {
	s := &jsonSource{lc: &lineCounter{r: text}, index: map[string]int{}}
	s.dec = json.NewDecoder(s.lc)
	s.dec.UseNumber()
	s.limit = maxRecord
	tok, err := s.token()
	if err != nil {
		return nil, s.syntax(err)
	}
	switch {
	case tok == json.Delim('[') && geojson:
		return nil, &dataError{line: 1, msg: `a GeoJSON file is an object with "type": "FeatureCollection", not a list`}
	case tok == json.Delim('[') && records != "":
		return nil, &dataError{field: "records", msg: "the file is a list of records: records: is not needed",
			hint: "remove records:"}
	case tok == json.Delim('['):
		return s, nil
	case tok != json.Delim('{'):
		return nil, &dataError{line: 1, msg: "expected a list of records, or an object holding one"}
	case records != "" && !geojson:
		return s, s.descend(records)
	}
	// An object: a FeatureCollection, or a response whose records need records:.
	var arrays []string
	for s.dec.More() {
		key, err := s.key()
		if err != nil {
			return nil, err
		}
		if key == "features" {
			if tok, err := s.token(); err != nil {
				return nil, s.syntax(err)
			} else if tok != json.Delim('[') {
				return nil, &dataError{line: s.line(), msg: `"features" is not a list`}
			}
			s.geo, s.limit = true, maxFeature
			return s, nil
		}
		if err := s.skip(key, 1, &arrays); err != nil {
			return nil, err
		}
	}
	if geojson {
		return nil, &dataError{line: 1, msg: `no "features": a GeoJSON file is a FeatureCollection`}
	}
	hint := "add records: with the dotted path to the list, e.g. records: result.records"
	if len(arrays) > 0 {
		hint = "add records: " + arrays[0] + " (the lists in the file: " + strings.Join(arrays, ", ") + ")"
	}
	return nil, &dataError{line: 1, msg: "the file is an object, not a list of records", hint: hint}
}

// descend walks the dotted path to the records' array.
func (s *jsonSource) descend(path string) error {
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		var keys []string
		found := false
		for s.dec.More() {
			key, err := s.key()
			if err != nil {
				return err
			}
			if key == seg {
				found = true
				break
			}
			if len(keys) < 100 {
				keys = append(keys, key)
			}
			if err := s.skip("", 9, nil); err != nil {
				return err
			}
		}
		at := strings.Join(segs[:i], ".")
		if at == "" {
			at = "the top level"
		}
		if !found {
			return &dataError{field: "records", msg: fmt.Sprintf("no %q in %s of the file (keys: %s)", seg, at,
				strings.Join(keys, ", ")), hint: diag.Suggest(seg, keys)}
		}
		tok, err := s.token()
		if err != nil {
			return s.syntax(err)
		}
		want := json.Delim('{')
		if i == len(segs)-1 {
			want = json.Delim('[')
		}
		if tok != want {
			kind := "an object"
			if want == json.Delim('[') {
				kind = "a list"
			}
			return &dataError{field: "records", msg: fmt.Sprintf("%q in the file is not %s",
				strings.Join(segs[:i+1], "."), kind)}
		}
	}
	return nil
}

func (s *jsonSource) token() (json.Token, error) {
	s.lc.window(s.dec.InputOffset(), s.limit)
	s.lc.lineAt(s.dec.InputOffset()) // let the line counter forget newlines already passed
	return s.dec.Token()
}

func (s *jsonSource) key() (string, error) {
	tok, err := s.token()
	if err != nil {
		return "", s.syntax(err)
	}
	k, _ := tok.(string)
	return k, nil
}

// skip reads past one value. Lists met at depth up to 3 are noted in arrays, by dotted path, as candidates for
// records:.
func (s *jsonSource) skip(path string, depth int, arrays *[]string) error {
	tok, err := s.token()
	if err != nil {
		return s.syntax(err)
	}
	switch tok {
	case json.Delim('{'):
		if depth >= 3 || arrays == nil {
			return s.skipNested(1)
		}
		for s.dec.More() {
			key, err := s.key()
			if err != nil {
				return err
			}
			if err := s.skip(path+"."+key, depth+1, arrays); err != nil {
				return err
			}
		}
		_, err = s.token()
		return s.syntax(err)
	case json.Delim('['):
		if arrays != nil && len(*arrays) < 5 {
			*arrays = append(*arrays, path)
		}
		return s.skipNested(1)
	}
	return nil
}

// skipNested reads until depth closing delimiters have been read.
func (s *jsonSource) skipNested(depth int) error {
	for depth > 0 {
		if depth > maxDepth {
			return &dataError{line: s.line(), msg: fmt.Sprintf("JSON nested deeper than %d levels", maxDepth)}
		}
		tok, err := s.token()
		if err != nil {
			return s.syntax(err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func (s *jsonSource) header() []string  { return s.names }
func (s *jsonSource) headerLine() int   { return 1 }
func (s *jsonSource) strictCount() bool { return false }
func (s *jsonSource) close()            {}
func (s *jsonSource) line() int         { return s.lc.lineAt(s.dec.InputOffset()) }
func (s *jsonSource) fieldPos(int) (int, int) {
	return 0, 0
}

func (s *jsonSource) next() (fields []string, line int, problem string, err error) {
	s.feature = nil
	if !s.dec.More() {
		return nil, 0, "", io.EOF
	}
	s.lc.window(s.dec.InputOffset(), s.limit)
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return nil, 0, "", s.syntax(err)
	}
	line = s.lc.lineAt(s.dec.InputOffset() - int64(len(raw)))
	s.fields = s.fields[:0]
	for range s.names {
		s.fields = append(s.fields, "")
	}
	s.props = nil
	obj := []byte(raw)
	if s.geo {
		var f struct {
			Type       string
			Properties json.RawMessage
			Geometry   json.RawMessage
		}
		if raw[0] != '{' || json.Unmarshal(raw, &f) != nil || f.Type != "Feature" {
			return s.fields, line, "not a GeoJSON Feature", nil
		}
		s.feature = &Feature{Props: map[string]string{}, Geometry: f.Geometry}
		s.props = s.feature.Props
		obj = f.Properties
		if len(obj) == 0 || obj[0] == 'n' {
			return s.fields, line, "", nil
		}
	}
	if obj[0] != '{' {
		return s.fields, line, fmt.Sprintf("the record is %s, not an object", describeJSON(obj[0])), nil
	}
	if err := s.flatten(obj, "", 0); err != nil {
		return nil, line, "", err
	}
	return s.fields, line, "", nil
}

// flatten sets the row's fields from an object's members.
func (s *jsonSource) flatten(obj []byte, prefix string, depth int) error {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		if prefix != "" {
			key = prefix + "." + key
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		var text string
		switch v[0] {
		case '{':
			if depth < 8 {
				if err := s.flatten(v, key, depth+1); err != nil {
					return err
				}
				continue
			}
			text = compactJSON(v)
		case '[':
			text = compactJSON(v)
		case '"':
			json.Unmarshal(v, &text)
		case 'n':
		default:
			text = string(v) // a number as written, true or false
		}
		if err := s.set(key, text); err != nil {
			return err
		}
	}
	return nil
}

func (s *jsonSource) set(key, text string) error {
	i, ok := s.index[key]
	if !ok {
		if len(s.names) >= maxColumns {
			return &dataError{line: s.line(), msg: fmt.Sprintf("more than %d columns", maxColumns)}
		}
		i = len(s.names)
		s.index[key] = i
		s.names = append(s.names, key)
		s.fields = append(s.fields, "")
	}
	s.fields[i] = text
	if s.props != nil {
		s.props[key] = text
	}
	return nil
}

func compactJSON(v []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return string(v)
	}
	return b.String()
}

func describeJSON(c byte) string {
	switch c {
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "true/false"
	}
	return "a number"
}

// syntax turns a decoding error into a dataError at its line; nil stays nil.
func (s *jsonSource) syntax(err error) error {
	if err == nil {
		return nil
	}
	var le *limitError
	if errors.As(err, &le) {
		return &dataError{line: s.lc.lineAt(s.dec.InputOffset()), msg: le.msg}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &dataError{line: s.lc.lineAt(se.Offset), msg: "invalid JSON: " + se.Error()}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &dataError{line: s.lc.lineAt(s.lc.read), msg: "invalid JSON: the file ends too early"}
	}
	var de *dataError
	if errors.As(err, &de) {
		return err
	}
	return err
}
