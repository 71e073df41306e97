package validate

import (
	"reflect"
	"sync"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Cache keeps, between validations of the same folder (showcase serve), each entry's decoded front matter with
// its positions and problems. It is keyed by the reading of the entry's file (load.Entry.Read), which load.Cache
// keeps the same while the file is unchanged, and by what decoding checks against in site.yaml, its terms and
// languages: a changed file, or a site.yaml with other terms or languages, decodes again.
type Cache struct {
	mu    sync.Mutex
	terms *siteTerms         // those of the last validation
	docs  map[uint64]decoded // by load.Entry.Read
	used  map[uint64]bool
}

type decoded struct {
	file  string
	line  int
	front any // schema.Project, schema.Pavilion or schema.Page
	pos   schema.Positions
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[uint64]decoded{}, used: map[uint64]bool{}} }

// begin starts a validation against site.yaml's terms and languages; others forget every decoded entry.
func (c *Cache) begin(terms *siteTerms) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !reflect.DeepEqual(terms, c.terms) {
		c.terms, c.docs = terms, map[uint64]decoded{}
	}
	for n := range c.docs {
		if !c.used[n] {
			delete(c.docs, n)
		}
	}
	c.used = map[uint64]bool{}
}

func (c *Cache) get(n uint64, file string, line int) (decoded, bool) {
	if c == nil || n == 0 {
		return decoded{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[n]
	if !ok || d.file != file || d.line != line {
		return decoded{}, false
	}
	c.used[n] = true
	return d, true
}

func (c *Cache) put(n uint64, d decoded) {
	if c == nil || n == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[n], c.used[n] = d, true
}
