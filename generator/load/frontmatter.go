package load

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Limits on what one content file may hold. They keep hostile input (huge files, YAML bombs) from costing more than
// milliseconds.
const (
	MaxEntryBytes       = 1 << 20  // a whole Markdown entry
	MaxFrontMatterBytes = 64 << 10 // its YAML front matter
	MaxSiteBytes        = 256 << 10
	maxYAMLDepth        = 32
)

// Split separates YAML front matter from a Markdown body. The file must start with a line "---" (after an
// optional UTF-8 byte order mark) and the front matter ends at the next line that is "---" or "...".
// frontLine is the file line on which the YAML starts; bodyLine the line on which the body starts.
func Split(src []byte) (front, body []byte, frontLine, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if loneCR(src) {
		// YAML counts a lone CR as a line break and we count LF: positions would disagree
		return nil, nil, 0, 0, errors.New("the file has carriage returns without line feeds: save it with LF (or CRLF) line endings")
	}
	first, rest, ok := cutLine(src)
	if !ok && len(first) == 0 {
		return nil, nil, 0, 0, errors.New("the file is empty: it must start with front matter between two \"---\" lines")
	}
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, 0, 0, errors.New("the file must start with a line \"---\" that opens the YAML front matter")
	}
	start := len(src) - len(rest)
	line := 2
	for pos := start; ; line++ {
		l, next, more := cutLine(src[pos:])
		t := string(bytes.TrimRight(l, " \t"))
		if t == "---" || t == "..." {
			return src[start:pos], src[len(src)-len(next):], 2, line + 1, nil
		}
		if !more {
			return nil, nil, 0, 0, errors.New("the front matter is not closed: add a line \"---\" after the last field")
		}
		pos = len(src) - len(next)
	}
}

// cutLine returns the first line of b without its line ending, the rest after it, and whether a line ending was
// found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	line = b[:i]
	line = bytes.TrimSuffix(line, []byte("\r"))
	return line, b[i+1:], true
}

// SyntaxError is a YAML document that does not parse.
type SyntaxError struct {
	Line int // in the file; 0 when the parser gave none
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseYAML parses one YAML document into a node tree whose positions are lines of the file (firstLine is the file
// line of the document's first line). It refuses aliases, anchors with merge keys and deep nesting, so nothing
// downstream can be made to expand a bomb; it does not decode into Go values (yaml.v3's decoder is quadratic in
// repeated keys). An empty document gives a nil node. The usual shape of front matter is parsed by parseSimple,
// into the tree yaml.v3 would make less its comments; anything else by yaml.v3.
func ParseYAML(src []byte, firstLine int) (*yaml.Node, error) {
	return parseYAML(src, firstLine, nil)
}

// parseYAML is ParseYAML, with the nodes of a document parseSimple takes in s when s is not nil.
func parseYAML(src []byte, firstLine int, s *Scratch) (*yaml.Node, error) {
	if root, ok := parseSimple(src, s); ok {
		if err := checkTree(root, firstLine-1, 0); err != nil {
			return nil, err
		}
		return root, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlSyntaxError(err, firstLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if err := checkTree(root, firstLine-1, 0); err != nil {
		return nil, err
	}
	return root, nil
}

func yamlSyntaxError(err error, firstLine int) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &SyntaxError{Line: n + firstLine - 1, Msg: "invalid YAML: " + m[2]}
	}
	return &SyntaxError{Line: firstLine, Msg: "invalid YAML: " + trimYAMLPrefix(msg)}
}

func trimYAMLPrefix(s string) string {
	if len(s) > 6 && s[:6] == "yaml: " {
		return s[6:]
	}
	return s
}

// checkTree shifts every node's line by offset and rejects aliases and excessive depth.
func checkTree(n *yaml.Node, offset, depth int) error {
	n.Line += offset
	if depth > maxYAMLDepth {
		return &SyntaxError{Line: n.Line, Msg: fmt.Sprintf("YAML nested more than %d levels deep", maxYAMLDepth)}
	}
	if n.Kind == yaml.AliasNode {
		return &SyntaxError{Line: n.Line, Msg: "YAML aliases (*name) are not supported: write the value out"}
	}
	for _, c := range n.Content {
		if err := checkTree(c, offset, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// loneCR reports whether b has a CR not followed by LF.
func loneCR(b []byte) bool {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 >= len(b) || b[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
