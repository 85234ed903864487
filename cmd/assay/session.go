package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/backends"
	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/examples/emr/emrdata"
	"github.com/assay-dev/assay/spec"
)

// session is what a command needs to check or run specs: the project, one
// open backend and its reflected catalog.
type session struct {
	// ctx is the command's: SIGINT and SIGTERM cancel it, and every phase
	// (compiling a spec included) stops when it ends.
	ctx     context.Context
	project *spec.Project
	backend engine.Backend
	catalog *catalog.Catalog
	stderr  io.Writer
	// dbName is the database's name for reports: never its URL.
	dbName string
	// dbOptions are the settings of the database's entry in assay.yaml
	// (zero for a URL given directly or written as a plain URL).
	dbOptions spec.DatabaseOptions
}

// loadProject finds assay.yaml from the folder of the first spec (or the
// working directory) and prints its diagnostics.
func loadProject(first string, stderr io.Writer) (*spec.Project, error) {
	dir := "."
	if first != "" {
		dir = filepath.Dir(first)
	}
	p, ds := spec.FindProject(dir)
	showDiagnostics(stderr, ds)
	if ds.HasErrors() {
		return nil, errReported
	}
	return p, nil
}

// openSession opens the database named by dbFlag (or the project default),
// giving up after connectTimeout (0: no limit), and reflects its catalog.
func openSession(ctx context.Context, p *spec.Project, dbFlag string, connectTimeout time.Duration, stderr io.Writer) (*session, error) {
	url, name, err := database(ctx, p, dbFlag)
	if err != nil {
		return nil, err
	}
	if _, err := usableBackend(url); err != nil {
		return nil, err
	}
	if name != "" && name == p.DemoDatabase {
		if err := ensureDemo(ctx, url, stderr); err != nil {
			return nil, err
		}
	}
	opts := p.DatabaseOptions[name]
	b, err := connect(ctx, url, connOptions(opts), connectTimeout)
	if err != nil {
		return nil, err
	}
	cat, err := b.Reflect(ctx)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("reflect schema: %w", err)
	}
	return &session{ctx: ctx, project: p, backend: b, catalog: cat, stderr: stderr, dbName: databaseName(url, name), dbOptions: opts}, nil
}

// connOptions are the connection settings of a database's entry in
// assay.yaml for its backend (zero: the engine's defaults).
func connOptions(o spec.DatabaseOptions) engine.ConnOptions {
	return engine.ConnOptions{MaxLifetime: o.MaxConnectionLifetime, MaxIdle: o.MaxConnectionIdle}
}

// queryTimeout is the time limit of the session's queries: the --timeout
// flag when it was given, else the database's statement_timeout from
// assay.yaml, else the flag's default.
func (s *session) queryTimeout(flag time.Duration, given bool) time.Duration {
	if !given && s.dbOptions.HasStatementTimeout {
		return s.dbOptions.StatementTimeout
	}
	return flag
}

func (s *session) Close() { s.backend.Close() }

// connect opens the backend of url with the connection settings opts,
// giving up after limit (0: no limit).
func connect(ctx context.Context, url string, opts engine.ConnOptions, limit time.Duration) (engine.Backend, error) {
	cctx, cancel := ctx, context.CancelFunc(func() {})
	if limit > 0 {
		cctx, cancel = context.WithTimeout(ctx, limit)
	}
	defer cancel()
	b, err := openBackendWith(cctx, url, opts)
	return b, connectTimedOut(ctx, err, limit)
}

// connectTimedOut says that err, an error of connecting, came from the
// connect timeout limit rather than from the database or a signal. Such an
// error is a network failure (transient: a server that did not answer in
// time may answer the next attempt), not the Timeout of a statement that
// would run too long again.
func connectTimedOut(ctx context.Context, err error, limit time.Duration) error {
	if err == nil || limit <= 0 || ctx.Err() != nil || !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return unanswered{fmt.Errorf("no answer from the database within %s (--connect-timeout): %w", limit, err)}
}

// unanswered is a connection attempt that got no answer in time.
type unanswered struct{ error }

func (e unanswered) Unwrap() error { return e.error }

// FailureClass is failure.Network: the attempt may succeed again.
func (unanswered) FailureClass() failure.Class { return failure.Network }

// databaseURL is the URL of the database named by dbFlag (or the project's
// default). A named database's relative file path is made relative to the
// project folder by its backend's entry.
func databaseURL(p *spec.Project, dbFlag string) (url, name string, err error) {
	url, name, err = p.Database(dbFlag)
	if err != nil {
		return "", "", usageError{err}
	}
	if name != "" {
		url = backends.ResolveURL(url, p.Dir)
	}
	return url, name, nil
}

// usableBackend returns the entry of the backend table that url selects.
// A URL no backend accepts, or one of a backend this binary was built
// without (DuckDB in the noduckdb build), is a command-line mistake (exit
// code 2).
func usableBackend(url string) (backends.Entry, error) {
	e, err := backends.Lookup(url)
	if err != nil {
		return e, usageError{err}
	}
	if e.Missing != nil {
		return e, usageError{e.Missing}
	}
	return e, nil
}

// openBackend opens url with the backend of the table its scheme selects
// and the default connection settings.
func openBackend(ctx context.Context, url string) (engine.Backend, error) {
	return openBackendWith(ctx, url, engine.ConnOptions{})
}

// openBackendWith opens url with the backend of the table its scheme
// selects and the connection settings opts.
func openBackendWith(ctx context.Context, url string, opts engine.ConnOptions) (engine.Backend, error) {
	e, err := usableBackend(url)
	if err != nil {
		return nil, err
	}
	return e.Open(ctx, url, opts)
}

// ensureDemo creates the project's demo DuckDB file on first use.
func ensureDemo(ctx context.Context, url string, stderr io.Writer) error {
	path, ok := strings.CutPrefix(url, "duckdb:")
	if !ok || path == ":memory:" {
		return nil
	}
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	fmt.Fprintf(stderr, "assay: creating the example database %s (first use)…\n", path)
	if _, err := emrdata.EnsureDuckDB(ctx, path, emrdata.DefaultOptions()); err != nil {
		return fmt.Errorf("create example database: %w", err)
	}
	return nil
}

// compileSpec loads and checks one spec, printing its diagnostics.
func (s *session) compileSpec(path string) (*compiler.Plan, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	r, ds := spec.LoadFile(path)
	var plan *compiler.Plan
	if r != nil { // check what loaded, so that every mistake is reported at once
		var cds spec.Diagnostics
		plan, cds = compiler.CompileIn(r, s.catalog, s.project.Timezone)
		// What the database's dialect cannot run is refused here, not
		// when the SQL is rendered.
		cds = append(cds, compiler.CheckDialect(r, s.backend.Dialect())...)
		ds = append(ds, cds...).Sort()
	}
	showDiagnostics(s.stderr, ds)
	if ds.HasErrors() {
		return nil, errReported
	}
	return plan, nil
}

// values resolves -p flags against a plan, printing problems.
func (s *session) values(plan *compiler.Plan, given map[string]string) (map[string]any, error) {
	vals, ds := plan.Values(given, time.Now(), s.project.Timezone)
	showDiagnostics(s.stderr, ds)
	if ds.HasErrors() {
		return nil, errReported
	}
	return vals, nil
}
