package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// memo holds the partials rendered by partialCached during one render of a site.
type memo struct {
	mu   sync.Mutex
	html map[string]template.HTML
}

// Fresh forgets every partial partialCached kept: a renderer calls it before rendering a site, so that nothing
// rendered from an earlier version of the content is reused.
func (t *Theme) Fresh() {
	t.memo.Store(&memo{html: map[string]template.HTML{}})
}

// partialCached renders the partial name with data once per language and key (the variant arguments, which
// must together identify what the partial shows) and returns the same HTML at every later call with that key,
// like Hugo's partialCached. The result is HTML element content: call it where a {{template}} of the partial in
// text would stand.
func (t *Theme) partialCached(lang string) func(name string, data any, variant ...any) (template.HTML, error) {
	return func(name string, data any, variant ...any) (template.HTML, error) {
		var key strings.Builder
		key.WriteString(lang)
		key.WriteByte(0)
		key.WriteString(name)
		for _, v := range variant {
			key.WriteByte(0)
			switch x := v.(type) { // the usual keys without fmt: this runs for every card of every list
			case string:
				key.WriteString(x)
			case int:
				key.WriteString(strconv.Itoa(x))
			default:
				fmt.Fprint(&key, x)
			}
		}
		m := t.memo.Load()
		if m != nil {
			m.mu.Lock()
			h, ok := m.html[key.String()]
			m.mu.Unlock()
			if ok {
				return h, nil
			}
		}
		set := t.layouts[lang]["home"]
		if set == nil {
			return "", fmt.Errorf("partialCached: no templates for %q", lang)
		}
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		h := template.HTML(b.String())
		if m != nil {
			m.mu.Lock()
			m.html[key.String()] = h
			m.mu.Unlock()
		}
		return h, nil
	}
}
