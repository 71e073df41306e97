// Package template holds copies of Go's text/template and html/template (texttemplate, htmltemplate, with
// internal/fmtsort which text/template uses), made by gen.go from the sources of the Go toolchain that builds
// showcase, with these changes:
//
//   - text/template calls a function of a common type directly instead of through reflect.Value.Call: func(...any)
//     string — every action of an html/template runs through such a function (its escapers), and the call through
//     reflect was the largest cost of executing a layout (go.dev/issue/81610 proposes this change to Go) — a few
//     types of string, date and number helpers, and the types a package registers with texttemplate.Direct (the
//     theme's cards, partials and texts: theme/direct.go) (added/fast.go.txt's callDirect).
//   - a value of type string goes to html/template's escapers of text, attributes and URLs through their versions
//     for a string (added/stringescapers.go.txt), not as a []any: most of what a layout prints is a string, and
//     each call saved the slice, the string as an any and the reflection around the call.
//   - text/template keeps the arguments of the calls it evaluates on a stack it reuses (pushArgs), not in a new
//     slice per call.
//   - text/template looks a function up in a copy of its functions that is replaced, not changed, when Funcs
//     adds some (execFuncsNow), without taking a lock: on every call, the lock's atomic operations on memory that
//     all cores share cost more than the lookup.
//   - text/template looks a struct's field up by name once per type (fieldByName), not on every evaluation of
//     .Field: reflect searches the fields by name each time; and it prints a string as it is, not through
//     fmt.Fprint.
//   - html/template's types of trusted content (HTML, JS, URL…) are aliases of the standard library's, so that
//     the rest of showcase uses the standard html/template's types.
//
// Only generator/theme imports the copies. Everything else of the two packages, the contextual escaping above
// all, is the toolchain's own code (the escapers' versions for a string repeat their bodies, and
// TestStringEscapersMatchStandardLibrary and FuzzStringEscapers hold them to the standard library's): TestForkMatchesToolchain fails when the copies differ from what gen.go makes
// from the toolchain in use (after a change of Go version: go generate ./generator/internal/template), and the
// copies' own tests are Go's. When Go makes these changes itself, this folder goes and theme imports
// html/template again.
package template

//go:generate go run gen.go
