// Package engine runs compiled reports: the Backend interface every database
// implements (reflect the catalog, run a query into Arrow record batches),
// and the orchestration around it — bind values, read-only transactions,
// timeouts and cancellation. The backends themselves live in engine/postgres
// and engine/duckdb, listed with their URL schemes and dialects in the one
// table of engine/backends; engine/enginetest is the conformance suite each
// of them passes.
package engine
