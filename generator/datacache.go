package generator

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path"
	"sync"

	"github.com/hkshopendata/showcase/generator/chart"
	"github.com/hkshopendata/showcase/generator/dataset"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
	"github.com/hkshopendata/showcase/generator/validate"
)

// dataCache keeps the data stage's tables and charts between builds of one preview. A table is keyed by its
// dataset's folder, its file description, its field positions and the file's size and modification time; a
// chart by its id, spec, positions and the keys of the tables it reads. Everything that can change a result or
// a diagnostic is in the key, so a kept result is the one a fresh build would compute. The methods are no-ops on
// a nil cache.
type dataCache struct {
	root   *os.Root // the content root the kept tables read from; open for the preview's life
	mu     sync.Mutex
	tables map[string]cachedTable
	charts map[string]cachedChart
	used   map[string]bool
}

type cachedTable struct {
	table *dataset.Table
	err   error
	diags diag.List
}

type cachedChart struct {
	result *chart.Result
	diags  diag.List
}

func newDataCache(root *os.Root) *dataCache {
	return &dataCache{root: root, tables: map[string]cachedTable{}, charts: map[string]cachedChart{},
		used: map[string]bool{}}
}

// key hashes the JSON of parts; a part that cannot be encoded makes the key empty, which is never kept.
func key(parts ...any) string {
	b, err := json.Marshal(parts)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return string(sum[:])
}

func (c *dataCache) tableKey(d *validate.Dataset, f schema.DataFile, display string) string {
	if c == nil {
		return ""
	}
	info, err := c.root.Stat(path.Join(d.Dir, string(f.Path)))
	if err != nil {
		return "" // Open will report it
	}
	return key("table", d.ID, d.Dir, f, display, d.Pos, info.Size(), info.ModTime().UnixNano())
}

func (c *dataCache) chartKey(ch *validate.Chart, lang, table, geo string) string {
	if c == nil || table == "" || (ch.Spec.Map.Geo != "" && geo == "") {
		return ""
	}
	return key("chart", ch.ID, ch.File, ch.Spec, ch.Pos, ch.Inline, lang, table, geo)
}

func (c *dataCache) table(k string) (cachedTable, bool) {
	if c == nil || k == "" {
		return cachedTable{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.tables[k]
	c.used[k] = ok
	return t, ok
}

func (c *dataCache) keepTable(k string, t cachedTable) {
	if c == nil || k == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tables[k], c.used[k] = t, true
}

func (c *dataCache) chart(k string) (cachedChart, bool) {
	if c == nil || k == "" {
		return cachedChart{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.charts[k]
	c.used[k] = ok
	return r, ok
}

func (c *dataCache) keepChart(k string, r cachedChart) {
	if c == nil || k == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.charts[k], c.used[k] = r, true
}

// sweep forgets what the last build did not use.
func (c *dataCache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.tables {
		if !c.used[k] {
			delete(c.tables, k)
		}
	}
	for k := range c.charts {
		if !c.used[k] {
			delete(c.charts, k)
		}
	}
	c.used = map[string]bool{}
}
