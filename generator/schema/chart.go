package schema

// Chart is content/charts/<id>.yaml, or the YAML of a fenced ```chart block in a Markdown body. The data flows
// dataset table → transform steps, in order → encode (which columns the chart draws).
type Chart struct {
	Title       Text        `yaml:"title" required:"true" doc:"the chart's heading, per language"`
	Description Text        `yaml:"description" doc:"what the chart shows and why it matters, per language"`
	Dataset     Slug        `yaml:"dataset" required:"true" doc:"the id of a dataset under content/datasets/"`
	Table       Slug        `yaml:"table" doc:"which file of the dataset, when it has several (its id)"`
	Type        string      `yaml:"type" required:"true" enum:"line,area,bar,pie,donut,scatter,heatmap,calendar,map" doc:"the kind of chart"`
	Transform   []Transform `yaml:"transform" doc:"steps applied to the table in order: filter, bucket, group, sort, top"`
	Encode      Encode      `yaml:"encode" required:"true" doc:"which columns the chart draws"`
	Stack       bool        `yaml:"stack" doc:"bar, area: stack the series"`
	Horizontal  bool        `yaml:"horizontal" doc:"bar: bars run left to right"`
	Unit        Text        `yaml:"unit" doc:"the unit of the values (default: the column's unit in dataset.yaml)"`
	Map         MapSpec     `yaml:"map" doc:"map: the boundaries to colour"`
	MaxPoints   int         `yaml:"max_points" doc:"line, area, scatter: above this many points per series the series is downsampled (LTTB) for drawing; default 1000"`
	Note        Text        `yaml:"note" doc:"a caveat shown under the chart, per language"`
}

// ChartRef is a fenced ```chart block that shows a declared chart: "ref: <id>".
type ChartRef struct {
	Ref Slug `yaml:"ref" required:"true" doc:"the id of a chart under content/charts/"`
}

// Encode maps table columns to what the chart draws. Which fields a type needs:
//
//	line, area, bar   x (category or date), y (one or more numeric columns) or y + series (long format)
//	scatter           x and y numeric; series optional; label optional (shown on hover)
//	pie, donut        label (the slices) and value
//	heatmap           x, y (two categories) and value
//	calendar          x (a date column, one value per day) and value
//	map               label (the district name) and value
type Encode struct {
	X      string `yaml:"x" doc:"the column along the horizontal axis"`
	Y      Names  `yaml:"y" doc:"the numeric column(s) along the vertical axis; several columns make several series"`
	Series string `yaml:"series" doc:"a column whose values split the data into series (long format)"`
	Value  string `yaml:"value" doc:"the numeric column for pie, heatmap, calendar and map"`
	Label  string `yaml:"label" doc:"the column naming slices (pie) or districts (map), or points (scatter)"`
}

// Names is a list of column names; a single name may be written without brackets.
type Names []string

// Transform is one step; exactly one of its fields is given.
type Transform struct {
	Filter Filter `yaml:"filter" doc:"keep only the rows that match"`
	Bucket Bucket `yaml:"bucket" doc:"round a date column down to a day, week, month, quarter or year"`
	Group  Group  `yaml:"group" doc:"one row per distinct value of the 'by' columns, aggregating the others"`
	Sort   Sort   `yaml:"sort" doc:"order the rows by a column"`
	Top    Top    `yaml:"top" doc:"keep the n largest values of a category column; the rest become 'Others'"`
}

// Filter keeps rows whose column matches. Values are written as text and read with the column's type.
type Filter struct {
	Column string   `yaml:"column" required:"true" doc:"the column to test"`
	Equals string   `yaml:"equals" doc:"keep rows equal to this value"`
	NotIn  []string `yaml:"not_in" doc:"drop rows equal to one of these values"`
	In     []string `yaml:"in" doc:"keep rows equal to one of these values"`
	Min    string   `yaml:"min" doc:"keep rows at or above this number or date"`
	Max    string   `yaml:"max" doc:"keep rows at or below this number or date"`
}

// Bucket rounds a date column down.
type Bucket struct {
	Column string `yaml:"column" required:"true" doc:"a date column"`
	Unit   string `yaml:"unit" required:"true" enum:"day,week,month,quarter,year" doc:"the bucket size; weeks start on Monday"`
}

// Group aggregates rows.
type Group struct {
	By        Names  `yaml:"by" required:"true" doc:"the column(s) to group by"`
	Aggregate string `yaml:"aggregate" required:"true" enum:"count,sum,mean,median,min,max" doc:"how to combine the values of a group"`
	Columns   Names  `yaml:"columns" doc:"the numeric columns to aggregate (not needed for count)"`
	As        string `yaml:"as" doc:"count: the name of the new column (default: count)"`
}

// Sort orders rows.
type Sort struct {
	By    string `yaml:"by" required:"true" doc:"the column to sort by"`
	Order string `yaml:"order" enum:"asc,desc" doc:"asc (default) or desc"`
}

// Top keeps the largest categories.
type Top struct {
	Column string `yaml:"column" required:"true" doc:"the category column"`
	By     string `yaml:"by" required:"true" doc:"the numeric column that ranks the categories (summed per category)"`
	N      int    `yaml:"n" required:"true" doc:"how many categories to keep"`
	Others bool   `yaml:"others" doc:"true sums the rest into one category named Others"`
}

// MapSpec says which boundaries a map chart colours and how data names match them.
type MapSpec struct {
	Geo     Slug    `yaml:"geo" required:"true" doc:"the id of a GeoJSON dataset under content/datasets/"`
	Key     string  `yaml:"key" doc:"the feature property that names a district (default: name, District or the first text property)"`
	Aliases []Alias `yaml:"aliases" doc:"extra spellings: a name in the data and the feature name it means"`
}

// Alias is another spelling of a district's name.
type Alias struct {
	From string `yaml:"from" required:"true" doc:"the name as it appears in the data"`
	To   string `yaml:"to" required:"true" doc:"the feature's name"`
}
