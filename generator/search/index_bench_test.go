package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkIndex indexes 2,000 documents of English-like text (a title, tags and a body of 600 words, some
// capitalised, from a vocabulary of 5,000) and writes the index. In "mixed", one word in 50 is Chinese or
// accented, as in the benchmark corpus, where every body has some:
//
//	go test ./generator/search -run '^$' -bench Index -benchmem
func BenchmarkIndex(b *testing.B) {
	b.Run("english", func(b *testing.B) { benchmarkIndex(b, 0) })
	b.Run("mixed", func(b *testing.B) { benchmarkIndex(b, 50) })
}

func benchmarkIndex(b *testing.B, every int) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%s%d", []string{"air", "Bus", "data", "Harbour", "quality", "MTR"}[i%6], i)
		if every > 0 && i%every == 0 {
			vocab[i] = []string{"觀塘區", "Café", "浦东新区", "Zhōngshān"}[i/every%4]
		}
	}
	text := func(n int) string {
		var s strings.Builder
		for range n {
			s.WriteString(vocab[rng.IntN(len(vocab))])
			s.WriteString([]string{" ", ", ", ". ", " "}[rng.IntN(4)])
		}
		return s.String()
	}
	docs := make([]Doc, 2000)
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("/projects/p%d/", i), Title: text(5), Fields: []Field{
			{text(5), WeightTitle}, {text(8), WeightTags}, {text(30), WeightSummary}, {text(600), WeightBody}}}
	}
	b.ReportAllocs()
	for b.Loop() {
		var ix Index
		for _, d := range docs {
			ix.Add(d)
		}
		if err := ix.Write(func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
