package model

import (
	"cmp"
	"slices"
	"sync"

	"github.com/hkshopendata/showcase/generator/internal/work"
)

// RelatedSize is how many related entries a project or exhibit shows.
const RelatedSize = 4

// commonLimit leaves out of the relatedness score the datasets and tags that more than this many entries share:
// they say little about two entries, and they would make the work grow with the square of the site.
const commonLimit = 400

// relate gives every project and exhibit the entries most like it: each shared dataset counts 3, each shared
// tag 1, the same theme or sector 1; ties go to the newer entry, then the slug. Only entries that share a
// dataset or a tag are related.
func (b *builder) relate() {
	all := append(slices.Clip(b.site.Projects), b.site.Pavilions...)
	n := len(b.site.Projects) + len(b.site.Pavilions) + len(b.site.Pages) // the ranks order (see order)
	tallies := sync.Pool{New: func() any { return &tally{score: make([]int32, n)} }}
	work.Each(len(all), func(i int) { // each entry writes only its own
		t := tallies.Get().(*tally)
		all[i].Related = related(all[i], t)
		tallies.Put(t)
	})
}

// tally holds the scores of one entry's candidates, by rank: an array, not a map, since every entry sums up to
// commonLimit candidates for each of its tags and datasets. Only the candidates touched are set, and reset after.
type tally struct {
	score   []int32 // by rank; 0 for an entry not a candidate
	touched []*Entry
}

func (t *tally) add(x *Entry, w int32) {
	if t.score[x.rank] == 0 {
		t.touched = append(t.touched, x)
	}
	t.score[x.rank] += w
}

// related returns the RelatedSize entries most like e, best first; t is empty, and left empty.
func related(e *Entry, t *tally) []*Entry {
	for _, d := range e.DatasetRefs {
		if len(d.Entries) <= commonLimit {
			for _, x := range d.Entries {
				t.add(x, 3)
			}
		}
	}
	for _, tg := range e.Tags {
		if len(tg.Entries) <= commonLimit {
			for _, x := range tg.Entries {
				t.add(x, 1)
			}
		}
	}
	// the best few, in order: insertion into a short list, not a sort of every candidate
	order := func(a, c *Entry) int {
		return cmp.Or(cmp.Compare(t.score[c.rank], t.score[a.rank]), c.Date.Compare(a.Date), cmp.Compare(a.URL, c.URL))
	}
	best := make([]*Entry, 0, RelatedSize+1)
	for _, x := range t.touched {
		if x == e {
			continue
		}
		if (e.Theme != nil && x.Theme == e.Theme) || (e.Sector != nil && x.Sector == e.Sector) {
			t.score[x.rank]++
		}
		if len(best) == RelatedSize && order(x, best[RelatedSize-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, x, order)
		best = slices.Insert(best, i, x)
		best = best[:min(len(best), RelatedSize)]
	}
	for _, x := range t.touched {
		t.score[x.rank] = 0
	}
	t.touched = t.touched[:0]
	if len(best) == 0 {
		return nil
	}
	return best
}
