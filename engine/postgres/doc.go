// Package postgres is the PostgreSQL backend of assay's engine. It keeps a
// pgx connection pool, reflects tables, views, columns, keys and foreign keys
// from pg_catalog, and runs each query in a read-only transaction bounded by
// a statement timeout, decoding the rows' binary wire format straight into
// Arrow builders of the compiled result schema (through engine/arrowconv).
//
// Errors never contain the database URL or its password: every error the
// backend returns passes through a redaction step that replaces them.
package postgres
