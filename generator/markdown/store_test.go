package markdown

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

// storeBodies are bodies with every part of a Result: headings, a chart block, links and images, a problem.
var storeBodies = []string{
	"## Where we started\n\nSee [the map](/projects/map/) and ![a chart](chart.png).\n\n### 細節\n\nText.\n",
	"Before the chart.\n\n```chart\nref: rain\n```\n\nAfter it, [a link](other.md).\n",
	"A [broken link](missing.md), a warning.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n",
	"Plain text, nothing to resolve.\n",
}

// storeResolver resolves like a site: other.md is at target; missing.md is a problem.
func storeResolver(target string, calls *int) Resolver {
	return func(dest string, image bool) (string, bool, Problem) {
		*calls++
		switch dest {
		case "other.md":
			return target, true, Problem{}
		case "missing.md":
			return "", false, Problem{Line: 1, Col: 3, Warning: true, Msg: "no such entry", Hint: "check the name"}
		}
		return dest, true, Problem{}
	}
}

// saved converts bodies through c while it is saved, and returns the file.
func saved(t *testing.T, c *Cache, version string, bodies []string, resolve Resolver) ([]byte, bool) {
	t.Helper()
	var file bytes.Buffer
	if err := c.Save(&file, version); err != nil {
		t.Fatal(err)
	}
	for i, b := range bodies {
		if _, err := c.Convert([]byte(b), i+3, resolve); err != nil {
			t.Fatal(err)
		}
	}
	changed, err := c.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return file.Bytes(), changed
}

func read(t *testing.T, file []byte, version string) *Cache {
	t.Helper()
	c, err := ReadCache(bytes.NewReader(file), int64(len(file)), version)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSavedCache saves a cache, reads it back and converts the same bodies: nothing is converted again, every
// result is what a conversion gives, and every link is still resolved; a link that resolves otherwise converts
// its body again; saving a cache that did nothing new writes nothing, and one that was not asked for a body
// forgets it.
func TestSavedCache(t *testing.T) {
	calls := 0
	resolve := storeResolver("/projects/other/", &calls)
	file, changed := saved(t, NewSavedCache(), "v1", storeBodies, resolve)
	if !changed {
		t.Error("a new cache's file: not changed")
	}
	converting := calls // the resolver calls of a conversion of every body
	c := read(t, file, "v1")
	calls = 0
	for i, b := range storeBodies {
		got, err := c.Convert([]byte(b), i+3, resolve)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Convert([]byte(b), i+3, resolve)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("body %d, read back:\n%#v\nconverted:\n%#v", i, got, want)
		}
	}
	if n := c.Converted(); n != 0 {
		t.Errorf("%d bodies converted again", n)
	}
	if calls != 2*converting || converting == 0 { // replayed, then converted for comparison
		t.Errorf("%d resolver calls, want twice %d", calls, converting)
	}

	// the same bodies, saved again: nothing changed
	c = read(t, file, "v1")
	if again, changed := saved(t, c, "v1", storeBodies, resolve); changed {
		t.Errorf("nothing converted, every body asked for, and the file changed (%d bytes)", len(again))
	}

	// the second body's link moved: it alone is converted again, and both ways are saved
	c = read(t, file, "v1")
	moved, changed := saved(t, c, "v1", storeBodies, storeResolver("/projects/renamed/", &calls))
	if n := c.Converted(); n != 1 || !changed {
		t.Errorf("a moved link: %d bodies converted (want 1), changed %v", n, changed)
	}
	c = read(t, moved, "v1")
	for _, target := range []string{"/projects/other/", "/projects/renamed/"} {
		res, _ := c.Convert([]byte(storeBodies[1]), 4, storeResolver(target, &calls))
		if !strings.Contains(string(res.HTML), `href="`+target+`"`) {
			t.Errorf("read back for %s: %s", target, res.HTML)
		}
	}
	if n := c.Converted(); n != 0 {
		t.Errorf("both ways of resolving were saved, yet %d bodies were converted again", n)
	}

	// a body not asked for is not saved again
	c = read(t, file, "v1")
	fewer, changed := saved(t, c, "v1", storeBodies[:2], resolve)
	if !changed {
		t.Error("a body was not asked for, and the file did not change")
	}
	c = read(t, fewer, "v1")
	if len(c.entries) != 2 {
		t.Errorf("%d bodies read back, want the 2 asked for", len(c.entries))
	}
}

// TestSavedCacheForgets: a cache told to forget saves every conversion it makes but keeps none in memory.
func TestSavedCacheForgets(t *testing.T) {
	calls := 0
	c := NewSavedCache()
	c.Forget()
	file, _ := saved(t, c, "v1", storeBodies, storeResolver("/projects/other/", &calls))
	if len(c.entries) != 0 {
		t.Errorf("%d conversions held", len(c.entries))
	}
	c = read(t, file, "v1")
	if len(c.entries) != len(storeBodies) {
		t.Errorf("%d conversions saved, want %d", len(c.entries), len(storeBodies))
	}
}

// TestSavedCacheRejected: a file of another version, or damaged anywhere, reads as an empty cache, which
// converts every body and can be saved.
func TestSavedCacheRejected(t *testing.T) {
	calls := 0
	resolve := storeResolver("/projects/other/", &calls)
	file, _ := saved(t, NewSavedCache(), "v1", storeBodies, resolve)
	bad := map[string][]byte{"cut short": file[:len(file)-1], "empty": nil, "only the magic": []byte(storeMagic)}
	for _, at := range []int{0, len(storeMagic) + 1, len(file) / 2, len(file) - 5, len(file) - 1} {
		b := bytes.Clone(file)
		b[at] ^= 0x20
		bad[fmt.Sprintf("a byte changed at %d", at)] = b
	}
	for name, b := range bad {
		c, err := ReadCache(bytes.NewReader(b), int64(len(b)), "v1")
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if again, _ := saved(t, c, "v1", storeBodies, resolve); c.Converted() != len(storeBodies) || len(again) == 0 {
			t.Errorf("%s: %d bodies converted, %d bytes saved", name, c.Converted(), len(again))
		}
	}
	if _, err := ReadCache(bytes.NewReader(file), int64(len(file)), "v2"); err == nil ||
		!strings.Contains(err.Error(), "another program") {
		t.Errorf("another version: %v", err)
	}
	if err := NewCache().Save(&bytes.Buffer{}, "v1"); err == nil {
		t.Error("a cache that knows bodies by maphash was saved")
	}
}

// FuzzReadCache reads any records, in a file whose magic line, version and CRC are right: reading never
// panics, and a cache that reads without error serves what it holds.
func FuzzReadCache(f *testing.F) {
	calls := 0
	var file bytes.Buffer
	c := NewSavedCache()
	c.Save(&file, "v")
	for i, b := range storeBodies {
		c.Convert([]byte(b), i+3, storeResolver("/x/", &calls))
	}
	c.Finish()
	f.Add(file.Bytes()[len(storeMagic)+2 : file.Len()-4]) // the records, after the version "v"
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, records []byte) {
		b := append([]byte(storeMagic+"\x01v"), records...)
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
		c, err := ReadCache(bytes.NewReader(b), int64(len(b)), "v")
		if err != nil {
			return
		}
		for k, variants := range c.entries {
			for _, v := range variants {
				if len(v.res.Parts) == 0 {
					continue
				}
				var whole strings.Builder
				for _, p := range v.res.Parts {
					whole.WriteString(string(p.HTML))
				}
				if whole.String() != string(v.res.HTML) {
					t.Fatalf("%x: parts %q are not the HTML %q", k.sum[:4], whole.String(), v.res.HTML)
				}
				replay(v, func(string, bool) (string, bool, Problem) { return "", true, Problem{} })
			}
		}
	})
}
