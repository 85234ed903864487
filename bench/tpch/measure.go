//go:build !noduckdb

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// measureOptions are the flags of `tpch measure`.
type measureOptions struct {
	self, assay string // this program and the assay binary
	db, dir     string // the DuckDB file and the folder of the outputs
	reps        int
	options     string // DuckDB options of assay's database, "name=value&…"
}

// sample is one child run: its wall time, the time of the query alone as
// the child reports it, the rows it returned and, for the first run of
// each, its CSV (header and rows).
type sample struct {
	wall, query, cpu time.Duration
	rows             int
	csv              string
}

// measure runs assay and the reference of every query o.reps times,
// interleaved, and prints the table of medians.
func measure(ctx context.Context, o measureOptions) error {
	if _, err := os.Stat(o.db); err != nil {
		return fmt.Errorf("no database: run `tpch load` first: %w", err)
	}
	assayRuns := map[string][]sample{}
	stdoutRuns := map[string][]sample{}
	refRuns := map[string][]sample{}
	same := map[string]error{}
	loadBefore := loadAverage()
	for rep := 1; rep <= o.reps; rep++ {
		for _, q := range queryNames {
			a, err := runAssay(ctx, o, q, false)
			if err != nil {
				return fmt.Errorf("assay %s: %w", q, err)
			}
			so, err := runAssay(ctx, o, q, true)
			if err != nil {
				return fmt.Errorf("assay %s to stdout: %w", q, err)
			}
			stdoutRuns[q] = append(stdoutRuns[q], so)
			r, err := runReference(ctx, o, q, rep == 1)
			if err != nil {
				return fmt.Errorf("reference %s: %w", q, err)
			}
			if rep == 1 {
				same[q] = sameRows(a.csv, r.csv)
				if same[q] != nil {
					fmt.Fprintf(os.Stderr, "%s: assay and the reference differ: %v\n", q, same[q])
				}
			}
			assayRuns[q], refRuns[q] = append(assayRuns[q], a), append(refRuns[q], r)
			fmt.Fprintf(os.Stderr, "rep %d  %-4s assay %6.3f s (cpu %6.3f), run %6.3f s, to stdout %6.3f s (%d rows)  reference %6.3f s (cpu %6.3f), query %6.3f s (%d rows)\n",
				rep, q, a.wall.Seconds(), a.cpu.Seconds(), a.query.Seconds(), so.query.Seconds(), a.rows,
				r.wall.Seconds(), r.cpu.Seconds(), r.query.Seconds(), r.rows)
		}
	}
	fmt.Printf("%d runs of each, interleaved; medians. Load average %s before, %s after; %d CPUs.\n\n",
		o.reps, loadBefore, loadAverage(), runtime.NumCPU())
	fmt.Printf("| query | assay process (s) | reference process (s) | ratio | assay process CPU (s) | reference process CPU (s) | ratio " +
		"| assay run -o FILE, in-process (s) | assay run to stdout, in-process (s) | reference query + rows, in-process (s) " +
		"| ratio -o FILE | ratio stdout | same rows |\n")
	fmt.Printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	wall := func(s sample) time.Duration { return s.wall }
	query := func(s sample) time.Duration { return s.query }
	cpu := func(s sample) time.Duration { return s.cpu }
	for _, q := range queryNames {
		a, r := median(assayRuns[q], wall), median(refRuns[q], wall)
		ac, rc := median(assayRuns[q], cpu), median(refRuns[q], cpu)
		aq, sq, rq := median(assayRuns[q], query), median(stdoutRuns[q], query), median(refRuns[q], query)
		fmt.Printf("| %s | %.3f | %.3f | %.2f× | %.3f | %.3f | %.2f× | %.3f | %.3f | %.3f | %.2f× | %.2f× | %t (%d) |\n", q,
			a.Seconds(), r.Seconds(), a.Seconds()/r.Seconds(), ac.Seconds(), rc.Seconds(), ac.Seconds()/rc.Seconds(),
			aq.Seconds(), sq.Seconds(), rq.Seconds(), aq.Seconds()/rq.Seconds(), sq.Seconds()/rq.Seconds(),
			same[q] == nil, refRuns[q][0].rows)
	}
	for _, q := range queryNames {
		if same[q] != nil {
			return fmt.Errorf("%s: assay's rows are not the reference's: %w", q, same[q])
		}
	}
	return nil
}

// sameRows compares assay's CSV with the reference's: the same number of
// rows in the same order and, for each of assay's columns, the
// reference's column of that name: numbers equal within 1e-9 relative
// (assay writes decimals with their scale, DuckDB's double division may
// differ in the last digits), other values equal as text.
func sameRows(assayCSV, refCSV string) error {
	a, err := csv.NewReader(strings.NewReader(assayCSV)).ReadAll()
	if err != nil {
		return fmt.Errorf("assay's CSV: %w", err)
	}
	r, err := csv.NewReader(strings.NewReader(refCSV)).ReadAll()
	if err != nil {
		return fmt.Errorf("the reference's CSV: %w", err)
	}
	if len(a) != len(r) || len(a) == 0 {
		return fmt.Errorf("%d rows, the reference %d", len(a)-1, len(r)-1)
	}
	for i, name := range a[0] {
		j := slices.Index(r[0], name)
		if j < 0 {
			return fmt.Errorf("column %q is not in the reference (%v)", name, r[0])
		}
		for row := 1; row < len(a); row++ {
			if !sameValue(a[row][i], r[row][j]) {
				return fmt.Errorf("row %d, %s: assay %q, the reference %q", row, name, a[row][i], r[row][j])
			}
		}
	}
	return nil
}

func sameValue(a, r string) bool {
	if a == r {
		return true
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errR := strconv.ParseFloat(r, 64)
	if errA != nil || errR != nil {
		return false
	}
	return math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
}

// runAssay runs `assay run` on the spec of q into a CSV file (written
// atomically: a temporary file, fsync, rename, fsync of the folder) or,
// with toStdout, to standard output, and counts its data rows.
func runAssay(ctx context.Context, o measureOptions, q string, toStdout bool) (sample, error) {
	out := filepath.Join(o.dir, q+".csv")
	spec := filepath.Join("bench", "tpch", "reports", q+".yaml")
	db := "duckdb:" + o.db
	if o.options != "" {
		db += "?" + o.options
	}
	target := out
	if toStdout {
		target = "-"
	}
	wall, cpu, stdout, stderr, err := runChild(ctx, o.assay, "run", spec, "--db", db, "--format", "csv", "-o", target)
	if err != nil {
		return sample{}, err
	}
	// assay logs the time of the report, its query and its output, in
	// whole milliseconds: "… msg="report done" … duration_ms=25 …".
	_, done, ok := strings.Cut(stderr, `msg="report done"`)
	if !ok {
		return sample{}, fmt.Errorf("no report done in %q", stderr)
	}
	_, took, ok := strings.Cut(done, " duration_ms=")
	if !ok {
		return sample{}, fmt.Errorf("no duration in %q", stderr)
	}
	msecs, err := strconv.Atoi(strings.Fields(took)[0])
	if err != nil {
		return sample{}, err
	}
	data := []byte(stdout)
	if !toStdout {
		if data, err = os.ReadFile(out); err != nil {
			return sample{}, err
		}
		_ = os.Remove(out)
	}
	return sample{wall: wall, cpu: cpu, query: time.Duration(msecs) * time.Millisecond,
		rows: bytes.Count(data, []byte("\n")) - 1, csv: string(data)}, nil
}

// runReference runs `tpch ref -q q` and reads the rows it printed and,
// with withRows, the CSV it wrote.
func runReference(ctx context.Context, o measureOptions, q string, withRows bool) (sample, error) {
	args := []string{"ref", "-dir", o.dir, "-q", q}
	rowsFile := filepath.Join(o.dir, q+".ref.csv")
	if withRows {
		args = append(args, "-rows", rowsFile)
	}
	wall, cpu, stdout, _, err := runChild(ctx, o.self, args...)
	if err != nil {
		return sample{}, err
	}
	s := sample{wall: wall, cpu: cpu}
	if withRows {
		data, err := os.ReadFile(rowsFile)
		if err != nil {
			return sample{}, err
		}
		_ = os.Remove(rowsFile)
		s.csv = string(data)
	}
	var secs float64
	if _, err := fmt.Sscan(stdout, &s.rows, &secs); err != nil {
		return sample{}, fmt.Errorf("reading %q: %w", stdout, err)
	}
	s.query = time.Duration(secs * float64(time.Second))
	return s, nil
}

// runChild runs a program and returns its wall time, its CPU time (user
// and system, every thread: less sensitive to a loaded machine than the
// wall time), standard output and standard error.
func runChild(ctx context.Context, name string, args ...string) (time.Duration, time.Duration, string, string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, "", "", fmt.Errorf("%v: %s", err, stderr.String())
	}
	wall := time.Since(start)
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return wall, cpu, stdout.String(), stderr.String(), nil
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// median returns the median of one time of the samples (the lower middle
// of an even count).
func median(xs []sample, of func(sample) time.Duration) time.Duration {
	ws := make([]time.Duration, len(xs))
	for i, x := range xs {
		ws[i] = of(x)
	}
	slices.Sort(ws)
	return ws[(len(ws)-1)/2]
}
