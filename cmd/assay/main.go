package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/assay-dev/assay/engine"
)

// Exit codes of section 4 of the language contract.
const (
	exitOK       = 0
	exitRuntime  = 1
	exitUsage    = 2
	exitOutliers = 3
)

const usage = `assay — declarative aggregation reports on PostgreSQL, MySQL/MariaDB and DuckDB

Usage:
  assay run SPEC|DIR|GLOB… [--db URL|NAME] [-p name=value]… [--format F[,F…]] [--out DIR | -o FILE|-]
            [--jobs N] [--retries N] [--wait-lock D] [--manifest-sql] [--log-format text|json] [--quiet]
            [--formatted] [--max-rows N] [--timeout D] [--connect-timeout D] [--batch-size N] [--fail-on-outliers]
  assay check SPEC… [--db URL|NAME]
  assay sql SPEC [--inline] [--dialect postgres|duckdb|mysql] [--db URL|NAME] [-p name=value]…
  assay test [SPEC|DIR|GLOB…] [--db URL|NAME] [--junit FILE] [--update]
  assay schema [--db URL|NAME] [TABLE]
  assay demo [--db URL|NAME] [--scale N] [--seed N] [--force]

Commands:
  run      check every report, then run them (--jobs at once) and write each;
           with --out DIR also DIR/manifest.json, last
  check    parse and check specs against the reflected schema; runs nothing
  sql      print the SQL of a report (placeholders and values, or --inline literals)
  test     run the test cases of <report>.test.yaml files on fixture rows (docs/testing.md)
  schema   print the reflected catalog (tables, columns, keys)
  demo     create the example EMR data set in a database

Run 'assay COMMAND --help' for the flags of a command.

Databases: --db takes a URL (postgres://…, mysql://…, duckdb:PATH,
duckdb::memory:) or a name from the databases of the nearest assay.yaml;
without --db the project's default_database is used, then $ASSAY_DATABASE_URL.

Time limits: every command that connects takes --connect-timeout (default
10s); run's --timeout (default 5m) is each query's time in the database, not
the time to write its rows. 0 means no limit. SIGINT or SIGTERM stops any
command at any point with exit code 1.

Unattended runs (cron): a run into --out DIR holds a lock on DIR, retries
transient database failures (--retries, default 2), keeps going when one
report fails and writes DIR/manifest.json last; a SIGINT or SIGTERM
cancels the queries on the server and writes the manifest with status
cancelled. See docs/operations.md.

Exit codes: 0 ok; 1 runtime failure (any report), a locked --out or an
interrupt; 2 bad spec or command line (nothing run or written); 3 outliers
flagged with --fail-on-outliers.
test: 0 every case passed; 1 a case failed; 2 a test file or spec is wrong.
`

// usageError marks a problem with the command line or the spec: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errReported means the diagnostics were printed already; exit code 2.
var errReported = errors.New("diagnostics reported")

func main() {
	// One context for every phase: loading, connecting, checking,
	// compiling, querying and writing all stop when it ends. A second
	// signal gets the default action and ends assay at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches a command and maps its error to an exit code. The error
// printed never holds a database URL or password the command resolved.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	commands := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"run": runCmd, "check": checkCmd, "sql": sqlCmd, "schema": schemaCmd, "demo": demoCmd,
		"test": testCmd,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "assay: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	secrets := &engine.Secrets{}
	elog := &errorLog{}
	err := secrets.Redact(cmd(withErrorLog(withSecrets(ctx, secrets), elog), args[1:], stdout, stderr))
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		return printError(stderr, elog, args[0], "interrupted: ", err, exitRuntime)
	case errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errReported):
		return exitUsage
	case errors.Is(err, errOutliers):
		return exitOutliers
	case errors.As(err, &ue):
		return printError(stderr, elog, args[0], "", err, exitUsage)
	}
	return printError(stderr, elog, args[0], "", err, exitRuntime)
}

// printError prints the final error of command cmd and returns code: the
// line "assay CMD: error", or a log record of elog's logger when the
// command logs JSON (--log-format json), so that every line is JSON.
func printError(stderr io.Writer, elog *errorLog, cmd, prefix string, err error, code int) int {
	if elog.log != nil {
		elog.log.Error("assay "+cmd+": "+prefix+err.Error(), "exit_code", code)
		return code
	}
	fmt.Fprintf(stderr, "assay %s: %s%v\n", cmd, prefix, err)
	return code
}

// errOutliers is returned by run when --fail-on-outliers applies.
var errOutliers = errors.New("outliers flagged")
