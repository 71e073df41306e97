package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/cespare/xxhash/v2"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite testdata/tokens.json")

// tokenCases are texts whose words the generator and the page's script must agree on (testdata/tokens.json).
var tokenCases = []string{
	"Air Quality Nowcast",
	"air-quality, open_data & GIS!",
	"觀塘區的空氣質素",
	"浦东新区 Pudong",
	"ＡＢＣ１２３ full-width", // NFKC: full-width letters and digits
	"Café Déjà-vu",
	"MTR 港鐵 2024年3月",
	"東京タワー と 서울",
	"  ",
	"a",
}

func TestTokens(t *testing.T) {
	for text, want := range map[string][]string{
		"Air Quality":    {"air", "quality"},
		"觀塘區":            {"觀", "觀塘", "塘", "塘區", "區"},
		"浦东 Pudong":      {"浦", "浦东", "东", "pudong"},
		"ＡＢＣ１":           {"abc1"},
		"2024年3月":        {"2024", "年", "3", "月"},
		"open-data, GIS": {"open", "data", "gis"},
		"":               nil,
	} {
		if got := Tokens(text); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", text, got, want)
		}
	}
}

type tokenCase struct {
	Text   string   `json:"text"`
	Tokens []string `json:"tokens"`
}

// TestTokensFile keeps testdata/tokens.json what the generator says; TestScriptAgrees checks the script.
func TestTokensFile(t *testing.T) {
	var cases []tokenCase
	for _, text := range tokenCases {
		c := tokenCase{Text: text, Tokens: Tokens(text)}
		if c.Tokens == nil {
			c.Tokens = []string{}
		}
		cases = append(cases, c)
	}
	b, _ := json.MarshalIndent(cases, "", "  ")
	b = append(b, '\n')
	p := filepath.Join("testdata", "tokens.json")
	if *update {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if old, err := os.ReadFile(p); err != nil || string(old) != string(b) {
		t.Errorf("%s is not what the generator says (run with -update): %v", p, err)
	}
}

// TestScriptAgrees runs the page's search script in Node.js on testdata/tokens.json.
func TestScriptAgrees(t *testing.T) {
	bin := sitetest.Node(t)
	script := `
const s = require(process.argv[1]);
const cases = require(process.argv[2]);
let bad = 0;
for (const c of cases) {
  const got = s.tokens(c.text);
  if (JSON.stringify(got) !== JSON.stringify(c.tokens)) {
    console.log(JSON.stringify(c.text) + ": script " + JSON.stringify(got) + ", generator " + JSON.stringify(c.tokens));
    bad++;
  }
}
process.exit(bad ? 1 : 0);
`
	js := sitetest.Script(t, "../../themes/default/static/js/search.js")
	cases, _ := filepath.Abs("testdata/tokens.json")
	out, err := exec.Command(bin, "-e", script, js, cases).CombinedOutput()
	if err != nil {
		t.Errorf("the script splits words differently:\n%s%v", out, err)
	}
}

func TestBuild(t *testing.T) {
	files, err := Build([]Doc{
		{URL: "/a/", Title: "Air Watch", Fields: []Field{{"Air Watch", WeightTitle}, {"quality of air", WeightBody}}},
		{URL: "/b/", Title: "Bus", Fields: []Field{{"Bus", WeightTitle}, {"air air air", WeightBody}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var index indexFile
	if err := json.Unmarshal(files["index.json"], &index); err != nil {
		t.Fatal(err)
	}
	if len(index.S) != 1 || len(index.D) != 1 || len(files) != 3 {
		t.Fatalf("a small index is index.json, one file of words and one of documents: %s", files["index.json"])
	}
	docs := files[index.D[0].name()+".json"]
	if got := string(docs); got != `[["/a/","Air Watch","","","",""],["/b/","Bus","","","",""]]` {
		t.Errorf("documents = %s", got)
	}
	var words wordFile
	if err := json.Unmarshal(files[index.S[0].name()+".json"], &words); err != nil {
		t.Fatal(err)
	}
	i := slices.Index(words.T, "air")
	// the title counts more than a word repeated in a body: /a/ first
	if i < 0 || !slices.Equal(words.P[i], []int{0, WeightTitle + WeightBody, 1, 3 * WeightBody}) {
		t.Errorf("words = %+v", words)
	}
	if !slices.IsSorted(words.T) || strings.Contains(string(docs), "<") {
		t.Errorf("words unsorted or HTML unsafe")
	}
}

// indexFile is index.json: [first word or document, file name] pairs.
type indexFile struct {
	S []firstOf `json:"s"`
	D []firstOf `json:"d"`
}

type firstOf [2]any

func (f firstOf) name() string { return f[1].(string) }

// wordFile is a file of words.
type wordFile struct {
	T []string `json:"t"`
	P [][]int  `json:"p"`
}

// TestWordFileJSON checks a file of words against encoding/json and a plain sort of the postings: random
// postings, and words of every kind, escaping included (words are letters and digits, but the writer does not
// rely on it).
func TestWordFileJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"air", "觀塘", "0", "a\"b", `back\slash`, "<script>", "a&b", "tab\there", "line\u2028sep",
		"para\u2029sep", "bad\xffutf8", "Ünïcödé", "\x00", ""}
	for round := range 200 {
		tokens := slices.Clone(words[:1+round%len(words)])
		slices.Sort(tokens)
		ix := Index{ids: map[string]int32{}, wordBytes: 1 << 30}
		want := struct {
			T []string  `json:"t"`
			P [][]int64 `json:"p"`
		}{T: tokens}
		for i, w := range tokens {
			var p []uint32
			for doc := range uint32(1 + rng.IntN(300)) {
				if rng.IntN(3) == 0 {
					p = append(p, doc<<scoreBits|uint32(rng.IntN(maxScore+1)))
				}
			}
			if round%7 == 0 { // one high document number
				p = append(p, (MaxDocs-1)<<scoreBits|maxScore)
			}
			ix.ids[w], ix.postings = int32(i), append(ix.postings, slices.Clone(p))
			slices.SortStableFunc(p, func(a, b uint32) int { // score first, highest first; then document
				return cmp.Or(cmp.Compare(b&maxMask, a&maxMask), cmp.Compare(a>>scoreBits, b>>scoreBits))
			})
			flat := []int64{}
			for _, x := range p {
				flat = append(flat, int64(x>>scoreBits), int64(x&maxMask))
			}
			want.P = append(want.P, flat)
		}
		w, err := marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		files, err := ix.Files()
		if err != nil {
			t.Fatal(err)
		}
		var index indexFile
		if err := json.Unmarshal(files["index.json"], &index); err != nil || len(index.S) != 1 {
			t.Fatalf("round %d: index.json %s, %v", round, files["index.json"], err)
		}
		if got := files[index.S[0].name()+".json"]; string(got) != string(w) {
			t.Fatalf("round %d:\n got %s\nwant %s", round, got, w)
		}
	}
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

const maxMask = 1<<scoreBits - 1

// TestAddAgainstTokens checks that Add, which lowers ASCII words itself, indexes every document under exactly
// the words Tokens gives, with the scores summed and capped as the plain statement below does.
func TestAddAgainstTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"Air", "AIR", "air", "aIr", "Quality", "MTR", "mtr", "2024", "x1", "港鐵", "觀塘區", "Café",
		"ÉCOLE", "ＡＢＣ", " ", ", ", "-", "\n", "&amp;"}
	var ix Index
	want := map[string][]uint32{}
	for doc := range uint32(300) {
		var fields []Field
		for range 1 + rng.IntN(4) {
			var s strings.Builder
			for range rng.IntN(40) {
				s.WriteString(pieces[rng.IntN(len(pieces))])
			}
			fields = append(fields, Field{Text: s.String(), Weight: []int{WeightTitle, WeightBody, maxScore, 0}[rng.IntN(4)]})
		}
		ix.Add(Doc{URL: fmt.Sprint(doc), Fields: fields})
		for _, f := range fields {
			for _, w := range Tokens(f.Text) {
				p := want[w]
				if n := len(p); n > 0 && p[n-1]>>scoreBits == doc {
					p[n-1] = doc<<scoreBits | min(maxScore, p[n-1]&maxMask+uint32(f.Weight))
				} else {
					p = append(p, doc<<scoreBits|uint32(f.Weight))
				}
				want[w] = p
			}
		}
	}
	if len(ix.ids) != len(want) {
		t.Errorf("%d words, want %d", len(ix.ids), len(want))
	}
	for w, p := range want {
		id, ok := ix.ids[w]
		if !ok || !slices.Equal(ix.postings[id], p) {
			t.Errorf("%q: %v, want %v", w, ix.postings[id], p)
		}
	}
}

// randomDocs are n documents of words that share beginnings (so that a prefix's words run over files of words), in
// English, Chinese and characters beyond U+FFFF (which JavaScript's < orders otherwise than Go).
func randomDocs(n int) []Doc {
	rng := rand.New(rand.NewPCG(7, 8))
	vocab := []string{"air", "airport", "airy", "aisle", "bus", "buses", "business", "busy", "quality", "quiet",
		"mtr", "MTR", "2024", "20", "c", "x1", "港鐵", "觀塘區", "浦东", "𠀀𠀁", "𠀀", "\ufe73", "café", "Ünï", "a&b", "<b>"}
	docs := make([]Doc, n)
	for i := range docs {
		text := func(k int) string {
			var s []string
			for range 1 + rng.IntN(k) {
				s = append(s, vocab[rng.IntN(len(vocab))])
			}
			return strings.Join(s, " ")
		}
		title := text(3)
		docs[i] = Doc{URL: fmt.Sprintf("/d%d/", i), Title: title, Summary: text(6), Kind: "Project",
			Fields: []Field{{title, WeightTitle}, {text(20), WeightBody}}}
	}
	return docs
}

// TestWriteCuts checks the files of a large index cut small: index.json names every file, by the first word or
// document it holds, with a hash of its bytes; the files hold every word in order and every document in order,
// each file within twice its size unless it holds one word or document, half of it on average; and the same
// index gives the same files.
func TestWriteCuts(t *testing.T) {
	docs := randomDocs(400)
	build := func() Files { return indexFiles(t, docs, 600, 500) }
	files := build()
	var index indexFile
	if err := json.Unmarshal(files["index.json"], &index); err != nil {
		t.Fatal(err)
	}
	if len(index.S) < 5 || len(index.D) < 5 || len(files) != 1+len(index.S)+len(index.D) {
		t.Fatalf("%d files of words, %d of documents, %d files in all", len(index.S), len(index.D), len(files))
	}
	named := func(prefix string, i int, f firstOf) []byte {
		t.Helper()
		b, ok := files[f.name()+".json"]
		if want := fmt.Sprintf("%s-%016x", prefix, xxhash.Sum64(b)); !ok || f.name() != want {
			t.Fatalf("%s: no such file, or not named %s", f.name(), want)
		}
		return b
	}
	var all []string
	for i, f := range index.S {
		b := named("s", i, f)
		var words wordFile
		if err := json.Unmarshal(b, &words); err != nil {
			t.Fatal(err)
		}
		if len(words.T) == 0 || words.T[0] != f[0] || len(words.P) != len(words.T) || len(b) > 1200 && len(words.T) > 1 {
			t.Errorf("%s: %d words from %q (listed from %q), %d bytes", f.name(), len(words.T), words.T, f[0], len(b))
		}
		all = append(all, words.T...)
	}
	want := map[string]bool{}
	for _, d := range docs {
		for _, f := range d.Fields {
			for _, w := range Tokens(f.Text) {
				want[w] = true
			}
		}
	}
	if !slices.IsSorted(all) || !slices.Equal(all, slices.Sorted(maps.Keys(want))) {
		t.Errorf("the files hold %d words, want the %d words of the documents in order", len(all), len(want))
	}
	next := 0
	for i, f := range index.D {
		b := named("d", i, f)
		var rows [][6]string
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatal(err)
		}
		if f[0] != float64(next) || len(b) > 1000 && len(rows) > 1 {
			t.Errorf("%s: listed from document %v, holds %d from %d, %d bytes", f.name(), f[0], len(rows), next, len(b))
		}
		for _, r := range rows {
			if d := docs[next]; r != [6]string{d.URL, d.Title, d.Kind, d.Facets, d.Summary, d.Lang} {
				t.Errorf("document %d: %q", next, r)
			}
			next++
		}
	}
	if next != len(docs) {
		t.Errorf("%d documents in the files, want %d", next, len(docs))
	}
	if again := build(); !maps.EqualFunc(files, again, bytes.Equal) {
		t.Error("the same documents gave other files")
	}
}

// TestWriteCutsStay checks that an edit of one document changes few files: where a file ends depends on what it
// holds, not on the bytes before it, so the files after an edited word or document stay as they were (an
// incremental build keeps them, and so do browsers' caches).
func TestWriteCutsStay(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	docs := make([]Doc, 600)
	for i := range docs {
		var words []string
		for range 30 {
			words = append(words, fmt.Sprintf("w%04d", rng.IntN(4000)))
		}
		docs[i] = Doc{URL: fmt.Sprintf("/d%d/", i), Title: words[0] + " " + words[1],
			Fields: []Field{{words[0] + " " + words[1], WeightTitle}, {strings.Join(words[2:], " "), WeightBody}}}
	}
	build := func() (words, documents map[string]bool) {
		files := indexFiles(t, docs, 2000, 400)
		words, documents = map[string]bool{}, map[string]bool{}
		size := map[bool]int{} // bytes of the files of words (true), of documents
		for name, b := range files {
			switch {
			case strings.HasPrefix(name, "s-"):
				words[name], size[true] = true, size[true]+len(b)
			case strings.HasPrefix(name, "d-"):
				documents[name], size[false] = true, size[false]+len(b)
			}
			if limit := map[bool]int{true: 2000, false: 400}[strings.HasPrefix(name, "s-")]; name != "index.json" &&
				len(b) > 2*limit {
				t.Errorf("%s: %d bytes, more than twice %d (no word or document here is that large)", name, len(b), limit)
			}
		}
		// files hold their size (WordBytes, DocBytes) on average
		if avg := size[true] / len(words); avg < 1600 || avg > 2400 {
			t.Errorf("files of words hold %d bytes on average, want about 2000", avg)
		}
		if avg := size[false] / len(documents); avg < 300 || avg > 500 {
			t.Errorf("files of documents hold %d bytes on average, want about 400", avg)
		}
		return words, documents
	}
	words, documents := build()
	edited := &docs[300]
	edited.Title = "an edited title, longer than before by far, and with new words"
	edited.Fields[0].Text = edited.Title // two words gone from it, ten new ones
	words2, documents2 := build()
	gone := func(a, b map[string]bool) int {
		n := 0
		for name := range a {
			if !b[name] {
				n++
			}
		}
		return n
	}
	// each word changed is in one file, which may end elsewhere and so change the next one
	if n := gone(words, words2); len(words) < 50 || n > 8 {
		t.Errorf("%d of %d files of words changed by a new title", n, len(words))
	}
	if n := gone(documents, documents2); len(documents) < 50 || n > 2 {
		t.Errorf("%d of %d files of documents changed by a new title", n, len(documents))
	}
}

// TestScriptFinds runs the page's script on an index cut into many small files, in Node.js, and checks that it
// finds, for each query, the documents a plain reading of the postings gives, in the same order: every query word
// (a letter or digit alone left out beside longer words) matching a word exactly or, when it is letters or digits
// longer than one, the words it begins, at 0.8 of their score; scores summed over the words; best first, then by
// number from the highest (the newest entry: render numbers them oldest first). It also lists the first results alone, as the page lists 20 at a time.
func TestScriptFinds(t *testing.T) {
	bin := sitetest.Node(t)
	t.Run("small files", func(t *testing.T) {
		scriptFinds(t, bin, randomDocs(300), 500, 400, []string{"air", "ai", "a", "air q", "bus", "busi",
			"Bus QUALITY", "mtr 2024", "2", "20", "c", "港鐵", "觀塘", "塘", "𠀀", "𠀀𠀁", "\ufe73", "caf", "ün", "a&b",
			"b", "nothing", "air 港鐵", "x1 c"})
	})
	t.Run("one file", func(t *testing.T) { // words beyond U+FFFF and from U+E000 in one file, which is searched
		docs := []Doc{{URL: "/0/", Fields: []Field{{"𠀀 \ufe73 air", 1}}}, {URL: "/1/", Fields: []Field{{"\ufe73x 𠀁", 2}}}}
		scriptFinds(t, bin, docs, 0, 0, []string{"𠀀", "𠀁", "\ufe73", "\ufe73x", "air"})
	})
}

// scriptFinds runs TestScriptFinds' check on docs indexed in files of wordBytes and docBytes (0: the defaults).
func scriptFinds(t *testing.T, bin string, docs []Doc, wordBytes, docBytes int, queries []string) {
	ix := Index{wordBytes: wordBytes, docBytes: docBytes}
	postings := map[string]map[int]int{} // the reference: word → document → score (capped)
	for i, d := range docs {
		ix.Add(d)
		for _, f := range d.Fields {
			for _, w := range Tokens(f.Text) {
				if postings[w] == nil {
					postings[w] = map[int]int{}
				}
				postings[w][i] = min(maxScore, postings[w][i]+f.Weight)
			}
		}
	}
	files, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	byPrefix := func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return !isCJK(r) && utf8.RuneCountInString(w) > 1
	}
	type found struct {
		Total int      `json:"total"`
		URLs  []string `json:"urls"`
		First []string `json:"first"`
	}
	want := map[string]found{}
	for _, q := range queries {
		var ws []string // the query's words as the script takes them
		toks := Tokens(q)
		for _, w := range toks {
			if isCJKWord(w) && utf8.RuneCountInString(w) == 1 && slices.ContainsFunc(toks, func(p string) bool {
				return isCJKWord(p) && utf8.RuneCountInString(p) == 2 && strings.Contains(p, w)
			}) || slices.Contains(ws, w) {
				continue
			}
			ws = append(ws, w)
		}
		if longer := slices.DeleteFunc(slices.Clone(ws), func(w string) bool {
			return !isCJKWord(w) && utf8.RuneCountInString(w) == 1
		}); len(longer) > 0 {
			ws = longer
		}
		var total map[int]float64
		for _, w := range ws {
			m := map[int]float64{}
			for t, ps := range postings {
				if t != w && !(byPrefix(w) && strings.HasPrefix(t, w)) {
					continue
				}
				for doc, s := range ps {
					v := float64(s)
					if t != w {
						v = float64(s) * 0.8
					}
					m[doc] = max(m[doc], v)
				}
			}
			if total == nil {
				total = m
				continue
			}
			next := map[int]float64{}
			for doc, s := range total {
				if v, ok := m[doc]; ok {
					next[doc] = s + v
				}
			}
			total = next
		}
		ids := slices.SortedFunc(maps.Keys(total), func(a, b int) int {
			return cmp.Or(cmp.Compare(total[b], total[a]), cmp.Compare(b, a))
		})
		f := found{Total: len(ids), URLs: []string{}, First: []string{}}
		for i, id := range ids {
			f.URLs = append(f.URLs, docs[id].URL)
			if i < 3 {
				f.First = append(f.First, docs[id].URL)
			}
		}
		want[q] = f
	}
	script := `
const s = require(process.argv[1]), fs = require("fs"), path = require("path");
const dir = process.argv[2], queries = JSON.parse(process.argv[3]);
const load = (name) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, name + ".json"), "utf8")));
(async () => {
  const out = {};
  for (const q of queries) {
    const all = await s.find(q, load, 1e9), first = await s.find(q, load, 3);
    out[q] = { total: all.total, urls: all.docs.map((d) => d[0]), first: first.docs.map((d) => d[0]) };
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`
	js := sitetest.Script(t, "../../themes/default/static/js/search.js")
	qs, _ := json.Marshal(queries)
	out, err := exec.Command(bin, "-e", script, js, dir, string(qs)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string]found
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, q := range queries {
		if g, w := got[q], want[q]; g.Total != w.Total || !slices.Equal(g.URLs, w.URLs) || !slices.Equal(g.First, w.First) {
			t.Errorf("%q: the script finds %d %v… (first %v), want %d %v… (first %v)", q, g.Total, g.URLs[:min(8, len(g.URLs))],
				g.First, w.Total, w.URLs[:min(8, len(w.URLs))], w.First)
		}
	}
	for _, q := range queries {
		if want[q].Total == 0 && q != "nothing" && q != "2" {
			t.Errorf("%q finds nothing: not a test", q)
		}
	}
}

// isCJKWord tells a word of Chinese, Japanese or Korean characters.
func isCJKWord(w string) bool { r, _ := utf8.DecodeRuneInString(w); return isCJK(r) }

// indexFiles adds docs in order to an index of files of wordBytes and docBytes (0: the defaults), and returns its
// files.
func indexFiles(t *testing.T, docs []Doc, wordBytes, docBytes int) Files {
	t.Helper()
	ix := Index{wordBytes: wordBytes, docBytes: docBytes}
	for _, d := range docs {
		ix.Add(d)
	}
	files, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestPut checks that documents put in any order, each with its number, give the files that adding them in
// number order gives.
func TestPut(t *testing.T) {
	docs := randomDocs(200)
	var put Index
	for _, n := range rand.New(rand.NewPCG(3, 4)).Perm(len(docs)) {
		put.Put(n, docs[n])
	}
	b, err := put.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(indexFiles(t, docs, 0, 0), b, bytes.Equal) {
		t.Error("documents put out of order give other files")
	}
}

// TestPutKeepsNoText puts each document with its texts in one buffer, overwritten by the next document's (as
// render's search index gives bodies), and checks that the files are those of documents whose texts are their
// own.
func TestPutKeepsNoText(t *testing.T) {
	docs := randomDocs(200)
	// and documents of two words that take the same place among the words seen lately (wordHash), so that each
	// is found in the map, where the other was
	other := ""
	for i := 0; other == ""; i++ {
		if w := fmt.Sprintf("w%d", i); wordHash(w) == wordHash("air") {
			other = w
		}
	}
	for i := range 3 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/c%d/", i), Fields: []Field{{"Air " + other + " air " + other, WeightBody}}})
	}
	var reused Index
	var buf []byte
	for n, d := range docs {
		d.Fields = slices.Clone(d.Fields)
		buf = buf[:0]
		for _, f := range d.Fields {
			buf = append(buf, f.Text...)
		}
		at := 0
		for i, f := range d.Fields {
			d.Fields[i].Text = unsafe.String(unsafe.SliceData(buf[at:]), len(f.Text))
			at += len(f.Text)
		}
		reused.Put(n, d)
		if w, ok := holdsText(&reused, buf); ok {
			t.Fatalf("document %d: the index holds %q, a piece of its text", n, w)
		}
		for i := range buf {
			buf[i] = 'x' // what a later text would write there
		}
	}
	b, err := reused.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(indexFiles(t, docs, 0, 0), b, bytes.Equal) {
		t.Error("documents whose texts' memory was reused after Put give other files")
	}
}

// holdsText returns a word the index holds, as a word or a word seen lately, that is a piece of text.
func holdsText(ix *Index, text []byte) (string, bool) {
	if len(text) == 0 {
		return "", false
	}
	from := uintptr(unsafe.Pointer(unsafe.SliceData(text)))
	in := func(w string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(w)))
		return w != "" && from <= p && p < from+uintptr(len(text))
	}
	for w := range ix.ids {
		if in(w) {
			return w, true
		}
	}
	for _, w := range ix.keys {
		if in(w) {
			return w, true
		}
	}
	for _, r := range ix.recent {
		if in(r.word) {
			return r.word, true
		}
	}
	return "", false
}

// TestWriteParts checks that documents indexed in parts (each given to one part, in any order) write the files
// one index given them all writes: with one to four parts, some of them empty, with files cut small and large.
func TestWriteParts(t *testing.T) {
	docs := randomDocs(300)
	rng := rand.New(rand.NewPCG(9, 10))
	for _, cut := range [][2]int{{0, 0}, {2 << 10, 1 << 10}} {
		want := indexFiles(t, docs, cut[0], cut[1])
		for n := range 4 {
			parts := make([]*Index, n+1)
			for i := range parts {
				parts[i] = &Index{wordBytes: cut[0], docBytes: cut[1]}
			}
			for _, d := range rng.Perm(len(docs)) {
				k := rng.IntN(len(parts))
				if n == 3 { // four parts: the highest number in the first, so the others have fewer rows; the last empty
					k = rng.IntN(3)
					if d == len(docs)-1 {
						k = 0
					}
				}
				parts[k].Put(d, docs[d])
			}
			got := Files{}
			err := WriteParts(parts, func(name string, b []byte) error {
				got[name] = bytes.Clone(b)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !maps.EqualFunc(got, want, bytes.Equal) {
				t.Errorf("cut at %v, %d parts: %d files, not the %d of one index", cut, n+1, len(got), len(want))
			}
			for i, part := range parts {
				if len(part.ids) != 0 || part.postings != nil || part.rows != nil {
					t.Errorf("cut at %v, %d parts: part %d is not empty after", cut, n+1, i)
				}
			}
		}
	}
}

// TestByScore compares byScore with a sort by score (highest first), then document, on lists of every length
// around radixMin, of few and many distinct scores and documents, in any order. Like WriteParts, it gives each
// call the list and the buffer the calls before used.
func TestByScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var p, buf []uint32
	for _, n := range []int{0, 1, 2, 7, radixMin - 1, radixMin, radixMin + 1, 3000, 70000, 600, 5} {
		for _, docs := range []uint32{1, 50, MaxDocs} {
			p = p[:0]
			for range n {
				p = append(p, rng.Uint32N(docs)<<scoreBits|rng.Uint32N(maxScore+1))
			}
			want := slices.Clone(p)
			slices.SortFunc(want, func(a, b uint32) int {
				return cmp.Or(cmp.Compare(b&(1<<scoreBits-1), a&(1<<scoreBits-1)), cmp.Compare(a>>scoreBits, b>>scoreBits))
			})
			buf = byScore(p, buf)
			if !slices.Equal(p, want) {
				t.Errorf("%d postings of %d documents: byScore differs from a sort by score, then document", n, docs)
			}
		}
	}
}
