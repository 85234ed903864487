package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

func checkCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check SPEC… [--db URL|NAME]", stderr)
	db := fs.String("db", "", "database `URL or NAME` whose schema the specs are checked against")
	var connectTimeout time.Duration
	connectTimeoutVar(fs, &connectTimeout)
	specs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(specs) == 0 {
		return usagef("no spec given")
	}
	s, err := start(ctx, specs[0], *db, connectTimeout, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	failed := false
	for _, path := range specs {
		if _, err := s.compileSpec(path); err != nil {
			if ctx.Err() != nil {
				return err
			}
			failed = true
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", path)
	}
	if failed {
		return errReported
	}
	return nil
}

// start loads the project of the first spec and opens the session.
func start(ctx context.Context, first, db string, connectTimeout time.Duration, stderr io.Writer) (*session, error) {
	p, err := loadProject(first, stderr)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return openSession(ctx, p, db, connectTimeout, stderr)
}

func sqlCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sql", "sql SPEC [--inline] [--dialect postgres|duckdb|mysql] [--db URL|NAME] [-p name=value]…", stderr)
	db := fs.String("db", "", "database `URL or NAME` whose schema the spec is checked against")
	inline := fs.Bool("inline", false, "inline every value as a quoted literal, ready to paste into psql or duckdb")
	dialectName := fs.String("dialect", "", "render for this dialect (postgres, duckdb or mysql); default: the database's")
	params := paramFlag{}
	fs.Var(params, "p", "parameter `name=value` (repeatable)")
	var connectTimeout time.Duration
	connectTimeoutVar(fs, &connectTimeout)
	specs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(specs) != 1 {
		return usagef("sql takes exactly one spec")
	}
	var d *dialect.Dialect
	if *dialectName != "" {
		if d, err = dialect.ByName(*dialectName); err != nil {
			return usageError{err}
		}
	}
	s, err := start(ctx, specs[0], *db, connectTimeout, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	plan, err := s.compileSpec(specs[0])
	if err != nil {
		return err
	}
	vals, err := s.values(plan, params)
	if err != nil {
		return err
	}
	if d == nil {
		d = s.backend.Dialect()
	}
	q, err := engine.Render(plan, d, vals, *inline)
	if err != nil {
		return usageError{err}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, q.SQL+";")
	if !*inline && len(q.Args) > 0 {
		fmt.Fprintln(stdout, "-- values:")
		for i, a := range q.Args {
			fmt.Fprintf(stdout, "--   %s = %s\n", d.Placeholder(i+1), d.DescribeValue(a))
		}
	}
	return nil
}

func schemaCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", "schema [--db URL|NAME] [TABLE]", stderr)
	db := fs.String("db", "", "database `URL or NAME` to reflect")
	var connectTimeout time.Duration
	connectTimeoutVar(fs, &connectTimeout)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("schema takes at most one table name")
	}
	s, err := start(ctx, "", *db, connectTimeout, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(rest) == 1 {
		schema, name, ok := strings.Cut(rest[0], ".")
		if !ok {
			schema, name = "", rest[0]
		}
		t, found := s.catalog.Lookup(schema, name)
		if !found {
			return usageError{errors.New("no table " + rest[0])}
		}
		fmt.Fprint(stdout, t.String())
		return nil
	}
	for _, t := range s.catalog.Sorted() {
		fmt.Fprintln(stdout, t.String())
	}
	return nil
}
