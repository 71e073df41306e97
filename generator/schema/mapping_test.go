package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/load"
	"github.com/hkshopendata/showcase/generator/schema"
)

// wide has more fields than the mapping decoder keeps on its stack.
type wide struct {
	F00  string `yaml:"f00"`
	F01  string `yaml:"f01"`
	F02  string `yaml:"f02"`
	F03  string `yaml:"f03"`
	F04  string `yaml:"f04"`
	F05  string `yaml:"f05"`
	F06  string `yaml:"f06"`
	F07  string `yaml:"f07"`
	F08  string `yaml:"f08"`
	F09  string `yaml:"f09"`
	F10  string `yaml:"f10"`
	F11  string `yaml:"f11"`
	F12  string `yaml:"f12"`
	F13  string `yaml:"f13"`
	F14  string `yaml:"f14"`
	F15  string `yaml:"f15"`
	F16  string `yaml:"f16"`
	F17  string `yaml:"f17"`
	F18  string `yaml:"f18"`
	F19  string `yaml:"f19"`
	F20  string `yaml:"f20"`
	F21  string `yaml:"f21"`
	F22  string `yaml:"f22"`
	F23  string `yaml:"f23"`
	F24  string `yaml:"f24"`
	F25  string `yaml:"f25"`
	Last string `yaml:"last" required:"true"`
	Name string `yaml:"name" required:"true"`
}

// narrow has few fields.
type narrow struct {
	Path string `yaml:"path" required:"true"`
	Kind string `yaml:"kind"`
}

// TestMapping checks the problems of a mapping's keys: unknown, misspelt (a required field a key probably meant
// is not reported missing as well), given twice (known or not), and missing, in a type with many fields too.
func TestMapping(t *testing.T) {
	for _, c := range []struct {
		src  string
		v    any
		want []string
	}{
		{"path: a.csv\npath: b.csv\n", &narrow{}, []string{`2:1: path: field given twice (first on line 1) (remove one of them)`}},
		{"path: a.csv\ncolour: red\ncolour: blue\n", &narrow{},
			[]string{`2:1: colour: unknown field (known fields: path, kind)`,
				`3:1: colour: field given twice (first on line 2) (remove one of them)`}},
		{"last: x\nnmae: y\n", &wide{}, []string{`2:1: nmae: unknown field (did you mean "name"?)`}},
		{"last: x\n", &wide{}, []string{`1:1: name: missing required field`}},
		{"name: y\nlast:\n", &wide{}, []string{`1:1: last: missing required field`}},
	} {
		n, err := load.ParseYAML([]byte(c.src), 1)
		if err != nil {
			t.Fatal(err)
		}
		var diags diag.List
		schema.Decode(n, c.v, "f.yaml", diag.Pos{File: "f.yaml", Line: 1, Col: 1}, nil, &diags)
		var got []string
		for _, d := range diags.Sorted() {
			got = append(got, strings.TrimPrefix(d.String(), "f.yaml:"))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}
