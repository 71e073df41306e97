package scaffold

import (
	"fmt"
	"reflect"
	"strings"
)

// frontMatter writes a Markdown entry: YAML front matter with one line per field of t (in declaration order),
// each commented with its doc tag, then body. Fields with a starting value are set; lists start empty; the rest
// are commented out, ready to fill in.
func frontMatter(t reflect.Type, v values, body string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# Every field is described in docs/content-model.md; run `showcase check` after editing.\n")
	fields(&b, t, v, "")
	b.WriteString("---\n")
	b.WriteString(body)
	return []byte(b.String())
}

func fields(b *strings.Builder, t reflect.Type, v values, indent string) {
	for i := range t.NumField() {
		f := t.Field(i)
		key, doc := f.Tag.Get("yaml"), f.Tag.Get("doc")
		if f.Tag.Get("required") == "true" {
			doc += " (required)"
		}
		switch {
		case v[key] != "":
			line(b, indent+key+": "+v[key], doc)
		case key == "team":
			line(b, indent+"team:", doc)
			line(b, indent+"  - name: \"Your name\"", "the member's name")
			line(b, indent+"    role: \"Team Lead\"", "the member's role")
			line(b, indent+"    # affiliation: \"Your university or company\"", "optional")
		case f.Type.Kind() == reflect.Slice:
			line(b, indent+key+": []", doc)
		case f.Type.Kind() == reflect.Struct && f.Type.NumField() > 1 && f.Type.Name() != "Date":
			line(b, indent+"# "+key+":", doc)
			for j := range f.Type.NumField() {
				sf := f.Type.Field(j)
				line(b, indent+"#   "+sf.Tag.Get("yaml")+": ", sf.Tag.Get("doc"))
			}
		default:
			line(b, indent+"# "+key+": ", doc)
		}
	}
}

// line writes text with its comment aligned at column 40.
func line(b *strings.Builder, text, comment string) {
	if comment == "" {
		fmt.Fprintln(b, text)
		return
	}
	pad := max(1, 40-len(text))
	fmt.Fprintf(b, "%s%s# %s\n", text, strings.Repeat(" ", pad), comment)
}

const projectBody = `
## Background

What problem does the project address, and for whom?

## What we built

How it works, and which open data it uses. Show a chart from a dataset with a block like this (see
docs/charts.md):

    ` + "```" + `chart
    ref: a-chart-id
    ` + "```" + `

## Results

What you found or achieved.
`

const pavilionBody = `
## What visitors see

Describe the exhibit.

## The data behind it

Which open data it shows, and how.
`

func datasetYAML(v values) string {
	return `# A dataset: the snapshot file(s) beside this file, byte for byte as published. See docs/datasets.md.
title:                                  # the dataset's name, per language (required)
  en: ` + v["title"] + `
  # zh-hant: …
  # zh-hans: …
# description: …                        # what the data is, per language
publisher: "The publishing department"  # who publishes it (required)
source:
  page: https://data.gov.hk/en-data/dataset/…  # the dataset's page on the portal (required)
  # download: https://…                 # the URL the snapshot was downloaded from
licence:
  name: DATA.GOV.HK Terms and Conditions of Use  # the terms it is published under (required)
  url: https://data.gov.hk/en/terms-and-conditions
retrieved: ` + v["retrieved"] + `                   # the day the snapshot was downloaded (required)
# frequency: daily                      # once, realtime, daily, weekly, monthly, quarterly, yearly, irregular
theme: ` + v["theme"] + `                  # the theme it serves best
city: ` + v["city"] + `                      # the city it covers
tags: []                                # free keywords
files:                                  # the snapshot files, each a table (required)
  - path: data.csv                      # put the file beside this one
    # header_row: 1                     # the line holding the column names (default 1)
    # encoding: utf-8                   # utf-8, big5, big5-hkscs, gbk, gb18030, utf-16
    # missing: ["-", "N/A"]             # values that mean 'no data'
    # on_error: error                   # error, or skip rows that do not fit (with a warning)
    # columns:                          # overrides of inferred types, labels, units
    #   - name: Total
    #     label: {en: Total passengers}
    #     unit: {en: persons}
`
}

func chartYAML(v values) string {
	return `# A chart drawn from a dataset. See docs/charts.md for every type and transform.
title:                                  # the chart's heading, per language (required)
  en: ` + v["title"] + `
# description: …                        # what the chart shows and why it matters
dataset: ` + v["dataset"] + `                # the id of a dataset under content/datasets/ (required)
type: bar                               # line, area, bar, pie, donut, scatter, heatmap, calendar, map (required)
transform: []                           # filter, bucket, group, sort, top steps, in order
encode:                                 # which columns the chart draws (required)
  x: your-category-column
  y: your-number-column
`
}
