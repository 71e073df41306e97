package model

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// scores is the plain statement of the score: the entries that share a dataset or a tag with e, rated.
func scores(e *Entry) map[*Entry]int {
	score := map[*Entry]int{}
	for _, d := range e.DatasetRefs {
		if len(d.Entries) <= commonLimit {
			for _, x := range d.Entries {
				score[x] += 3
			}
		}
	}
	for _, t := range e.Tags {
		if len(t.Entries) <= commonLimit {
			for _, x := range t.Entries {
				score[x]++
			}
		}
	}
	delete(score, e)
	for x := range score {
		if (e.Theme != nil && x.Theme == e.Theme) || (e.Sector != nil && x.Sector == e.Sector) {
			score[x]++
		}
	}
	return score
}

// relatedBySorting is the plain statement of related: sort every candidate, take the first few.
func relatedBySorting(e *Entry) []*Entry {
	score := scores(e)
	cands := slices.Collect(maps.Keys(score))
	slices.SortFunc(cands, func(a, c *Entry) int {
		return cmp.Or(cmp.Compare(score[c], score[a]), c.Date.Compare(a.Date), cmp.Compare(a.URL, c.URL))
	})
	return cands[:min(RelatedSize, len(cands))]
}

// TestRelated compares related with relatedBySorting on random sites, with many ties (few dates, few tags), a
// tag or dataset over commonLimit sometimes, and one tally for all the entries of a site (left empty by each).
func TestRelated(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for site := range 20 {
		tags := make([]*Term, 1+rng.IntN(8))
		for i := range tags {
			tags[i] = &Term{ID: fmt.Sprint("t", i)}
		}
		themes := []*Term{{ID: "a"}, {ID: "b"}}
		sets := make([]*Dataset, 1+rng.IntN(4))
		for i := range sets {
			sets[i] = &Dataset{ID: fmt.Sprint("d", i)}
		}
		entries := make([]*Entry, 50+rng.IntN(200)+(site%4/3)*3*commonLimit)
		for i := range entries {
			e := &Entry{URL: fmt.Sprintf("/projects/e%d/", i), Theme: themes[rng.IntN(2)],
				Date: time.Date(2025, 1, 1+rng.IntN(3), 0, 0, 0, 0, time.UTC)}
			for _, tg := range tags {
				if rng.IntN(3) == 0 {
					e.Tags = append(e.Tags, tg)
					tg.Entries = append(tg.Entries, e)
				}
			}
			for _, d := range sets {
				if rng.IntN(4) == 0 {
					e.DatasetRefs = append(e.DatasetRefs, d)
					d.Entries = append(d.Entries, e)
				}
			}
			entries[i] = e
		}
		rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
		for i, e := range entries {
			e.rank = i
		}
		tl := &tally{score: make([]int32, len(entries))}
		for _, e := range entries {
			if got, want := related(e, tl), relatedBySorting(e); !slices.Equal(got, want) {
				t.Fatalf("site %d, %s: related = %v, want %v", site, e.URL, urls(got), urls(want))
			}
		}
	}
}

func urls(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.URL)
	}
	return out
}
