package model

import (
	"cmp"
	"slices"

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
	work.Each(len(all), func(i int) { all[i].Related = related(all[i]) }) // each entry writes only its own
}

// related returns the RelatedSize entries most like e, best first.
func related(e *Entry) []*Entry {
	score := scores(e)
	// the best few, in order: insertion into a short list, not a sort of every candidate
	order := func(a, c *Entry) int {
		return cmp.Or(cmp.Compare(score[c], score[a]), c.Date.Compare(a.Date), cmp.Compare(a.URL, c.URL))
	}
	best := make([]*Entry, 0, RelatedSize+1)
	for x := range score {
		if len(best) == RelatedSize && order(x, best[RelatedSize-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, x, order)
		best = slices.Insert(best, i, x)
		best = best[:min(len(best), RelatedSize)]
	}
	if len(best) == 0 {
		return nil
	}
	return best
}

// scores rates the entries that share a dataset or a tag with e.
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
