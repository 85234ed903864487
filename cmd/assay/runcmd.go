package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/outliers"
	"github.com/assay-dev/assay/reports"
)

// runOptions are the flags of `assay run`.
type runOptions struct {
	db      string
	params  paramFlag
	formats []reports.Format
	outDir  string
	outFile string
	timeout time.Duration
	connect time.Duration
	batch   int
	failOn  bool
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", "run SPEC… [--db URL|NAME] [-p name=value]… [--format F[,F…]] [--out DIR | -o FILE|-]", stderr)
	o := runOptions{params: paramFlag{}}
	fs.StringVar(&o.db, "db", "", "database `URL or NAME` (default: the project's default_database, then $ASSAY_DATABASE_URL)")
	fs.Var(o.params, "p", "parameter `name=value` (repeatable; dates YYYY-MM-DD, lists a,b,c or \"a, b\",c as in CSV)")
	format := fs.String("format", "", "output `formats`, comma-separated: "+strings.Join(reports.Formats(), ", ")+" (default: table on a terminal, else csv)")
	fs.StringVar(&o.outDir, "out", "", "write each report to `DIR`/<report>.<ext>, one file per format")
	fs.StringVar(&o.outFile, "o", "", "write the one report and format to `FILE` (- for stdout)")
	limitVar(fs, &o.timeout, "timeout", engine.DefaultTimeout, "stop a query that runs longer than this `duration` in the database (0: no limit)")
	connectTimeoutVar(fs, &o.connect)
	fs.IntVar(&o.batch, "batch-size", engine.DefaultBatchSize, "rows per Arrow record batch")
	fs.BoolVar(&o.failOn, "fail-on-outliers", false, "exit with code 3 when an outlier rule flags a row")
	specs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := o.check(specs, *format, stdout); err != nil {
		return err
	}
	s, err := start(ctx, specs[0], o.db, o.connect, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	if o.outDir == "" && o.outFile == "" && s.project.OutputDir != "" && *format != "" && !isStdoutFormat(o.formats) {
		o.outDir = filepath.Join(s.project.Dir, s.project.OutputDir)
	}
	plans := make([]*compiler.Plan, len(specs))
	vals := make([]map[string]any, len(specs))
	for i, path := range specs { // check everything before running anything
		if plans[i], err = s.compileSpec(path); err != nil {
			return err
		}
		if vals[i], err = s.values(plans[i], o.params); err != nil {
			return err
		}
	}
	flagged := 0
	for i := range specs {
		n, err := s.runOne(ctx, plans[i], vals[i], o, stdout)
		if err != nil {
			return err
		}
		flagged += n
	}
	if o.failOn && flagged > 0 {
		return errOutliers
	}
	return nil
}

func isStdoutFormat(fs []reports.Format) bool {
	return len(fs) == 1 && fs[0] == reports.FormatTable
}

// check validates the flag combination before anything is opened.
func (o *runOptions) check(specs []string, format string, stdout io.Writer) error {
	if len(specs) == 0 {
		return usagef("no spec given")
	}
	if format == "" {
		format = "csv"
		if o.outDir == "" && o.outFile == "" && isTerminal(stdout) {
			format = "table"
		}
	}
	for _, name := range strings.Split(format, ",") {
		f, err := reports.ParseFormat(strings.TrimSpace(name))
		if err != nil {
			return usageError{err}
		}
		o.formats = append(o.formats, f)
	}
	switch {
	case o.outDir != "" && o.outFile != "":
		return usagef("give --out DIR or -o FILE, not both")
	case o.outFile != "" && (len(specs) > 1 || len(o.formats) > 1):
		return usagef("-o writes one report in one format; use --out DIR for several")
	case o.outFile == "" && o.outDir == "" && len(o.formats) > 1:
		return usagef("several formats need --out DIR")
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// runOne runs one plan and writes every requested output. It returns the
// number of rows outlier rules flagged. The stages are chained here: the
// engine runs the query, outliers.Stage scores it and puts the columns in
// their final order, the writers write it.
func (s *session) runOne(ctx context.Context, plan *compiler.Plan, vals map[string]any, o runOptions, stdout io.Writer) (int, error) {
	alloc := memory.NewGoAllocator()
	started := time.Now()
	name := plan.Result.Name
	query, err := engine.Run(ctx, s.backend, plan, vals, engine.RunOptions{Alloc: alloc, BatchSize: o.batch, Timeout: o.timeout})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	defer query.Release()
	rr, flagged, err := outliers.Stage(alloc, query, plan.Result)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	defer rr.Release()
	switch {
	case o.outFile == "" && o.outDir == "":
		err = o.formats[0].Write(stdout, rr, alloc)
	case o.outFile == "-":
		err = o.formats[0].Write(stdout, rr, alloc)
	case o.outFile != "":
		err = reports.WriteFileAtomic(o.outFile, func(w io.Writer) error { return o.formats[0].Write(w, rr, alloc) })
	default:
		err = s.writeAll(rr, alloc, o, name)
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(s.stderr, "assay: %s done in %s", name, time.Since(started).Round(time.Millisecond))
	if len(plan.Result.Outliers) > 0 {
		fmt.Fprintf(s.stderr, ", %d outliers flagged", flagged)
	}
	fmt.Fprintln(s.stderr)
	return flagged, nil
}

// writeAll writes every format into the output folder at once: the result
// streams through reports.Tee to one writer per format, so memory stays
// bounded for a listing of millions of rows. Each file is written
// atomically and renamed only when its own writing succeeded.
func (s *session) writeAll(rr array.RecordReader, alloc memory.Allocator, o runOptions, name string) error {
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	readers := reports.Tee(rr, len(o.formats))
	errs := make([]error, len(o.formats))
	paths := make([]string, len(o.formats))
	var wg sync.WaitGroup
	for i, f := range o.formats {
		paths[i] = filepath.Join(o.outDir, name+f.Extension())
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer readers[i].Release()
			errs[i] = reports.WriteFileAtomic(paths[i], func(w io.Writer) error { return f.Write(w, readers[i], alloc) })
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(s.stderr, "assay: wrote %s\n", p)
	}
	return nil
}
