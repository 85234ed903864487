// Command assay compiles YAML report specs to SQL, runs them on PostgreSQL,
// MySQL/MariaDB or an embedded DuckDB, and writes the results as a table,
// CSV, JSON, Arrow IPC, Parquet, a self-contained HTML report or an Excel
// workbook.
//
//	assay run SPEC|DIR|GLOB… [--db URL|NAME] [-p name=value]… [--format F[,F…]] [--out DIR | -o FILE|-]
//	          [--jobs N] [--retries N] [--wait-lock D] [--log-format text|json] [--quiet]
//	assay check SPEC…
//	assay sql SPEC [--inline] [--dialect postgres|duckdb|mysql] [-p …]
//	assay schema [--db …] [TABLE]
//	assay demo [--db …] [--scale N] [--force]
//
// Exit codes: 0 success; 1 runtime failure (database, I/O, a report of
// several, a locked --out, an interrupt); 2 the spec or
// the command line is wrong (nothing was run or written); 3 outliers were
// flagged and --fail-on-outliers was given.
//
// The command has no logic of its own: it finds the project, opens the
// backend the URL names, and wires spec, compiler, engine, outliers and
// reports together, mapping their errors to exit codes.
package main
