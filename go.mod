module github.com/hkshopendata/showcase

go 1.26.0

require (
	github.com/yuin/goldmark v1.8.7
	golang.org/x/sys v0.50.0
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/net v0.62.0

require golang.org/x/text v0.44.0
