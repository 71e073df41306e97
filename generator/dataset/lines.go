package dataset

import (
	"bytes"
	"fmt"
	"io"
)

// lineCounter passes text through, counting lines so that an offset (asked in increasing order) can be given its
// line, and refusing to read more than a window past a given offset (so that one record cannot fill memory).
type lineCounter struct {
	r      io.Reader
	read   int64   // bytes read
	nl     []int64 // offsets of newlines read; nl[head:] are at or after the last offset asked
	head   int
	passed int   // newlines before it
	end    int64 // Read fails at this offset; 0: no limit
	size   int64 // the window's size, for the message
}

// window lets reading go at most size bytes (plus a margin for the decoder's read-ahead) past offset.
func (c *lineCounter) window(offset, size int64) {
	c.end, c.size = offset+size+64<<10, size
}

func (c *lineCounter) Read(p []byte) (int, error) {
	if c.end > 0 {
		if c.read >= c.end {
			return 0, &limitError{msg: fmt.Sprintf("a record larger than %d MiB", c.size>>20)}
		}
		if int64(len(p)) > c.end-c.read {
			p = p[:c.end-c.read]
		}
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		c.nl = append(c.nl, c.read+int64(i+j))
		i += j + 1
	}
	c.read += int64(n)
	return n, err
}

// lineAt returns the line (from 1) of the byte at offset. Offsets must not decrease from one call to the next.
func (c *lineCounter) lineAt(offset int64) int {
	for c.head < len(c.nl) && c.nl[c.head] < offset {
		c.head++
		c.passed++
	}
	if c.head > 1024 && c.head > len(c.nl)/2 { // forget the passed newlines, in amortised constant time
		c.nl = append(c.nl[:0], c.nl[c.head:]...)
		c.head = 0
	}
	return c.passed + 1
}
