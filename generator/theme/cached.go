package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// memo holds the partials rendered by partialCached during one render of a site, and, when the renderer says how
// to hash a partial's data (Keep), the partials of earlier renders with that hash.
type memo struct {
	mu   sync.Mutex
	html map[string]template.HTML
	// kept are the partials of earlier renders, by key, with the hash of what they were rendered from, used
	// when dataKey is set (Keep): it hashes what a partial can read besides its variant arguments.
	kept    map[string]keptPartial
	dataKey func(data any) (uint64, bool)
}

type keptPartial struct {
	data uint64
	html template.HTML
}

// Fresh forgets every partial partialCached kept for a render: a renderer calls it before rendering a site, so
// that nothing rendered from an earlier version of the content is reused by the variant arguments alone. (The
// partials kept between renders are kept aside, for the next Keep.)
func (t *Theme) Fresh() { t.renew(nil) }

// Keep makes partialCached keep its partials from this render to the next ones that call Keep, for a preview that
// renders a site again after every edit: dataKey returns the hash of all a partial can read besides its variant
// arguments — its data and the site — or false when that cannot be told (the partial is then kept for this
// render only, as after Fresh). A kept partial is used again while the hash is the same; a key keeps only its
// latest partial. Call it after Fresh, before the render.
func (t *Theme) Keep(dataKey func(data any) (uint64, bool)) { t.renew(dataKey) }

// renew starts the memo of a render, carrying over the partials kept between renders.
func (t *Theme) renew(dataKey func(data any) (uint64, bool)) {
	m := &memo{html: map[string]template.HTML{}, dataKey: dataKey}
	if old := t.memo.Load(); old != nil {
		m.kept = old.kept
	}
	if m.kept == nil && dataKey != nil {
		m.kept = map[string]keptPartial{}
	}
	t.memo.Store(m)
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
		h, found, at := m.get(key.String(), data)
		if found {
			return h, nil
		}
		set := t.layouts[lang]["home"]
		if set == nil {
			return "", fmt.Errorf("partialCached: no templates for %q", lang)
		}
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		h = template.HTML(b.String())
		m.put(at, h)
		return h, nil
	}
}

// slot is where a partial goes in the memo: its key and, when kept between renders, the hash of its data.
type slot struct {
	key  string
	data uint64
	keep bool
}

// get returns the partial rendered for key during this render or, from the same data, an earlier one.
func (m *memo) get(key string, data any) (template.HTML, bool, slot) {
	at := slot{key: key}
	if m == nil {
		return "", false, at
	}
	m.mu.Lock()
	h, ok := m.html[key]
	m.mu.Unlock()
	if ok || m.dataKey == nil {
		return h, ok, at
	}
	if at.data, at.keep = m.dataKey(data); !at.keep {
		return "", false, at
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.kept[key]
	if ok && k.data == at.data {
		m.html[key] = k.html
		return k.html, true, at
	}
	return "", false, at
}

func (m *memo) put(at slot, h template.HTML) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.html[at.key] = h
	if at.keep {
		m.kept[at.key] = keptPartial{data: at.data, html: h}
	}
}
