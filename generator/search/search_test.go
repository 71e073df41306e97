package search

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	Shards []string `json:"shards"`
}

// TestTokensFile keeps testdata/tokens.json what the generator says; TestScriptAgrees checks the script.
func TestTokensFile(t *testing.T) {
	var cases []tokenCase
	for _, text := range tokenCases {
		c := tokenCase{Text: text, Tokens: Tokens(text)}
		if c.Tokens == nil {
			c.Tokens = []string{}
		}
		c.Shards = []string{}
		for _, tok := range c.Tokens {
			c.Shards = append(c.Shards, Shard(tok))
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

// node returns the node binary; without it the test is skipped, except in CI, where it fails.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: CI must install Node.js to test the search script")
		}
		t.Skip("node not found: the search script is not tested")
	}
	return p
}

// TestScriptAgrees runs the page's search script in Node.js on testdata/tokens.json.
func TestScriptAgrees(t *testing.T) {
	bin := node(t)
	script := `
const s = require(process.argv[1]);
const cases = require(process.argv[2]);
let bad = 0;
for (const c of cases) {
  const got = s.tokens(c.text), shards = got.map(s.shardOf);
  if (JSON.stringify(got) !== JSON.stringify(c.tokens) || JSON.stringify(shards) !== JSON.stringify(c.shards)) {
    console.log(JSON.stringify(c.text) + ": script " + JSON.stringify([got, shards]) + ", generator " +
      JSON.stringify([c.tokens, c.shards]));
    bad++;
  }
}
process.exit(bad ? 1 : 0);
`
	js, _ := filepath.Abs("../../themes/default/static/js/search.js")
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
	if got := string(files["docs.json"]); got != `[["/a/","Air Watch","","","",""],["/b/","Bus","","","",""]]` {
		t.Errorf("docs.json = %s", got)
	}
	var shard struct {
		T []string `json:"t"`
		P [][]int  `json:"p"`
	}
	if err := json.Unmarshal(files["a.json"], &shard); err != nil {
		t.Fatal(err)
	}
	i := slices.Index(shard.T, "air")
	// the title counts more than a word repeated in a body: /a/ first
	if i < 0 || !slices.Equal(shard.P[i], []int{0, WeightTitle + WeightBody, 1, 3 * WeightBody}) {
		t.Errorf("a.json = %s", files["a.json"])
	}
	if !slices.IsSorted(shard.T) || strings.Contains(string(files["docs.json"]), "<") {
		t.Errorf("words unsorted or HTML unsafe")
	}
}

// TestShardJSON checks appendShard against encoding/json and a plain sort of the postings: random postings, and
// words of every kind, escaping included (words are letters and digits, but appendShard does not rely on it).
func TestShardJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"air", "觀塘", "0", "a\"b", `back\slash`, "<script>", "a&b", "tab\there", "line\u2028sep",
		"para\u2029sep", "bad\xffutf8", "Ünïcödé", "\x00", ""}
	for round := range 200 {
		tokens := slices.Clone(words[:1+round%len(words)])
		slices.Sort(tokens)
		postings := make([][]uint32, len(tokens))
		for i := range postings {
			for doc := range uint32(1 + rng.IntN(300)) {
				if rng.IntN(3) == 0 {
					postings[i] = append(postings[i], doc<<scoreBits|uint32(rng.IntN(maxScore+1)))
				}
			}
			if round%7 == 0 { // one high document number
				postings[i] = append(postings[i], (MaxDocs-1)<<scoreBits|maxScore)
			}
		}
		want := struct {
			T []string  `json:"t"`
			P [][]int64 `json:"p"`
		}{T: tokens}
		for _, p := range postings {
			sorted := slices.Clone(p)
			slices.SortStableFunc(sorted, func(a, b uint32) int { // score first, highest first; then document
				return cmp.Or(cmp.Compare(b&maxMask, a&maxMask), cmp.Compare(a>>scoreBits, b>>scoreBits))
			})
			flat := []int64{}
			for _, x := range sorted {
				flat = append(flat, int64(x>>scoreBits), int64(x&maxMask))
			}
			want.P = append(want.P, flat)
		}
		w, err := marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got := appendShard(nil, tokens, func(i int) []uint32 { return slices.Clone(postings[i]) })
		if string(got) != string(w) {
			t.Fatalf("round %d:\n got %s\nwant %s", round, got, w)
		}
	}
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
			fields = append(fields, Field{Text: s.String(), Weight: []int{WeightTitle, WeightBody, maxScore}[rng.IntN(3)]})
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
