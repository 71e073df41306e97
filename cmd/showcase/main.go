// Command showcase builds the open-data showcase site. See README.md.
package main

import (
	"os"

	"github.com/hkshopendata/showcase/generator/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
