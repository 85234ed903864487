//go:build !noduckdb

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/assay-dev/assay/reports"
)

// task is one measured program run.
type task struct {
	name     string // row label
	baseline string // name of the task its time is divided by, if any
	args     []string
	output   string // the file it writes, removed after the run
}

// runStats is what one task run measured.
type runStats struct {
	wall, cpu time.Duration
	rss       int64 // peak resident set of the child, KiB
	size      int64 // size of the output file
}

// result is the measurements of one task at one size.
type result struct {
	walls, cpus []time.Duration
	rss         []int64
	bytes       int64
}

// Task names used as baselines.
const (
	copyCSV     = "DuckDB COPY TO csv"
	copyParquet = "DuckDB COPY TO parquet"
	assayCSV    = "assay → CSV file"
)

// tasks returns the measurements of the table of n rows.
func tasks(o options, self string, n int) []task {
	out := func(name, ext string) string { return filepath.Join(o.outDir, fmt.Sprintf("%s-%d.%s", name, n, ext)) }
	child := func(cmd, target, file string) []string {
		return []string{self, cmd, "-dir", o.dir, "-rows", fmt.Sprint(n), "-target", target,
			"-out", file, "-batch", fmt.Sprint(o.batch), "-options", o.options, fmt.Sprintf("-serial=%t", o.serial)}
	}
	all := []task{
		{name: copyCSV, args: child("copy", "csv", out("copy", "csv")), output: out("copy", "csv")},
		{name: copyParquet, args: child("copy", "parquet", out("copy", "parquet")), output: out("copy", "parquet")},
		{name: "assay → Arrow batches (discarded)", baseline: copyCSV, args: child("one", "batches", "")},
		{name: assayCSV, baseline: copyCSV, args: child("one", "csv", out("assay", "csv")), output: out("assay", "csv")},
		{name: "assay → Parquet file", baseline: copyParquet, args: child("one", "parquet", out("assay", "parquet")), output: out("assay", "parquet")},
		{name: "assay → Arrow IPC file", baseline: assayCSV, args: child("one", "arrow", out("assay", "arrow")), output: out("assay", "arrow")},
	}
	if n < reports.MaxXLSXRows { // a sheet holds 1,048,575 rows under its header
		all = append(all, task{name: "assay → XLSX file", baseline: assayCSV, args: child("one", "xlsx", out("assay", "xlsx")), output: out("assay", "xlsx")})
	}
	if o.only == "" {
		return all
	}
	var picked []task
	for _, t := range all {
		for _, want := range strings.Split(o.only, ",") {
			if strings.Contains(t.name, strings.TrimSpace(want)) {
				picked = append(picked, t)
				break
			}
		}
	}
	return picked
}

// measure runs every task at every size o.reps times, interleaved so that
// a change in the machine's load spreads over all of them, and prints the
// table of medians.
func measure(ctx context.Context, o options, self string) error {
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	for _, n := range o.sizes {
		if _, err := os.Stat(dbPath(o.dir, n)); err != nil {
			return fmt.Errorf("no table of %d rows: run `duckarrow load -rows %d` first", n, n)
		}
	}
	results := map[string]*result{}
	for rep := 1; rep <= o.reps; rep++ {
		for _, n := range o.sizes {
			for _, t := range tasks(o, self, n) {
				m, err := runTask(ctx, t)
				if err != nil {
					return fmt.Errorf("%s (%d rows): %w", t.name, n, err)
				}
				r := results[key(t.name, n)]
				if r == nil {
					r = &result{}
					results[key(t.name, n)] = r
				}
				r.walls, r.cpus, r.rss, r.bytes = append(r.walls, m.wall), append(r.cpus, m.cpu), append(r.rss, m.rss), m.size
				fmt.Fprintf(os.Stderr, "rep %d  %-34s %9d rows  %8.2f s  %6.2f s CPU  %7.1f MB RSS\n",
					rep, t.name, n, m.wall.Seconds(), m.cpu.Seconds(), float64(m.rss)/1024)
			}
		}
	}
	printTable(o, self, results)
	return nil
}

// key names the result of a task at a size.
func key(name string, n int) string { return fmt.Sprintf("%s@%d", name, n) }

// runTask runs one task and returns its wall time, its CPU time and peak
// resident set (getrusage of the child) and the size of its output file.
func runTask(ctx context.Context, t task) (runStats, error) {
	cmd := exec.CommandContext(ctx, t.args[0], t.args[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return runStats{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	m := runStats{wall: time.Since(start)}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m.rss = ru.Maxrss
	m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if t.output != "" {
		if st, err := os.Stat(t.output); err == nil {
			m.size = st.Size()
		}
		_ = os.Remove(t.output)
	}
	return m, nil
}

// median returns the median of xs (the lower middle of an even count).
func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// printTable prints the medians as a Markdown table.
func printTable(o options, self string, results map[string]*result) {
	fmt.Printf("| rows | what | median wall (s) | runs (s) | rows/s | time vs baseline | CPU (s) | peak RSS (MB) | output (MB) |\n")
	fmt.Printf("|---:|---|---:|---|---:|---|---:|---:|---:|\n")
	for _, n := range o.sizes {
		for _, t := range tasks(o, self, n) {
			r := results[key(t.name, n)]
			wall := median(r.walls)
			ratio := "baseline"
			if b := results[key(t.baseline, n)]; b != nil {
				ratio = fmt.Sprintf("%.2f× %s", wall.Seconds()/median(b.walls).Seconds(), t.baseline)
			}
			runs := make([]string, len(r.walls))
			for i, w := range r.walls {
				runs[i] = fmt.Sprintf("%.2f", w.Seconds())
			}
			out := "–"
			if r.bytes > 0 {
				out = fmt.Sprintf("%.0f", float64(r.bytes)/1e6)
			}
			fmt.Printf("| %d | %s | %.2f | %s | %.0f | %s | %.2f | %.0f | %s |\n", n, t.name, wall.Seconds(),
				strings.Join(runs, ", "), float64(n)/wall.Seconds(), ratio, median(r.cpus).Seconds(),
				float64(median(r.rss))/1024, out)
		}
	}
}
