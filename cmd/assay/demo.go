package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/examples/emr/emrdata"
)

func demoCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", "demo [--db URL|NAME] [--scale N] [--seed N] [--force]", stderr)
	db := fs.String("db", "", "database `URL or NAME` to create the example data in (default: the project's default)")
	opts := emrdata.DefaultOptions()
	fs.IntVar(&opts.Scale, "scale", opts.Scale, "size `N`: multiplies patients and visits (1 ≈ 100k visits)")
	fs.Int64Var(&opts.Seed, "seed", opts.Seed, "random `seed`; the same seed and scale give the same data")
	force := fs.Bool("force", false, "replace an existing DuckDB database (only a DuckDB file; the old one stays until the new one is complete)")
	var connectTimeout time.Duration
	connectTimeoutVar(fs, &connectTimeout)
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
	url, _, err := database(ctx, p, *db)
	if err != nil {
		return err
	}
	e, err := usableBackend(url)
	if err != nil {
		return err
	}
	// The data generator writes each database its own way.
	switch e.Name {
	case "duckdb":
		return demoDuckDB(ctx, strings.TrimPrefix(url, "duckdb:"), opts, *force, stdout)
	case "postgres":
		return demoPostgres(ctx, url, connectTimeout, opts, stdout)
	case "mysql":
		return demoMySQL(ctx, url, connectTimeout, opts, stdout)
	}
	return usagef("demo supports duckdb:, postgres:// and mysql:// databases")
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

func demoPostgres(ctx context.Context, url string, connectTimeout time.Duration, opts emrdata.Options, stdout io.Writer) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return fmt.Errorf("cannot parse the PostgreSQL URL: %w", err) // run scrubs the URL
	}
	// The password may come from PGPASSWORD or a password file too.
	secretsOf(ctx).AddURL(url, cfg.Password)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return connectTimedOut(ctx, fmt.Errorf("connect to PostgreSQL: %w", err), connectTimeout)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	stats, err := emrdata.LoadPostgres(ctx, conn, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded the example data into PostgreSQL (seed %d, scale %d): %v\n", opts.Seed, opts.Scale, stats.Rows)
	return nil
}

func demoMySQL(ctx context.Context, url string, connectTimeout time.Duration, opts emrdata.Options, stdout io.Writer) error {
	cfg, err := mysql.ParseURL(url)
	if err != nil {
		return err // run scrubs the URL
	}
	secretsOf(ctx).AddURL(url, cfg.Passwd)
	if cfg.Timeout == 0 {
		cfg.Timeout = connectTimeout
	}
	connector, err := mysqldriver.NewConnector(cfg)
	if err != nil {
		return fmt.Errorf("connect to MySQL: %w", err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return connectTimedOut(ctx, fmt.Errorf("connect to MySQL: %w", err), connectTimeout)
	}
	defer conn.Close()
	stats, err := emrdata.LoadMySQL(ctx, conn, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded the example data into MySQL (seed %d, scale %d): %v\n", opts.Seed, opts.Scale, stats.Rows)
	return nil
}
