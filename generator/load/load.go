// Package load reads a content folder: it finds the site configuration and every entry, splits front matter from
// Markdown, parses YAML into position-carrying nodes and indexes the other files (images, datasets) so that later
// stages can check references without touching the disk. It applies no content rules beyond what reading needs.
//
// Everything is read through an os.Root, so no path in the content (nor a symlink) can make the build read outside
// the content folder.
package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/internal/work"
	"gopkg.in/yaml.v3"
)

// Sections are the content folders that hold entries, in the order they are reported.
var Sections = []string{"projects", "pavilion", "pages"}

// Entry is one Markdown file with front matter.
type Entry struct {
	Path      string // slash path relative to the content root: "projects/a.md", "projects/b/index.md"
	Section   string // "projects", "pavilion" or "pages"
	Name      string // the file name without ".md", or the bundle's folder name: the default slug
	BundleDir string // for a bundle, its folder relative to the content root ("projects/b"); else ""
	// Lang is the language of a translation file ("a.zh-hant.md", "b/index.zh-hant.md"): "" for the entry itself.
	// A translation's Name and BundleDir are its entry's.
	Lang string
	// Front is the front matter's top node: nil when empty, when not parsed yet (LoadOnce, LoadCached), or when
	// let go once decoded (validate does); ParseFront parses it (again).
	Front     *yaml.Node
	FrontLine int // the file line where the front matter starts
	Body      []byte
	BodyLine  int // the file line where the body starts
	// Read numbers the reading of the file: every Entry a load made from one reading (LoadCached reuses it while
	// the file is unchanged) has its number, and a file read again gets a new one. validate.Cache keys the
	// decoded front matter on it. 0 for an Entry not read by this package.
	Read uint64

	front []byte // the front matter's YAML, as read (a piece of the file, as Body is)
}

// reads numbers the readings of entry files (Entry.Read).
var reads atomic.Uint64

// ParseFront parses the front matter into Front, unless it is parsed already, and reports false (with the
// problem in diags, each path shown as display+"/"+path) when it is not valid YAML.
func (e *Entry) ParseFront(display string, diags *diag.List) bool {
	return e.ParseFrontIn(nil, display, diags)
}

// ParseFrontIn is ParseFront, parsing in s (when not nil): Front is then good until s parses again, and must be
// let go before that.
func (e *Entry) ParseFrontIn(s *Scratch, display string, diags *diag.List) bool {
	if e.Front != nil || e.front == nil {
		return true
	}
	n, err := parseYAML(e.front, e.FrontLine, s)
	if err != nil {
		r := reader{display: display, diags: diags}
		r.yamlError(e.Path, err)
		return false
	}
	e.Front = n
	return true
}

// LetGo lets go of the file as read: its Body and its front matter's YAML (a Front already parsed is kept).
// The file is one allocation holding both, so dropping Body alone keeps it all. ParseFront has nothing to parse
// after it, and Body is nil.
func (e *Entry) LetGo() {
	e.Body, e.front = nil, nil
}

// Content is everything read from a content folder.
type Content struct {
	Dir      string     // the content folder as given
	Site     *yaml.Node // site.yaml's top node
	SitePath string     // "site.yaml"
	Entries  []*Entry   // sorted by Path
	Datasets []*Doc     // datasets/<id>/dataset.yaml, sorted by Path
	Charts   []*Doc     // charts/<id>.yaml, sorted by Path
	Files    map[string]FileInfo
}

// Doc is a standalone YAML document: a dataset's dataset.yaml or a chart file.
type Doc struct {
	Path string     // slash path relative to the content root: "datasets/x/dataset.yaml", "charts/y.yaml"
	Name string     // the dataset's folder name or the chart's file name without extension: its default id
	Node *yaml.Node // the document's top node (nil when empty); lines are file lines
}

// FileInfo describes a regular file in the content folder.
type FileInfo struct {
	Size    int64
	ModTime time.Time
}

// HasFile reports whether p (slash path relative to the content root) is a regular file inside the root.
func (c *Content) HasFile(p string) bool {
	_, ok := c.Files[p]
	return ok
}

// HasDir reports whether some file lies under the folder p.
func (c *Content) HasDir(p string) bool {
	prefix := strings.TrimSuffix(p, "/") + "/"
	for f := range c.Files {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

// Load reads the content folder dir. Problems with individual files are returned as diagnostics (each path shown
// as display+"/"+path); an error is returned only when the folder itself cannot be read.
func Load(dir, display string) (*Content, diag.List, error) {
	return LoadCached(dir, display, nil)
}

// LoadOnce is Load for a one-off pass over the content: it leaves each entry's front matter unparsed, to be
// parsed by whoever decodes it (Entry.ParseFront, which validate calls on all cores), so that the YAML node trees
// of all entries, which are larger than the files, are never held at once. A YAML error in front matter is then
// reported by ParseFront rather than by the load.
func LoadOnce(dir, display string) (*Content, diag.List, error) {
	return load(dir, display, nil, true)
}

// LoadCached is Load reusing, from cache, what was read of files that did not change since the last load. With a
// cache it leaves front matter unparsed, as LoadOnce does: whoever decodes it parses it (Entry.ParseFront), so
// that the cache keeps the files' text, not their larger YAML node trees. A nil cache is Load.
func LoadCached(dir, display string, cache *Cache) (*Content, diag.List, error) {
	if cache == nil {
		return load(dir, display, nil, false)
	}
	return load(dir, display, cache, true)
}

func load(dir, display string, cache *Cache, lazy bool) (*Content, diag.List, error) {
	var diags diag.List
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, diags, fmt.Errorf("open content folder: %w", err)
	}
	defer root.Close()
	c := &Content{Dir: dir, SitePath: "site.yaml", Files: map[string]FileInfo{}}
	r := reader{root: root, folders: newFolders(root), display: display, diags: &diags, lazy: lazy}
	defer r.folders.Close()
	index, problems, changed, ok := cache.takeIndex()
	if ok {
		r.update(index, problems, changed)
	} else {
		index, problems = map[string]FileInfo{}, map[string]*diag.List{}
		if err := r.walk(".", index, problems); err != nil {
			return nil, diags, err
		}
	}
	cache.keepIndex(index, problems)
	c.Files = maps.Clone(index) // the cache's is updated by the next load
	for _, p := range sortedKeys(problems) {
		diags.Merge(*problems[p])
	}
	cache.prune(c.Files)
	r.sizes = c.Files // read only from here on
	r.readSite(c, cache)
	paths := slices.DeleteFunc(sortedKeys(c.Files), func(p string) bool { return p == c.SitePath })
	parsed := make([]cached, len(paths))
	var misses []int
	for i, p := range paths {
		var hit bool
		if parsed[i], hit = cache.lookup(p, c.Files[p]); !hit {
			misses = append(misses, i)
		}
	}
	work.Each(len(misses), func(j int) { parsed[misses[j]] = r.parse(paths[misses[j]]) }) // on all cores
	for _, i := range misses {
		cache.store(paths[i], c.Files[paths[i]], parsed[i])
	}
	for i := range paths {
		k := parsed[i]
		diags.Merge(k.diags)
		if k.entry != nil {
			e := *k.entry // later stages may set fields of their copy; the parsed YAML and body are shared
			c.Entries = append(c.Entries, &e)
		}
		if k.doc != nil {
			d := *k.doc
			if strings.HasPrefix(paths[i], "charts/") {
				c.Charts = append(c.Charts, &d)
			} else {
				c.Datasets = append(c.Datasets, &d)
			}
		}
	}
	return c, diags, nil
}

// parse reads p if it is an entry or a YAML document, collecting its problems apart so that they can be kept.
func (r reader) parse(p string) cached {
	var k cached
	r.diags = &k.diags // r is a copy: files are parsed concurrently
	k.entry = r.entry(p)
	if d, ok := classifyDoc(p); ok && r.doc(d) {
		k.doc = d
	}
	return k
}

type reader struct {
	root    *os.Root
	folders *folders            // when set, what the root is asked through
	sizes   map[string]FileInfo // when set, the files' sizes as walked: what to read them into
	display string
	diags   *diag.List
	lazy    bool // entries' front matter is left for Entry.ParseFront
}

func (r *reader) pos(p string, line int) diag.Pos {
	return diag.Pos{File: path.Join(r.display, p), Line: line}
}

// walk records every regular file under start (a folder, "." for the root) in index, and the problems of the
// others in problems. Hidden files and folders are skipped; symlinks are followed only while they stay inside the
// root; anything else (pipes, devices, escaping links) is reported and skipped. The folders are read one after
// the other, and their files looked at on all cores.
func (r *reader) walk(start string, index map[string]FileInfo, problems map[string]*diag.List) error {
	var links []string
	err := fs.WalkDir(r.root.FS(), start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			if p != start || !errors.Is(err, fs.ErrNotExist) { // a changed folder may be gone meanwhile
				problem(problems, p).Errorf(r.pos(p, 0), "", "", "cannot read: %v", unwrapPath(err))
			}
			return nil
		}
		if p != start && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case d.Type()&fs.ModeSymlink != 0:
			links = append(links, p) // stat'ed below, following the link inside the root
		default:
			// a file of a folder read through an os.Root was lstat'ed by the read (os.newUnixDirent): what
			// stat would say, but for a link
			info, err := d.Info()
			r.record(p, info, err, index, problems)
		}
		return nil
	})
	if err != nil {
		return err
	}
	type stat struct {
		info fs.FileInfo
		err  error
	}
	stats := make([]stat, len(links))
	work.Each(len(links), func(i int) { stats[i].info, stats[i].err = r.stat(links[i]) })
	for i, p := range links {
		r.record(p, stats[i].info, stats[i].err, index, problems)
	}
	return nil
}

// file records the file (or link) at p.
func (r *reader) file(p string, index map[string]FileInfo, problems map[string]*diag.List) {
	info, err := r.stat(p)
	r.record(p, info, err, index, problems)
}

// stat stats p, following a symlink and refusing one that leaves the root.
func (r *reader) stat(p string) (fs.FileInfo, error) {
	if r.folders != nil {
		return r.folders.Stat(p)
	}
	return r.root.Stat(p)
}

// open opens p for reading, refusing a symlink that leaves the root.
func (r *reader) open(p string) (*os.File, error) {
	if r.folders != nil {
		return r.folders.Open(p)
	}
	return r.root.Open(p)
}

// record records what stat said of p.
func (r *reader) record(p string, info fs.FileInfo, err error, index map[string]FileInfo,
	problems map[string]*diag.List) {
	switch {
	case err != nil:
		problem(problems, p).Errorf(r.pos(p, 0), "", "keep every file inside the content folder",
			"cannot read: %v", unwrapPath(err))
	case info.IsDir():
		problem(problems, p).Warnf(r.pos(p, 0), "", "", "symbolic link to a folder is not followed")
	case !info.Mode().IsRegular():
		problem(problems, p).Errorf(r.pos(p, 0), "", "", "not a regular file")
	default:
		index[p] = FileInfo{Size: info.Size(), ModTime: info.ModTime()}
	}
}

func problem(problems map[string]*diag.List, p string) *diag.List {
	l := problems[p]
	if l == nil {
		l = &diag.List{}
		problems[p] = l
	}
	return l
}

// update brings the last load's index up to date at the changed paths (files or folders, added, changed or
// removed), as a walk of the whole folder would.
func (r *reader) update(index map[string]FileInfo, problems map[string]*diag.List, changed []string) {
	for _, p := range changed {
		if hiddenPath(p) {
			continue
		}
		_, wasFile := index[p]
		delete(index, p)
		delete(problems, p)
		if !wasFile { // perhaps a folder: forget what was under it
			for k := range index {
				if strings.HasPrefix(k, p+"/") {
					delete(index, k)
				}
			}
			for k := range problems {
				if strings.HasPrefix(k, p+"/") {
					delete(problems, k)
				}
			}
		}
		info, err := r.root.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// removed
		case err == nil && info.IsDir():
			_ = r.walk(p, index, problems) // only the root's own failure is an error, and p is not the root
		default:
			r.file(p, index, problems)
		}
	}
}

// hiddenPath reports whether a walk skips p: some part of it starts with a dot.
func hiddenPath(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *reader) readSite(c *Content, cache *Cache) {
	if !c.HasFile(c.SitePath) {
		r.diags.Errorf(r.pos(c.SitePath, 0), "", "every site needs one; see docs/content-model.md",
			"site.yaml is missing")
		return
	}
	k, hit := cache.lookup(c.SitePath, c.Files[c.SitePath])
	if !hit {
		all := r.diags
		r.diags = &k.diags
		k.doc = &Doc{Path: c.SitePath, Node: r.parseSite(c.SitePath)}
		r.diags = all
		cache.store(c.SitePath, c.Files[c.SitePath], k)
	}
	r.diags.Merge(k.diags)
	c.Site = k.doc.Node // the same node while site.yaml is unchanged: later stages may key their caches on it
}

func (r *reader) parseSite(p string) *yaml.Node {
	src, ok := r.read(p, MaxSiteBytes)
	if !ok {
		return nil
	}
	n, err := ParseYAML(src, 1)
	if err != nil {
		r.yamlError(p, err)
		return nil
	}
	if n == nil {
		r.diags.Errorf(r.pos(p, 1), "", "", "site.yaml is empty")
	}
	return n
}

// entry reads p if it is a Markdown entry of a section, or returns nil.
func (r *reader) entry(p string) *Entry {
	e, ok := classify(p)
	if !ok {
		return nil
	}
	src, ok := r.read(p, MaxEntryBytes)
	if !ok {
		return nil
	}
	front, body, frontLine, bodyLine, err := Split(src)
	if err != nil {
		r.diags.Errorf(r.pos(p, 1), "", "", "%v", err)
		return nil
	}
	if len(front) > MaxFrontMatterBytes {
		r.diags.Errorf(r.pos(p, frontLine), "", "", "front matter is %d bytes; the limit is %d", len(front),
			MaxFrontMatterBytes)
		return nil
	}
	e.FrontLine, e.Body, e.BodyLine = frontLine, body, bodyLine
	e.Read = reads.Add(1)
	e.front = front
	if e.front == nil {
		e.front = []byte{} // an empty front matter, still to be parsed (into a nil node)
	}
	if !r.lazy && !e.ParseFront(r.display, r.diags) {
		return nil
	}
	return e
}

// classify tells whether p is an entry, "<section>/<name>.md" or "<section>/<name>/index.md", or a translation
// of one, "<section>/<name>.<lang>.md" or "<section>/<name>/index.<lang>.md". A name has no dot (slugs have
// none), so the part between the last two dots is a language.
func classify(p string) (*Entry, bool) {
	parts := strings.Split(p, "/")
	if !slices.Contains(Sections, parts[0]) || !strings.HasSuffix(p, ".md") {
		return nil, false
	}
	base, lang := splitLang(strings.TrimSuffix(parts[len(parts)-1], ".md"))
	switch {
	case len(parts) == 2:
		return &Entry{Path: p, Section: parts[0], Name: base, Lang: lang}, true
	case len(parts) == 3 && base == "index":
		return &Entry{Path: p, Section: parts[0], Name: parts[1], BundleDir: parts[0] + "/" + parts[1], Lang: lang},
			true
	}
	return nil, false
}

// splitLang splits "a.zh-hant" into "a" and "zh-hant"; a name without a dot has no language.
func splitLang(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return name, ""
	}
	return name[:i], name[i+1:]
}

// classifyDoc tells whether p is a dataset's "datasets/<id>/dataset.yaml" or a chart's "charts/<id>.yaml".
func classifyDoc(p string) (*Doc, bool) {
	parts := strings.Split(p, "/")
	switch {
	case len(parts) == 3 && parts[0] == "datasets" && parts[2] == "dataset.yaml":
		return &Doc{Path: p, Name: parts[1]}, true
	case len(parts) == 2 && parts[0] == "charts" && (path.Ext(p) == ".yaml" || path.Ext(p) == ".yml"):
		return &Doc{Path: p, Name: strings.TrimSuffix(parts[1], path.Ext(p))}, true
	}
	return nil, false
}

// doc reads and parses a standalone YAML document; false when it cannot be used (already reported).
func (r *reader) doc(d *Doc) bool {
	src, ok := r.read(d.Path, MaxSiteBytes)
	if !ok {
		return false
	}
	n, err := ParseYAML(src, 1)
	if err != nil {
		r.yamlError(d.Path, err)
		return false
	}
	d.Node = n
	return true
}

func (r *reader) read(p string, limit int64) ([]byte, bool) {
	f, err := r.open(p)
	if err != nil {
		r.diags.Errorf(r.pos(p, 0), "", "", "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	defer f.Close()
	size := int64(-1)
	if info, ok := r.sizes[p]; ok {
		size = info.Size
	}
	src, err := readAll(f, limit+1, size)
	switch {
	case err != nil:
		r.diags.Errorf(r.pos(p, 0), "", "", "cannot read: %v", unwrapPath(err))
		return nil, false
	case int64(len(src)) > limit:
		r.diags.Errorf(r.pos(p, 0), "", "split it, or move large data into a dataset",
			"file is larger than %d KiB", limit>>10)
		return nil, false
	case !utf8.Valid(src):
		r.diags.Errorf(r.pos(p, firstInvalidLine(src)), "", "save the file as UTF-8", "invalid UTF-8")
		return nil, false
	}
	return src, true
}

// readAll reads at most limit bytes of f into a slice of the file's size (io.ReadAll's doubling would keep up to
// twice the size alive for as long as the body is): size when it is known (the walk's; the file is read to its
// end all the same), else f's own.
func readAll(f *os.File, limit, size int64) ([]byte, error) {
	if size < 0 {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		size = st.Size()
	}
	size = min(max(size, 0), limit)
	buf := make([]byte, 0, size+1) // +1 to see the end of the file without growing
	for int64(len(buf)) < limit {
		n, err := f.Read(buf[len(buf):min(cap(buf), int(limit))])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) && int64(len(buf)) < limit { // the file grew: read on
			buf = append(buf, 0)[:len(buf)]
		}
	}
	return buf, nil
}

func firstInvalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

func (r *reader) yamlError(p string, err error) {
	var se *SyntaxError
	if errors.As(err, &se) {
		r.diags.Errorf(r.pos(p, se.Line), "", "", "%s", se.Msg)
		return
	}
	r.diags.Errorf(r.pos(p, 0), "", "", "%v", err)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ReadEntry reads the entry file at p (a slash path relative to root) as a load of the whole folder would, for
// `showcase serve` to take in an edit of one file: it returns nil, with any problems in the list, when p is not
// an entry, is hidden, is not a regular file inside the root, or cannot be read and parsed.
func ReadEntry(root *os.Root, display, p string) (*Entry, diag.List) {
	var diags diag.List
	if hiddenPath(p) {
		return nil, diags
	}
	if info, err := root.Stat(p); err != nil || !info.Mode().IsRegular() {
		return nil, diags
	}
	r := reader{root: root, display: display, diags: &diags}
	return r.entry(p), diags
}
