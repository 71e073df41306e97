// Package diag is the diagnostic value every stage of the pipeline reports through: a problem in the content with
// its position (file, line, column), the field it concerns, a message and a hint.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported but fails the build only with --strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a content file. Line and Col count from 1; 0 means unknown.
type Pos struct {
	File string // slash-separated, relative to the content root's parent (e.g. "content/projects/a.md")
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem in the content.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Field    string // dotted path of the front-matter field ("team[1].name"), or "" for the file or body
	Msg      string // what is wrong, lower case, no trailing period
	Hint     string // what would be right ("did you mean \"title\"?"), or ""
}

// String formats the diagnostic as "path:line:col: field: message (hint)", with "warning: " before the field for
// warnings.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// List collects diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Add appends diagnostics.
func (l *List) Add(d ...Diagnostic) { l.items = append(l.items, d...) }

// Errorf adds an error at pos for field.
func (l *List) Errorf(pos Pos, field, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf adds a warning at pos for field.
func (l *List) Warnf(pos Pos, field, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other List) { l.items = append(l.items, other.items...) }

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Count returns the number of diagnostics of severity s.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error (or, with strict, any diagnostic at all).
func (l *List) HasErrors(strict bool) bool {
	if strict {
		return len(l.items) > 0
	}
	return l.Count(Error) > 0
}

// Sorted returns the diagnostics ordered by file, line, column, then message, without duplicates.
func (l *List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(out)
}

// Errors is the error a failed build returns: it carries the sorted diagnostics.
type Errors struct {
	Diagnostics []Diagnostic
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
