// Package cli is the showcase command line: subcommands, flags, help, exit codes and where output goes.
// Diagnostics and errors go to stderr (for check: the diagnostics go to stdout, the summary to stderr).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/hkshopendata/showcase/generator"
	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/echarts"
	"github.com/hkshopendata/showcase/generator/internal/memory"
)

// MemoryTarget is the memory `build` and `check` aim to stay within: a soft limit for Go's collector, raised for
// a site whose live data needs more (generator/internal/memory). The environment's GOMEMLIMIT, "off" included,
// replaces it.
const MemoryTarget = 224 << 20

// Exit codes.
const (
	ExitOK      = 0 // success
	ExitContent = 1 // the content has errors, or the build failed
	ExitUsage   = 2 // wrong command line
)

// Version is the program's version.
const Version = "0.1.0"

const usage = `showcase builds the open-data showcase site from content/ into public/.

Usage:
  showcase build   [--content DIR] [--out DIR] [--base-url URL] [--strict] [--drafts] [--echarts FILE]
  showcase check   [--content DIR] [--strict] [--format text|json|github]
  showcase serve   [--content DIR] [--port 1313] [--bind 127.0.0.1] [--drafts]
  showcase new     project|pavilion|dataset|chart SLUG [--city ID] [--theme ID] [--year N] …
  showcase schema  [--content DIR] [--out DIR]
  showcase version

Run "showcase COMMAND -h" for a command's flags.
`

// Run runs the command line args (without the program name) and returns the exit code.
func Run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "showcase: internal error (please report it): %v\n%s", r, debug.Stack())
			code = ExitContent
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "build":
		return build(args[1:], stdout, stderr)
	case "check":
		return check(args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "new":
		return newCmd(args[1:], stdout, stderr)
	case "schema":
		return schemaCmd(args[1:], stdout, stderr)
	case "version":
		return version(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "showcase: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

// flags is the set of flags shared by build and check.
type flags struct {
	fs   *flag.FlagSet
	opts generator.Options
}

func newFlags(name, summary string, stderr io.Writer) *flags {
	f := &flags{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	f.fs.SetOutput(stderr)
	f.fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: showcase %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		f.fs.PrintDefaults()
	}
	f.fs.StringVar(&f.opts.ContentDir, "content", "content", "the content `folder`")
	f.fs.BoolVar(&f.opts.Strict, "strict", false, "treat warnings as errors")
	f.fs.BoolVar(&f.opts.Drafts, "drafts", false, "include entries marked draft: true")
	return f
}

// parse parses args; it returns an exit code when the command should stop.
func (f *flags) parse(args []string) (int, bool) {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, true
		}
		return ExitUsage, true
	}
	if f.fs.NArg() > 0 {
		fmt.Fprintf(f.fs.Output(), "showcase %s: unexpected argument %q\n", f.fs.Name(), f.fs.Arg(0))
		f.fs.Usage()
		return ExitUsage, true
	}
	return 0, false
}

func build(args []string, stdout, stderr io.Writer) int {
	f := newFlags("build", "Checks the content and builds the site. The output folder is replaced in one step, and\n"+
		"only when the whole build succeeded.", stderr)
	f.fs.StringVar(&f.opts.OutDir, "out", "public", "the output `folder`")
	f.fs.StringVar(&f.opts.BaseURL, "base-url", "", "the `URL` the site is published at (overrides site.yaml)")
	f.fs.StringVar(&f.opts.ThemesDir, "themes", "", "the themes `folder` (default: themes/ beside the content folder)")
	f.fs.StringVar(&f.opts.ECharts.File, "echarts", "", "an echarts-"+echarts.PinnedVersion+".tgz or echarts.min.js `file` to use "+
		"instead of\nthe npm registry, for builds without internet (also: SHOWCASE_ECHARTS)")
	cpuProfile := f.fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	f.fs.BoolVar(&f.opts.Full, "full", false, "render every page, ignoring what the last build into the output folder left\n"+
		"(by default a page whose inputs did not change is kept from it)")
	timings := f.fs.Bool("timings", false, "print how long each stage of the build took")
	memProfile := f.fs.String("memprofile", "", "write a heap profile, taken at the end of the build, to `file`")
	if code, stop := f.parse(args); stop {
		return code
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "showcase build: %v\n", err)
		return ExitUsage
	}
	defer memory.Target(MemoryTarget)()
	res, err := generator.Build(f.opts)
	if perr := stop(); perr != nil {
		fmt.Fprintf(stderr, "showcase build: %v\n", perr)
	}
	if err != nil {
		return fail(err, stderr, stderr)
	}
	warnings(res.Diagnostics, stderr)
	kept := ""
	if res.Kept > 0 {
		kept = fmt.Sprintf("; %d unchanged, kept from the last build", res.Kept)
	}
	if res.Converted < res.Entries {
		bodies := "bodies"
		if res.Converted == 1 {
			bodies = "body"
		}
		kept += fmt.Sprintf("; %d Markdown %s converted, the others as the last build converted them",
			res.Converted, bodies)
	}
	fmt.Fprintf(stdout, "built %d pages (%d files%s) from %d entries in %s → %s\n", res.Pages, res.Files, kept,
		res.Entries, seconds(res.Duration.Seconds()), f.opts.OutDir)
	if *timings {
		for _, t := range res.Timings {
			fmt.Fprintf(stdout, "  %-9s %-7s%s\n", t.Stage, seconds(t.Duration.Seconds()), cpu(t))
		}
	}
	return ExitOK
}

func check(args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", "Checks the content and reports every problem as path:line:col: field: message (hint).",
		stderr)
	format := f.fs.String("format", "text", "how to print problems: `text`, json, or github (annotations on a pull\n"+
		"request's diff, and the full list in the job summary)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if !slices.Contains(Formats, *format) {
		fmt.Fprintf(stderr, "showcase check: --format must be one of %s, not %q\n", strings.Join(Formats, ", "), *format)
		return ExitUsage
	}
	defer memory.Target(MemoryTarget)()
	res, err := generator.Check(f.opts)
	ds := res.Diagnostics
	var de *diag.Errors
	if errors.As(err, &de) {
		ds = de.Diagnostics
	} else if err != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	if rerr := report(*format, ds, stdout); rerr != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", rerr)
	}
	errs := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs++
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%d errors, %d warnings\n", errs, len(ds)-errs)
		return ExitContent
	}
	fmt.Fprintf(stderr, "checked %d entries: %d warnings\n", res.Entries, len(ds))
	return ExitOK
}

// fail prints err: content diagnostics to diagOut, anything else to stderr.
func fail(err error, diagOut, stderr io.Writer) int {
	var de *diag.Errors
	if !errors.As(err, &de) {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	errs := 0
	for _, d := range de.Diagnostics {
		fmt.Fprintln(diagOut, d)
		if d.Severity == diag.Error {
			errs++
		}
	}
	fmt.Fprintf(stderr, "%d errors, %d warnings\n", errs, len(de.Diagnostics)-errs)
	return ExitContent
}

// maxWarnings is how many warnings a successful build prints; check prints them all.
const maxWarnings = 20

func warnings(ds []diag.Diagnostic, stderr io.Writer) {
	for i, d := range ds {
		if i == maxWarnings {
			fmt.Fprintf(stderr, "… and %d more warnings (showcase check lists them all)\n", len(ds)-i)
			break
		}
		fmt.Fprintln(stderr, d)
	}
}

// cpu tells, for --timings, the CPU time of a stage and how many cores it kept busy on average (when the stage
// took long enough for that to mean something).
func cpu(t generator.Timing) string {
	if t.CPU <= 0 {
		return ""
	}
	s := "  CPU " + seconds(t.CPU.Seconds())
	if t.Duration >= 50*time.Millisecond {
		s += fmt.Sprintf(" (%.1f cores)", t.CPU.Seconds()/t.Duration.Seconds())
	}
	return s
}

func seconds(s float64) string { return strings.TrimSuffix(fmt.Sprintf("%.2f", s), "0") + " s" }

func version(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "Usage: showcase version\n\nPrints the version of showcase.") }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintf(stdout, "showcase %s%s %s/%s %s\n", Version, rev, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return ExitOK
}

// SchemaDir is where the repository keeps the JSON Schemas of its content documents.
const SchemaDir = "docs/schemas"

func schemaCmd(args []string, stdout, stderr io.Writer) int {
	f := newFlags("schema", "Writes the JSON Schema of every kind of content document (site, project, pavilion, page,\n"+
		"dataset, chart), with the site's terms and languages, for editors to complete and check YAML.", stderr)
	out := f.fs.String("out", SchemaDir, "the `folder` to write the *.schema.json files to")
	if code, stop := f.parse(args); stop {
		return code
	}
	if code, ok := contentFolder("schema", f.opts.ContentDir, stderr); !ok {
		return code
	}
	files, err := generator.Schemas(f.opts)
	if err != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "showcase: %v\n", err)
		return ExitContent
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintf(stderr, "showcase: %v\n", err)
			return ExitContent
		}
	}
	fmt.Fprintf(stdout, "wrote %d schemas to %s\n", len(names), *out)
	return ExitOK
}

// contentFolder checks that the content folder exists, for commands that would otherwise work without it.
func contentFolder(cmd, dir string, stderr io.Writer) (int, bool) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "showcase %s: no content folder at %s (run it from the site's folder, or pass --content)\n",
			cmd, dir)
		return ExitUsage, false
	}
	return 0, true
}
