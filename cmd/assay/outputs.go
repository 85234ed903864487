package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
)

// defaultMaxRows is the number of rows a table shows unless --max-rows says
// otherwise.
const defaultMaxRows = 5000

// checkOutputs refuses, before anything is opened, outputs that would
// overwrite each other: a format given twice, or two specs with the same
// report name (whose files would have the same names). The specs are read
// here only for their names; a spec that does not load is left to the
// checks that follow, which report its diagnostics.
func (o *runOptions) checkOutputs(specs []string) error {
	if o.maxRows < 0 {
		return usagef("--max-rows must be 0 (all rows) or more, not %d", o.maxRows)
	}
	seenFormat := map[reports.Format]bool{}
	for _, f := range o.formats {
		if seenFormat[f] {
			return usagef("format %s given twice in --format", f)
		}
		seenFormat[f] = true
	}
	seenName := map[string]string{}
	for _, path := range specs {
		r, _ := spec.LoadFile(path)
		if r == nil || r.Name.Value == "" {
			continue
		}
		if first, dup := seenName[r.Name.Value]; dup {
			return usagef("%s and %s both define report %q; their outputs would overwrite each other", first, path, r.Name.Value)
		}
		seenName[r.Name.Value] = path
	}
	return nil
}

// toStdout reports whether the results go to standard output.
func (o *runOptions) toStdout() bool {
	return o.outFile == "-" || (o.outFile == "" && o.outDir == "")
}

// openOutputs prepares the output files of every plan before any of them
// runs (see reports.OpenOutputSet): a path that cannot be written — a
// directory, a socket, a missing or unwritable folder — stops the run with
// exit code 2 before a query is sent. It returns one set per plan, or nil
// when the results go to standard output; the caller aborts the sets it
// does not commit.
func (o *runOptions) openOutputs(plans []*compiler.Plan) ([]*reports.OutputSet, error) {
	if o.toStdout() {
		return make([]*reports.OutputSet, len(plans)), nil
	}
	if o.outDir != "" {
		if err := os.MkdirAll(o.outDir, 0o755); err != nil {
			return nil, usageError{fmt.Errorf("output folder: %w", err)}
		}
	}
	sets := make([]*reports.OutputSet, 0, len(plans))
	for _, plan := range plans {
		set, err := reports.OpenOutputSet(o.outputPaths(plan.Result.Name))
		if err != nil {
			abortAll(sets)
			return nil, usageError{err}
		}
		sets = append(sets, set)
	}
	return sets, nil
}

// outputPaths returns the files of the report called name, one per format.
func (o *runOptions) outputPaths(name string) []string {
	if o.outFile != "" {
		return []string{o.outFile}
	}
	paths := make([]string, len(o.formats))
	for i, f := range o.formats {
		paths[i] = filepath.Join(o.outDir, name+f.Extension())
	}
	return paths
}

// abortAll aborts every set (Abort does nothing to a committed set).
func abortAll(sets []*reports.OutputSet) {
	for _, s := range sets {
		if s != nil {
			s.Abort()
		}
	}
}

// writeOutputs writes the results of rr, of the report called name, to
// stdout (set nil) or to every file of set, and commits the set only when
// every format was written.
func (s *session) writeOutputs(set *reports.OutputSet, name string, rr array.RecordReader, alloc memory.Allocator, o runOptions, d display, stdout io.Writer) error {
	if set == nil {
		return d.write(o.formats[0], stdout, rr, alloc)
	}
	var err error
	if set.Len() == 1 {
		err = d.write(o.formats[0], set.Writer(0), rr, alloc)
	} else {
		err = o.writeTee(set, rr, alloc, d)
	}
	if err != nil {
		set.Abort()
		return err
	}
	if err := set.Commit(); err != nil {
		return err
	}
	if o.outFile == "" {
		for _, p := range o.outputPaths(name) {
			fmt.Fprintf(s.stderr, "assay: wrote %s\n", p)
		}
	}
	return nil
}

// writeTee writes every format at once: the result streams through
// reports.Tee to one writer per format, so memory stays bounded for a
// listing of millions of rows.
func (o *runOptions) writeTee(set *reports.OutputSet, rr array.RecordReader, alloc memory.Allocator, d display) error {
	readers := reports.Tee(rr, set.Len())
	errs := make([]error, set.Len())
	var wg sync.WaitGroup
	for i, f := range o.formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer readers[i].Release()
			errs[i] = d.write(f, set.Writer(i), readers[i], alloc)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
