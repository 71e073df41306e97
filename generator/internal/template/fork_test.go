package template

import (
	"os"
	"regexp"
	"runtime"
	"strconv"
	"testing"
)

// TestForkMatchesToolchain checks that the copies here are what gen.go makes from the Go toolchain running the
// tests: its text/template and html/template with the patches of fork.go, nothing more, nothing older. After an
// upgrade of Go (a security release included) it fails until the copies are made again; with a toolchain older
// than the copies' it only says so (making them again would take them back).
func TestForkMatchesToolchain(t *testing.T) {
	b, err := os.ReadFile("texttemplate/exec.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`from (go[0-9.]+)'s src/`).FindSubmatch(b)
	if m == nil {
		t.Fatal("texttemplate/exec.go does not say which Go it was copied from")
	}
	if copied, running := string(m[1]), runtime.Version(); copied != running {
		older, ok := before(running, copied)
		switch {
		case !ok:
			t.Skipf("the copies are of %s; this toolchain is %s", copied, running)
		case older:
			t.Skipf("the copies are of %s, newer than this toolchain (%s)", copied, running)
		default:
			t.Fatalf("the copies are of %s, older than this toolchain (%s): go generate ./generator/internal/template",
				copied, running)
		}
	}
	want, err := Generate(runtime.GOROOT())
	if err != nil {
		t.Fatal(err)
	}
	if diff := Compare(".", want); len(diff) > 0 {
		t.Fatalf("the copies differ from %s's sources with the patches: %v\nrun: go generate ./generator/internal/template",
			runtime.Version(), diff)
	}
}

// before reports whether the Go version a comes before b ("go1.26.8" before "go1.26.10"); ok is false when either
// is not a release version.
func before(a, b string) (older, ok bool) {
	x, okA := release(a)
	y, okB := release(b)
	if !okA || !okB {
		return false, false
	}
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i], true
		}
	}
	return false, true
}

// release splits "go1.26.8" into [1 26 8] ("go1.27" into [1 27 0]).
func release(v string) ([3]int, bool) {
	var out [3]int
	m := regexp.MustCompile(`^go(\d+)\.(\d+)(?:\.(\d+))?$`).FindStringSubmatch(v)
	if m == nil {
		return out, false
	}
	for i := range 3 {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out, true
}

func TestBefore(t *testing.T) {
	for _, c := range []struct {
		a, b      string
		older, ok bool
	}{
		{"go1.26.8", "go1.26.10", true, true},
		{"go1.26.10", "go1.26.8", false, true},
		{"go1.27", "go1.26.8", false, true},
		{"go1.26.8", "go1.27", true, true},
		{"go1.26.8", "go1.26.8", false, true},
		{"devel go1.28-abc", "go1.26.8", false, false},
		{"go1.27rc1", "go1.26.8", false, false},
	} {
		if older, ok := before(c.a, c.b); older != c.older || ok != c.ok {
			t.Errorf("before(%q, %q) = %v, %v", c.a, c.b, older, ok)
		}
	}
}
