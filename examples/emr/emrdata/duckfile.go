package emrdata

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotDuckDB is returned, wrapped, by ReplaceDuckDB for a path that holds
// something other than a DuckDB database file.
var ErrNotDuckDB = errors.New("not a DuckDB database")

// duckMagic is what a DuckDB database file holds at byte duckMagicAt.
const (
	duckMagic   = "DUCK"
	duckMagicAt = 8
)

// CheckDuckDBFile returns nil when path is a regular file that starts like
// a DuckDB database (the magic "DUCK" at byte offset 8), otherwise an error
// wrapping ErrNotDuckDB (or the error of reading it).
func CheckDuckDBFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("emrdata: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("emrdata: %s is %w: not a regular file", path, ErrNotDuckDB)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("emrdata: %w", err)
	}
	defer f.Close()
	head := make([]byte, duckMagicAt+len(duckMagic))
	if _, err := io.ReadFull(f, head); err != nil || string(head[duckMagicAt:]) != duckMagic {
		return fmt.Errorf("emrdata: %s is %w (no %q at byte %d)", path, ErrNotDuckDB, duckMagic, duckMagicAt)
	}
	return nil
}
