// Package render turns the site model into files: it executes the theme's layout for every page and produces
// the sitemap, robots.txt and the Atom feed. It writes through a Sink and does no disk I/O of its own.
package render

import (
	"html/template"

	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
)

// PageData is what every layout receives as ".".
type PageData struct {
	Site        *model.Site
	Page        *model.Page
	Entry       *model.Entry // the page's entry, for project, pavilion and plain pages
	Lang        string       // language code, e.g. "en"
	Locale      string       // <html lang> value, e.g. "en-HK"
	SiteTitle   string
	Title       string // the page's heading
	HeadTitle   string // the <title>: "Heading · Site"
	Description string
	Canonical   string // absolute URL
	Image       string // absolute URL of the OpenGraph image, or ""
	OGType      string // "website" or "article"
	Menu        []MenuLink
	MenuCurrent string      // the URLs of the menu links current on this page, each followed by a space ("" for none)
	Alternates  []Alternate // the page in every language (none for a one-language site)
	JSONLD      template.JS // the page's schema.org description, JSON (empty for most pages)
	Filters     []Filter    // for lists: the taxonomies to narrow the list by (js/search.js puts in their terms)
	FooterPages []*model.Entry
	Crumbs      []Crumb
	Home        *Home
	Feed        string // site path of the Atom feed
	FeedTitle   string // its title
	Organisers  schema.Text
	Chart       *model.Chart // for chart and chart-embed pages
	HasCharts   bool         // the page draws charts: it loads the chart styles and scripts
	Embed       bool         // the page is a chart's embed page: no header, menu or footer
}

// MenuLink is an item of the main menu.
// Alternate is the same page in one of the site's languages.
type Alternate struct {
	Lang    string // "zh-hant"
	Locale  string // "zh-Hant-HK", for hreflang and lang attributes
	Name    string // the language's name in itself: "繁體中文"
	URL     string // site path
	Current bool   // the page's own language
	Default bool   // the site's default language (hreflang x-default)
}

type MenuLink struct {
	Name    string
	URL     string // site path or absolute URL
	Current bool
}

// Crumb is a step of the breadcrumb trail.
type Crumb struct {
	Name string
	URL  string
}

// Home is the home page's content.
type Home struct {
	Title     string
	Text      string
	Themes    []*model.Term
	Cities    []*model.Term
	Awarded   []*model.Entry
	Newest    []*model.Entry
	Pavilions []*model.Entry
	Projects  int // counts
	Exhibits  int
	Editions  int
}
