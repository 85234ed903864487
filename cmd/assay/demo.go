package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/examples/emr/emrdata"
)

func demoCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", "demo [--db URL|NAME] [--scale N] [--seed N] [--force]", stderr)
	db := fs.String("db", "", "database `URL or NAME` to create the example data in (default: the project's default)")
	opts := emrdata.DefaultOptions()
	fs.IntVar(&opts.Scale, "scale", opts.Scale, "size `N`: multiplies patients and visits (1 ≈ 100k visits)")
	fs.Int64Var(&opts.Seed, "seed", opts.Seed, "random `seed`; the same seed and scale give the same data")
	force := fs.Bool("force", false, "replace an existing DuckDB database (only a DuckDB file; the old one stays until the new one is complete)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("demo takes no arguments")
	}
	if opts.Scale < 1 {
		return usagef("--scale must be 1 or more")
	}
	p, err := loadProject("", stderr)
	if err != nil {
		return err
	}
	url, _, err := p.Database(*db)
	if err != nil {
		return usageError{err}
	}
	switch {
	case strings.HasPrefix(url, "duckdb:"):
		return demoDuckDB(ctx, strings.TrimPrefix(url, "duckdb:"), opts, *force, stdout)
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return demoPostgres(ctx, url, opts, stdout)
	}
	return usagef("demo supports duckdb: and postgres:// databases")
}

func demoDuckDB(ctx context.Context, path string, opts emrdata.Options, force bool, stdout io.Writer) error {
	if path == ":memory:" || path == "" {
		return usagef("demo needs a DuckDB file, not an in-memory database")
	}
	if _, err := os.Lstat(path); err == nil {
		if !force {
			return usagef("%s exists; pass --force to replace it", path)
		}
		// The old database stays until the new one is complete; anything
		// that is not a DuckDB database is left alone.
		if err := emrdata.CheckDuckDBFile(path); errors.Is(err, emrdata.ErrNotDuckDB) {
			return usagef("%s holds something other than a DuckDB database; --force replaces only a DuckDB database: %w", path, err)
		}
		if err := emrdata.ReplaceDuckDB(ctx, path, opts); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "replaced %s (seed %d, scale %d)\n", path, opts.Seed, opts.Scale)
		return nil
	}
	if _, err := emrdata.EnsureDuckDB(ctx, path, opts); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (seed %d, scale %d)\n", path, opts.Seed, opts.Scale)
	return nil
}

func demoPostgres(ctx context.Context, url string, opts emrdata.Options, stdout io.Writer) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", redact(err, url))
	}
	defer conn.Close(ctx)
	stats, err := emrdata.LoadPostgres(ctx, conn, opts)
	if err != nil {
		return redact(err, url)
	}
	fmt.Fprintf(stdout, "loaded the example data into PostgreSQL (seed %d, scale %d): %v\n", opts.Seed, opts.Scale, stats.Rows)
	return nil
}

// redact removes the connection string from an error message.
func redact(err error, url string) error {
	if err == nil || !strings.Contains(err.Error(), url) {
		return err
	}
	return fmt.Errorf("%s", strings.ReplaceAll(err.Error(), url, "<database url>"))
}
