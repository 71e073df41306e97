package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// median returns the median of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// stat is a median with the smallest and largest value.
type stat struct{ Median, Min, Max float64 }

func statOf(xs []float64) stat {
	return stat{median(xs), slices.Min(xs), slices.Max(xs)}
}

func (s stat) String() string { return fmt.Sprintf("%.3g (%.3g–%.3g)", s.Median, s.Min, s.Max) }

func column(runs []sample, f func(sample) float64) []float64 {
	out := make([]float64, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

func seconds(d time.Duration) float64 { return d.Seconds() }

// ratios divides a's wall time by b's, round by round.
func ratios(a, b *tool) []float64 {
	out := make([]float64, len(a.runs))
	for i := range a.runs {
		out[i] = a.runs[i].Wall.Seconds() / b.runs[i].Wall.Seconds()
	}
	return out
}

func find(tools []*tool, name string) *tool {
	for _, t := range tools {
		if t.name == name {
			return t
		}
	}
	return nil
}

// report prints one output location's table: medians (min–max) of every tool, then the ratios.
func report(where string, tools []*tool) {
	fmt.Printf("\noutput on %s, %d rounds (medians, min–max):\n", where, len(tools[0].runs))
	fmt.Printf("  %-20s %-24s %-24s %-24s %s\n", "tool", "wall s", "cpu s", "peak RSS MiB", "pages")
	for _, t := range tools {
		fmt.Printf("  %-20s %-24s %-24s %-24s %d\n", t.name,
			statOf(column(t.runs, func(s sample) float64 { return seconds(s.Wall) })),
			statOf(column(t.runs, func(s sample) float64 { return seconds(s.CPU) })),
			statOf(column(t.runs, func(s sample) float64 { return s.PeakMiB })), t.runs[0].Pages)
	}
	for _, t := range tools {
		if !strings.HasPrefix(t.name, "showcase") {
			continue
		}
		for _, base := range []string{"hugo", "floor"} {
			if b := find(tools, base); b != nil {
				fmt.Printf("  %s / %s wall ratio: %s\n", t.name, base, statOf(ratios(t, b)))
			}
		}
	}
}

// results is what -json appends.
type results struct {
	Projects, Pavilion int
	Outputs            []output
}

type output struct {
	Where  string
	Tools  map[string]toolResult
	Ratios map[string]stat
}

type toolResult struct {
	Wall, CPU, PeakMiB stat
	Pages              int
}

func (r *results) add(where string, tools []*tool) {
	o := output{Where: where, Tools: map[string]toolResult{}, Ratios: map[string]stat{}}
	for _, t := range tools {
		o.Tools[t.name] = toolResult{
			Wall:    statOf(column(t.runs, func(s sample) float64 { return seconds(s.Wall) })),
			CPU:     statOf(column(t.runs, func(s sample) float64 { return seconds(s.CPU) })),
			PeakMiB: statOf(column(t.runs, func(s sample) float64 { return s.PeakMiB })),
			Pages:   t.runs[0].Pages}
		for _, base := range []string{"hugo", "floor"} {
			if b := find(tools, base); b != nil && strings.HasPrefix(t.name, "showcase") {
				o.Ratios[t.name+" / "+base] = statOf(ratios(t, b))
			}
		}
	}
	r.Outputs = append(r.Outputs, o)
}

func (r *results) write(file string) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
