package template

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

const module = "github.com/hkshopendata/showcase/generator/internal/template/"

// Packages maps a folder here to the package of GOROOT/src it copies.
var Packages = map[string]string{
	"texttemplate": "text/template",
	"htmltemplate": "html/template",
	"fmtsort":      "internal/fmtsort",
}

// left are files not copied: tests that need the toolchain's internal packages.
var left = []string{"texttemplate/link_test.go", "fmtsort/sort_test.go", "fmtsort/export_test.go"}

// imports rewrites import paths in every file copied.
var imports = strings.NewReplacer(
	`"text/template"`, `"`+module+`texttemplate"`,
	`"html/template"`, `"`+module+`htmltemplate"`,
	`"internal/fmtsort"`, `"`+module+`fmtsort"`,
	`"internal/godebug"`, `"`+module+`godebug"`,
)

// patch is a change to one copied file: old must occur exactly once.
type patch struct {
	file, why, old, new string
}

// patches are the changes made to the copies; apart from them and the import paths, the copies are the
// toolchain's sources as they are.
var patches = []patch{{
	file: "texttemplate/funcs.go",
	why: "call a function of a common type — html/template's escapers (func(...any) string: go.dev/issue/81610, " +
		"the change proposed there), string and date helpers — directly, not through reflect.Value.Call",
	old: "\tret := fun.Call(args)\n",
	new: "\tif val, err, ok := callDirect(fun, args, strs); ok {\n\t\treturn val, err\n\t}\n\tret := fun.Call(args)\n",
}, {
	file: "texttemplate/funcs.go",
	why: "keep a string a function returns in the execution's blocks of strings (stringValue), not each in an " +
		"allocation of its own",
	old: "func safeCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {\n",
	new: "func safeCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {\n" +
		"\treturn safeCallIn(nil, fun, args)\n}\n\n" +
		"// safeCallIn is safeCall, keeping a string result in strs (when not nil: stringIn).\n" +
		"func safeCallIn(strs *[]string, fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {\n",
}, {
	file: "texttemplate/exec.go",
	why: "keep a string a function returns in the execution's blocks of strings (stringValue), not each in an " +
		"allocation of its own",
	old: "\tv, err := safeCall(fun, argv)\n",
	new: "\tv, err := safeCallIn(s.strings(), fun, argv)\n",
}, {
	file: "texttemplate/exec.go",
	why: "send a string to an escaper of html/template through the escaper's version for a string " +
		"(StringFunc), not as a []any through reflection",
	old: "\t\ts.errorf(\"%q is not a defined function\", name)\n\t}\n\treturn s.evalCall(",
	new: "\t\ts.errorf(\"%q is not a defined function\", name)\n\t}\n" +
		"\tif len(args) <= 1 && !isBuiltin && final.IsValid() && final.Kind() == reflect.String {\n" +
		"\t\tif sf, ok := stringFuncs[name]; ok && function.Pointer() == sf.ptr {\n" +
		"\t\t\tif f := sf.of(final.Type()); f != nil {\n" +
		"\t\t\t\treturn s.stringValue(f(final.String()))\n\t\t\t}\n\t\t}\n\t}\n" +
		"\treturn s.evalCall(",
}, {
	file: "texttemplate/exec.go",
	why:  "keep the arguments of function calls on a stack the execution reuses, not in a new slice per call",
	old:  "\tdepth int        // the height of the stack of executing templates.\n}\n",
	new: "\tdepth int        // the height of the stack of executing templates.\n" +
		"\targs  *[]reflect.Value // the arguments of the calls being evaluated (evalCall), shared with called templates\n" +
		"\tstrs  *[]string        // where stringValue keeps strings, shared with called templates\n}\n",
}, {
	file: "texttemplate/exec.go",
	why:  "keep the arguments of function calls on a stack the execution reuses, not in a new slice per call",
	old:  "\t// Build the arg list.\n\targv := make([]reflect.Value, numIn)\n",
	new:  "\t// Build the arg list.\n\targv, base := s.pushArgs(numIn)\n\tdefer s.popArgs(argv, base)\n",
}, {
	file: "texttemplate/template.go",
	why:  "look functions up in a copy of the map that is replaced, not changed, so without the lock (execFuncsNow)",
	old:  "\texecFuncs  map[string]reflect.Value\n}\n",
	new: "\texecFuncs  map[string]reflect.Value\n" +
		"\t// execSeen is a copy of execFuncs, made by the first lookup after a change (execFuncsNow)\n" +
		"\texecSeen atomic.Pointer[map[string]reflect.Value]\n}\n",
}, {
	file: "texttemplate/template.go",
	why:  "look functions up in a copy of the map that is replaced, not changed, so without the lock (execFuncsNow)",
	old:  "\taddValueFuncs(t.execFuncs, funcMap)\n",
	new:  "\taddValueFuncs(t.execFuncs, funcMap)\n\tt.execSeen.Store(nil)\n",
}, {
	file: "texttemplate/template.go",
	why:  "look functions up in a copy of the map that is replaced, not changed, so without the lock (execFuncsNow)",
	old:  "\t\"sync\"\n",
	new:  "\t\"sync\"\n\t\"sync/atomic\"\n",
}, {
	file: "texttemplate/funcs.go",
	why: "look functions up in a copy of the map that is replaced, not changed, so without the lock: at every call, " +
		"the lock's two atomic operations on memory all cores share (execFuncsNow)",
	old: "\t\ttmpl.muFuncs.RLock()\n\t\tdefer tmpl.muFuncs.RUnlock()\n\t\tif fn := tmpl.execFuncs[name]; fn.IsValid() {\n",
	new: "\t\tif fn := tmpl.execFuncsNow()[name]; fn.IsValid() {\n",
}, {
	file: "texttemplate/exec.go",
	why: "make a string constant's value where the parse tree holds it, not in a new allocation at every " +
		"evaluation (T \"project\")",
	old: "\t\tvalue := reflect.New(typ).Elem()\n\t\tvalue.SetString(n.Text)\n\t\treturn value\n",
	new: "\t\treturn constString(typ, n)\n",
}, {
	file: "htmltemplate/html.go",
	why: "make htmlReplacer's builder only when a string has something to escape: it was made for every string, " +
		"the escaper of text and attributes on nearly every action of a layout",
	old: "\twritten, b := 0, new(strings.Builder)\n",
	new: "\twritten, b := 0, (*strings.Builder)(nil)\n",
}, {
	file: "htmltemplate/html.go",
	why: "make htmlReplacer's builder only when a string has something to escape: it was made for every string, " +
		"the escaper of text and attributes on nearly every action of a layout",
	old: "\t\t\t\tif written == 0 {\n\t\t\t\t\tb.Grow(len(s))\n",
	new: "\t\t\t\tif written == 0 {\n\t\t\t\t\tb = new(strings.Builder)\n\t\t\t\t\tb.Grow(len(s))\n",
}, {
	file: "htmltemplate/html.go",
	why: "make htmlReplacer's builder only when a string has something to escape: it was made for every string, " +
		"the escaper of text and attributes on nearly every action of a layout",
	old: "\t\t\tif written == 0 {\n\t\t\t\tb.Grow(len(s))\n\t\t\t}\n\t\t\tfmt.Fprintf(b,",
	new: "\t\t\tif written == 0 {\n\t\t\t\tb = new(strings.Builder)\n\t\t\t\tb.Grow(len(s))\n\t\t\t}\n\t\t\tfmt.Fprintf(b,",
}, {
	file: "texttemplate/exec.go",
	why:  "look a struct's field up by name once per type, not on every evaluation",
	old:  "tField, ok := receiver.Type().FieldByName(fieldName)",
	new:  "tField, ok := fieldByName(receiver.Type(), fieldName)",
}, {
	file: "texttemplate/exec.go",
	why: "print a string as it is, not through fmt.Fprint: every action of an html/template prints the string its " +
		"escapers return",
	old: "\ts.at(n)\n\tiface, ok := printableValue(v)\n",
	new: "\ts.at(n)\n\tif v.Kind() == reflect.String && v.Type() == stringType {\n" +
		"\t\tif _, err := io.WriteString(s.wr, v.String()); err != nil {\n\t\t\ts.writeError(err)\n\t\t}\n" +
		"\t\treturn\n\t}\n\tiface, ok := printableValue(v)\n",
}}

// added are files the copies have that the toolchain's do not, by path in this folder: the code the patches call,
// kept in added/ (as .txt, so that it is not compiled there).
var added = map[string]string{"texttemplate/fast.go": "added/fast.go.txt",
	"htmltemplate/stringescapers.go": "added/stringescapers.go.txt"}

//go:embed added
var addedFS embed.FS

// contentTypes are html/template's types of trusted content: the copy declares them as aliases of the standard
// library's, so that a template.HTML made anywhere (model, markdown, render) is trusted by the copy as it is by
// the standard library.
var contentTypes = []string{"CSS", "HTML", "HTMLAttr", "JS", "JSStr", "URL", "Srcset"}

func init() {
	for _, t := range contentTypes {
		patches = append(patches, patch{file: "htmltemplate/content.go",
			why: "the type " + t + " is the standard library's",
			old: "\n\t" + t + " string\n", new: "\n\t" + t + " = stdtemplate." + t + "\n"})
	}
	patches = append(patches, patch{file: "htmltemplate/content.go", why: "import the standard library's types",
		old: "import (\n", new: "import (\n\tstdtemplate \"html/template\"\n"})
}

// Generate returns every file of the copies, by path in this folder, made from the sources of the Go toolchain
// at goroot (runtime.GOROOT() for the one running).
func Generate(goroot string) (map[string][]byte, error) {
	src := filepath.Join(goroot, "src")
	out := map[string][]byte{}
	for dir, pkg := range Packages {
		root := filepath.Join(src, filepath.FromSlash(pkg))
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				if d != nil && d.IsDir() && p != root && d.Name() != "testdata" {
					return filepath.SkipDir // text/template/parse: used as it is
				}
				return err
			}
			rel, _ := filepath.Rel(root, p)
			name := dir + "/" + filepath.ToSlash(rel)
			if slices.Contains(left, name) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.HasSuffix(name, ".go") {
				b = []byte(imports.Replace(string(b)))
				b = append([]byte(fmt.Sprintf("// Code generated by gen.go from %s's src/%s/%s; DO NOT EDIT.\n\n",
					version(goroot), pkg, filepath.ToSlash(rel))), b...)
			}
			out[name] = b
			return nil
		})
		if err != nil {
			return nil, err
		}
		license, err := os.ReadFile(filepath.Join(goroot, "LICENSE")) // the files' headers point to it
		if err != nil {
			return nil, err
		}
		out[dir+"/LICENSE"] = license
	}
	for name, from := range added {
		b, err := addedFS.ReadFile(from)
		if err != nil {
			return nil, err
		}
		out[name] = append([]byte("// Code generated by gen.go from "+from+"; DO NOT EDIT.\n\n"), b...)
	}
	for _, p := range patches {
		b, ok := out[p.file]
		if !ok || bytes.Count(b, []byte(p.old)) != 1 {
			return nil, fmt.Errorf("%s: the text to patch (%s) is not there once: update the patches in fork.go", p.file, p.why)
		}
		out[p.file] = bytes.Replace(b, []byte(p.old), []byte(p.new), 1)
	}
	for name, b := range out { // as gofmt writes them: the imports rewritten are sorted again
		if strings.HasSuffix(name, ".go") {
			f, err := format.Source(b)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			out[name] = f
		}
	}
	return out, nil
}

// version is the Go version of the toolchain at goroot, from its VERSION file ("go1.26.8").
func version(goroot string) string {
	b, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return "an unknown Go version"
	}
	v, _, _ := strings.Cut(string(b), "\n")
	return v
}

// Compare lists the files that differ between want (Generate's) and the folder dir, or are missing from either.
func Compare(dir string, want map[string][]byte) []string {
	var diff []string
	have := map[string]bool{}
	for pkg := range Packages {
		filepath.WalkDir(filepath.Join(dir, pkg), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				have[filepath.ToSlash(rel)] = true
			}
			return nil
		})
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, b) {
			diff = append(diff, name)
		}
		delete(have, name)
	}
	for name := range have {
		diff = append(diff, name+" (extra)")
	}
	slices.Sort(diff)
	return diff
}
