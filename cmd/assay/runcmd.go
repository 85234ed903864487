package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
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
	// jobs is the number of reports run at once (--jobs).
	jobs int
	// retries is the number of attempts after the first one that a
	// transient failure gets (--retries).
	retries int
	// waitLock is how long to wait for another run's lock (--wait-lock).
	waitLock time.Duration
	// manifestSQL writes each report's SQL into the manifest.
	manifestSQL bool
	logFormat   string
	quiet       bool
	// progress shows the progress line (stderr is a terminal, one report
	// at a time, not --quiet).
	progress bool
}

const runSynopsis = "run SPEC|DIR|GLOB… [--db URL|NAME] [-p name=value]… [--format F[,F…]] [--out DIR | -o FILE|-] [--jobs N] [--retries N]"

// defaultJobs is the default of --jobs: the CPUs, at most 4 (the reports
// share the database, whose CPUs are what they use).
func defaultJobs() int { return min(runtime.NumCPU(), 4) }

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", runSynopsis, stderr)
	o := runOptions{params: paramFlag{}}
	fs.StringVar(&o.db, "db", "", "database `URL or NAME` (default: the project's default_database, then $ASSAY_DATABASE_URL)")
	fs.Var(o.params, "p", "parameter `name=value` (repeatable; dates YYYY-MM-DD, lists a,b,c or \"a, b\",c as in CSV)")
	format := fs.String("format", "", "output `formats`, comma-separated: "+strings.Join(reports.Formats(), ", ")+" (default: table on a terminal, else csv)")
	fs.StringVar(&o.outDir, "out", "", "write each report to `DIR`/<report>.<ext>, one file per format, all renamed into place together, and DIR/manifest.json last (DIR is created if missing and locked while the run writes)")
	fs.StringVar(&o.outFile, "o", "", "write the one report and format to `FILE` (- for stdout): a file is replaced atomically, a symbolic link's target too, a device or FIFO is written in place; a directory, socket or block device is refused")
	limitVar(fs, &o.timeout, "timeout", engine.DefaultTimeout, "stop a query that runs longer than this `duration` in the database (0: no limit)")
	connectTimeoutVar(fs, &o.connect)
	fs.IntVar(&o.batch, "batch-size", engine.DefaultBatchSize, "rows per Arrow record batch")
	fs.BoolVar(&o.failOn, "fail-on-outliers", false, "exit with code 3 when an outlier rule flags a row")
	fs.IntVar(&o.maxRows, "max-rows", defaultMaxRows, "show at most `N` rows in a table or an HTML page (0: all; pivoted rows with pivot:); the footer counts the rest")
	fs.BoolVar(&o.formatted, "formatted", false, "write CSV in the display formats of the spec's format: (labels, currency, percent, dates) and laid out by its pivot:, instead of raw values")
	fs.IntVar(&o.jobs, "jobs", defaultJobs(), "run at most `N` reports at once on one shared connection pool; the default is the number of CPUs, at most 4")
	fs.IntVar(&o.retries, "retries", 2, "run a report again up to `N` times after a transient failure (lost or refused connection, server restart, deadlock, serialization failure, too many connections)")
	limitVar(fs, &o.waitLock, "wait-lock", 0, "wait up to this `duration` for another run writing into the same --out DIR (0: fail at once)")
	fs.BoolVar(&o.manifestSQL, "manifest-sql", false, "write each report's SQL (with placeholders) into manifest.json")
	fs.StringVar(&o.logFormat, "log-format", logText, "log lines on stderr as `text` or json")
	fs.BoolVar(&o.quiet, "quiet", false, "log errors only")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	if o.jobs < 1 {
		return usagef("--jobs must be 1 or more, not %d", o.jobs)
	}
	if o.retries < 0 {
		return usagef("--retries must be 0 or more, not %d", o.retries)
	}
	log, err := newLogger(stderr, o.logFormat, o.quiet, secretsOf(ctx))
	if err != nil {
		return err
	}
	if o.logFormat == logJSON {
		// Every line on stderr is JSON: the final error, the spec
		// diagnostics and any other message.
		setErrorLog(ctx, log)
		stderr = &logLines{log: log}
	}
	specs, err := expandSpecs(args)
	if err != nil {
		return err
	}
	if err := o.check(specs, *format, stdout); err != nil {
		return err
	}
	if err := o.checkOutputs(specs); err != nil {
		return err
	}
	started := time.Now()
	s, err := o.start(ctx, log, specs[0], stderr)
	if err != nil {
		if o.outDir != "" && ctx.Err() == nil && !errors.Is(err, errReported) && !errors.As(err, new(usageError)) {
			o.failedManifest(ctx, log, specs, started, err)
		}
		return err
	}
	defer s.Close()
	// The database's statement_timeout (assay.yaml) unless --timeout was given.
	o.timeout = s.queryTimeout(o.timeout, flagGiven(fs, "timeout"))
	if o.outDir == "" && o.outFile == "" && s.project.OutputDir != "" && *format != "" && !isStdoutFormat(o.formats) {
		o.outDir = filepath.Join(s.project.Dir, s.project.OutputDir)
	}
	jobs, err := s.prepare(specs, o)
	if err != nil {
		return err
	}
	o.progress = !o.quiet && o.logFormat == logText && isTerminal(stderr) && (len(jobs) == 1 || o.jobs == 1 || o.toStdout())
	if o.outDir != "" {
		if err := os.MkdirAll(o.outDir, 0o755); err != nil {
			return usageError{fmt.Errorf("output folder: %w", err)}
		}
		lock, stale, err := lockOutDir(ctx, o.outDir, o.waitLock)
		if err != nil {
			return err
		}
		defer lock.Unlock()
		if stale != "" && stale != fmt.Sprint(os.Getpid()) {
			log.Warn("took over the lock left by a process that is no longer running", "lock", lock.path, "pid", stale)
		}
		if removed := reports.RemoveStaleTemps(o.outDir); len(removed) > 0 {
			log.Warn("removed temporary files left by killed runs", "folder", o.outDir, "files", strings.Join(removed, ","))
		}
	}
	if err := o.openOutputs(jobs); err != nil {
		return err
	}
	defer func() {
		for _, j := range jobs {
			if j.set != nil {
				j.set.Abort()
			}
		}
	}()
	if o.outDir != "" {
		// The old manifest describes files this run is about to replace:
		// until this run writes its own there is none, so that a run
		// killed midway never leaves a manifest that looks like its own.
		if err := os.Remove(filepath.Join(o.outDir, manifestName)); err != nil && !errors.Is(err, iofs.ErrNotExist) {
			return fmt.Errorf("remove the previous manifest: %w", err)
		}
	}
	m := &manifest{Version: assayVersion(), StartedAt: started.UTC().Truncate(time.Millisecond)}
	log.Info("run started", "reports", len(jobs), "jobs", min(o.jobs, len(jobs)), "database", s.dbName, "out", o.outDir)
	(&runner{s: s, log: log, o: o, stdout: stdout}).runJobs(ctx, jobs)
	m.FinishedAt = time.Now().UTC().Truncate(time.Millisecond)
	return o.finish(ctx, log, m, jobs)
}

// start opens the session, again after a transient failure (the
// database restarting, refusing connections) up to --retries times.
func (o *runOptions) start(ctx context.Context, log *slog.Logger, first string, stderr io.Writer) (*session, error) {
	for attempt := 1; ; attempt++ {
		s, err := start(ctx, first, o.db, o.connect, stderr)
		if err == nil || attempt > o.retries || ctx.Err() != nil || errors.As(err, new(usageError)) || !failure.Transient(err) {
			return s, err
		}
		wait := backoff(attempt)
		log.Warn("cannot open the database, retrying", "attempt", attempt, "class", string(failure.Of(err)),
			"error", err, "retry_in_ms", ms(wait))
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
	}
}

// failedManifest writes the manifest of a run that could not open its
// database: every report failed with that error, none ran. The reports
// are named from their specs, read without a catalog. Nothing is written
// when the lock is held by another run.
func (o *runOptions) failedManifest(ctx context.Context, log *slog.Logger, specs []string, started time.Time, cause error) {
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return
	}
	lock, _, err := lockOutDir(ctx, o.outDir, o.waitLock)
	if err != nil {
		log.Error("no manifest written", "error", err)
		return
	}
	defer lock.Unlock()
	m := &manifest{Version: assayVersion(), StartedAt: started.UTC().Truncate(time.Millisecond), Status: statusFailed}
	class := failure.Of(cause)
	for _, path := range specs {
		r := manifestReport{Spec: path, Params: map[string]any{}, Outputs: []manifestOutput{},
			Error: &manifestError{Class: class, Message: secretsOf(ctx).Scrub("not run: " + cause.Error())}}
		if rep, _ := spec.LoadFile(path); rep != nil {
			r.Report = rep.Name.Value
		}
		if text, err := os.ReadFile(path); err == nil {
			r.SpecSHA256 = sha256Hex(text)
		}
		m.Reports = append(m.Reports, r)
	}
	m.FinishedAt = time.Now().UTC().Truncate(time.Millisecond)
	if err := writeManifest(filepath.Join(o.outDir, manifestName), m); err != nil {
		log.Error("cannot write the manifest", "error", err)
	}
}

// prepare checks every spec, resolves its parameters and renders its SQL
// before anything runs: any problem stops the run with exit code 2.
func (s *session) prepare(specs []string, o runOptions) ([]*job, error) {
	jobs := make([]*job, len(specs))
	for i, path := range specs {
		plan, err := s.compileSpec(path)
		if err != nil {
			return nil, err
		}
		vals, err := s.values(plan, o.params)
		if err != nil {
			return nil, err
		}
		q, err := engine.Render(plan, s.backend.Dialect(), vals, false)
		if err != nil {
			return nil, usageError{fmt.Errorf("%s: %w", path, err)}
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, usageError{err}
		}
		j := &job{path: path, plan: plan, vals: vals}
		j.rep = manifestReport{
			Report: plan.Result.Name, Spec: path, SpecSHA256: sha256Hex(text),
			Params: manifestParams(vals), Database: s.dbName, SQLHash: sha256Hex([]byte(q.SQL)),
			Outputs: []manifestOutput{},
		}
		if o.manifestSQL {
			j.rep.SQL = q.SQL
		}
		if o.outDir != "" && plan.Result.Name+reports.FormatJSON.Extension() == manifestName && slices.Contains(o.formats, reports.FormatJSON) {
			return nil, usagef("%s: report %q would write %s over the run manifest; rename the report", path, plan.Result.Name, manifestName)
		}
		jobs[i] = j
	}
	return jobs, nil
}

// finish writes the manifest (with --out) and returns the run's error:
// the cancellation, the failed reports, or errOutliers.
func (o *runOptions) finish(ctx context.Context, log *slog.Logger, m *manifest, jobs []*job) error {
	var failed []*job
	flagged := 0
	for _, j := range jobs {
		if j.rep.Error != nil { // backends redact their errors; this is the backstop
			j.rep.Error.Message = secretsOf(ctx).Scrub(j.rep.Error.Message)
		}
		m.Reports = append(m.Reports, j.rep)
		if j.err != nil {
			failed = append(failed, j)
		} else {
			flagged += j.rep.OutliersFlagged
		}
	}
	m.Status = statusOK
	switch {
	case ctx.Err() != nil:
		m.Status = statusCancelled
	case len(failed) > 0:
		m.Status = statusFailed
	}
	var manifestErr error
	if o.outDir != "" {
		path := filepath.Join(o.outDir, manifestName)
		if manifestErr = writeManifest(path, m); manifestErr != nil {
			manifestErr = fmt.Errorf("manifest: %w", manifestErr)
			log.Error("cannot write the manifest", "error", manifestErr)
		}
	}
	log.Info("run finished", "status", m.Status, "reports", len(jobs), "failed", len(failed),
		"duration_ms", ms(m.FinishedAt.Sub(m.StartedAt)))
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("run cancelled, %d of %d reports done: %w", len(jobs)-len(failed), len(jobs), ctx.Err())
	case len(jobs) == 1 && len(failed) == 1:
		return fmt.Errorf("%s: %w", failed[0].rep.Report, failed[0].err)
	case len(failed) > 0:
		lines := make([]string, len(failed))
		for i, j := range failed {
			lines[i] = fmt.Sprintf("  %s (%s): %v", j.rep.Report, j.class, j.err)
		}
		return errors.Join(fmt.Errorf("%d of %d reports failed:\n%s", len(failed), len(jobs), strings.Join(lines, "\n")), manifestErr)
	case manifestErr != nil:
		return manifestErr
	case o.failOn && flagged > 0:
		return errOutliers
	}
	return nil
}

// outDirOrDot is the folder output paths are relative to in the manifest.
func (o *runOptions) outDirOrDot() string {
	if o.outDir == "" {
		return "."
	}
	return o.outDir
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
