package backends

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// ErrUnsupported reports a database URL no backend of the table accepts.
var ErrUnsupported = errors.New("unsupported database")

// ErrNotBuilt reports a backend this binary was built without.
var ErrNotBuilt = errors.New("backend not built into this binary")

// refusal is an error whose text is its own message and that matches its
// sentinel with errors.Is, so that the sentinel's text is not repeated.
type refusal struct {
	sentinel error
	msg      string
}

// Error returns the message.
func (r *refusal) Error() string { return r.msg }

// Is reports whether target is the refusal's sentinel.
func (r *refusal) Is(target error) bool { return target == r.sentinel }

// Entry is one backend of the table.
type Entry struct {
	// Name is the backend's name, as in "postgres" or "duckdb".
	Name string
	// Schemes are the URL prefixes that select the backend, such as
	// "postgres://" or "duckdb:".
	Schemes []string
	// Dialect is the SQL dialect the backend speaks.
	Dialect *dialect.Dialect
	// Open connects to the database at url (one of Schemes) with the
	// connection settings opts (zero fields: the engine's defaults;
	// backends without connections ignore them). A relative file path in
	// url is relative to the working directory; Resolve makes it relative
	// to another folder first.
	Open func(ctx context.Context, url string, opts engine.ConnOptions) (engine.Backend, error)
	// Resolve makes a relative file path in url relative to dir. It is nil
	// for backends whose URLs hold no file path.
	Resolve func(url, dir string) string
	// Missing, when not nil, says why this binary cannot open the backend
	// (it was built without it); it wraps ErrNotBuilt and Open returns it.
	Missing error
}

// Table returns every backend assay knows, in the order they are matched.
func Table() []Entry {
	return []Entry{postgresEntry(), duckDBEntry(), mySQLEntry()}
}

// Lookup returns the entry whose scheme starts url. A URL of no entry is
// an error wrapping ErrUnsupported that does not repeat the URL, which may
// hold a password.
func Lookup(url string) (Entry, error) {
	for _, e := range Table() {
		for _, s := range e.Schemes {
			if strings.HasPrefix(url, s) {
				return e, nil
			}
		}
	}
	return Entry{}, &refusal{ErrUnsupported, fmt.Sprintf("unsupported database URL scheme (expected %s)", schemeList())}
}

// schemeList spells the schemes of the table for an error message.
func schemeList() string {
	var all []string
	for _, e := range Table() {
		all = append(all, e.Schemes...)
	}
	if len(all) < 2 {
		return strings.Join(all, "")
	}
	return strings.Join(all[:len(all)-1], ", ") + " or " + all[len(all)-1]
}

// ResolveURL makes a relative file path in url relative to dir, the folder
// of the project that names the database (see spec.Project.Database). URLs
// of no entry, or of a backend without files, are returned unchanged.
func ResolveURL(url, dir string) string {
	e, err := Lookup(url)
	if err != nil || e.Resolve == nil || dir == "" {
		return url
	}
	return e.Resolve(url, dir)
}

// Open opens the database at url with the backend its scheme selects and
// the connection settings opts.
func Open(ctx context.Context, url string, opts engine.ConnOptions) (engine.Backend, error) {
	e, err := Lookup(url)
	if err != nil {
		return nil, err
	}
	return e.Open(ctx, url, opts)
}
