package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode"
)

// wordsByFields is the plain statement of countWords: fields split on Unicode spaces; a field with Han
// characters counts them by halves instead of as a word.
func wordsByFields(src []byte) int {
	words, han := 0, 0
	for _, f := range bytes.Fields(src) {
		h := 0
		for _, r := range string(f) {
			if unicode.Is(unicode.Han, r) {
				h++
			}
		}
		if h == 0 {
			words++
		}
		han += h
	}
	return words + han/2
}

func TestCountWords(t *testing.T) {
	cases := []string{"", " ", "one", "one two  three\n", "觀塘區 的 診所", "mixed 浦东 text\u00a0nbsp\u0085next",
		"\xff\xfe bad utf8", "tab\tsep\vvt\fff\rcr", "全形\u3000空格"}
	pieces := []string{"a", "word", " ", "\n", "\t", "觀", "塘", "é", "\u00a0", "\u3000", "\xff", "—", "1,234"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b []byte
		for range rng.IntN(20) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got, want := countWords([]byte(c)), wordsByFields([]byte(c)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", c, got, want)
		}
	}
}

func BenchmarkCountWords(b *testing.B) {
	src := bytes.Repeat([]byte("Open data from DATA.GOV.HK and 上海市公共数据开放平台 makes this work. "), 200)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		countWords(src)
	}
}
