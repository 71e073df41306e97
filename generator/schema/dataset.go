package schema

// Dataset is content/datasets/<id>/dataset.yaml: an open-data snapshot stored in the repository, with its
// provenance and how to read it. The snapshot files sit beside dataset.yaml, byte for byte as published.
type Dataset struct {
	Title       Text          `yaml:"title" required:"true" doc:"the dataset's name, per language"`
	Description Text          `yaml:"description" doc:"what the data is, per language"`
	Publisher   Text          `yaml:"publisher" required:"true" doc:"who publishes it, e.g. Hong Kong Observatory"`
	Source      Source        `yaml:"source" required:"true" doc:"where it comes from"`
	Licence     Licence       `yaml:"licence" required:"true" doc:"the terms it is published under"`
	Retrieved   Date          `yaml:"retrieved" required:"true" doc:"the day the snapshot was downloaded, YYYY-MM-DD"`
	Frequency   string        `yaml:"frequency" enum:"once,realtime,daily,weekly,monthly,quarterly,yearly,irregular" doc:"how often the publisher updates it"`
	Theme       TermRef       `yaml:"theme" taxonomy:"themes" doc:"the theme it serves best, one of site.yaml's themes"`
	City        TermRef       `yaml:"city" taxonomy:"cities" doc:"the city it covers, one of site.yaml's cities"`
	Tags        []Tag         `yaml:"tags" doc:"free keywords"`
	Files       []DataFile    `yaml:"files" required:"true" doc:"the snapshot files, each a table"`
	Notes       Text          `yaml:"notes" doc:"caveats a reader should know, per language"`
	Links       []DatasetLink `yaml:"links" doc:"further links: documentation, data dictionary, API"`
}

// Source says where a dataset comes from.
type Source struct {
	Page     URL `yaml:"page" required:"true" doc:"the dataset's page on the publisher's portal"`
	Download URL `yaml:"download" doc:"the URL the snapshot was downloaded from"`
}

// Licence names the terms of use.
type Licence struct {
	Name Text `yaml:"name" required:"true" doc:"e.g. DATA.GOV.HK Terms and Conditions of Use"`
	URL  URL  `yaml:"url" doc:"the terms' page"`
}

// DatasetLink is a further link about a dataset.
type DatasetLink struct {
	Name Text `yaml:"name" required:"true" doc:"the link's label"`
	URL  URL  `yaml:"url" required:"true" doc:"an http or https link"`
}

// DataFile is one snapshot file of a dataset and how to read it into a table.
type DataFile struct {
	Path      Path     `yaml:"path" required:"true" doc:"the file, beside dataset.yaml"`
	ID        Slug     `yaml:"id" doc:"the table's id when a dataset has several files; defaults to the file name without extension, slugified"`
	Title     Text     `yaml:"title" doc:"the table's name, when a dataset has several files"`
	Format    string   `yaml:"format" enum:"csv,tsv,json,geojson,xlsx" doc:"defaults from the file extension (.txt is csv)"`
	Encoding  string   `yaml:"encoding" enum:"utf-8,big5,big5-hkscs,gbk,gb18030,utf-16" doc:"the text encoding (default utf-8; a byte-order mark is always recognised)"`
	Delimiter string   `yaml:"delimiter" doc:"the field separator of csv (default \",\"; tsv: tab)"`
	Sheet     string   `yaml:"sheet" doc:"xlsx: the sheet's name (default: the first sheet)"`
	HeaderRow int      `yaml:"header_row" doc:"the line (csv) or row (xlsx) holding the column names, counting from 1 (default 1); lines above it are skipped"`
	Records   string   `yaml:"records" doc:"json: the dotted path to the array of records in a nested response, e.g. result.records"`
	Missing   []string `yaml:"missing" doc:"values that mean 'no data' (default: empty, -, —, N/A, NA, n.a., ..)"`
	OnError   string   `yaml:"on_error" enum:"error,skip" doc:"a row that cannot be read (wrong number of fields, bad value, footnote): error fails the build, skip drops it with a warning (default error)"`
	Columns   []Column `yaml:"columns" doc:"overrides for columns whose inferred type, label or unit is not right"`
}

// Column overrides what is inferred about one column.
type Column struct {
	Name    string    `yaml:"name" required:"true" doc:"the column's name as in the file's header"`
	Type    string    `yaml:"type" enum:"text,integer,decimal,date" doc:"the type (default: inferred from the values)"`
	Format  string    `yaml:"format" doc:"date layout such as dd/mm/yyyy, yyyy-mm, yyyy年m月 or excel (serial days)"`
	Label   Text      `yaml:"label" doc:"the name shown to readers, per language"`
	Unit    Text      `yaml:"unit" doc:"the unit of a number, e.g. mm, persons, tonnes"`
	Missing []string  `yaml:"missing" doc:"extra values that mean 'no data' in this column, e.g. Trace"`
	Replace []Replace `yaml:"replace" doc:"values to read as another value, e.g. Trace as 0"`
	Ignore  bool      `yaml:"ignore" doc:"true leaves the column out of the page and charts"`
}

// Replace reads one value of a column as another.
type Replace struct {
	Value string `yaml:"value" required:"true" doc:"the value as written in the file, e.g. Trace"`
	With  string `yaml:"with" required:"true" doc:"the value to read instead, e.g. 0"`
}
