package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pgarrow:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: pgarrow load|measure|one [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ExitOnError)
	url := fs.String("db", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "PostgreSQL URL")
	n := fs.Int("rows", 10_000_000, "rows of the table")
	target := fs.String("target", "batches", "one: batches, csv, arrow or parquet")
	out := fs.String("out", "", "one: the output file")
	batch := fs.Int("batch", 0, "rows per record batch (0: the engine's default)")
	sizes := fs.String("sizes", "1000000,10000000", "measure: table sizes, comma-separated")
	reps := fs.Int("reps", 3, "measure: runs of each measurement")
	outDir := fs.String("outdir", os.TempDir()+"/pgarrow-out", "measure: folder of the exported files")
	python := fs.String("python", "/usr/bin/python3", "measure: Python with pandas, SQLAlchemy and psycopg2")
	pandasMax := fs.Int("pandas-rows", 10_000_000, "measure: largest table the pandas baseline reads (0: skip pandas)")
	profile := fs.String("cpuprofile", "", "one: write a CPU profile to this file")
	serial := fs.Bool("serial", false, "one: read the next batch only once the writer is done with this one (assay reads one batch ahead, on a goroutine of its own)")
	_ = fs.Parse(args[1:])
	if *profile != "" {
		f, err := os.Create(*profile)
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
		return load(ctx, *url, *n)
	case "measure":
		self, err := os.Executable()
		if err != nil {
			return err
		}
		var ns []int
		for _, f := range strings.Split(*sizes, ",") {
			v, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return fmt.Errorf("-sizes: %w", err)
			}
			ns = append(ns, v)
		}
		return measure(ctx, measureOptions{url: *url, sizes: ns, reps: *reps, outDir: *outDir,
			python: *python, pandas: *pandasMax, batch: *batch, selfBin: self})
	case "one":
		return export(ctx, exportOptions{url: *url, rows: *n, target: *target, out: *out, batch: *batch, serial: *serial})
	}
	return fmt.Errorf("unknown command %q", args[0])
}
