// Package emrdata generates the assay example data set: a small network of
// outpatient clinics with two years (2024-01-01 to 2025-12-31) of staff
// shifts and patient visits, plus a handful of planted anomalies that the
// outlier rules of the example reports are expected to find.
//
// The data set is a pure function of [Options]: the same seed and scale give
// the same rows, byte for byte, on every machine. Generation uses only
// integer arithmetic and math/rand/v2 PCG streams keyed by seed, clinic and
// day, so no floating-point rounding or map iteration order can leak into the
// data. Numeric columns hold exact two-decimal values.
//
// One row-generation core feeds two loaders:
//
//   - [LoadDuckDB] fills an embedded DuckDB database through the DuckDB
//     appender, and [EnsureDuckDB] creates the example database file
//     atomically on first use;
//   - [LoadPostgres] fills a PostgreSQL database with COPY in one transaction.
//
// [DDL] returns the schema as plain SQL accepted by both systems, with the
// primary, unique and foreign keys assay reflects to infer join cardinality.
// [Anomalies] lists the planted anomalies; the file examples/emr/anomalies.csv
// holds them for the default options. examples/emr/DATA.md documents the
// tables and columns.
//
// Build with the noduckdb tag to drop the cgo DuckDB dependency; the DuckDB
// loaders then return an error wrapping [errors.ErrUnsupported].
package emrdata
