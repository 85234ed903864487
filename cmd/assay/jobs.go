package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/outliers"
	"github.com/assay-dev/assay/reports"
)

// Backoff between the attempts of a report: the n-th retry waits a random
// time between half and all of retryBase·2^(n-1), at most retryCap. The
// randomness keeps reports that failed together (a server restart) from
// coming back together.
const (
	retryBase = time.Second
	retryCap  = 30 * time.Second
)

// job is one report of a run: what was checked before the first query,
// and what happened to it.
type job struct {
	path  string
	plan  *compiler.Plan
	vals  map[string]any
	paths []string           // output files; nil when writing to stdout
	set   *reports.OutputSet // the open outputs of the current attempt
	rep   manifestReport     // its entry in the manifest
	err   error              // why it failed; nil when it succeeded
	class failure.Class      // err's class
	done  bool               // it ran (successfully or not)
}

// runner runs the reports of one `assay run` on its session.
type runner struct {
	s      *session
	log    *slog.Logger
	o      runOptions
	stdout io.Writer
}

// runJobs runs every job, at most o.jobs at once (one at a time when the
// results go to stdout, so that they do not interleave), on the session's
// one backend. A failed report does not stop the others; a cancelled ctx
// stops them all, and the reports not started are marked cancelled.
func (r *runner) runJobs(ctx context.Context, jobs []*job) {
	o := r.o
	n := min(o.jobs, len(jobs))
	if o.toStdout() {
		n = 1
	}
	next := make(chan *job)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range next {
				r.runJob(ctx, j)
			}
		})
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, j := range jobs {
		if !j.done {
			j.fail(fmt.Errorf("not run: the run was cancelled: %w", ctx.Err()), failure.Cancelled)
		}
		// The temporary files of the reports never started go now, before
		// the manifest is written: the manifest is the run's last word.
		if j.set != nil {
			j.set.Abort()
		}
	}
}

// fail records the failure of a job.
func (j *job) fail(err error, class failure.Class) {
	j.done = true
	j.err = err
	j.class = class
	j.rep.Error = &manifestError{Class: class, Message: err.Error()}
}

// runJob runs one report, again from scratch after a transient failure
// (o.retries times at most), and records the outcome in j.rep.
func (r *runner) runJob(ctx context.Context, j *job) {
	o := r.o
	name := j.plan.Result.Name
	started := time.Now()
	defer func() {
		j.done = true
		j.rep.DurationMS = ms(time.Since(started))
		if j.set != nil {
			j.set.Abort() // nothing if committed
		}
	}()
	if err := ctx.Err(); err != nil {
		j.fail(fmt.Errorf("not run: the run was cancelled: %w", err), failure.Cancelled)
		return
	}
	r.log.Info("report started", "report", name, "spec", j.path)
	for attempt := 1; ; attempt++ {
		j.rep.Attempts = attempt
		res, err := r.attempt(ctx, j, attempt)
		if res.outputs != nil {
			j.rep.Outputs = res.outputs
		}
		if err == nil {
			j.rep.Rows, j.rep.OutliersFlagged = res.rows, res.flagged
			attrs := []any{"report", name, "rows", res.rows, "duration_ms", ms(time.Since(started)), "attempts", attempt}
			if len(j.plan.Result.Outliers) > 0 {
				attrs = append(attrs, "outliers_flagged", res.flagged)
			}
			if len(res.outputs) > 0 {
				paths := make([]string, len(res.outputs))
				for i, out := range res.outputs {
					paths[i] = out.Path
				}
				attrs = append(attrs, "outputs", strings.Join(paths, ","))
			}
			r.log.Info("report done", attrs...)
			return
		}
		class := classOf(ctx, err)
		if res.noRetry || class == failure.Cancelled || attempt > o.retries || !failure.Transient(err) {
			j.fail(err, class)
			r.log.Error("report failed", "report", name, "class", string(class), "error", err,
				"attempts", attempt, "duration_ms", ms(time.Since(started)))
			return
		}
		wait := backoff(attempt)
		r.log.Warn("report failed, retrying", "report", name, "attempt", attempt, "class", string(class),
			"error", err, "retry_in_ms", ms(wait))
		select {
		case <-ctx.Done():
			j.fail(fmt.Errorf("cancelled while waiting to retry after: %w", err), failure.Cancelled)
			return
		case <-time.After(wait):
		}
	}
}

// classOf is the class of a report's failure: cancelled whenever the run
// was cancelled (a query cancelled on the server ends with the same
// SQLSTATE as a statement timeout), else failure.Of.
func classOf(ctx context.Context, err error) failure.Class {
	if ctx.Err() != nil {
		return failure.Cancelled
	}
	return failure.Of(err)
}

// backoff is the wait before the retry after attempt n (1, 2, …).
func backoff(n int) time.Duration {
	return failure.Backoff(n, retryBase, retryCap)
}

// attemptResult is what one successful attempt produced.
type attemptResult struct {
	rows    int64
	flagged int
	outputs []manifestOutput
	// noRetry says that the failed attempt wrote bytes that cannot be
	// taken back (to stdout, a device or a FIFO): it must not run again.
	noRetry bool
}

// attempt runs the report once and writes every output: to stdout, or to
// a fresh output set (a retried report rewrites its files from scratch),
// committed only when every format was written.
func (r *runner) attempt(ctx context.Context, j *job, n int) (attemptResult, error) {
	o := r.o
	if j.paths != nil && (j.set == nil || n > 1) {
		if j.set != nil {
			j.set.Abort()
		}
		set, err := reports.OpenOutputSet(j.paths)
		if err != nil {
			j.set = nil
			return attemptResult{}, diskError{err}
		}
		j.set = set
	}
	var writers []*outputWriter
	if j.set == nil {
		writers = []*outputWriter{newOutputWriter(r.stdout, "standard output", true)}
	} else {
		for i, p := range j.paths {
			writers = append(writers, newOutputWriter(j.set.Writer(i), p, isDirect(p)))
		}
	}
	res, err := r.runOne(ctx, j, writers)
	for _, w := range writers {
		if w.direct && w.bytes > 0 {
			res.noRetry = true
		}
	}
	if err != nil {
		if j.set != nil {
			j.set.Abort()
		}
		return res, err
	}
	if j.set == nil {
		return res, nil
	}
	err = j.set.Commit()
	var ce *reports.CommitError
	for i, w := range writers {
		// After a partial commit, the files renamed into place are listed:
		// the manifest describes what is on disk.
		if err != nil && (!errors.As(err, &ce) || !slices.Contains(ce.New, j.paths[i])) {
			continue
		}
		rel, rerr := filepath.Rel(o.outDirOrDot(), j.paths[i])
		if rerr != nil {
			rel = j.paths[i]
		}
		res.outputs = append(res.outputs, manifestOutput{Path: filepath.ToSlash(rel), Format: string(o.formats[i]), Bytes: w.bytes, SHA256: w.sum()})
	}
	if err != nil {
		res.noRetry = res.noRetry || len(res.outputs) > 0
		return res, diskError{err}
	}
	return res, nil
}

// runOne runs the plan of j and writes its result through writers, one
// per format. The stages are chained here: the engine runs the query,
// outliers.Stage scores it and puts the columns in their final order, the
// writers write it.
func (r *runner) runOne(ctx context.Context, j *job, writers []*outputWriter) (attemptResult, error) {
	s, o := r.s, r.o
	alloc := memory.NewGoAllocator()
	started := time.Now()
	plan := j.plan
	query, err := engine.Run(ctx, s.backend, plan, j.vals, engine.RunOptions{Alloc: alloc, BatchSize: o.batch, Timeout: o.timeout})
	if err != nil {
		return attemptResult{}, err
	}
	defer query.Release()
	rr, flagged, err := outliers.Stage(alloc, query, plan.Result)
	if err != nil {
		return attemptResult{}, err
	}
	defer rr.Release()
	counted := &rowCounter{RecordReader: rr}
	d := s.newDisplay(plan, j.vals, started, o.maxRows)
	d.formatted = o.formatted
	// Progress on stderr, only when it is a terminal (never in a file or
	// pipe), and only when one report runs at a time.
	out := reports.WithProgress(counted, s.stderr, o.progress)
	err = o.writeTee(writers, out, alloc, d)
	return attemptResult{rows: counted.rows, flagged: flagged}, err
}

// writeTee writes every format at once: the result streams through
// reports.Tee to one writer per format, so memory stays bounded for a
// listing of millions of rows. With one format too: Tee reads the result
// on a goroutine of its own, one batch ahead of the writer, so that the
// database's fetch and the decoding into Arrow run on one core while the
// writer encodes on another (0.7–0.8× the wall time of reading and writing
// in turn, for 10M rows from DuckDB to CSV or Parquet: docs/performance.md).
func (o *runOptions) writeTee(writers []*outputWriter, rr array.RecordReader, alloc memory.Allocator, d display) error {
	readers := reports.Tee(rr, len(writers))
	errs := make([]error, len(writers))
	var wg sync.WaitGroup
	for i, f := range o.formats {
		wg.Go(func() {
			defer readers[i].Release()
			errs[i] = d.write(f, writers[i], readers[i], alloc)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// rowCounter counts the rows read through it.
type rowCounter struct {
	array.RecordReader
	rows int64
}

func (c *rowCounter) Next() bool {
	if !c.RecordReader.Next() {
		return false
	}
	c.rows += c.RecordBatch().NumRows()
	return true
}

// outputWriter is one output of an attempt: it counts and hashes the bytes
// written (for the manifest) and turns a failed write into an error that
// names the output, not its temporary file, with the class disk.
type outputWriter struct {
	*countingHash
	path   string
	direct bool // stdout, a device or a FIFO: written bytes cannot be taken back
}

func newOutputWriter(w io.Writer, path string, direct bool) *outputWriter {
	return &outputWriter{countingHash: newCountingHash(w), path: path, direct: direct}
}

func (w *outputWriter) Write(p []byte) (int, error) {
	n, err := w.countingHash.Write(p)
	if err != nil {
		err = &writeError{path: w.path, err: err}
	}
	return n, err
}

// writeError is a failed write of an output.
type writeError struct {
	path string
	err  error
}

func (e *writeError) Error() string               { return fmt.Sprintf("write %s: %v", e.path, unwrapPath(e.err)) }
func (e *writeError) Unwrap() error               { return e.err }
func (e *writeError) FailureClass() failure.Class { return failure.Disk }

// unwrapPath drops the temporary file's name of a *fs.PathError: the
// message names the output instead.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// diskError classes an error of opening or committing outputs as the
// disk's: its message already names the file.
type diskError struct{ err error }

func (e diskError) Error() string               { return e.err.Error() }
func (e diskError) Unwrap() error               { return e.err }
func (e diskError) FailureClass() failure.Class { return failure.Disk }

// isDirect reports whether path is a character device or a FIFO, written
// in place rather than through a temporary file.
func isDirect(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0
}
