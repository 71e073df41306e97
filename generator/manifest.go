package generator

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

// encode is json.Marshal(m), byte for byte, in a tenth of the time (at 16,000 files, 40 ms on one core at the end
// of every build): the files are written in the order of their paths, as encoding/json sorts a map's keys, and
// a path is escaped by encoding/json itself unless every byte of it is printable ASCII that JSON and encoding/json's
// HTML escaping leave alone.
func (m manifest) encode() []byte {
	b := make([]byte, 0, 64+len(m.Files)*96)
	b = append(b, `{"Version":`...)
	b = strconv.AppendInt(b, int64(m.Version), 10)
	b = append(b, `,"Key":`...)
	b = appendJSONString(b, m.Key)
	b = append(b, `,"Files":`...)
	if m.Files == nil {
		return append(b, "null}"...)
	}
	b = append(b, '{')
	for i, rel := range slices.Sorted(maps.Keys(m.Files)) {
		if i > 0 {
			b = append(b, ',')
		}
		r := m.Files[rel]
		b = appendJSONString(b, rel)
		b = append(b, ':', '{')
		if r.Fingerprint != 0 {
			b = append(b, `"Fingerprint":`...)
			b = strconv.AppendUint(b, r.Fingerprint, 10)
			b = append(b, ',')
		}
		b = append(b, `"Size":`...)
		b = strconv.AppendInt(b, r.Size, 10)
		b = append(b, `,"ModTime":`...)
		b = strconv.AppendInt(b, r.ModTime, 10)
		if r.Inode != 0 {
			b = append(b, `,"Inode":`...)
			b = strconv.AppendUint(b, r.Inode, 10)
		}
		b = append(b, '}')
	}
	return append(b, "}}"...)
}

// appendJSONString appends s as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
