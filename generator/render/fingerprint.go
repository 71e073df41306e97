package render

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/hkshopendata/showcase/generator/internal/work"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Fingerprints hash, for each page, everything its layouts can read, so that `showcase serve` and an incremental
// `showcase build` render again only the pages whose fingerprint changed since the last build. A fingerprint
// covers:
//
//   - the whole site's settings and structure (site.yaml, the base URL, the chart script, the newest entry's
//     date when a layout names .Updated (see ShowsNewest), which sections have entries (not how many) and which taxonomies have terms, every term's name, every
//     dataset with its tables, whether the site has charts): a change there renders every page again;
//   - the page's PageData, walked field by field. An entry reached from it counts with all its fields (body
//     included); the terms, datasets, charts and other entries an entry points to count by their URL only, since
//     what a layout shows of them is in the site part above or in the page's own additions below;
//   - what some kinds of page show of many entries: term counts on home, taxonomy, term and 404 pages; the
//     entries using a dataset or a chart on its page; all of those on the dataset and chart lists; an entry's
//     related entries on its page;
//   - the charts a page shows, each with its table and result: an entry's (its ```chart blocks), a dataset's
//     (drawn from it), every chart on the chart and dataset lists. A chart's edit renders those pages again, not
//     every page.
//
// PageData.JSONLD is left out: it is made from the rest (after the fingerprint, and only for pages rendered).
//
// A layout that starts reading something new of the model must be covered here: TestPreviewMatchesBuild and
// TestPreviewRandomEdits compare every page a preview or an incremental build keeps with a fresh build.
type Fingerprints struct {
	site   uint64
	counts uint64         // term counts and section sizes
	users  uint64         // the entries that use each dataset and chart
	charts uint64         // every chart, and the charts of each dataset
	own    map[any]uint64 // entries, terms, taxonomies, datasets and charts, each hashed once
}

// ShowsNewest reports whether a layout may show the site's newest date (model.Site.Updated): the stock theme's do
// not (only the feeds, made again on every build, do), so an entry newer than the others need not change every
// page's fingerprint.
func (r *Renderer) ShowsNewest() bool { return r.theme.Reads("Updated") }

// Fingerprints hashes the site's parts once; of then hashes each page cheaply.
func (r *Renderer) Fingerprints() *Fingerprints {
	s := r.site
	f := &Fingerprints{own: map[any]uint64{}}
	var objs []any
	for _, list := range [][]*model.Entry{s.Projects, s.Pavilions, s.Pages} {
		for _, e := range list {
			objs = append(objs, e)
		}
	}
	for _, t := range s.Taxonomies {
		objs = append(objs, t)
		for _, term := range t.Terms {
			objs = append(objs, term)
		}
	}
	for _, d := range s.Datasets {
		objs = append(objs, d)
	}
	for _, c := range s.Charts {
		objs = append(objs, c)
	}
	sums := make([]uint64, len(objs))
	work.Each(len(objs), func(i int) {
		h := f.hasher()
		h.ownFields(reflect.ValueOf(objs[i]).Elem())
		sums[i] = h.sum()
	})
	for i, o := range objs {
		f.own[o] = sums[i]
	}

	h := f.hasher()
	h.value(reflect.ValueOf(s.Config))
	h.str(s.BaseURL, s.BasePath, s.Lang, s.Default, s.Prefix, s.ChartScript)
	if r.ShowsNewest() {
		h.value(reflect.ValueOf(s.Updated))
	}
	// Which sections have entries (a layout may link a section only then), not how many: a page showing a count
	// has it in its data (Home, a list's Pager, a term's entries), and an entry added or taken away need not
	// change every page.
	h.int(min(len(s.Projects), 1), min(len(s.Pavilions), 1), len(s.Datasets), min(len(s.Charts), 1))
	for _, t := range s.Taxonomies {
		h.str(t.ID, t.URL)
		h.int(len(t.Terms))
		for _, term := range t.Terms { // a tag is named by the first spelling seen: any entry can rename it
			h.u64(f.own[term])
		}
	}
	for _, d := range s.Datasets {
		h.u64(f.own[d])
	}
	f.site = h.sum()

	f.hashCounts(s)
	f.hashUsers(s)
	f.hashCharts(s)
	return f
}

// hashCharts hashes every chart, and the charts drawn from each dataset.
func (f *Fingerprints) hashCharts(s *model.Site) {
	h := f.hasher()
	h.charts(s.Charts)
	for _, d := range s.Datasets {
		h.charts(d.Charts)
	}
	f.charts = h.sum()
}

// hashCounts hashes the number of entries of every term.
func (f *Fingerprints) hashCounts(s *model.Site) {
	h := f.hasher()
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			h.str(term.URL)
			h.int(len(term.Entries))
		}
	}
	f.counts = h.sum()
}

// hashUsers hashes the entries that use each dataset and chart.
func (f *Fingerprints) hashUsers(s *model.Site) {
	h := f.hasher()
	for _, d := range s.Datasets {
		h.entries(d.Entries)
	}
	for _, c := range s.Charts {
		h.entries(c.Entries)
		if c.Inline != nil {
			h.u64(f.own[c.Inline])
		}
	}
	f.users = h.sum()
}

// of returns the fingerprint of the page p, whose layout is given d.
func (f *Fingerprints) of(p *model.Page, d *PageData) (uint64, error) {
	h := f.hasher()
	h.u64(f.site)
	switch p.Kind {
	case "home", "404":
		h.u64(f.counts)
	case "taxonomy":
		for _, t := range p.Taxonomy.Terms {
			h.int(len(t.Entries))
		}
	case "term":
		h.int(len(p.Term.Entries))
	case "datasets", "charts":
		h.u64(f.users, f.charts)
	case "project", "pavilion":
		h.entries(p.Entry.Related) // shown as cards
	case "dataset":
		h.int(len(p.Dataset.Entries)) // its users' count; those on this page are its Items
		h.charts(p.Dataset.Charts)
	case "chart", "chart-embed":
		h.entries(p.Chart.Entries)
		if p.Chart.Inline != nil {
			h.u64(f.own[p.Chart.Inline])
		}
	}
	if isEntry[p.Kind] {
		h.charts(p.Entry.Charts) // shown in its body
	}
	h.value(reflect.ValueOf(d))
	return h.sum(), nil
}

// partialKey is the hash of what a partial kept between renders (theme.Keep) can read besides its variant
// arguments: the site part and its data, walked as a page's data is. A partial given the page's data is not
// kept between renders: that data differs on every page, and the partial is rendered once per render anyway.
func (f *Fingerprints) partialKey(data any) (uint64, bool) {
	if _, ok := data.(*PageData); ok {
		return 0, false
	}
	h := f.hasher()
	h.u64(f.site)
	h.value(reflect.ValueOf(data))
	return h.sum(), true
}

// Search is the fingerprint of a language's search index: the site part and every entry, in order, with the
// words the index shows for kinds of entry.
func (f *Fingerprints) Search(r *Renderer) uint64 {
	h := f.hasher()
	h.u64(f.site)
	h.str(r.lang, r.t("project"), r.t("pavilion_exhibit"))
	for _, list := range [][]*model.Entry{r.site.Projects, r.site.Pavilions, r.site.Pages} {
		h.entries(list)
	}
	return h.sum()
}

// hasher hashes with xxHash (XXH64), the same in every process: `showcase build` keeps fingerprints between
// builds (see generator/incremental.go). It is not a cryptographic hash, and needs not be: a contributor who made
// two versions of their entry collide would only keep a page showing one of their own two versions.
func (f *Fingerprints) hasher() *hasher {
	h := hashers.Get().(*hasher)
	h.f = f
	return h
}

// hasher writes to xxHash through a buffer: a page's fingerprint is thousands of small values, and xxHash
// takes them faster in kilobytes than one by one (the sum is the same: it hashes the bytes in order).
type hasher struct {
	f   *Fingerprints
	h   *xxhash.Digest
	buf []byte
}

// hashBuffer is the buffer's size. A string longer than hashDirect bytes goes to xxHash directly.
const (
	hashBuffer = 2048
	hashDirect = 64
)

// hashers are hashers done with, to use again: a build hashes every page and every entry, site object and page.
var hashers = sync.Pool{New: func() any { return &hasher{h: xxhash.New(), buf: make([]byte, 0, hashBuffer)} }}

// sum returns the hash of what was written, and puts the hasher back for another: h is not used after.
func (h *hasher) sum() uint64 {
	h.flush()
	s := h.h.Sum64()
	h.h.Reset()
	h.f = nil
	hashers.Put(h)
	return s
}

func (h *hasher) flush() {
	_, _ = h.h.Write(h.buf)
	h.buf = h.buf[:0]
}

func (h *hasher) u64(xs ...uint64) {
	for _, x := range xs {
		if len(h.buf) > hashBuffer-8 {
			h.flush()
		}
		h.buf = binary.LittleEndian.AppendUint64(h.buf, x)
	}
}

func (h *hasher) int(xs ...int) {
	for _, x := range xs {
		h.u64(uint64(x))
	}
}

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.int(len(s))
		switch {
		case len(s) > hashDirect:
			h.flush()
			_, _ = h.h.WriteString(s)
		default:
			if len(h.buf)+len(s) > hashBuffer {
				h.flush()
			}
			h.buf = append(h.buf, s...)
		}
	}
}

// text hashes a text by language as walk hashes a map: its size, then each language and text, by language.
func (h *hasher) text(t schema.Text) {
	h.int(len(t))
	var buf [4]string // a text has a few languages
	keys := buf[:0]
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		h.str(k, t[k])
	}
}

func (h *hasher) entries(es []*model.Entry) {
	h.int(len(es))
	for _, e := range es {
		h.u64(h.f.own[e])
	}
}

// charts hashes the charts cs by their own hash (a nil one, for a ```chart block that could not be drawn, as 0).
func (h *hasher) charts(cs []*model.Chart) {
	h.int(len(cs))
	for _, c := range cs {
		if c == nil {
			h.u64(0)
		} else {
			h.u64(h.f.own[c])
		}
	}
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	siteType    = reflect.TypeFor[model.Site]()
	datasetType = reflect.TypeFor[model.Dataset]()
	// objects are the model types hashed once each (ownFields) and referred to by that hash or their URL.
	objects = []reflect.Type{reflect.TypeFor[model.Entry](), reflect.TypeFor[model.Term](),
		reflect.TypeFor[model.Taxonomy](), reflect.TypeFor[model.Dataset](), reflect.TypeFor[model.Chart]()}
)

// ownFields hashes an object's fields; the objects it points to count by their URL (in the site or page parts).
// The entries of a term, dataset or chart are left out: layouts show them through the page's own additions
// (counts, users) or its Items, and leaving them out keeps an edit of one entry from changing every term. So are
// a dataset's charts: the pages showing them add them (a chart drawn anew from a dataset, by an entry's ```chart
// block, would change every page through the site part).
func (h *hasher) ownFields(v reflect.Value) {
	for _, f := range fieldsOf(v.Type()) {
		if f.name == "Entries" || f.name == "Inline" || (f.name == "Charts" && v.Type() == datasetType) {
			continue
		}
		h.str(f.name)
		h.ref(v.Field(f.index))
	}
}

// field is a field a fingerprint covers: its index and its name.
type field struct {
	index int
	name  string
}

// fieldCache holds fieldsOf's answers, by type.
var fieldCache sync.Map

// fieldsOf lists the fields of the struct type t that a fingerprint covers: the exported ones, less those tagged
// `fingerprint:"-"` (made from other fields, as an entry's Body is from its BodyParts). It is worked out once
// per type: reflect's StructField is costly to make for every field of every entry.
func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.IsExported() && sf.Tag.Get("fingerprint") != "-" {
			out = append(out, field{i, sf.Name})
		}
	}
	fieldCache.Store(t, out)
	return out
}

// ref hashes v, writing objects as their URL.
func (h *hasher) ref(v reflect.Value) {
	h.walk(v, func(o reflect.Value) { h.str(o.Field(urlField(o.Type())).String()) })
}

// urlFields holds urlField's answers, by type.
var urlFields sync.Map

// urlField is the index of the URL field of an object type.
func urlField(t reflect.Type) int {
	if i, ok := urlFields.Load(t); ok {
		return i.(int)
	}
	f, ok := t.FieldByName("URL")
	if !ok || len(f.Index) != 1 {
		panic(fmt.Sprintf("render: %s has no URL field", t))
	}
	urlFields.Store(t, f.Index[0])
	return f.Index[0]
}

// value hashes v, writing objects as their own hash (an entry with all its fields, its URL among them).
func (h *hasher) value(v reflect.Value) {
	h.walk(v, func(o reflect.Value) {
		sum, ok := h.f.own[o.Addr().Interface()]
		if !ok { // not among the site's lists (cannot happen today): hash it here
			x := h.f.hasher()
			x.ownFields(o)
			sum = x.sum()
		}
		h.u64(sum)
	})
}

// walk hashes v deeply, calling object for each model object it reaches through a pointer.
func (h *hasher) walk(v reflect.Value, object func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Invalid:
		h.u64(0)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.u64(0)
			return
		}
		h.u64(1)
		e := v.Elem()
		switch {
		case e.Type() == siteType:
			// what layouts read of the site is in the site part
		case v.Kind() == reflect.Pointer && slices.Contains(objects, e.Type()):
			object(e)
		default:
			h.walk(e, object)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			h.u64(uint64(t.UnixNano()))
			h.str(t.Location().String())
			return
		}
		for _, f := range fieldsOf(v.Type()) {
			h.walk(v.Field(f.index), object)
		}
	case reflect.Slice, reflect.Array:
		h.int(v.Len())
		for i := range v.Len() {
			h.walk(v.Index(i), object)
		}
	case reflect.Map:
		if v.CanInterface() {
			if t, ok := v.Interface().(schema.Text); ok { // texts by language, without reflection
				h.text(t)
				return
			}
		}
		keys := v.MapKeys()
		if v.Type().Key().Kind() == reflect.String { // compared as they are
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		} else {
			slices.SortFunc(keys, func(a, b reflect.Value) int {
				return strings.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
			})
		}
		h.int(len(keys))
		for _, k := range keys {
			h.walk(k, object)
			h.walk(v.MapIndex(k), object)
		}
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		panic(fmt.Sprintf("render: cannot fingerprint a %s", v.Type()))
	}
}
