// Package search builds a site's search index at build time, for a small script in the page (themes/default/
// static/js/search.js) to query without any service: one file of documents and shards of an inverted index,
// so a query loads only the shards of its words.
//
// Words are what Tokens returns: text is NFKC-normalised and lower-cased; runs of letters and digits are words
// (the script matches them by prefix, so "qual" finds "quality"); runs of Chinese, Japanese and Korean
// characters give every character and every pair of neighbouring characters, so "觀塘" finds "觀塘區" and a
// one-character query still matches. Bytes that are not UTF-8 (which a build never indexes) separate words. The
// script tokenises queries the same way; testdata/tokens.json holds cases both must agree on. The index is cut
// into small files (files.go), so that a query loads only the few that hold its words and the documents it shows.
package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Doc is one searchable page.
type Doc struct {
	URL     string // site path, with the base path
	Title   string
	Kind    string // shown with the result: "Project", "Pavilion exhibit" (in the page's language)
	Facets  string // shown with the result: "Smart Mobility · Hong Kong"
	Summary string
	Lang    string // the language tag of title and summary when it is not the page's (an untranslated entry)
	// Fields are the texts searched, each with a weight: the title counts more than the body.
	Fields []Field
}

// Field is a text of a document and how much a word found in it counts.
type Field struct {
	Text   string
	Weight int
}

// Weights of the usual fields.
const (
	WeightTitle   = 10
	WeightTags    = 5 // tags, team members, exhibitor
	WeightSummary = 4
	WeightData    = 2 // the titles of the datasets it uses
	WeightBody    = 1
)

// maxScore caps a word's score in one document, so that a word repeated in a long body does not drown titles.
const maxScore = 60

// Tokens splits text into search words.
func Tokens(text string) []string {
	return appendTokens(nil, text)
}

// appendTokens appends the search words of text to out. The words are pieces of text (or of its normalised
// form): nothing is allocated per word of ASCII letters and digits.
func appendTokens(out []string, text string) []string {
	chunks(text, func(w string) { out = append(out, strings.ToLower(w)) }, func(c string) { out = appendOther(out, c) })
	return out
}

// chunks cuts text at its ASCII characters other than letters and digits (which are never part of a word and
// never change under NFKC with what follows them into a letter or digit: the only compositions of such a
// character are symbols like "≠"). A piece that is all ASCII is one word, passed to word as it is (not lowered);
// any other piece, passed to other, holds the characters that need normalising and their neighbours, for
// appendOther to find its words as it would in the whole text. Most text is English: no piece of it is
// normalised.
func chunks(text string, word, other func(c string)) {
	start, plain := -1, true
	for i := 0; i <= len(text); i++ {
		if i < len(text) {
			if c := text[i]; c >= utf8.RuneSelf || isAlnum(c) {
				if start < 0 {
					start, plain = i, true
				}
				plain = plain && c < utf8.RuneSelf
				continue
			}
		}
		if start < 0 {
			continue
		}
		if plain {
			word(text[start:i])
		} else {
			other(text[start:i])
		}
		start = -1
	}
}

// appendOther appends the words of text, a piece chunks passed to other: it is normalised (NFKC) and lower-cased,
// runs of letters and digits are words, and a run of Chinese, Japanese or Korean characters gives every
// character and every pair of neighbours.
func appendOther(out []string, text string) []string {
	if !utf8.ValidString(text) { // NFKC of what is not UTF-8 depends on what follows it
		text = strings.ToValidUTF8(text, " ")
	}
	text = strings.ToLower(norm.NFKC.String(text))
	word, prev := -1, -1 // where the current word starts; where the previous character of a CJK run starts
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r < utf8.RuneSelf && isAlnum(byte(r)) || r >= utf8.RuneSelf && !isCJK(r) &&
			(unicode.IsLetter(r) || unicode.IsDigit(r)):
			prev = -1
			if word < 0 {
				word = i
			}
		case r >= utf8.RuneSelf && isCJK(r): // every character, and every pair with the one before
			if word >= 0 {
				out, word = append(out, text[word:i]), -1
			}
			if prev >= 0 {
				out = append(out, text[prev:i+size])
			}
			out = append(out, text[i:i+size])
			prev = i
		default:
			if word >= 0 {
				out, word = append(out, text[word:i]), -1
			}
			prev = -1
		}
		i += size
	}
	if word >= 0 {
		out = append(out, text[word:])
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isCJK tells the characters that are written without spaces between words.
func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// Files are the search files of one language, by name relative to its search folder: "index.json" and the
// files it names.
type Files map[string][]byte

// Build indexes docs and returns the files Index.Write writes.
func Build(docs []Doc) (Files, error) {
	var ix Index
	for _, d := range docs {
		ix.Add(d)
	}
	return ix.Files()
}

// Index builds the files of Build one document at a time, so that a document's texts need not outlive its Add.
type Index struct {
	// postings[ids[t]] is the word's documents in order, each with its score in the low scoreBits bits (half
	// the memory of pairs: at 10,000 documents the postings are most of a build's memory while it renders).
	// Put adds a document's postings at its end, one per word. (Documents may come in any order: Write sorts each
	// word's postings.)
	// (A word's number, not its postings, is what the map holds: a posting added is one lookup, not two.)
	ids      map[string]int32
	postings [][]uint32
	rows     [][6]string
	words    []string
	lower    []byte // an ASCII word in lower case, to look up without making a string of it
	// The document being put: the words it has so far (numbers), in the order found, and 1 + each one's score
	// there, by number (0: not in it yet). Its postings are added at the end of Put, one per word, where a
	// posting added at every occurrence of a word reads the end of that word's list, anywhere in memory.
	found []int32
	score []uint32
	// keys[id] is the word numbered id, as ids holds it; recent[h] is a word looked up lately whose wordHash is
	// h, as ids holds it, and its number: a word repeated in a text is found there without hashing it into the map.
	keys   []string
	recent [recentWords]recentWord
	// wordBytes and docBytes are WordBytes and DocBytes, or the sizes tests cut files at
	wordBytes, docBytes int
}

// scoreBits hold a posting's score (at most maxScore); the document number is above them.
const scoreBits = 6

var _ [1<<scoreBits - 1 - maxScore]struct{} // does not compile unless every score fits in scoreBits

// MaxDocs is how many documents an index can hold.
const MaxDocs = 1 << (32 - scoreBits)

// Add indexes the next document: the one numbered after the highest so far.
func (ix *Index) Add(d Doc) { ix.Put(len(ix.rows), d) }

// Put indexes d as the document numbered n, which no document has yet. Documents may be put in any order, but
// every number below the highest must have one when the index is written. Put keeps no text of d.Fields (a word
// it keeps is copied), so their memory may be reused once it returns.
func (ix *Index) Put(n int, d Doc) {
	if ix.ids == nil {
		ix.ids = map[string]int32{}
	}
	if n < 0 || n >= MaxDocs {
		panic(fmt.Sprintf("search: document %d of at most %d", n, MaxDocs))
	}
	if n >= len(ix.rows) {
		ix.rows = slices.Grow(ix.rows, n+1-len(ix.rows))[:n+1]
	}
	doc := uint32(n) << scoreBits
	ix.rows[n] = [6]string{d.URL, d.Title, d.Kind, d.Facets, d.Summary, d.Lang}
	for _, f := range d.Fields {
		w := uint32(max(0, min(maxScore, f.Weight)))
		// the words as appendTokens makes them; ASCII ones are lowered by post without a string made of each
		chunks(f.Text, func(t string) { ix.post(t, w) }, func(c string) {
			ix.words = appendOther(ix.words[:0], c)
			for _, t := range ix.words {
				ix.post(t, w)
			}
		})
	}
	for _, id := range ix.found {
		ix.postings[id] = append(ix.postings[id], doc|(ix.score[id]-1))
		ix.score[id] = 0
	}
	ix.found = ix.found[:0]
}

// recentWords is how many words post remembers by wordHash.
const recentWords = 1024

type recentWord struct {
	word string
	id   int32
}

// wordHash is a cheap hash of a word (not empty): its length and its first, middle and last bytes.
func wordHash(t string) int {
	f, m, l := t[0], t[len(t)/2], t[len(t)-1]
	return (len(t)*0x9e3 ^ int(f)*0x3b ^ int(m)*0x61d ^ int(l)*0x17) & (recentWords - 1)
}

// post adds score to the current document's score of the word t, lowering t first if it is ASCII with capitals.
func (ix *Index) post(t string, score uint32) {
	id := ix.lookup(t)
	tally := ix.score[id]
	if tally == 0 {
		ix.found = append(ix.found, id)
		tally = 1
	}
	ix.score[id] = 1 + min(maxScore, tally-1+score)
}

// lookup returns the number of the word t, lowered if it is ASCII with capitals, numbering it if it is new.
func (ix *Index) lookup(t string) int32 {
	if upper(t) {
		ix.lower = ix.lower[:0]
		for i := 0; i < len(t); i++ {
			c := t[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			ix.lower = append(ix.lower, c)
		}
		t = unsafe.String(unsafe.SliceData(ix.lower), len(ix.lower)) // until the next lookup: copied if kept
	}
	h := wordHash(t)
	if r := &ix.recent[h]; r.word == t {
		return r.id
	}
	id, ok := ix.ids[t]
	if !ok {
		t = strings.Clone(t) // not a piece of the document's text (or of ix.lower)
		id = int32(len(ix.postings))
		ix.ids[t] = id
		ix.keys = append(ix.keys, t)
		ix.postings = append(ix.postings, nil)
		ix.score = append(ix.score, 0)
	}
	ix.recent[h] = recentWord{ix.keys[id], id} // the map's copy of the word, not a piece of the document's text
	return id
}

// upper reports whether t has an ASCII capital letter.
func upper(t string) bool {
	for i := 0; i < len(t); i++ {
		if 'A' <= t[i] && t[i] <= 'Z' {
			return true
		}
	}
	return false
}
