// Package search builds a site's search index at build time, for a small script in the page (themes/default/
// static/js/search.js) to query without any service: one file of documents and shards of an inverted index,
// so a query loads only the shards of its words.
//
// Words are what Tokens returns: text is NFKC-normalised and lower-cased; runs of letters and digits are words
// (the script matches them by prefix, so "qual" finds "quality"); runs of Chinese, Japanese and Korean
// characters give every character and every pair of neighbouring characters, so "觀塘" finds "觀塘區" and a
// one-character query still matches. Bytes that are not UTF-8 (which a build never indexes) separate words. The
// script tokenises queries the same way; testdata/tokens.json holds cases both must agree on.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// Shard names the index file that holds a word: its first character, folded into 32 files for Chinese.
func Shard(token string) string {
	r := []rune(token)[0]
	switch {
	case r >= 'a' && r <= 'z':
		return string(r)
	case r >= '0' && r <= '9':
		return "0"
	case isCJK(r):
		return fmt.Sprintf("c%02d", int(r)%32)
	}
	return "x"
}

// Files are the search files of one language, by name relative to its search folder: "docs.json" and one
// "<shard>.json" per shard.
type Files map[string][]byte

// Build indexes docs. docs.json is an array of [url, title, kind, facets, summary, lang]; a shard is
// {"t": [words, sorted], "p": [[doc, score, doc, score, …], …]} with each word's documents by score.
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
	// Documents are indexed one after the other, so a word's last posting is the current document's if it has one.
	// (A word's number, not its postings, is what the map holds: a posting added is one lookup, not two.)
	ids      map[string]int32
	postings [][]uint32
	rows     [][6]string
	words    []string
	lower    []byte // an ASCII word in lower case, to look up without making a string of it
}

// scoreBits hold a posting's score (at most maxScore); the document number is above them.
const scoreBits = 6

var _ [1<<scoreBits - 1 - maxScore]struct{} // does not compile unless every score fits in scoreBits

// MaxDocs is how many documents an index can hold.
const MaxDocs = 1 << (32 - scoreBits)

// Add indexes the next document.
func (ix *Index) Add(d Doc) {
	if ix.ids == nil {
		ix.ids = map[string]int32{}
	}
	if len(ix.rows) >= MaxDocs {
		panic(fmt.Sprintf("search: more than %d documents", MaxDocs))
	}
	doc := uint32(len(ix.rows)) << scoreBits
	ix.rows = append(ix.rows, [6]string{d.URL, d.Title, d.Kind, d.Facets, d.Summary, d.Lang})
	for _, f := range d.Fields {
		w := uint32(max(0, min(maxScore, f.Weight)))
		// the words as appendTokens makes them; ASCII ones are lowered by post without a string made of each
		chunks(f.Text, func(t string) { ix.post(t, doc|w) }, func(c string) {
			ix.words = appendOther(ix.words[:0], c)
			for _, t := range ix.words {
				ix.post(t, doc|w)
			}
		})
	}
}

// post adds the posting p (a document and a score) to the word t, lowering t first if it is ASCII with capitals.
func (ix *Index) post(t string, p uint32) {
	var id int32
	var ok bool
	if upper(t) {
		ix.lower = ix.lower[:0]
		for i := 0; i < len(t); i++ {
			c := t[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			ix.lower = append(ix.lower, c)
		}
		if id, ok = ix.ids[string(ix.lower)]; !ok {
			t = string(ix.lower)
		}
	} else if id, ok = ix.ids[t]; !ok {
		t = strings.Clone(t) // not a piece of the document's text, which may be large
	}
	if !ok {
		id = int32(len(ix.postings))
		ix.ids[t] = id
		ix.postings = append(ix.postings, nil)
	}
	ps := &ix.postings[id]
	if n := len(*ps); n > 0 && (*ps)[n-1]>>scoreBits == p>>scoreBits {
		(*ps)[n-1] = p&^(1<<scoreBits-1) | min(maxScore, (*ps)[n-1]&(1<<scoreBits-1)+p&(1<<scoreBits-1))
		return
	}
	*ps = append(*ps, p)
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

// Files returns the index files.
func (ix *Index) Files() (Files, error) {
	files := Files{}
	err := ix.Write(func(name string, b []byte) error {
		files[name] = bytes.Clone(b)
		return nil
	})
	return files, err
}

// Write hands the index files to write one at a time, docs.json first and then the shards by name, letting go
// of each shard's words once it is written: at thousands of documents the index is large, and its files need not
// all be held at once. write must not keep data once it returns. The index is empty afterwards.
func (ix *Index) Write(write func(name string, data []byte) error) error {
	b, err := marshal(ix.rows)
	if err != nil {
		return err
	}
	ix.rows = nil
	if err := write("docs.json", b); err != nil {
		return err
	}
	byShard := map[string][]string{}
	for t := range ix.ids {
		name := Shard(t)
		byShard[name] = append(byShard[name], t)
	}
	var buf []byte
	for _, name := range slices.Sorted(maps.Keys(byShard)) {
		tokens := byShard[name]
		slices.Sort(tokens)
		buf = appendShard(buf[:0], tokens, func(i int) []uint32 {
			id := ix.ids[tokens[i]]
			p := ix.postings[id]
			ix.postings[id] = nil
			delete(ix.ids, tokens[i])
			return p
		})
		if err := write(name+".json", buf); err != nil {
			return err
		}
	}
	ix.postings = nil
	return nil
}

// appendShard appends a shard's JSON, {"t": [words], "p": [[doc, score, doc, score, …], …]} with each word's
// postings (given by postings(i), in document order) ordered by score, then document. It writes what
// encoding/json would (the words with its escaping), a good deal faster: a 10k site's shards hold 7 million
// numbers.
func appendShard(b []byte, tokens []string, postings func(i int) []uint32) []byte {
	b = append(b, `{"t":[`...)
	for i, t := range tokens {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
	}
	b = append(b, `],"p":[`...)
	for i := range tokens {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, x := range byScore(postings(i)) {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(x>>scoreBits), 10)
			b = append(b, ',')
			b = strconv.AppendUint(b, uint64(x&(1<<scoreBits-1)), 10)
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
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

// marshal is json.Marshal without a trailing newline and with HTML-safe escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
