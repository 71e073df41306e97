// Package godebug stands in, for the copy of html/template (see ../doc.go), for the toolchain's internal/godebug,
// which a package outside the standard library cannot import: a setting's value is read from the GODEBUG
// environment variable ("name=value,…", the last one named winning) each time it is asked for, and is "" (the
// default) when GODEBUG does not name it. Unlike the toolchain's, it does not take defaults from go.mod.
package godebug

import (
	"os"
	"strings"
)

// Setting is one GODEBUG setting.
type Setting struct{ name string }

// New returns the setting of that name.
func New(name string) *Setting { return &Setting{name: name} }

// Name is the setting's name.
func (s *Setting) Name() string { return s.name }

// Value is the setting's value in GODEBUG, or "".
func (s *Setting) Value() string {
	v := ""
	for kv := range strings.SplitSeq(os.Getenv("GODEBUG"), ",") {
		if k, val, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == s.name {
			v = val
		}
	}
	return v
}

// IncNonDefault would count a use of a non-default value: nothing counts them here.
func (s *Setting) IncNonDefault() {}
