// Package postgres is the PostgreSQL backend of assay's engine. It keeps a
// pgx connection pool, reflects tables, views, columns, keys and foreign keys
// from pg_catalog, and runs each query in a read-only transaction bounded by
// a statement timeout, decoding the rows' binary wire format straight into
// Arrow builders of the compiled result schema (through engine/arrowconv).
//
// # Reading results
//
// A query is sent through the extended protocol with binary result formats
// for every type the package decodes (binaryResults), and each row's raw
// values (pgx RawValues) go to one sink per column: a small function bound,
// on the first row, to the concrete Arrow builder of its field, so that a
// value costs a length check and the builder's Append — no type switch per
// value and no allocation for the fixed-width types (bool, int2/4/8,
// float4/8, date, timestamp, timestamptz, interval, uuid), a copy of the
// bytes for text, json, jsonb and bytea. Numeric goes to decimal128 with
// 128-bit integer arithmetic (numericToDecimal128) and falls back to the
// exact big.Int path of arrowconv only for NaN, infinities, more than 36
// digits, or a value too wide for its column. Other pairs of database type
// and Arrow type go through arrowconv.Column, which converts anything
// arrowconv.Check accepts.
//
// COPY (…) TO STDOUT (FORMAT binary) was measured against this and lost
// nothing to it: the same table read both ways with the same sinks cost
// the server the same CPU per row and the client a little more for COPY
// (BenchmarkProtocol; see docs/performance.md). COPY cannot take bind
// parameters and must be turned from a push into a pull with a goroutine
// hand-off, so the package does not use it.
//
// Rows are read one batch at a time, when the record reader asks, so a
// result of any size holds one batch of Arrow memory; releasing the reader
// or cancelling the context makes pgx send PostgreSQL a cancel request, and
// the server stops at once.
//
// # Connections
//
// OpenWith takes the database's engine.ConnOptions (assay.yaml's
// max_connection_lifetime and max_connection_idle; defaults
// engine.DefaultMaxConnLifetime and engine.DefaultMaxConnIdle) as the pool's
// MaxConnLifetime (with 10 % jitter) and MaxConnIdleTime. A connection the
// server or something in between closed while it sat idle is replaced, not
// reported: pgxpool pings a connection idle for more than a second before
// handing it out, and a query whose BEGIN finds its connection closed takes
// another (source.begin). Nothing is retried once BEGIN has succeeded, so
// a query that returned rows is never run twice by the backend.
//
// # Types
//
// numeric(p,s) is read as decimal128(p,s). An undeclared numeric (a bare
// numeric column, or an expression such as sum() over one) has no precision
// to honour; it is read as decimal128(38,9) (engine.UndeclaredDecimal):
// values with more than nine fractional digits are rounded half away from
// zero, as PostgreSQL rounds, and values of 30 or more integer digits, NaN
// and ±Infinity are errors (wrapping arrowconv.ErrRange) naming the column,
// rather than silently wrong numbers; a report that needs them casts to
// float8. Dates and timestamps keep PostgreSQL's microseconds, shifted from
// its 2000-01-01 epoch to 1970; ±infinity and timestamps after the year
// 294247 (beyond int64 microseconds since 1970) are range errors. Intervals
// become month-day-nanosecond intervals, uuid its canonical text, json its
// text as stored, jsonb the server's normalised text, bytea binary.
//
// Errors never contain the database URL or its password: every error the
// backend returns passes through a redaction step that replaces them.
package postgres
