package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// runeTokens is the plain statement of Tokens, rune by rune: the reference the fast version must agree with.
func runeTokens(text string) []string {
	var out []string
	text = strings.ToLower(norm.NFKC.String(strings.ToValidUTF8(text, " ")))
	var word, cjk []rune
	flushWord := func() {
		if len(word) > 0 {
			out = append(out, string(word))
			word = word[:0]
		}
	}
	flushCJK := func() {
		for i, r := range cjk {
			out = append(out, string(r))
			if i+1 < len(cjk) {
				out = append(out, string(cjk[i:i+2]))
			}
		}
		cjk = cjk[:0]
	}
	for _, r := range text {
		switch {
		case isCJK(r):
			flushWord()
			cjk = append(cjk, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushCJK()
			word = append(word, r)
		default:
			flushWord()
			flushCJK()
		}
	}
	flushWord()
	flushCJK()
	return out
}

// TestTokensAgainstRunes compares Tokens with runeTokens on random mixtures of English, Chinese, full-width
// forms, accents, digits, punctuation and invalid UTF-8.
func TestTokensAgainstRunes(t *testing.T) {
	pieces := []string{"Air", "quality", " ", "\n", "觀", "塘", "區", "浦东", "ＡＢＣ", "１２", "Café", "é", "ß", "İ",
		"—", ",", "3.5", "データ", "한국", "\xff", "\u00a0", "x", "-", "。", "Ⓐ", "Ⅻ", "ǅ", "ΣΑΣ", "\u212a", "ﬃ",
		"\u0301", "ＨＫ", "Ω", "<", "=", "\u0338", "\u3099", "か", "\u1161", "\u11a8"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Tokens(s), runeTokens(s); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestChunkBoundaries checks what chunks relies on, for every ASCII character that is not a letter or digit and
// every character that NFKC may join to the one before it (no boundary before it): the two, between words, give
// the words the whole text gives.
func TestChunkBoundaries(t *testing.T) {
	n := 0
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r < 0xe000 || norm.NFKC.PropertiesString(string(r)).BoundaryBefore() {
			continue
		}
		n++
		for c := byte(0); c < utf8.RuneSelf; c++ {
			if isAlnum(c) {
				continue
			}
			s := "a" + string(c) + string(r) + "b"
			if got, want := Tokens(s), runeTokens(s); !slices.Equal(got, want) {
				t.Fatalf("Tokens(%q) = %q, want %q", s, got, want)
			}
		}
	}
	if n < 900 { // Unicode 15 has 999 such characters
		t.Fatalf("only %d characters join the one before them", n)
	}
}

// FuzzTokens compares Tokens with runeTokens on any text.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Air quality 觀塘區", "<\u0338x", "Café ＡＢＣ", "a\u0301b", "\xffx", "İstanbul ﬃ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokens(s), runeTokens(s); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", s, got, want)
		}
	})
}
