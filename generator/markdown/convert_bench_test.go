package markdown

import (
	"strings"
	"testing"
)

// BenchmarkConvert converts a body like those of the benchmark corpus (headings, paragraphs with emphasis, code
// and links, a list and a table), about 6 KB:
//
//	go test ./generator/markdown -run '^$' -bench Convert -benchmem
func BenchmarkConvert(b *testing.B) {
	var s strings.Builder
	for i := range 6 {
		s.WriteString("## Section\n\nBecause **the** source is real-time, we keep a daily snapshot and publish the " +
			"differences as an open `changelog`. See [the data](https://data.example.org/dataset/hk-kmb-eta) and " +
			"[our notes](/projects/other/). Feedback sessions with wheelchair users changed the design twice.\n\n")
		if i%2 == 0 {
			s.WriteString("1. Our next milestone is a public API.\n2. Where the two cities publish similar data we " +
				"align the schemas.\n3. 觀塘區 and 浦东新区 first.\n\n")
		} else {
			s.WriteString("| Metric | Value |\n| --- | --- |\n| Median latency | 120 ms |\n| Records | 1,204 |\n\n")
		}
	}
	src := []byte(s.String())
	resolve := func(dest string, image bool) (string, bool, Problem) { return dest, true, Problem{} }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Convert(src, 1, resolve); err != nil {
			b.Fatal(err)
		}
	}
}
