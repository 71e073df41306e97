package validate

import (
	"sync"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
	"gopkg.in/yaml.v3"
)

// Cache keeps, between validations of the same folder (showcase serve), each entry's decoded front matter with
// its positions and problems. It is keyed by the parsed front matter's node, which load.Cache keeps the same
// while the file is unchanged, and by site.yaml's node, whose terms the decoding checks against: a changed file
// or a changed site.yaml decodes again.
type Cache struct {
	mu   sync.Mutex
	site *yaml.Node
	docs map[*yaml.Node]decoded
	used map[*yaml.Node]bool
}

type decoded struct {
	file  string
	line  int
	front any // schema.Project, schema.Pavilion or schema.Page
	pos   schema.Positions
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[*yaml.Node]decoded{}, used: map[*yaml.Node]bool{}} }

// begin starts a validation against site.yaml's node; a different one forgets every decoded entry.
func (c *Cache) begin(site *yaml.Node) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if site != c.site {
		c.site, c.docs = site, map[*yaml.Node]decoded{}
	}
	for n := range c.docs {
		if !c.used[n] {
			delete(c.docs, n)
		}
	}
	c.used = map[*yaml.Node]bool{}
}

func (c *Cache) get(n *yaml.Node, file string, line int) (decoded, bool) {
	if c == nil || n == nil {
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

func (c *Cache) put(n *yaml.Node, d decoded) {
	if c == nil || n == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[n], c.used[n] = d, true
}
