package theme

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	template "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
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
		// relURL "/projects/" → "/showcase/projects/" under a sub-path; other URLs unchanged. For the site's
		// files (CSS, scripts, images) and for the model's URLs, which already carry the page's language.
		"relURL": t.relURL,
		// relLangURL "/projects/" → the page in the page's language: "/zh-hant/projects/" (plus any sub-path);
		// the default language has no prefix.
		"relLangURL": func(p string) string {
			if lang != t.opts.Default && strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") {
				p = "/" + lang + p
			}
			return t.relURL(p)
		},
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
		// partialCached "partials/card.html" (dict "Entry" . "H" 2) .URL 2 → the partial rendered once per
		// language and variant arguments (which must identify what it shows) during a render, then reused.
		"partialCached": t.partialCached(lang),
		// card . 2 → partials/card.html for the entry, with an <h2> title: partialCached "partials/card.html"
		// (dict "Entry" . "H" 2) .URL 2, without making the dict for a card rendered before (lists of cards).
		"card": t.card(lang),
		// add 1 2 → 3; sub 3 1 → 2.
		"add": func(a, b int) int { return a + b },
		"sub": func(a, b int) int { return a - b },
		// hasPrefix "/projects/a/" "/projects/" → true.
		"hasPrefix": strings.HasPrefix,
		// number 1234567.891 → "1,234,567.89": grouped thousands, at most two decimals (fewer when whole).
		"number": func(x any) (string, error) {
			switch v := x.(type) {
			case float64:
				return Number(v), nil
			case int:
				return Number(float64(v)), nil
			case int64:
				return Number(float64(v)), nil
			}
			return "", fmt.Errorf("number: %T is not a number", x)
		},
		// filesize 3014723 → "2.9 MB".
		"filesize": FileSize,
		// abs -3.5 → 3.5.
		"abs": math.Abs,
		// percent 0.256 → "25.6%".
		"percent": func(x float64) string { return Number(x*100) + "%" },
	}
}

// Number formats x with grouped thousands and at most two decimals, trailing zeros dropped. Numbers below 1 in
// size keep three significant digits (0.00123 → "0.00123").
func Number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	var s string
	switch a := math.Abs(x); {
	case a != 0 && a < 1:
		s = strconv.FormatFloat(x, 'f', -1, 64)
		if r := strconv.FormatFloat(x, 'g', 3, 64); !strings.Contains(r, "e") {
			s = r
		}
		return s
	default:
		s = strconv.FormatFloat(x, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && s != "0" {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// FileSize formats a size in bytes with a binary-prefixed unit written the common way: "512 B", "12.3 KB",
// "2.9 MB".
func FileSize(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	f, i := float64(n)/unit, 0
	for f >= unit && i < 3 {
		f /= unit
		i++
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + []string{"KB", "MB", "GB", "TB"}[i]
}

func (t *Theme) relURL(p string) string {
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") {
		return t.opts.BasePath + p[1:]
	}
	return p
}
