//go:build !noduckdb

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
// the child reports it, and the rows it returned.
type sample struct {
	wall, query time.Duration
	rows        int
}

// measure runs assay and the reference of every query o.reps times,
// interleaved, and prints the table of medians.
func measure(ctx context.Context, o measureOptions) error {
	if _, err := os.Stat(o.db); err != nil {
		return fmt.Errorf("no database: run `tpch load` first: %w", err)
	}
	assayRuns := map[string][]sample{}
	refRuns := map[string][]sample{}
	for rep := 1; rep <= o.reps; rep++ {
		for _, q := range queryNames {
			a, err := runAssay(ctx, o, q)
			if err != nil {
				return fmt.Errorf("assay %s: %w", q, err)
			}
			r, err := runReference(ctx, o, q)
			if err != nil {
				return fmt.Errorf("reference %s: %w", q, err)
			}
			assayRuns[q], refRuns[q] = append(assayRuns[q], a), append(refRuns[q], r)
			fmt.Fprintf(os.Stderr, "rep %d  %-4s assay %6.3f s, run %6.3f s (%d rows)  reference %6.3f s, query %6.3f s (%d rows)\n",
				rep, q, a.wall.Seconds(), a.query.Seconds(), a.rows, r.wall.Seconds(), r.query.Seconds(), r.rows)
		}
	}
	fmt.Printf("| query | assay process (s) | reference process (s) | ratio | assay run, in-process (s) | reference query + rows, in-process (s) | ratio | same rows |\n")
	fmt.Printf("|---|---:|---:|---:|---:|---:|---:|---|\n")
	wall := func(s sample) time.Duration { return s.wall }
	query := func(s sample) time.Duration { return s.query }
	for _, q := range queryNames {
		a, r := median(assayRuns[q], wall), median(refRuns[q], wall)
		aq, rq := median(assayRuns[q], query), median(refRuns[q], query)
		same := assayRuns[q][0].rows == refRuns[q][0].rows
		fmt.Printf("| %s | %.3f | %.3f | %.2f× | %.3f | %.3f | %.2f× | %t (%d) |\n", q, a.Seconds(), r.Seconds(),
			a.Seconds()/r.Seconds(), aq.Seconds(), rq.Seconds(), aq.Seconds()/rq.Seconds(), same, refRuns[q][0].rows)
	}
	return nil
}

// runAssay runs `assay run` on the spec of q into a CSV file and counts
// its data rows.
func runAssay(ctx context.Context, o measureOptions, q string) (sample, error) {
	out := filepath.Join(o.dir, q+".csv")
	spec := filepath.Join("bench", "tpch", "reports", q+".yaml")
	db := "duckdb:" + o.db
	if o.options != "" {
		db += "?" + o.options
	}
	wall, _, stderr, err := runChild(ctx, o.assay, "run", spec, "--db", db, "--format", "csv", "-o", out)
	if err != nil {
		return sample{}, err
	}
	// assay reports the time of the query and the output: "… done in 110ms".
	_, took, ok := strings.Cut(stderr, " done in ")
	if !ok {
		return sample{}, fmt.Errorf("no run time in %q", stderr)
	}
	query, err := time.ParseDuration(strings.Fields(took)[0])
	if err != nil {
		return sample{}, err
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return sample{}, err
	}
	_ = os.Remove(out)
	return sample{wall: wall, query: query, rows: bytes.Count(data, []byte("\n")) - 1}, nil
}

// runReference runs `tpch ref -q q` and reads the rows it printed.
func runReference(ctx context.Context, o measureOptions, q string) (sample, error) {
	wall, stdout, _, err := runChild(ctx, o.self, "ref", "-dir", o.dir, "-q", q)
	if err != nil {
		return sample{}, err
	}
	s := sample{wall: wall}
	var secs float64
	if _, err := fmt.Sscan(stdout, &s.rows, &secs); err != nil {
		return sample{}, fmt.Errorf("reading %q: %w", stdout, err)
	}
	s.query = time.Duration(secs * float64(time.Second))
	return s, nil
}

// runChild runs a program and returns its wall time, standard output and
// standard error.
func runChild(ctx context.Context, name string, args ...string) (time.Duration, string, string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, "", "", fmt.Errorf("%v: %s", err, stderr.String())
	}
	return time.Since(start), stdout.String(), stderr.String(), nil
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
