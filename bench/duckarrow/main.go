//go:build !noduckdb

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "duckarrow:", err)
		os.Exit(1)
	}
}

// options are the flags of every subcommand.
type options struct {
	dir     string
	rows    int
	target  string
	out     string
	batch   int
	sizes   []int
	reps    int
	outDir  string
	profile string
	options string // DuckDB options of assay's database, "name=value&…"
	only    string // measure: the tasks whose names hold one of these, comma-separated
	pool    bool   // one: an allocator recycling released buffers (experiment)
	serial  bool   // one: read each batch only after the writer is done with the last one
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: duckarrow load|measure|one|copy [flags]")
	}
	o, err := parseFlags(args[0], args[1:])
	if err != nil {
		return err
	}
	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	switch args[0] {
	case "load":
		return load(ctx, dbPath(o.dir, o.rows), o.rows)
	case "measure":
		self, err := os.Executable()
		if err != nil {
			return err
		}
		return measure(ctx, o, self)
	case "one":
		return export(ctx, o)
	case "copy":
		return copyOut(ctx, o)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// parseFlags reads the flags of the subcommand cmd.
func parseFlags(cmd string, args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	fs.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "duckarrow-data"), "folder of the DuckDB files")
	fs.IntVar(&o.rows, "rows", 10_000_000, "rows of the table")
	fs.StringVar(&o.target, "target", "batches", "one: batches, csv, arrow, parquet, json, html or xlsx; copy: csv or parquet")
	fs.StringVar(&o.out, "out", "", "one, copy: the output file")
	fs.IntVar(&o.batch, "batch", 0, "rows per record batch (0: the engine's default)")
	sizes := fs.String("sizes", "1000000,10000000", "measure: table sizes, comma-separated")
	fs.IntVar(&o.reps, "reps", 3, "measure: runs of each measurement")
	fs.StringVar(&o.outDir, "outdir", filepath.Join(os.TempDir(), "duckarrow-out"), "measure: folder of the exported files")
	fs.StringVar(&o.profile, "cpuprofile", "", "one: write a CPU profile to this file")
	fs.StringVar(&o.options, "options", "", "one, measure: DuckDB options of assay's database, as in memory_limit=128MB")
	fs.StringVar(&o.only, "only", "", "measure: run only the tasks whose names contain one of these comma-separated words (as in -only CSV,XLSX)")
	fs.BoolVar(&o.serial, "serial", false, "one, measure: read the next batch only once the writer is done with this one (assay reads one batch ahead, on a goroutine of its own)")
	fs.BoolVar(&o.pool, "pool", false, "one: Arrow buffers from an allocator that recycles released ones (experiment)")
	_ = fs.Parse(args)
	for _, f := range strings.Split(*sizes, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return o, fmt.Errorf("-sizes: %w", err)
		}
		o.sizes = append(o.sizes, v)
	}
	return o, nil
}

// dbPath is the DuckDB file of the table of n rows.
func dbPath(dir string, n int) string {
	return filepath.Join(dir, fmt.Sprintf("bench-%d.duckdb", n))
}
