package theme

import (
	"errors"
	"html/template"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator/schema"
)

// funcs are the template functions, bound to one language. Each is documented with an example in
// docs/themes.md and tested in funcs_test.go.
func (t *Theme) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		// T "key" args… → the UI string in the page's language.
		"T": func(key string, args ...any) (string, error) { return t.T(lang, key, args...) },
		// tr .Name → a multi-language text in the page's language.
		"tr": func(x schema.Text) string { return x.Get(lang, t.opts.Default) },
		// relURL "/projects/" → "/showcase/projects/" under a sub-path; other URLs unchanged.
		"relURL": t.relURL,
		// absURL "/projects/" → "https://example.org/showcase/projects/".
		"absURL": func(p string) string {
			if strings.HasPrefix(p, "/") {
				return strings.TrimSuffix(t.opts.BaseURL, "/") + t.relURL(p)[len(t.opts.BasePath)-1:]
			}
			return p
		},
		// date .Date → "2 March 2024" (English) or "2024年3月2日" (Chinese), per the i18n string date_format.
		"date": func(d time.Time) (string, error) {
			layout, err := t.T(lang, "date_format")
			if err != nil {
				return "", err
			}
			return d.Format(layout), nil
		},
		// isoDate .Date → "2024-03-02".
		"isoDate": func(d time.Time) string { return d.Format("2006-01-02") },
		// dict "a" 1 "b" 2 → a map, to pass several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs key/value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, errors.New("dict keys must be strings")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		// add 1 2 → 3; sub 3 1 → 2.
		"add": func(a, b int) int { return a + b },
		"sub": func(a, b int) int { return a - b },
		// hasPrefix "/projects/a/" "/projects/" → true.
		"hasPrefix": strings.HasPrefix,
	}
}

func (t *Theme) relURL(p string) string {
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") {
		return t.opts.BasePath + p[1:]
	}
	return p
}
