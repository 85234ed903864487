package main

import (
	"path/filepath"

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

// openOutputs prepares the output files of every report before any of
// them runs (see reports.OpenOutputSet): a path that cannot be written — a
// directory, a socket, a missing or unwritable folder — stops the run with
// exit code 2 before a query is sent. Each job gets its paths and its open
// set; none when the results go to standard output. The caller aborts the
// sets that are not committed.
func (o *runOptions) openOutputs(jobs []*job) error {
	if o.toStdout() {
		return nil
	}
	for i, j := range jobs {
		j.paths = o.outputPaths(j.plan.Result.Name)
		set, err := reports.OpenOutputSet(j.paths)
		if err != nil {
			for _, k := range jobs[:i] {
				k.set.Abort()
			}
			return usageError{err}
		}
		j.set = set
	}
	return nil
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
