package theme

import (
	"testing"
	"testing/fstest"

	template "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
	"github.com/hkshopendata/showcase/generator/model"
)

// TestPartialKept: with Keep, a partial is kept from one render to the next while the hash of its data is the
// same, and rendered again when it changes; without Keep (Fresh alone, a one-off build) and for data that
// cannot be hashed, only within a render. The hash here reads K alone, so that a kept partial shows its old N.
func TestPartialKept(t *testing.T) {
	fsys := builtin()
	fsys["layouts/_partials/name.html"] = &fstest.MapFile{Data: []byte(`{{.N}}`)}
	th, err := Load(Options{Builtin: fsys, BasePath: "/", BaseURL: "https://example.org/", Languages: []string{"en"},
		Default: "en"})
	if err != nil {
		t.Fatal(err)
	}
	byK := func(d any) (uint64, bool) {
		k, ok := d.(map[string]any)["K"].(int)
		return uint64(k), ok
	}
	partial := th.partialCached("en")
	steps := []struct {
		render string // "keep": Fresh then Keep; "fresh": Fresh alone; "": the same render
		n      string
		k      any
		want   string
	}{
		{"keep", "a", 1, "a"},
		{"", "b", 1, "a"},      // the same render: by the variant alone, as ever
		{"keep", "b", 1, "a"},  // kept: the same data hash
		{"keep", "b", 2, "b"},  // the hash changed
		{"keep", "c", 2, "b"},  // kept again
		{"fresh", "c", 2, "c"}, // no Keep: nothing from earlier renders
		{"keep", "d", 2, "b"},  // Fresh kept the partials aside for the next Keep
		{"keep", "e", "x", "e"},
		{"keep", "f", "x", "f"}, // data without a hash: not kept between renders
	}
	for i, s := range steps {
		switch s.render {
		case "keep":
			th.Fresh()
			th.Keep(byK)
		case "fresh":
			th.Fresh()
		}
		got, err := partial("partials/name.html", map[string]any{"N": s.n, "K": s.k}, "variant")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != s.want {
			t.Errorf("step %d (%s, N %s, K %v): %q, want %q", i, s.render, s.n, s.k, got, s.want)
		}
	}
}

// TestCard: card renders partials/card.html with (dict "Entry" e "H" h), under the key partialCached gives it
// with the variants .URL and h, so that either finds what the other rendered; a card is rendered once per entry
// and level in a render; a missing entry is an error.
func TestCard(t *testing.T) {
	fsys := builtin()
	fsys["layouts/_partials/card.html"] = &fstest.MapFile{Data: []byte(`<h{{.H}}>{{.Entry.Title}}</h{{.H}}>`)}
	th, err := Load(Options{Builtin: fsys, BasePath: "/", BaseURL: "https://example.org/", Languages: []string{"en"},
		Default: "en"})
	if err != nil {
		t.Fatal(err)
	}
	th.Fresh()
	card, partial := th.card("en"), th.partialCached("en")
	a := &model.Entry{URL: "/projects/a/", Title: "A & B"}
	steps := []struct {
		by   string // "card" or "partialCached"
		e    *model.Entry
		h    int
		want string
	}{
		{"card", a, 2, "<h2>A &amp; B</h2>"},
		{"card", a, 3, "<h3>A &amp; B</h3>"},
		// by its key, as partialCached
		{"card", &model.Entry{URL: "/projects/a/", Title: "Changed"}, 2, "<h2>A &amp; B</h2>"},
		{"partialCached", &model.Entry{URL: "/projects/a/", Title: "Changed"}, 3, "<h3>A &amp; B</h3>"},
		{"partialCached", &model.Entry{URL: "/projects/b/", Title: "B"}, 2, "<h2>B</h2>"},
		{"card", &model.Entry{URL: "/projects/b/", Title: "Changed"}, 2, "<h2>B</h2>"},
	}
	for i, s := range steps {
		var got template.HTML
		if s.by == "card" {
			got, err = card(s.e, s.h)
		} else {
			got, err = partial("partials/card.html", map[string]any{"Entry": s.e, "H": s.h}, s.e.URL, s.h)
		}
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != s.want {
			t.Errorf("step %d (%s %s h%d): %q, want %q", i, s.by, s.e.URL, s.h, got, s.want)
		}
	}
	if _, err := card(nil, 2); err == nil {
		t.Error("card of no entry: no error")
	}
}
