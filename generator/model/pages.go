package model

import "strconv"

// outputs lists every HTML page of the site in a fixed order: home, lists, entries, taxonomies and their terms,
// datasets, charts, plain pages, and (in the default language) 404.
func (b *builder) outputs() []*Page {
	s := b.site
	size := s.Config.PageSize
	out := []*Page{{Kind: "home", URL: b.at("/")}}
	out = append(out, paginate(&Page{Kind: "list", Section: "projects"}, b.at("/projects/"), s.Projects, size)...)
	out = append(out, paginate(&Page{Kind: "list", Section: "pavilion"}, b.at("/pavilion/"), s.Pavilions, size)...)
	for _, e := range s.Projects {
		out = append(out, &Page{Kind: "project", URL: e.URL, Entry: e})
	}
	for _, e := range s.Pavilions {
		out = append(out, &Page{Kind: "pavilion", URL: e.URL, Entry: e})
	}
	for _, tx := range s.Taxonomies {
		if len(tx.Terms) == 0 {
			continue
		}
		out = append(out, &Page{Kind: "taxonomy", URL: tx.URL, Taxonomy: tx})
		for _, t := range tx.Terms {
			out = append(out, paginate(&Page{Kind: "term", Taxonomy: tx, Term: t}, t.URL, t.Entries, size)...)
		}
	}
	if len(s.Datasets) > 0 {
		out = append(out, &Page{Kind: "datasets", URL: b.at("/datasets/")})
		for _, d := range s.Datasets { // the entries that use it, a page at a time
			out = append(out, paginate(&Page{Kind: "dataset", Dataset: d}, d.URL, d.Entries, size)...)
		}
	}
	if len(s.Charts) > 0 {
		out = append(out, &Page{Kind: "charts", URL: b.at("/charts/")})
		for _, c := range s.Charts {
			out = append(out, &Page{Kind: "chart", URL: c.URL, Chart: c},
				&Page{Kind: "chart-embed", URL: c.EmbedURL, Chart: c})
		}
	}
	for _, e := range s.Pages {
		out = append(out, &Page{Kind: "page", URL: e.URL, Entry: e})
	}
	out = append(out, &Page{Kind: "search", URL: b.at("/search/")})
	if b.prefix != "" {
		return out // hosts serve one 404.html, the root's
	}
	return append(out, &Page{Kind: "404", URL: "/404.html"})
}

// paginate splits items into pages of size: the first at base, the others at base+"page/N/". A list with no
// items still has its first page.
func paginate(proto *Page, base string, items []*Entry, size int) []*Page {
	total := max(1, (len(items)+size-1)/size)
	url := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(n) + "/"
	}
	links := make([]PagerLink, total)
	for i := range links {
		links[i] = PagerLink{Number: i + 1, URL: url(i + 1)}
	}
	pages := make([]*Page, total)
	for n := 1; n <= total; n++ {
		p := *proto
		p.URL = url(n)
		p.Items = items[min((n-1)*size, len(items)):min(n*size, len(items))]
		pg := &Pager{Number: n, Total: total, First: url(1), Last: url(total), Pages: window(links, n)}
		if n > 1 {
			pg.Prev = url(n - 1)
		}
		if n < total {
			pg.Next = url(n + 1)
		}
		p.Pager = pg
		pages[n-1] = &p
	}
	return pages
}

// window returns the pager links shown around page n: the first, the last, and two on either side of n.
func window(all []PagerLink, n int) []PagerLink {
	var out []PagerLink
	for _, l := range all {
		if l.Number == 1 || l.Number == len(all) || (l.Number >= n-2 && l.Number <= n+2) {
			l.Current = l.Number == n
			out = append(out, l)
		}
	}
	return out
}
