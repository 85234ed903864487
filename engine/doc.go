// Package engine runs compiled reports: the Backend interface every database
// implements (reflect the catalog, run a query into Arrow record batches),
// and the orchestration around it — bind values, read-only transactions,
// timeouts and cancellation. The backends themselves live in engine/postgres
// and engine/duckdb.
package engine
