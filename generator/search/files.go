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
// files of the documents it shows. A file's name ends with a hash of its bytes ("s12-3f9a0c1e"): a host or browser
// that keeps files for long never mixes two builds' files, since index.json is the only name that stays.

// WordBytes and DocBytes are the sizes at which a file of words or of documents ends and the next begins. A word's
// postings are never split: a word in most documents of a large site makes a larger file of its own. Files of
// documents are smaller: the results a page lists are anywhere in the site, and each loads the file it is in.
const (
	WordBytes = 64 << 10
	DocBytes  = 8 << 10
)

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
	limit := cmp.Or(ix.wordBytes, WordBytes)
	index := []byte(`{"s":[`)
	listed := 0 // files in index.json
	var file []byte
	// put writes file as the next file named with prefix, and lists it in index.json with first (JSON)
	put := func(prefix string, first []byte) error {
		name := prefix + strconv.Itoa(listed) + "-" + fmt.Sprintf("%08x", uint32(xxhash.Sum64(file)))
		if index[len(index)-1] != '[' {
			index = append(index, ',')
		}
		index = append(append(append(append(append(index, '['), first...), `,"`...), name...), `"]`...)
		listed++
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
	for _, w := range slices.Sorted(maps.Keys(ix.ids)) {
		id := ix.ids[w]
		word = appendString(word[:0], w)
		postings = appendPostings(postings[:0], byScore(ix.postings[id]))
		ix.postings[id] = nil
		delete(ix.ids, w)
		if n > 0 && len(t)+len(p)+len(word)+len(postings)+len(`{"t":[,],"p":[,]}`) > limit {
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
	}
	if n > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	ix.postings = nil

	// the documents, in order
	index = append(index, `],"d":[`...)
	listed, limit = 0, cmp.Or(ix.docBytes, DocBytes)
	var row []byte
	for i, r := range ix.rows {
		row = appendRow(row[:0], r)
		if n > 0 && len(file)+len(row)+len(",]") > limit {
			file = append(file, ']')
			if err := put("d", strconv.AppendInt(first[:0], int64(i-n), 10)); err != nil {
				return err
			}
			n = 0
		}
		if n == 0 {
			file = append(file[:0], '[')
		} else {
			file = append(file, ',')
		}
		file, n = append(file, row...), n+1
	}
	if n > 0 {
		file = append(file, ']')
		if err := put("d", strconv.AppendInt(first[:0], int64(len(ix.rows)-n), 10)); err != nil {
			return err
		}
	}
	ix.rows = nil
	return write("index.json", append(index, "]}"...))
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
// numbers, each posting with its score turned into a rank above its document, and turned back after.
func byScore(p []uint32) []uint32 {
	const mask = 1<<scoreBits - 1
	for i, x := range p {
		p[i] = (mask-x&mask)<<(32-scoreBits) | x>>scoreBits
	}
	slices.Sort(p)
	for i, x := range p {
		p[i] = x<<scoreBits | (mask - x>>(32-scoreBits))
	}
	return p
}
