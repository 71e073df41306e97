// Package schema defines every kind of content document (site.yaml, project, pavilion exhibit, page, dataset.yaml,
// chart) as Go types, and decodes YAML nodes into them with positions, type checks, unknown-field suggestions and
// enum checks. The struct tags are the one source of truth for what a valid document is:
//
//	yaml:"name"        the field's key
//	required:"true"    the field must be present and non-empty
//	max:"300"          a string's longest length in characters
//	taxonomy:"themes"  a value must name a term of that taxonomy in site.yaml
//	enum:"a,b,c"       a string must be one of these values
//	doc:"…"            what the field means (for documentation and editor schemas)
package schema

import "time"

// Site is site.yaml.
type Site struct {
	Title           Text       `yaml:"title" required:"true" doc:"the site's name"`
	Description     Text       `yaml:"description" required:"true" doc:"one or two sentences about the site"`
	BaseURL         URL        `yaml:"base_url" required:"true" doc:"where the site is published, e.g. https://example.org/showcase/"`
	DefaultLanguage string     `yaml:"default_language" required:"true" doc:"the code of the language at the site's root"`
	Languages       []Language `yaml:"languages" required:"true" doc:"the languages of the site"`
	Theme           string     `yaml:"theme" doc:"a folder under themes/ (default: default)"`
	Hero            Hero       `yaml:"hero" doc:"the home page's heading and text"`
	Organisers      Text       `yaml:"organisers" doc:"a line in the footer naming the organisers"`
	PageSize        int        `yaml:"page_size" doc:"entries per list page (default 24)"`
	Taxonomies      Taxonomies `yaml:"taxonomies" required:"true" doc:"the terms entries are classified by"`
	Menu            []MenuItem `yaml:"menu" doc:"the main menu"`
	Limits          Limits     `yaml:"limits" doc:"sizes above which showcase check warns"`
}

// Limits are the sizes above which the check warns.
type Limits struct {
	ImageKB int `yaml:"image_kb" doc:"the largest local image (a cover, or an image in a body), in KiB, before showcase check warns (default 1024)"`
}

// Language is one language of the site.
type Language struct {
	Code   string `yaml:"code" required:"true" doc:"en, zh-hant or zh-hans"`
	Name   string `yaml:"name" required:"true" doc:"the language's name in itself"`
	Locale string `yaml:"locale" required:"true" doc:"the BCP 47 tag for <html lang>, e.g. zh-Hant-HK"`
	// Required makes a missing translation an error: every per-language text (site.yaml's texts, dataset.yaml,
	// charts) must then have this language.
	Required bool `yaml:"required" doc:"true: every per-language text in site.yaml, dataset.yaml and charts must have this language"`
}

// Hero is the home page's introduction.
type Hero struct {
	Title Text `yaml:"title" doc:"the home page's main heading"`
	Text  Text `yaml:"text" doc:"a paragraph under the heading"`
}

// Taxonomies lists the declared terms of each taxonomy.
type Taxonomies struct {
	Themes   []Term    `yaml:"themes" required:"true" doc:"the challenge's themes"`
	Cities   []Term    `yaml:"cities" required:"true" doc:"the cities"`
	Sectors  []Term    `yaml:"sectors" doc:"pavilion sectors"`
	Editions []Edition `yaml:"editions" required:"true" doc:"the yearly editions"`
	Awards   []Term    `yaml:"awards" doc:"the awards"`
}

// Term is a declared term of a taxonomy.
type Term struct {
	ID          Slug `yaml:"id" required:"true" doc:"lower-case letters, digits and hyphens"`
	Name        Text `yaml:"name" required:"true" doc:"the display name"`
	Description Text `yaml:"description" doc:"a sentence about the term"`
}

// Edition is a year of the challenge.
type Edition struct {
	ID          int  `yaml:"id" required:"true" doc:"the year"`
	Name        Text `yaml:"name" doc:"the display name, e.g. 2024 Challenge"`
	Description Text `yaml:"description" doc:"a sentence about the edition"`
}

// MenuItem is an entry of the main menu.
type MenuItem struct {
	Name Text   `yaml:"name" required:"true" doc:"the label"`
	URL  string `yaml:"url" required:"true" doc:"a site path such as /projects/, or an https:// link"`
}

// Project is the front matter of a competition project.
type Project struct {
	Title    string   `yaml:"title" required:"true" max:"200" doc:"the project's name"`
	Slug     Slug     `yaml:"slug" doc:"the last part of its URL; defaults to the file or folder name"`
	Date     Date     `yaml:"date" required:"true" doc:"YYYY-MM-DD"`
	Summary  string   `yaml:"summary" required:"true" max:"300" doc:"one or two sentences for cards and search"`
	City     TermRef  `yaml:"city" required:"true" taxonomy:"cities" doc:"one of site.yaml's cities"`
	Theme    TermRef  `yaml:"theme" required:"true" taxonomy:"themes" doc:"one of site.yaml's themes"`
	Year     int      `yaml:"year" required:"true" taxonomy:"editions" doc:"the edition, one of site.yaml's editions"`
	Team     []Member `yaml:"team" required:"true" doc:"the team members"`
	Tags     []Tag    `yaml:"tags" doc:"free keywords"`
	Datasets []Slug   `yaml:"datasets" doc:"ids of the datasets used"`
	Award    TermRef  `yaml:"award" taxonomy:"awards" doc:"one of site.yaml's awards"`
	Links    Links    `yaml:"links" doc:"links to the project's code, demo, video…"`
	Cover    Path     `yaml:"cover" doc:"an image in the bundle, or under content/ when it starts with /"`
	CoverAlt string   `yaml:"cover_alt" max:"300" doc:"what the cover shows, for screen readers"`
	Draft    bool     `yaml:"draft" doc:"true keeps the entry out of the build"`
}

// Member is one person of a team.
type Member struct {
	Name        string `yaml:"name" required:"true" max:"100" doc:"the member's name"`
	Role        string `yaml:"role" max:"100" doc:"the member's role"`
	Affiliation string `yaml:"affiliation" max:"200" doc:"university, company or organisation"`
}

// Links are an entry's links; each is an http or https URL, or a path of this site such as /datasets/x/.
type Links struct {
	Repo    Link `yaml:"repo" doc:"source code repository"`
	Demo    Link `yaml:"demo" doc:"a live demo"`
	Video   Link `yaml:"video" doc:"a video"`
	Slides  Link `yaml:"slides" doc:"presentation slides"`
	Website Link `yaml:"website" doc:"the project's website"`
	Paper   Link `yaml:"paper" doc:"a paper or report"`
	Data    Link `yaml:"data" doc:"data published by the project"`
}

// Pavilion is the front matter of an exhibition entry.
type Pavilion struct {
	Title     string  `yaml:"title" required:"true" max:"200" doc:"the exhibit's name"`
	Slug      Slug    `yaml:"slug" doc:"the last part of its URL; defaults to the file or folder name"`
	Date      Date    `yaml:"date" required:"true" doc:"YYYY-MM-DD"`
	Exhibitor string  `yaml:"exhibitor" required:"true" max:"200" doc:"the organisation that shows it"`
	City      TermRef `yaml:"city" required:"true" taxonomy:"cities" doc:"one of site.yaml's cities"`
	Sector    TermRef `yaml:"sector" required:"true" taxonomy:"sectors" doc:"one of site.yaml's sectors"`
	Booth     string  `yaml:"booth" max:"40" doc:"where to find it, e.g. B-12"`
	Summary   string  `yaml:"summary" required:"true" max:"300" doc:"one or two sentences for cards and search"`
	Tags      []Tag   `yaml:"tags" doc:"free keywords"`
	Datasets  []Slug  `yaml:"datasets" doc:"ids of the datasets used"`
	Links     Links   `yaml:"links" doc:"links to more about the exhibit"`
	Cover     Path    `yaml:"cover" doc:"an image in the bundle, or under content/ when it starts with /"`
	CoverAlt  string  `yaml:"cover_alt" max:"300" doc:"what the cover shows, for screen readers"`
	Draft     bool    `yaml:"draft" doc:"true keeps the entry out of the build"`
}

// Page is the front matter of a plain page.
type Page struct {
	Title   string `yaml:"title" required:"true" max:"200" doc:"the page's heading"`
	Slug    Slug   `yaml:"slug" doc:"its URL is /<slug>/; defaults to the file name"`
	Summary string `yaml:"summary" max:"300" doc:"the meta description"`
	Weight  int    `yaml:"weight" doc:"order in the footer (smallest first)"`
	Draft   bool   `yaml:"draft" doc:"true keeps the page out of the build"`
}

// Translation is the front matter of an entry's translation, "a.zh-hant.md" beside "a.md" (or "index.zh-hant.md"
// in a bundle): the texts in that language. Everything else (city, theme, team, links, cover…) is the entry's.
// Its body is the translated body; an empty body shows the entry's own.
type Translation struct {
	Title     string `yaml:"title" required:"true" max:"200" doc:"the title in this language"`
	Summary   string `yaml:"summary" max:"300" doc:"the summary in this language (default: the entry's)"`
	CoverAlt  string `yaml:"cover_alt" max:"300" doc:"the cover's description in this language"`
	Exhibitor string `yaml:"exhibitor" max:"200" doc:"pavilion exhibits: the exhibitor's name in this language"`
}

// Text is a string in one or more languages. A plain string is stored under the key "" and stands for the
// default language.
type Text map[string]string

// Get returns the text in lang, else in the default language def, else any text.
func (t Text) Get(lang, def string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if s, ok := t[""]; ok {
		return s
	}
	return t[def]
}

// Slug is an identifier made of lower-case ASCII letters, digits and single hyphens.
type Slug string

// Tag is a free keyword; its URL part is its slugified form.
type Tag string

// TermRef is a reference to a declared term; after decoding it holds the term's id.
type TermRef string

// URL is an absolute http or https URL.
type URL string

// Link is an absolute http or https URL, or a path of this site starting with "/" (such as /datasets/x/), which
// the model checks against the site's pages and files.
type Link string

// Path is a contributor's path to a file: relative to the entry's bundle folder, or to the content root when it
// starts with "/". Decoding guarantees it stays inside the content root.
type Path string

// Date is a calendar date (or date and time) from front matter.
type Date struct{ time.Time }
