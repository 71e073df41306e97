package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/scaffold"
)

// now is the clock of `showcase new` (tests fix it).
var now = time.Now

func newCmd(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("new", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintf(stderr, "Usage: showcase new project|pavilion|dataset|chart SLUG [flags]\n\n"+
			"Writes a complete skeleton, every field present with a comment, in the right folder. It never\n"+
			"overwrites a file.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	var o scaffold.Options
	content := fset.String("content", "content", "the content `folder`")
	fset.StringVar(&o.City, "city", "", "the city `id` (default: the first in site.yaml)")
	fset.StringVar(&o.Theme, "theme", "", "the theme `id` (default: the first in site.yaml)")
	fset.StringVar(&o.Sector, "sector", "", "pavilion: the sector `id` (default: the first in site.yaml)")
	fset.IntVar(&o.Year, "year", 0, "project: the edition `year` (default: the latest in site.yaml)")
	fset.StringVar(&o.Dataset, "dataset", "", "chart: the `id` of the dataset it draws")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		fset.Usage()
		return ExitOK
	}
	if len(args) < 2 || strings.HasPrefix(args[0], "-") || strings.HasPrefix(args[1], "-") {
		fset.Usage()
		return ExitUsage
	}
	o.Kind, o.Slug, o.Today = args[0], args[1], now()
	if err := fset.Parse(args[2:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "showcase new: unexpected argument %q\n", fset.Arg(0))
		return ExitUsage
	}
	if !slices.Contains(scaffold.Kinds, o.Kind) {
		fmt.Fprintf(stderr, "showcase new: cannot create a %q: say one of %s\n", o.Kind, strings.Join(scaffold.Kinds, ", "))
		return ExitUsage
	}
	site, err := generator.Site(generator.Options{ContentDir: *content})
	if err != nil {
		return fail(err, stderr, stderr)
	}
	src, err := scaffold.Skeleton(site, o)
	if err != nil {
		fmt.Fprintf(stderr, "showcase new: %v\n", err)
		return ExitUsage
	}
	rel := scaffold.Path(o.Kind, o.Slug)
	for _, other := range taken(o.Kind, o.Slug) {
		if _, err := os.Stat(filepath.Join(*content, other)); err == nil {
			fmt.Fprintf(stderr, "showcase new: %s already exists: choose another slug (nothing was written)\n",
				filepath.ToSlash(filepath.Join(*content, other)))
			return ExitContent
		}
	}
	p := filepath.Join(*content, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "showcase new: %s already exists (nothing was written)\n", filepath.ToSlash(p))
		return ExitContent
	}
	if err == nil {
		_, err = f.Write(src)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "created %s\n%s", filepath.ToSlash(p), next(o.Kind, filepath.ToSlash(filepath.Dir(p))))
	return ExitOK
}

// taken lists the files whose existence means the slug is in use for kind.
func taken(kind, slug string) []string {
	switch kind {
	case "project":
		return []string{"projects/" + slug + ".md", "projects/" + slug + "/index.md"}
	case "pavilion":
		return []string{"pavilion/" + slug + ".md", "pavilion/" + slug + "/index.md"}
	case "dataset":
		return []string{"datasets/" + slug + "/dataset.yaml"}
	}
	return []string{"charts/" + slug + ".yaml", "charts/" + slug + ".yml"}
}

func next(kind, dir string) string {
	switch kind {
	case "dataset":
		return "next: put the snapshot file in " + dir + "/ (as data.csv, or change files: path), fill in the\n" +
			"provenance, then run showcase check\n"
	case "chart":
		return "next: name the dataset and its columns, then run showcase check (it lists the columns)\n"
	}
	return "next: fill in the fields and the text, add images beside it, then run showcase check\n"
}
