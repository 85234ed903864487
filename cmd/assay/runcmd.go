package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

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
	maxRows int
	// formatted makes CSV use the display formats (--formatted).
	formatted bool
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", "run SPEC… [--db URL|NAME] [-p name=value]… [--format F[,F…]] [--out DIR | -o FILE|-]", stderr)
	o := runOptions{params: paramFlag{}}
	fs.StringVar(&o.db, "db", "", "database `URL or NAME` (default: the project's default_database, then $ASSAY_DATABASE_URL)")
	fs.Var(o.params, "p", "parameter `name=value` (repeatable; dates YYYY-MM-DD, lists a,b,c or \"a, b\",c as in CSV)")
	format := fs.String("format", "", "output `formats`, comma-separated: "+strings.Join(reports.Formats(), ", ")+" (default: table on a terminal, else csv)")
	fs.StringVar(&o.outDir, "out", "", "write each report to `DIR`/<report>.<ext>, one file per format, all renamed into place together (DIR is created if missing)")
	fs.StringVar(&o.outFile, "o", "", "write the one report and format to `FILE` (- for stdout): a file is replaced atomically, a symbolic link's target too, a device or FIFO is written in place; a directory, socket or block device is refused")
	limitVar(fs, &o.timeout, "timeout", engine.DefaultTimeout, "stop a query that runs longer than this `duration` in the database (0: no limit)")
	connectTimeoutVar(fs, &o.connect)
	fs.IntVar(&o.batch, "batch-size", engine.DefaultBatchSize, "rows per Arrow record batch")
	fs.BoolVar(&o.failOn, "fail-on-outliers", false, "exit with code 3 when an outlier rule flags a row")
	fs.IntVar(&o.maxRows, "max-rows", defaultMaxRows, "show at most `N` rows in a table or an HTML page (0: all; pivoted rows with pivot:); the footer counts the rest")
	fs.BoolVar(&o.formatted, "formatted", false, "write CSV in the display formats of the spec's format: (labels, currency, percent, dates) and laid out by its pivot:, instead of raw values")
	specs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := o.check(specs, *format, stdout); err != nil {
		return err
	}
	if err := o.checkOutputs(specs); err != nil {
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
	sets, err := o.openOutputs(plans)
	if err != nil {
		return err
	}
	defer abortAll(sets)
	flagged := 0
	for i := range specs {
		n, err := s.runOne(ctx, plans[i], vals[i], o, sets[i], stdout)
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
	case o.formatted && !slices.Contains(o.formats, reports.FormatCSV):
		return usagef("--formatted applies to CSV: give --format csv")
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
func (s *session) runOne(ctx context.Context, plan *compiler.Plan, vals map[string]any, o runOptions, set *reports.OutputSet, stdout io.Writer) (int, error) {
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
	d := s.newDisplay(plan, vals, started, o.maxRows)
	d.formatted = o.formatted
	// Progress on stderr, only when it is a terminal (never in a file or pipe).
	out := reports.WithProgress(rr, s.stderr, isTerminal(s.stderr))
	if err = s.writeOutputs(set, name, out, alloc, o, d, stdout); err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(s.stderr, "assay: %s done in %s", name, time.Since(started).Round(time.Millisecond))
	if len(plan.Result.Outliers) > 0 {
		fmt.Fprintf(s.stderr, ", %d outliers flagged", flagged)
	}
	fmt.Fprintln(s.stderr)
	return flagged, nil
}
