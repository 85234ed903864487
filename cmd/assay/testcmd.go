package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spectest"
)

// testOptions are the flags of `assay test`.
type testOptions struct {
	db      string
	junit   string
	update  bool
	timeout time.Duration
	connect time.Duration
}

// testCmd runs the test cases of report specs (section 7 of the language
// contract): exit 0 when every case passes, 1 when one fails, 2 when a
// test file or spec is wrong.
func testCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("test", "test [SPEC|DIR|GLOB…] [--db URL|NAME] [--junit FILE] [--update]", stderr)
	o := testOptions{}
	fs.StringVar(&o.db, "db", "", "database `URL or NAME` whose schema the tests copy (default: the project's default_database, then $ASSAY_DATABASE_URL); its data is never read or written")
	fs.StringVar(&o.junit, "junit", "", "also write the results as JUnit XML to `FILE` (its folder is created if missing)")
	fs.BoolVar(&o.update, "update", false, "rewrite the expect: rows that differ, of failing cases, from the actual result (the rest of the file is kept as written)")
	limitVar(fs, &o.timeout, "timeout", engine.DefaultTimeout, "stop a report query of a case that runs longer than this `duration` (0: no limit)")
	connectTimeoutVar(fs, &o.connect)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, untested, err := spectest.Discover(paths)
	if err != nil {
		return usageError{err}
	}
	for _, u := range untested {
		fmt.Fprintf(stderr, "assay: %s has no test file (%s)\n", u, strings.TrimSuffix(u, ".yaml")+spectest.Suffix)
	}
	if len(files) == 0 {
		return usagef("no test files (*%s) found in %v", spectest.Suffix, paths)
	}
	loaded, failed := loadTestFiles(files)
	if len(loaded) == 0 {
		// Nothing can run: the files' diagnostics and the JUnit file say why.
		if err := report(failed, o, stdout, time.Now()); err != nil {
			return err
		}
		return verdict(failed, 0)
	}
	return runTests(ctx, loaded, failed, o, stdout, stderr)
}

// loadTestFiles parses every test file before anything runs; a file that
// does not load comes back as a broken result (its diagnostics printed
// with the results, and an error in the JUnit file), so that the other
// files still run.
func loadTestFiles(paths []string) ([]*spectest.File, []*spectest.Result) {
	var out []*spectest.File
	var failed []*spectest.Result
	for _, p := range paths {
		f, ds := spectest.Load(p)
		if ds.HasErrors() {
			failed = append(failed, spectest.LoadFailure(p, ds))
			continue
		}
		out = append(out, f)
	}
	return out, failed
}

// runTests opens the database, runs every case and reports; failed are
// the files that did not load.
func runTests(ctx context.Context, files []*spectest.File, failed []*spectest.Result, o testOptions, stdout, stderr io.Writer) error {
	s, err := start(ctx, files[0].Path, o.db, o.connect, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	opener, ok := s.backend.(engine.SandboxOpener)
	if !ok {
		return usagef("tests cannot run on %s databases", s.backend.Dialect())
	}
	r := &spectest.Runner{Catalog: s.catalog, Backend: opener, Timezone: s.project.Timezone, Timeout: o.timeout}
	started := time.Now()
	all := failed
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		all = append(all, r.RunFile(ctx, f)...)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := report(all, o, stdout, started); err != nil {
		return err
	}
	updated := 0
	if o.update {
		if updated, err = updateTests(files, all, stderr); err != nil {
			return err
		}
	}
	return verdict(all, updated)
}

// report prints the results and writes the JUnit file.
func report(all []*spectest.Result, o testOptions, stdout io.Writer, started time.Time) error {
	spectest.Print(stdout, all)
	if o.junit != "" {
		return writeJUnit(o.junit, all, started)
	}
	return nil
}

// verdict is the exit status of the results: exit 2 (errReported) when a
// test file or spec is wrong, exit 1 when a case failed (less the updated
// ones) or the database refuses a case's report (it would refuse `assay
// run` too; a case that expects the refusal passes), exit 0 otherwise.
func verdict(all []*spectest.Result, updated int) error {
	_, failed, broken := spectest.Count(all)
	failed -= updated
	refused := spectest.CountRefused(all)
	switch {
	case broken > 0:
		return errReported
	case failed > 0 && refused > 0:
		return fmt.Errorf("%d of %d cases failed and the database refuses the report of %d", failed, len(all), refused)
	case failed > 0:
		return fmt.Errorf("%d of %d cases failed", failed, len(all))
	case refused > 0:
		return fmt.Errorf("the database refuses the report of %d of %d cases", refused, len(all))
	}
	return nil
}

// updateTests rewrites the expectations of failed cases; it returns how
// many it rewrote.
func updateTests(files []*spectest.File, all []*spectest.Result, stderr io.Writer) (int, error) {
	total := 0
	for _, f := range files {
		n, err := spectest.Update(f, all)
		if err != nil {
			return total, fmt.Errorf("update %s: %w", f.Path, err)
		}
		if n > 0 {
			fmt.Fprintf(stderr, "assay: %s: rewrote the expect: rows of %d case(s)\n", f.Path, n)
		}
		total += n
	}
	return total, nil
}

// writeJUnit writes the JUnit XML file atomically.
func writeJUnit(path string, all []*spectest.Result, started time.Time) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("--junit: %w", err)
		}
	}
	return reports.WriteFileAtomic(path, func(w io.Writer) error {
		return spectest.WriteJUnit(w, all, started)
	})
}
