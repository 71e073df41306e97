// Command bench measures showcase against Hugo (and a plain Go floor) on the benchmark corpus of
// ../shared/bench, side by side in one paired run:
//
//	go run ./cmd/bench                     # 10,000 projects + 1,000 exhibits, 5 rounds, tmpfs and disk
//	go run ./cmd/bench -projects 1000 -pavilion 100 -runs 3 -outputs tmpfs
//
// It generates the corpus with gen_corpus.py (plus the site.yaml and dataset entries showcase needs, see
// generator/corpus), builds ./cmd/showcase, and then runs, round after round, every tool once into a fresh
// output folder: showcase with one language, showcase with three, Hugo on ../shared/bench/hugo-site (when a hugo
// binary is on PATH or given with -hugo), and the floor (yaml.v3 + goldmark + one template + write, entry pages
// only; `bench floor`). Each run is a separate process: wall time, CPU time and peak RSS (wait4) are recorded,
// and medians with min–max are printed with the showcase/Hugo and showcase/floor ratios of each round.
// It also checks that showcase's output holds every page Hugo's does.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/hkshopendata/showcase/generator/corpus"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		os.Exit(floorMain(os.Args[2:]))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type config struct {
	projects, pavilion, runs, warmup int
	work, disk, hugo, jsonOut        string
	outputs, languages               []string
	floor, incremental, rows         bool
}

func parseFlags() config {
	var c config
	var outputs, langs string
	flag.IntVar(&c.projects, "projects", 10000, "projects in the corpus")
	flag.IntVar(&c.pavilion, "pavilion", 1000, "pavilion exhibits in the corpus")
	flag.IntVar(&c.runs, "runs", 5, "measured rounds (every tool once per round; 0: only write the corpus)")
	flag.IntVar(&c.warmup, "warmup", 1, "rounds run first and not counted")
	flag.StringVar(&c.work, "work", defaultWork(), "`folder` for the corpus and binaries (on tmpfs, so input is in memory)")
	flag.StringVar(&c.disk, "disk", filepath.Join(os.Getenv("HOME"), ".cache", "showcase-bench"), "`folder` on disk for the disk outputs")
	flag.StringVar(&outputs, "outputs", "tmpfs,disk", "where to write the sites: tmpfs (under -work), disk (under -disk)")
	flag.StringVar(&langs, "languages", "1,3", "showcase runs with 1 and/or 3 languages")
	flag.StringVar(&c.hugo, "hugo", "", "the hugo `binary` (default: hugo on PATH; none: Hugo is left out)")
	flag.BoolVar(&c.floor, "floor", true, "also run the plain Go floor")
	flag.StringVar(&c.jsonOut, "json", "", "append the results as one JSON line to `file`")
	flag.BoolVar(&c.incremental, "incremental", true, "also time incremental builds (nothing changed; one title changed)")
	flag.BoolVar(&c.rows, "rows", true, "also time a site with a chart of a 1,000,000-row CSV")
	flag.Parse()
	c.outputs = strings.Split(outputs, ",")
	c.languages = strings.Split(langs, ",")
	if c.hugo == "" {
		c.hugo, _ = exec.LookPath("hugo")
	}
	return c
}

func defaultWork() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		return "/dev/shm/showcase-bench"
	}
	return filepath.Join(os.TempDir(), "showcase-bench")
}

// tool is one command the rounds run; out is replaced by the run's output folder.
type tool struct {
	name  string
	args  func(out string) []string
	pages string // the folder, relative to the output, whose HTML files are compared ("" for none)
	runs  []sample
}

type sample struct {
	Wall, CPU time.Duration
	PeakMiB   float64
	Pages     int
	Out       string // what the command printed
}

func run() error {
	c := parseFlags()
	gen, err := corpus.Generator()
	if err != nil {
		return err
	}
	shared := filepath.Dir(gen)
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return err
	}
	fmt.Printf("corpus: %d projects + %d exhibits in %s\n", c.projects, c.pavilion, c.work)
	base := filepath.Join(c.work, fmt.Sprintf("corpus-%d-%d", c.projects, c.pavilion))
	if err := prepare(base, c); err != nil {
		return err
	}
	if c.runs == 0 {
		fmt.Printf("corpus ready in %s (-runs 0: nothing is built)\n", base)
		return nil
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	showcase := filepath.Join(c.work, "showcase")
	if out, err := exec.Command("go", "build", "-o", showcase, "./cmd/showcase").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/showcase (run bench from the repository root): %v\n%s", err, out)
	}
	var tools []*tool
	for _, n := range c.languages {
		content := filepath.Join(base, "showcase-"+n+"lang", "content")
		tools = append(tools, &tool{name: "showcase, " + n + " lang", args: func(out string) []string {
			return []string{showcase, "build", "--content", content, "--out", out}
		}})
	}
	if c.hugo != "" {
		tools = append(tools, &tool{name: "hugo", args: func(out string) []string {
			return []string{c.hugo, "--quiet", "--source", filepath.Join(shared, "hugo-site"), "--contentDir",
				filepath.Join(base, "hugo", "content"), "--destination", out, "--cacheDir", out + ".cache"}
		}})
	} else {
		fmt.Println("hugo: not found (install: go install github.com/gohugoio/hugo@v0.165.0); left out")
	}
	if c.floor {
		content := filepath.Join(base, "hugo", "content")
		tools = append(tools, &tool{name: "floor", args: func(out string) []string {
			return []string{self, "floor", "-in", content, "-out", out, "-workers", "2"}
		}})
	}
	res := results{Projects: c.projects, Pavilion: c.pavilion}
	for _, where := range c.outputs {
		dir := map[string]string{"tmpfs": filepath.Join(c.work, "out"), "disk": c.disk}[where]
		if dir == "" {
			return fmt.Errorf("-outputs: %q is neither tmpfs nor disk", where)
		}
		for _, t := range tools {
			t.runs = nil
		}
		if err := rounds(tools, dir, c); err != nil {
			return err
		}
		res.add(where, tools)
		report(where, tools)
	}
	if c.hugo != "" && slices.Contains(c.languages, "1") {
		if err := samePages(tools, c.work); err != nil {
			return err
		}
	}
	if c.incremental {
		if err := incremental(showcase, base, c); err != nil {
			return fmt.Errorf("incremental: %w", err)
		}
	}
	if c.rows {
		if err := rowsChart(showcase, c); err != nil {
			return fmt.Errorf("rows: %w", err)
		}
	}
	if c.jsonOut != "" {
		return res.write(c.jsonOut)
	}
	return nil
}

// prepare writes the corpus once: hugo/ as gen_corpus.py writes it, and showcase-Nlang/ with the files showcase
// needs (hard links to one copy of the entries).
func prepare(base string, c config) error {
	done := filepath.Join(base, ".done")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	os.RemoveAll(base)
	one := filepath.Join(base, "showcase-1lang")
	if err := corpus.Write(one, c.projects, c.pavilion); err != nil {
		return err
	}
	gen, _ := corpus.Generator()
	cmd := exec.Command("python3", gen, "--projects", fmt.Sprint(c.projects), "--pavilion", fmt.Sprint(c.pavilion),
		"--out", filepath.Join(base, "hugo"), "--seed", "42")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", gen, err, out)
	}
	three := filepath.Join(base, "showcase-3lang")
	if err := linkTree(filepath.Join(one, "content"), filepath.Join(three, "content")); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(three, "content", "site.yaml")); err != nil {
		return err
	}
	if err := corpus.WriteSite(filepath.Join(three, "content"), 3); err != nil {
		return err
	}
	return os.WriteFile(done, nil, 0o644)
}

// linkTree makes dst a copy of src's folders with hard links to its files.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return os.Link(p, filepath.Join(dst, rel))
	})
}

// rounds runs warm-up and measured rounds of every tool, each into a fresh folder under dir.
func rounds(tools []*tool, dir string, c config) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for r := range c.warmup + c.runs {
		for _, t := range tools {
			out, err := os.MkdirTemp(dir, "run-")
			if err != nil {
				return err
			}
			out = filepath.Join(out, "public")
			s, err := measure(t.args(out))
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			s.Pages = countHTML(out)
			if r >= c.warmup {
				t.runs = append(t.runs, s)
			}
			if err := os.RemoveAll(filepath.Dir(out)); err != nil {
				return err
			}
			if err := os.RemoveAll(out + ".cache"); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// measure runs args as a process and returns its wall time, CPU time and peak RSS.
func measure(args []string) (sample, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	st := cmd.ProcessState
	ru, _ := st.SysUsage().(*syscall.Rusage)
	var peak float64
	if ru != nil {
		peak = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	return sample{Wall: wall, CPU: st.UserTime() + st.SystemTime(), PeakMiB: peak, Out: stdout.String()}, nil
}

// countHTML counts the .html files under dir.
func countHTML(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}
