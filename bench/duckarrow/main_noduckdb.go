//go:build noduckdb

package main

import (
	"fmt"
	"os"
)

// main refuses: this benchmark measures DuckDB, which a -tags noduckdb
// build does not have.
func main() {
	fmt.Fprintln(os.Stderr, "bench/duckarrow measures DuckDB; build it without -tags noduckdb")
	os.Exit(2)
}
