// Package model builds the site graph from validated content: entries with their URLs and rendered bodies, the
// taxonomies and their terms, and every page the site will have (home, lists with pagination, entries, term
// pages, plain pages, 404). Templates see these plain structs; nothing here does I/O.
//
// URLs in the model are site paths ("/projects/a/"), without the base path; the theme's relURL and absURL
// functions add it.
package model

import (
	"html/template"
	"time"

	"github.com/hkshopendata/showcase/generator/markdown"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Site is the whole site, ready to render.
type Site struct {
	Config     *schema.Site
	BaseURL    string // absolute, ends in "/"
	BasePath   string // the base URL's path, "/" or "/showcase/"
	Lang       string // the language of this site's pages
	Default    string // site.yaml's default language: what a missing translation falls back to
	Prefix     string // "" for the default language, else "/<lang>": every page URL starts with it
	Projects   []*Entry
	Pavilions  []*Entry
	Pages      []*Entry // plain pages by weight, then title
	Taxonomies []*Taxonomy
	Datasets   []*Dataset // by id
	Charts     []*Chart   // by id
	Outputs    []*Page    // every HTML page, in a fixed order
	Files      []File     // content files to publish (covers, images linked from bodies, snapshots)
	Generated  []Generated
	Updated    time.Time
	// ChartScript is the site path of the ECharts library, set by the build when the site has charts.
	ChartScript string

	builder *builder // kept for Patch (Options.Patchable)
}

// Entry is a project, a pavilion exhibit or a plain page.
type Entry struct {
	Kind    string   // "project", "pavilion" or "page"
	rank    int      // the entry's place among all entries, newest first (see order)
	seq     int      // the entry's place in the build's order (content paths, projects first): see Patch
	linked  []string // the site paths its body links to, the base path first (Options.Patchable): see canMove
	Slug    string
	URL     string
	File    string // display path of the source, for messages
	Title   string
	Summary string
	Date    time.Time
	// Body is the whole body, without its charts. (It is BodyParts' HTML end to end, and left out of page
	// fingerprints: see render.Fingerprints.)
	Body      template.HTML `fingerprint:"-"`
	BodyParts []BodyPart    // the body in pieces, with the charts of its ```chart blocks between them
	Headings  []markdown.Heading
	// Contents are the headings of level 2, in order: what a table of contents lists. (Made from Headings, so
	// left out of fingerprints.)
	Contents []markdown.Heading `fingerprint:"-"`
	Minutes  int                // reading time
	Cover    *Image
	City     *Term
	Theme    *Term
	Year     *Term
	Award    *Term
	Sector   *Term
	Tags     []*Term
	Team     []schema.Member
	Datasets []string
	// DatasetRefs are the datasets of Datasets that exist; Charts the charts of the body's ```chart blocks in
	// order (nil for a block that could not be drawn).
	DatasetRefs []*Dataset
	Charts      []*Chart
	Links       []Link
	Exhibitor   string
	Booth       string
	Weight      int
	// Fallback is true when the entry has no translation into the language of the page: its title, summary
	// and body are in the default language. BodyFallback is true when its body is (Fallback, or a translation
	// without a body). FallbackLocale and FallbackName are the default language's tag and name, for the lang
	// attribute of that text and the notice.
	Related        []*Entry // the entries most like it (shared datasets and tags), for projects and exhibits
	Fallback       bool
	BodyFallback   bool
	FallbackLocale string
	FallbackName   string
}

// BodyPart is a piece of an entry's body: HTML, then the chart that follows it (or nil).
type BodyPart struct {
	HTML  template.HTML
	Chart *Chart
}

// Image is a published image.
type Image struct {
	URL string
	Alt string
}

// Link is an external link of an entry; Kind is its field name ("repo", "demo", …).
type Link struct {
	Kind     string
	URL      string
	External bool // an http(s) link to another site, not a path of this one
}

// Taxonomy is a way of classifying entries: themes, cities, years, tags, awards or sectors.
type Taxonomy struct {
	ID    string // "themes", "cities", "years", "tags", "awards", "sectors"
	URL   string // "/themes/"
	Terms []*Term
}

// Term is one value of a taxonomy, with the entries that have it (newest first).
type Term struct {
	Taxonomy    *Taxonomy
	ID          string
	Name        schema.Text
	Description schema.Text
	URL         string
	Entries     []*Entry
}

// Page is one HTML page of the site.
type Page struct {
	// Kind is "home", "list", "project", "pavilion", "page", "taxonomy", "term", "datasets", "dataset", "charts",
	// "chart", "chart-embed" or "404".
	Kind     string
	URL      string
	Section  string // for "list": "projects" or "pavilion"
	Entry    *Entry
	Taxonomy *Taxonomy
	Term     *Term
	Items    []*Entry // the entries listed on this page
	Dataset  *Dataset // for "dataset"
	Chart    *Chart   // for "chart" and "chart-embed"
	Pager    *Pager
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, "" at the ends
	First, Last   string
	Pages         []PagerLink
}

// PagerLink is one numbered page of a pager.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
}

// File is a content file published with the site.
type File struct {
	Src string // path relative to the content root
	Dst string // site path, without the base path
}
