package template

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	htmltemplate "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
	texttemplate "github.com/hkshopendata/showcase/generator/internal/template/texttemplate"
)

// TestCallDirect runs a template through every function type that the copies call without reflection (added/
// fast.go.txt) and one registered with Direct, with the results and errors that reflect.Value.Call would give,
// fields of structs (remembered by type) of two types that share a field name, and strings printed as they are.
func TestCallDirect(t *testing.T) {
	fail := errors.New("refused")
	funcs := htmltemplate.FuncMap{
		"upper":  strings.ToUpper,
		"prefix": strings.HasPrefix,
		"say": func(key string, args ...any) (string, error) {
			if key == "bad" {
				return "", fail
			}
			return key + strings.Repeat("!", len(args)), nil
		},
		"kind": func(x any) (string, error) {
			if x == nil {
				return "", fail
			}
			if isInt(x) {
				return "int", nil
			}
			return "other", nil
		},
		"pairs": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fail
			}
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m, nil
		},
		"iso":  func(d time.Time) string { return d.Format("2006-01-02") },
		"year": func(d time.Time) (string, error) { return d.Format("2006"), nil },
		"sub":  func(a, b int) int { return a - b },
	}
	type point struct{ X, Y int }
	direct := 0 // calls through Direct's caller
	texttemplate.Direct(func(f func(point, ...string) (string, error), args []reflect.Value) (reflect.Value, error) {
		direct++
		rest := make([]string, len(args)-1)
		for i, a := range args[1:] {
			rest[i] = a.String()
		}
		s, err := f(args[0].Interface().(point), rest...)
		return reflect.ValueOf(s), err
	})
	funcs["at"] = func(p point, names ...string) (string, error) {
		if p.X < 0 {
			return "", fail
		}
		return fmt.Sprint(p.X, ",", p.Y, names), nil
	}
	type labels map[string]string // a map[string]string is assignable to it: reflect converts one, Direct's caller may not
	texttemplate.Direct(func(f func(labels) string, args []reflect.Value) (reflect.Value, error) {
		direct++
		return reflect.ValueOf(f(args[0].Interface().(labels))), nil
	})
	funcs["en"] = func(l labels) string { return l["en"] }
	type A struct{ Name, Other string }
	type B struct {
		X    int
		Name string
	}
	data := map[string]any{
		"A": A{Name: "a<b", Other: "o"}, "B": B{X: 1, Name: "bee"},
		"D": time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC),
		"P": point{3, 4}, "Q": point{-1, 0},
		"L": labels{"en": "named"}, "M": map[string]string{"en": "plain"},
	}
	for _, c := range []struct{ src, want, err string }{
		{`{{upper .A.Name}}`, "A&lt;B", ""},
		{`{{.A.Name}} {{.B.Name}} {{.A.Other}} {{.B.X}}`, "a&lt;b bee o 1", ""},
		{`{{prefix .B.Name "be"}} {{prefix .B.Name "x"}}`, "true false", ""},
		{`{{say "hi" 1 2}}`, "hi!!", ""},
		{`{{say "bad"}}`, "", "refused"},
		{`{{kind 3}} {{kind "x"}}`, "int other", ""},
		{`{{kind nil}}`, "", "refused"},
		{`{{(pairs "a" 1 "b" "two").b}}`, "two", ""},
		{`{{pairs "a"}}`, "", "refused"},
		{`{{iso .D}} {{year .D}}`, "2024-03-02 2024", ""},
		{`{{sub 5 7}}`, "-2", ""},
		{`{{at .P "a" "b"}}`, "3,4 [a b]", ""},
		{`{{at .Q}}`, "", "refused"},
		{`{{en .L}} {{en .M}}`, "named plain", ""}, // the second through reflect
		{`{{.A.Name}}{{print 1}}{{html .A.Name}}`, "a&lt;b1a&lt;b", ""},
		{`{{.B.Nope}}`, "", "can't evaluate field Nope"},
		{`{{.B.Nope}}`, "", "can't evaluate field Nope"}, // again, from what was remembered
		{`<a href="/{{.B.Name}}?q={{.A.Name}}">`, `<a href="/bee?q=a%3cb">`, ""},
	} {
		tmpl := htmltemplate.Must(htmltemplate.New("t").Funcs(funcs).Parse(c.src))
		var b strings.Builder
		err := tmpl.Execute(&b, data)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.src, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.src, err)
		case c.err == "" && b.String() != c.want:
			t.Errorf("%s = %q, want %q", c.src, b.String(), c.want)
		}
	}
	if direct != 3 {
		t.Errorf("the functions registered with Direct were called %d times through it, want 3", direct)
	}
}

func isInt(x any) bool { _, ok := x.(int); return ok }

// TestNestedCallArguments evaluates calls whose arguments are calls, deep enough for the stack of arguments
// (pushArgs) to grow while an outer call's arguments are half evaluated, and in templates called with
// {{template}} from inside a range: every call must get its own arguments.
func TestNestedCallArguments(t *testing.T) {
	funcs := htmltemplate.FuncMap{"join": func(s ...string) string { return "(" + strings.Join(s, " ") + ")" }}
	src := `{{define "inner"}}{{join . (join "x" (join "y" "z" "w" "v" "u" "t" "s" "r" "q" "p") .) "end"}}{{end}}` +
		`{{join "a" (join "b" "c" (join "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o") "p") "q"}}` +
		`{{range .}}{{join "r" (join . .)}}{{template "inner" .}}{{end}}`
	tmpl := htmltemplate.Must(htmltemplate.New("t").Funcs(funcs).Parse(src))
	want := "(a (b c (d e f g h i j k l m n o) p) q)" +
		"(r (1 1))(1 (x (y z w v u t s r q p) 1) end)" +
		"(r (2 2))(2 (x (y z w v u t s r q p) 2) end)"
	for range 2 {
		var b strings.Builder
		if err := tmpl.Execute(&b, []string{"1", "2"}); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("got  %s\nwant %s", b.String(), want)
		}
	}
}

// TestFuncsReplaced checks that a function given with Funcs after a template executed is the one called next
// (the lookups' copy of the functions goes with each change), also while other goroutines execute it.
func TestFuncsReplaced(t *testing.T) {
	tmpl := texttemplate.Must(texttemplate.New("t").Funcs(texttemplate.FuncMap{"f": func() string { return "1" }}).
		Parse(`{{f}}`))
	run := func() string {
		var b strings.Builder
		if err := tmpl.Execute(&b, nil); err != nil {
			t.Error(err)
		}
		return b.String()
	}
	if got := run(); got != "1" {
		t.Fatalf("got %q, want 1", got)
	}
	done := make(chan bool)
	go func() {
		for range 200 {
			if got := run(); got != "1" && got != "2" {
				t.Errorf("got %q while f was replaced", got)
			}
		}
		done <- true
	}()
	tmpl.Funcs(texttemplate.FuncMap{"f": func() string { return "2" }})
	<-done
	if got := run(); got != "2" {
		t.Errorf("after Funcs replaced f: got %q, want 2", got)
	}
}
