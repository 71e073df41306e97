package model

import (
	"cmp"
	"slices"
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
	for _, list := range [][]*Entry{b.site.Projects, b.site.Pavilions} {
		for _, e := range list {
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
			if len(score) == 0 {
				continue
			}
			for x := range score {
				if (e.Theme != nil && x.Theme == e.Theme) || (e.Sector != nil && x.Sector == e.Sector) {
					score[x]++
				}
			}
			cands := make([]*Entry, 0, len(score))
			for x := range score {
				cands = append(cands, x)
			}
			slices.SortFunc(cands, func(a, c *Entry) int {
				return cmp.Or(cmp.Compare(score[c], score[a]), c.Date.Compare(a.Date), cmp.Compare(a.URL, c.URL))
			})
			e.Related = cands[:min(RelatedSize, len(cands))]
		}
	}
}
