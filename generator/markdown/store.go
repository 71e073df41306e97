package markdown

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"html/template"
	"io"
	"strings"
)

// A saved cache outlives the process: a build saves the conversions it used beside its output folder, and the
// next build into that folder reads them back, so that a body whose bytes did not change is not converted again.
// A saved result is used like any other cached one: only when every link and image in the body resolves now as
// it did then. It is only valid for the program that made it (another converter may render the same bytes
// otherwise): the caller names that program with a version, and a cache saved under another version reads as
// empty. So does a file that is damaged, cut short or of another format: its CRC-32C is checked first.
//
// A build saves as it converts: each conversion is written out when it is made, so that a cache need not hold
// the conversions of a whole site until the end (Forget), and the conversions it read and used are written at
// the end (Finish). The file is the magic line and the version, then one record per conversion (a 1, the body's
// SHA-256, size and first line, the result, the resolver calls' destinations and the sum of their answers), in
// uvarints and length-prefixed strings, then a 0 and the CRC-32C of all that.

const storeMagic = "showcase markdown cache 2\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// NewSavedCache returns an empty cache that can be saved (Cache.Save).
func NewSavedCache() *Cache {
	c := NewCache()
	c.stable = true
	return c
}

// ReadCache reads a cache that was saved under version, size bytes from r. Whatever goes wrong, it returns a
// cache that can be used and saved: an empty one, and the reason it is empty.
func ReadCache(r io.Reader, size int64, version string) (*Cache, error) {
	c := NewSavedCache()
	if size < int64(len(storeMagic))+5 || size > 1<<40 {
		return c, errors.New("not a saved Markdown cache")
	}
	var data strings.Builder // a string, so that the results can share its bytes
	data.Grow(int(size))
	crc := crc32.New(castagnoli)
	buf := make([]byte, 1<<20)
	for read := int64(0); read < size; {
		n := int(min(int64(len(buf)), size-read))
		if _, err := io.ReadFull(r, buf[:n]); err != nil {
			return c, fmt.Errorf("reading the saved Markdown cache: %w", err)
		}
		crc.Write(buf[:max(0, min(int64(n), size-4-read))]) // all but the last 4 bytes, the CRC itself
		data.Write(buf[:n])
		read += int64(n)
	}
	s := data.String()
	body, sum := s[:len(s)-4], s[len(s)-4:]
	if binary.LittleEndian.Uint32([]byte(sum)) != crc.Sum32() || !strings.HasPrefix(body, storeMagic) {
		return c, errors.New("the saved Markdown cache is damaged or of another format")
	}
	d := decoder{s: body[len(storeMagic):]}
	if d.str() != version {
		return c, errors.New("the saved Markdown cache was made by another program")
	}
	entries := map[cacheKey][]*cachedResult{}
	for d.bool() {
		start := d.s
		var k cacheKey
		copy(k.sum[:], d.take(len(k.sum)))
		k.size, k.firstLine = d.int(), d.int()
		v := d.variant()
		if d.bad {
			break
		}
		v.record = start[:len(start)-len(d.s)]
		if len(entries[k]) < maxVariants { // the first ones: the newest (Finish writes what was read last)
			entries[k] = append(entries[k], v)
		}
	}
	if d.bad || d.s != "" {
		return c, errors.New("the saved Markdown cache is damaged")
	}
	c.entries, c.read = entries, len(entries)
	return c, nil
}

// saving is where a cache is being saved.
type saving struct {
	w   io.Writer
	crc hash.Hash32
	e   encoder
	err error
}

// Save starts saving the cache to w under version: from now on every conversion is written to w when it is
// made. Finish writes the rest. Only a cache made by NewSavedCache or ReadCache can be saved.
func (c *Cache) Save(w io.Writer, version string) error {
	if !c.stable {
		return errors.New("this Markdown cache knows bodies by a hash that cannot be saved")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	crc := crc32.New(castagnoli)
	c.saving = &saving{w: w, crc: crc, e: encoder{w: bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<20)}}
	c.saving.e.w.WriteString(storeMagic)
	c.saving.e.str(version)
	return nil
}

// Forget makes the cache save the conversions it makes without remembering them: for a build that asks for each
// body once, and would only hold them twice.
func (c *Cache) Forget() {
	c.mu.Lock()
	c.forget = true
	c.mu.Unlock()
}

// save writes a conversion of the body k. c.mu is held.
func (s *saving) save(k cacheKey, v *cachedResult) {
	if s.err != nil {
		return
	}
	s.e.w.WriteByte(1)
	s.e.w.Write(k.sum[:])
	s.e.int(k.size)
	s.e.int(k.firstLine)
	s.err = s.e.variant(v)
}

// Finish writes the conversions read and used since, and the end of the file. changed is false when the file
// written holds the conversions that were read, and nothing else: the file read can stay (and the one written
// was not finished).
func (c *Cache) Finish() (changed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.saving
	if s == nil {
		return false, errors.New("the Markdown cache is not being saved")
	}
	c.saving = nil
	if c.fresh == 0 && len(c.used) == c.read {
		return false, nil
	}
	for k := range c.used { // in any order, as the conversions streamed before them
		for _, v := range c.entries[k] {
			if v.record != "" { // read, not converted: it was not written yet
				s.e.w.WriteByte(1)
				s.e.w.WriteString(v.record)
			}
		}
	}
	s.e.w.WriteByte(0)
	if s.err == nil {
		s.err = s.e.w.Flush()
	}
	if s.err == nil {
		_, s.err = s.w.Write(binary.LittleEndian.AppendUint32(nil, s.crc.Sum32()))
	}
	return true, s.err
}

type encoder struct {
	w       *bufio.Writer
	scratch []byte
}

func (e *encoder) int(n int) {
	e.scratch = appendInt(e.scratch[:0], n)
	e.w.Write(e.scratch)
}

func (e *encoder) str(s string) {
	e.int(len(s))
	e.w.WriteString(s)
}

func (e *encoder) variant(v *cachedResult) error {
	r := v.res
	e.str(string(r.HTML))
	e.int(len(r.Parts))
	total := 0
	for _, p := range r.Parts { // the pieces of r.HTML, one after the other: their lengths say where they are
		e.int(len(p.HTML))
		e.int(p.Chart + 1)
		total += len(p.HTML)
	}
	if total != len(r.HTML) {
		return errors.New("a converted body's parts are not its HTML")
	}
	e.int(len(r.Headings))
	for _, h := range r.Headings {
		e.int(h.Level)
		e.str(h.ID)
		e.str(h.Text)
	}
	e.int(r.Words)
	e.int(len(r.Problems))
	for _, p := range r.Problems {
		e.scratch = appendProblem(e.scratch[:0], p)
		e.w.Write(e.scratch)
	}
	e.str(v.dests)
	e.w.Write(v.answers[:])
	return nil
}

// decoder reads what encoder wrote from s, sharing its bytes. Once bad, it reads zeros.
type decoder struct {
	s   string
	bad bool
}

func (d *decoder) take(n int) string {
	if d.bad || n < 0 || n > len(d.s) {
		d.bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder) int() int {
	var x uint64
	for shift := 0; shift < 63 && !d.bad; shift += 7 {
		b := d.take(1)
		if d.bad {
			break
		}
		x |= uint64(b[0]&0x7f) << shift
		if b[0] < 0x80 {
			if x > 1<<40 {
				break
			}
			return int(x)
		}
	}
	d.bad = true
	return 0
}

// count reads the length of a list, which cannot be longer than what is left to read.
func (d *decoder) count() int {
	n := d.int()
	if n > len(d.s) {
		d.bad = true
		return 0
	}
	return n
}

func (d *decoder) bool() bool {
	b := d.take(1)
	if d.bad || b[0] > 1 {
		d.bad = true
		return false
	}
	return b[0] == 1
}

func (d *decoder) str() string { return d.take(d.int()) }

func (d *decoder) problem() Problem {
	return Problem{Line: d.int(), Col: d.int(), Warning: d.bool(), Msg: d.str(), Hint: d.str()}
}

func (d *decoder) variant() *cachedResult {
	var r Result
	html := d.str()
	r.HTML = template.HTML(html)
	r.Parts = make([]Part, d.count())
	from := 0
	for i := range r.Parts {
		n, chart := d.int(), d.int()-1
		if n > len(html)-from {
			d.bad = true
			return nil
		}
		r.Parts[i] = Part{HTML: template.HTML(html[from : from+n]), Chart: chart}
		from += n
	}
	if from != len(html) {
		d.bad = true
		return nil
	}
	if n := d.count(); n > 0 {
		r.Headings = make([]Heading, n)
		for i := range r.Headings {
			r.Headings[i] = Heading{Level: d.int(), ID: d.str(), Text: d.str()}
		}
	}
	r.Words = d.int()
	if n := d.count(); n > 0 {
		r.Problems = make([]Problem, n)
		for i := range r.Problems {
			r.Problems[i] = d.problem()
		}
	}
	v := &cachedResult{res: r, dests: d.str()}
	copy(v.answers[:], d.take(len(v.answers)))
	return v
}
