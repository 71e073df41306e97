package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// The files of an index. A query must load little of a large site's index: at 11,000 entries the words' postings
// are 29 MB and the documents 3.3 MB. Both are cut, in order, into small files (WordBytes, DocBytes):
//
//   - index.json: {"s": [[first word, name], …], "d": [[first document, name], …]}: the files of words, each
//     with the first word it holds (words are in the order of their UTF-8 bytes, which is the order of their code
//     points), and the files of documents, each with the number of its first document;
//   - a file of words: {"t": [words], "p": [[doc, score, doc, score, …], …]}, each word's documents by score,
//     highest first, then by number;
//   - a file of documents: [[url, title, kind, facets, summary, lang], …], in number order.
//
// A query word loads index.json, the file that holds it (and those after it that hold words it begins) and the
// files of the documents it shows. A file's name is a hash of its bytes ("s-3f9a0c1e5b7d9f21"): a host or browser
// that keeps files for long never mixes two builds' files, since index.json is the only name that stays.
//
// Where a file ends depends on what it holds, not on what came before it, so that an edit of one entry changes
// the few files that hold its words and its document, not every file after them (an incremental build keeps the
// others; a browser's cache too): a file ends after a word (a document) whose hash is below a share of the
// 64-bit range proportional to its bytes, once the file holds half of WordBytes (DocBytes), and before a word
// (a document) that would take it past twice that size. So files hold WordBytes (DocBytes) on average.

// WordBytes and DocBytes are the average sizes of a file of words and of documents; no file is larger than twice
// that unless it holds one word or document. A word's postings are never split: a word in most documents of a
// large site makes a larger file of its own. Files of documents are smaller: the results a page lists are
// anywhere in the site, and each loads the file it is in.
const (
	WordBytes = 64 << 10
	DocBytes  = 8 << 10
)

// ends reports whether a file of size bytes (average size limit, half of it at least) ends after an item of
// itemBytes bytes whose key is key: with a chance of itemBytes in limit/2, decided by the key's hash.
func ends(size, limit int, key string, itemBytes int) bool {
	if size < limit/2 {
		return false
	}
	return xxhash.Sum64String(key)>>32 < uint64(itemBytes)<<32/uint64(max(1, limit/2))
}

// Files returns the index files.
func (ix *Index) Files() (Files, error) {
	files := Files{}
	err := ix.Write(func(name string, b []byte) error {
		files[name] = bytes.Clone(b)
		return nil
	})
	return files, err
}

// Write hands the index files to write one at a time: the files of documents, the files of words, then
// index.json, letting go of each word's postings once written: at thousands of documents the index is large, and
// its files need not all be held at once. write must not keep data once it returns. The index is empty afterwards.
func (ix *Index) Write(write func(name string, data []byte) error) error {
	return WriteParts([]*Index{ix}, write)
}

// WriteParts writes indexes built apart, as Write writes one: parts of one index, each given some of the
// documents (none in two parts; a document's number is its number in the whole), so that goroutines can index
// documents at once, each into its own part. The files are those of one index given every document, whatever
// the parts. The parts are empty afterwards; cutting sizes are the first part's.
func WriteParts(parts []*Index, write func(name string, data []byte) error) error {
	ix := parts[0]
	limit := cmp.Or(ix.wordBytes, WordBytes)
	index := []byte(`{"s":[`)
	var file []byte
	// put writes file as the next file named with prefix, and lists it in index.json with first (JSON)
	put := func(prefix string, first []byte) error {
		name := prefix + "-" + fmt.Sprintf("%016x", xxhash.Sum64(file))
		if index[len(index)-1] != '[' {
			index = append(index, ',')
		}
		index = append(append(append(append(append(index, '['), first...), `,"`...), name...), `"]`...)
		return write(name+".json", file)
	}

	// the words, in order
	var t, p, word, postings, first []byte
	n := 0 // words in the file
	flush := func() error {
		file = append(append(append(append(append(file[:0], `{"t":[`...), t...), `],"p":[`...), p...), "]}"...)
		t, p, n = t[:0], p[:0], 0
		return put("s", first)
	}
	size := func() int { return len(t) + len(p) + len(`{"t":[],"p":[]}`) }
	var all, buf []uint32 // a word's postings from every part; byScore's buffer
	for _, w := range words(parts) {
		all = all[:0]
		for _, part := range parts {
			if id, ok := part.ids[w]; ok {
				all = append(all, part.postings[id]...)
				part.postings[id] = nil
				delete(part.ids, w)
			}
		}
		word = appendString(word[:0], w)
		buf = byScore(all, buf)
		postings = appendPostings(postings[:0], all)
		if n > 0 && size()+len(word)+len(postings)+2 > 2*limit {
			if err := flush(); err != nil {
				return err
			}
		}
		if n == 0 {
			first = append(first[:0], word...)
		} else {
			t, p = append(t, ','), append(p, ',')
		}
		t, p, n = append(t, word...), append(p, postings...), n+1
		if ends(size(), limit, w, len(word)+len(postings)) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if n > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	rows := ix.rows
	for _, part := range parts {
		part.postings = nil
		if part != ix { // the rows of one index: each document's is in the part that was given it
			if len(part.rows) > len(rows) {
				rows = append(rows, make([][6]string, len(part.rows)-len(rows))...)
			}
			for n, r := range part.rows {
				if r != ([6]string{}) {
					rows[n] = r
				}
			}
			part.rows = nil
		}
	}

	// the documents, in order
	index = append(index, `],"d":[`...)
	limit = cmp.Or(ix.docBytes, DocBytes)
	var row []byte
	end := func(next int) error { // the file ends before document next
		file = append(file, ']')
		err := put("d", strconv.AppendInt(first[:0], int64(next-n), 10))
		n = 0
		return err
	}
	for i, r := range rows {
		row = appendRow(row[:0], r)
		if n > 0 && len(file)+len(row)+len(",]") > 2*limit {
			if err := end(i); err != nil {
				return err
			}
		}
		if n == 0 {
			file = append(file[:0], '[')
		} else {
			file = append(file, ',')
		}
		file, n = append(file, row...), n+1
		if ends(len(file)+1, limit, r[0], len(row)) {
			if err := end(i + 1); err != nil {
				return err
			}
		}
	}
	if n > 0 {
		if err := end(len(rows)); err != nil {
			return err
		}
	}
	ix.rows = nil
	return write("index.json", append(index, "]}"...))
}

// words returns the words of the parts, sorted, each once.
func words(parts []*Index) []string {
	var ws []string
	for _, part := range parts {
		ws = slices.AppendSeq(ws, maps.Keys(part.ids))
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

// appendPostings appends a word's postings, ordered (byScore), as JSON: [doc, score, doc, score, …].
func appendPostings(b []byte, p []uint32) []byte {
	b = append(b, '[')
	for j, x := range p {
		if j > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64(x>>scoreBits), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, uint64(x&(1<<scoreBits-1)), 10)
	}
	return append(b, ']')
}

// appendRow appends a document's row as JSON: [url, title, kind, facets, summary, lang].
func appendRow(b []byte, r [6]string) []byte {
	b = append(b, '[')
	for i, s := range r {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString appends s as a JSON string, escaped as encoding/json escapes it. A word needs no escaping (it is
// letters and digits), but what encoding/json would write is what is written either way.
func appendString(b []byte, s string) []byte {
	if needsEscape(s) {
		q, _ := json.Marshal(s) // cannot fail for a string
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// needsEscape reports whether encoding/json writes s otherwise than between quotes: with a control character,
// a quote, a backslash, <, > or & (escaped for HTML), U+2028 or U+2029, or bytes that are not UTF-8.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return true
		}
		if c >= utf8.RuneSelf {
			return !utf8.ValidString(s) || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")
		}
	}
	return false
}

// byScore orders a word's postings by score (highest first), then document, in place: as a sort of plain
// numbers, each posting with its score turned into a rank above its document, and turned back after. buf is
// scratch space for a long list, which byScore grows as it needs and returns for the next call.
func byScore(p, buf []uint32) []uint32 {
	const mask = 1<<scoreBits - 1
	for i, x := range p {
		p[i] = (mask-x&mask)<<(32-scoreBits) | x>>scoreBits
	}
	if len(p) < radixMin {
		slices.Sort(p)
	} else {
		buf = slices.Grow(buf[:0], len(p))[:len(p)]
		radixSort(p, buf)
	}
	for i, x := range p {
		p[i] = x<<scoreBits | (mask - x>>(32-scoreBits))
	}
	return buf
}

// radixMin is the length from which byScore sorts by radix: the words on most pages have postings by the
// thousand, and a comparison sort of them was most of the time it took to write a 10,000-entry index.
const radixMin = 512

// radixSort sorts p (not empty) in place by its 32 bits, 11 at a time from the lowest (each pass stable), each
// pass moving the numbers between p and buf, which is as long.
func radixSort(p, buf []uint32) {
	const bits, digits = 11, 1 << 11
	var count [digits]int
	src, dst := p, buf
	for shift := 0; shift < 32; shift += bits {
		clear(count[:])
		for _, x := range src {
			count[x>>shift&(digits-1)]++
		}
		if count[src[0]>>shift&(digits-1)] == len(src) {
			continue // every number has this digit: the pass would move nothing
		}
		at := 0
		for d, c := range count {
			count[d], at = at, at+c
		}
		for _, x := range src {
			d := x >> shift & (digits - 1)
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &p[0] {
		copy(p, src)
	}
}
