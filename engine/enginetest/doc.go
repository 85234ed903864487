// Package enginetest is the conformance suite every backend of assay's
// engine must pass: the same checks, written once, run against each entry
// of the backend table (engine/backends), so that a new backend gets them
// by giving the suite a way to create a fresh database.
//
// Run creates one database through the Target, with tables written in the
// target's own dialect, opens it as a user would (read-only) and checks:
// reflection of every portable column kind, keys and foreign keys; result
// types and conversions into the Query's Arrow schema; every kind of bind
// value; batching (BatchSize honoured); that a write fails; the statement
// timeout, before the first row and while streaming; context cancellation;
// releasing the reader early. Every query uses a checked allocator that
// must be back to zero bytes afterwards.
package enginetest
