// Package theme finds a theme's files through its layers, parses its templates once, and provides the UI strings
// and template functions. Layers, highest first:
//
//  1. themes/<name>/ beside the content folder, when site.yaml names a theme other than "default";
//  2. themes/default/ beside the content folder, when it exists (so a site can override single files);
//  3. the default theme built into the binary.
//
// A file (a layout, a partial, a static file) is taken from the first layer that has it; UI strings are merged
// key by key, higher layers winning.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	template "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
)

// Kinds are the page kinds a theme has a layout for: layouts/<kind>.html, or else the fallback below.
var Kinds = []string{"home", "list", "project", "pavilion", "page", "taxonomy", "term", "datasets", "dataset",
	"charts", "chart", "chart-embed", "search", "404"}

// fallback names the layout used for a kind that has no layout of its own in any layer.
var fallback = map[string]string{"project": "entry", "pavilion": "entry"}

// Options describe the site the theme renders.
type Options struct {
	ThemesDir string // the site's themes/ folder ("" for none)
	Name      string // the theme named in site.yaml
	Builtin   fs.FS  // the built-in default theme
	BasePath  string // "/" or "/showcase/"
	BaseURL   string // absolute, ends in "/"
	Languages []string
	Default   string // the default language
}

// Theme is a loaded theme.
type Theme struct {
	layers  []fs.FS
	names   []string // a label per layer, for messages
	opts    Options
	strs    map[string]map[string]string // lang → key → text
	layouts map[string]map[string]*template.Template
	memo    atomic.Pointer[memo] // partialCached's results during the current render
	stock   bool                 // every layout is the built-in theme's own (see Stock)
	reads   sync.Map             // field name → whether a template names it (see Reads)
}

// Load reads and parses the theme.
func Load(o Options) (*Theme, error) {
	t := &Theme{opts: o, strs: map[string]map[string]string{}, layouts: map[string]map[string]*template.Template{}}
	if o.ThemesDir != "" {
		if o.Name != "" && o.Name != "default" {
			dir := filepath.Join(o.ThemesDir, o.Name)
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("theme %q: %w", o.Name, err)
			}
			t.add(dir)
		}
		if st, err := os.Stat(filepath.Join(o.ThemesDir, "default")); err == nil && st.IsDir() {
			t.add(filepath.Join(o.ThemesDir, "default"))
		}
	}
	t.layers = append(t.layers, o.Builtin)
	t.names = append(t.names, "built-in default theme")
	if err := t.loadStrings(); err != nil {
		return nil, err
	}
	if err := t.parse(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Theme) add(dir string) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return
	}
	t.layers = append(t.layers, root.FS())
	t.names = append(t.names, dir)
}

// file returns the contents of p from the first layer that has it, and that layer's label.
func (t *Theme) file(p string) ([]byte, string, error) {
	for i, l := range t.layers {
		b, err := fs.ReadFile(l, p)
		if err == nil {
			return b, t.names[i], nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("%s: %s: %w", t.names[i], p, err)
		}
	}
	return nil, "", fmt.Errorf("theme: %s not found in any layer (%s)", p, strings.Join(t.names, ", "))
}

// union lists the files under dir across all layers (each relative path once), sorted.
func (t *Theme) union(dir string) []string {
	seen := map[string]bool{}
	for _, l := range t.layers {
		_ = fs.WalkDir(l, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
			}
			return nil
		})
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// StaticFiles lists the theme's static files (relative to static/) and copies them via the callback.
func (t *Theme) StaticFiles() []string {
	var out []string
	for _, p := range t.union("static") {
		out = append(out, strings.TrimPrefix(p, "static/"))
	}
	return out
}

// Static returns the contents of the static file rel.
func (t *Theme) Static(rel string) ([]byte, error) {
	b, _, err := t.file(path.Join("static", rel))
	return b, err
}

func (t *Theme) loadStrings() error {
	for _, lang := range t.opts.Languages {
		m := map[string]string{}
		for i := len(t.layers) - 1; i >= 0; i-- { // lowest layer first, higher ones override
			b, err := fs.ReadFile(t.layers[i], "i18n/"+lang+".yaml")
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
			layer := map[string]string{}
			if err := yaml.Unmarshal(b, &layer); err != nil {
				return fmt.Errorf("%s: i18n/%s.yaml: %w", t.names[i], lang, err)
			}
			for k, v := range layer {
				m[k] = v
			}
		}
		t.strs[lang] = m
	}
	return nil
}

// T returns the UI string key in lang, falling back to the default language; args fill its % verbs.
func (t *Theme) T(lang, key string, args ...any) (string, error) {
	s, ok := t.strs[lang][key]
	if !ok {
		s, ok = t.strs[t.opts.Default][key]
	}
	if !ok {
		return "", fmt.Errorf("theme has no UI string %q (add it to i18n/%s.yaml)", key, t.opts.Default)
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}

// Execute renders the layout of kind in lang with data.
func (t *Theme) Execute(w io.Writer, kind, lang string, data any) error {
	tmpl := t.layouts[lang][kind]
	if tmpl == nil {
		return fmt.Errorf("theme has no layout for %q in %q", kind, lang)
	}
	return tmpl.ExecuteTemplate(w, "baseof.html", data)
}

// Stock reports whether every layout and partial is the built-in theme's own (a layer may hold copies of them):
// then what the layouts read of the model is known. Only the entry's own page shows its body, for one, so a
// build can let go of it once that page is made.
func (t *Theme) Stock() bool { return t.stock }

// layout returns the layout file p, as file does, noting whether it is the built-in theme's.
func (t *Theme) layout(p string) ([]byte, string, error) {
	src, label, err := t.file(p)
	if err == nil && t.stock {
		own, berr := fs.ReadFile(t.opts.Builtin, p)
		t.stock = berr == nil && bytes.Equal(own, src)
	}
	return src, label, err
}

// parse builds, for every language and kind, baseof.html + all partials + the kind's layout.
func (t *Theme) parse() error {
	t.stock = true
	base := template.New("baseof.html").Funcs(t.funcs(t.opts.Default))
	src, label, err := t.layout("layouts/baseof.html")
	if err != nil {
		return err
	}
	if _, err := base.Parse(string(src)); err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	for _, p := range t.union("layouts/_partials") {
		src, label, err := t.layout(p)
		if err != nil {
			return err
		}
		name := "partials/" + strings.TrimPrefix(p, "layouts/_partials/")
		if _, err := base.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
		if base.Lookup(name) == nil { // only comments and spaces: the template package drops it; keep it callable
			template.Must(base.New(name).Parse(`{{""}}`))
		}
	}
	for _, lang := range t.opts.Languages {
		t.layouts[lang] = map[string]*template.Template{}
		for _, kind := range Kinds {
			src, label, err := t.layout("layouts/" + kind + ".html")
			if err != nil && fallback[kind] != "" {
				src, label, err = t.layout("layouts/" + fallback[kind] + ".html")
			}
			if err != nil {
				return err
			}
			c, err := base.Clone()
			if err != nil {
				return err
			}
			c.Funcs(t.funcs(lang))
			if _, err := c.New(kind + ".html").Parse(string(src)); err != nil {
				return fmt.Errorf("%s: %w", label, err)
			}
			t.layouts[lang][kind] = c
		}
	}
	return nil
}

// Render is a convenience for tests: it executes kind into a string.
func (t *Theme) Render(kind, lang string, data any) (string, error) {
	var b bytes.Buffer
	err := t.Execute(&b, kind, lang, data)
	return b.String(), err
}

// Hash writes to h every file the theme's layers give (layouts, UI strings, static files), by path, as a build
// uses them: an incremental build renders everything again when this changes.
func (t *Theme) Hash(h io.Writer) error {
	for _, p := range t.union(".") {
		b, _, err := t.file(p)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(h, "%s\x00%d\x00", p, len(b)); err != nil {
			return err
		}
		if _, err := h.Write(b); err != nil {
			return err
		}
	}
	return nil
}
