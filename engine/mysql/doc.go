// Package mysql is the MySQL and MariaDB backend of assay's engine, on
// github.com/go-sql-driver/mysql. It reflects tables, views, columns,
// primary, unique and foreign keys from information_schema, and runs each
// query as a server-side prepared statement (bound values, the binary
// protocol; the driver's client-side interpolation is always off) in a
// READ ONLY transaction of a read-only session.
//
// # Connections
//
// Every connection of the pool is set up once when it is opened: its
// session is READ ONLY (so that even the implicit commit of DDL cannot
// write), its time_zone is UTC (TIMESTAMP columns arrive as instants,
// NOW() is UTC as on the other backends), and its connection id is kept
// for KILL QUERY. Connections are retired after Config.ConnMaxLifetime
// and Config.ConnMaxIdleTime (30 and 5 minutes by default), below the
// server's wait_timeout; one the server closed anyway is found dead on its
// first command, before anything was sent, and the query takes another.
// TLS and the other options of the driver's DSN pass through the URL's
// query (tls=true, tls=skip-verify, tls=preferred, timeout=5s, …).
//
// # Time limits and cancellation
//
// On MariaDB the statement is sent as SET STATEMENT max_statement_time=…
// FOR SELECT …; on MySQL the session's max_execution_time is set first.
// Either limit counts the statement's execution, including sending its
// rows. The driver is never given a context that ends, because it drops
// the connection when one does and the server would go on working:
// canceling the caller's context, and releasing the reader before its
// end, send KILL QUERY for the connection from another one instead
// (repeated until the statement has ended: one that arrives before the
// statement is lost), and the statement ends at once with an error the
// driver reads.
//
// # Reading results
//
// Rows are read one batch at a time. Each column is scanned into one
// destination reused across rows: numbers, dates and times into an any
// that receives the driver's int64, float64 or time.Time as decoded from
// the binary protocol; text, binary strings and DECIMAL into
// sql.RawBytes, which points into the driver's buffer. Each column is
// bound on the first row to a sink for its builder's concrete type.
// DECIMAL text of up to 18 digits is converted with int64 arithmetic,
// longer values through arrowconv's exact big.Int path; values are never
// rounded through a float. BenchmarkDecode (docs/performance.md)
// measures this against a scan into a fresh []any per row.
//
// # Sandboxes
//
// Backend.Sandbox serves `assay test`: on a connection of its own,
// TEMPORARY tables hide the real tables of the same names (bare or
// database-qualified) for that session. The READ ONLY session refuses
// CREATE TEMPORARY TABLE, so each runs alone after SET TRANSACTION READ
// WRITE (one transaction's worth); the fixture rows and the report then
// share one READ ONLY transaction, which MySQL and MariaDB let write to
// temporary tables only. Close rolls back and closes the connection,
// dropping the tables. A user with SELECT and CREATE TEMPORARY TABLES
// suffices.
//
// MySQL has no boolean type: a boolean result column is an integer 0 or
// 1, read into the plan's bool field. TINYINT(1) columns (BOOLEAN) are
// reflected as bool; TIMESTAMP as timestamptz, DATETIME as timestamp;
// MariaDB's JSON (a LONGTEXT with a json_valid check) as json. There is
// no interval type.
package mysql
