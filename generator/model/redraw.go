package model

import (
	"cmp"
	"slices"
)

// canRedraw reports whether the charts of redrawn can take the place of e's: each is a whole chart of e's body that
// drew before and draws now, and is a map (with boundaries to publish) both times or neither.
func (b *builder) canRedraw(e *Entry, redrawn []Redrawn) bool {
	for _, r := range redrawn {
		ch := b.charts[r.Doc.ID]
		if ch == nil || ch.Inline != e || r.Result == nil || (len(r.Result.MapJSON) > 0) != (ch.MapURL != "") {
			return false
		}
	}
	return true
}

// redraw puts the charts of redrawn in the place of the site's of the same ids (canRedraw said they can), each in
// its Chart, which the entry's body and the site's pages point to: its spec and result, its dataset and table
// (the datasets' lists of charts follow), its data files. It returns the charts, and their data files.
func (b *builder) redraw(redrawn []Redrawn) (charts []*Chart, files []Generated) {
	s := b.site
	for _, r := range redrawn {
		ch := b.charts[r.Doc.ID]
		ch.File, ch.Spec, ch.Result = r.Doc.File, &r.Doc.Spec, r.Result.In(s.Lang)
		if d := b.datasetByID[string(r.Doc.Spec.Dataset)]; d != ch.Dataset {
			if ch.Dataset != nil {
				ch.Dataset.Charts = slices.DeleteFunc(ch.Dataset.Charts, func(x *Chart) bool { return x == ch })
			}
			if d != nil {
				i, _ := slices.BinarySearchFunc(d.Charts, ch, func(x, y *Chart) int { return cmp.Compare(x.ID, y.ID) })
				d.Charts = slices.Insert(d.Charts, i, ch)
			}
			ch.Dataset = d
		}
		ch.Table = nil
		if ch.Dataset != nil {
			ch.Table = ch.Dataset.table(string(r.Doc.Spec.Table))
		}
		for i, g := range s.Generated {
			switch g.Dst {
			case ch.CSV:
				s.Generated[i].Data = r.Result.CSV
			case ch.MapURL:
				s.Generated[i].Data = r.Result.MapJSON
			default:
				continue
			}
			files = append(files, s.Generated[i])
		}
		charts = append(charts, ch)
	}
	return charts, files
}
