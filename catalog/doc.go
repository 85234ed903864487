// Package catalog is the reflected schema model: tables, columns and their
// types, primary and unique keys, and foreign keys. Backends fill it from the
// database's own catalog; the compiler resolves every name of a spec against
// it. Nothing here is written by hand for a particular database.
package catalog
