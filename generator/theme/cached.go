package theme

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync"

	template "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
	"github.com/hkshopendata/showcase/generator/model"
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
		// The key is built in a buffer on the stack and looked up without making it a string: a hit allocates
		// nothing for it.
		var buf [128]byte
		key := partialKey(buf[:0], lang, name)
		for _, v := range variant {
			key = append(key, 0)
			switch x := v.(type) { // the usual keys without fmt
			case string:
				key = append(key, x...)
			case int:
				key = strconv.AppendInt(key, int64(x), 10)
			default:
				key = fmt.Append(key, x)
			}
		}
		return t.cached(lang, name, key, func() any { return data })
	}
}

// partialKey appends the start of a partial's memo key to buf: the language and the partial's name. Each
// variant argument follows, after a 0 byte.
func partialKey(buf []byte, lang, name string) []byte {
	return append(append(append(buf, lang...), 0), name...)
}

// cardPartial is the partial the card function renders.
const cardPartial = "partials/card.html"

// card renders partials/card.html for an entry with heading level h, as
//
//	partialCached "partials/card.html" (dict "Entry" e "H" h) e.URL h
//
// does (its data has the same fields, in a struct: cardData), with the same key, but makes its data only when the
// card is not in the memo yet: every list shows dozens of cards, and a template's function calls (dict,
// partialCached) are most of what a list page costs.
func (t *Theme) card(lang string) func(e *model.Entry, h int) (template.HTML, error) {
	return func(e *model.Entry, h int) (template.HTML, error) {
		if e == nil {
			return "", errors.New("card: no entry")
		}
		var buf [128]byte
		key := append(append(partialKey(buf[:0], lang, cardPartial), 0), e.URL...) // the variants .URL and h
		key = strconv.AppendInt(append(key, 0), int64(h), 10)
		return t.cached(lang, cardPartial, key, func() any { return cardData{Entry: e, H: h} })
	}
}

// cardData is what card gives partials/card.html: the fields of the dict a template would make, in a struct,
// which is cheaper to make and to hash (a preview hashes the data of every card it keeps between renders).
type cardData struct {
	Entry *model.Entry
	H     int
}

// cached returns the partial name for key from the memo, or renders it with data() and keeps it there.
func (t *Theme) cached(lang, name string, key []byte, data func() any) (template.HTML, error) {
	m := t.memo.Load()
	h, found, at := m.get(key, data)
	if found {
		return h, nil
	}
	set := t.layouts[lang]["home"]
	if set == nil {
		return "", fmt.Errorf("partialCached: no templates for %q", lang)
	}
	b := partialBuffers.Get().(*bytes.Buffer)
	defer partialBuffers.Put(b)
	b.Reset()
	if err := set.ExecuteTemplate(b, name, data()); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	m.put(at, h)
	return h, nil
}

// partialBuffers are what cached renders partials into: a buffer grown once, not a new one grown from 64 bytes
// for each of a site's thousands of cards.
var partialBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// slot is where a partial goes in the memo: its key and, when kept between renders, the hash of its data.
type slot struct {
	key  string
	data uint64
	keep bool
}

// get returns the partial rendered for key during this render or, from the same data, an earlier one. The slot
// it returns holds key as a string only when the partial was not found.
func (m *memo) get(key []byte, data func() any) (template.HTML, bool, slot) {
	if m == nil {
		return "", false, slot{key: string(key)}
	}
	m.mu.Lock()
	h, ok := m.html[string(key)] // no allocation: the compiler looks the bytes up as they are
	m.mu.Unlock()
	if ok {
		return h, true, slot{}
	}
	at := slot{key: string(key)}
	if m.dataKey == nil {
		return "", false, at
	}
	if at.data, at.keep = m.dataKey(data()); !at.keep {
		return "", false, at
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.kept[at.key]
	if ok && k.data == at.data {
		m.html[at.key] = k.html
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
