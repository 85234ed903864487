//go:build !unix

package main

import "os"

// flock does nothing where there is no flock(2): the --out folder is not
// locked there (see docs/operations.md).
func flock(*os.File) (held bool, err error) { return false, nil }
