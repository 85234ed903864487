package engine

import "time"

// DefaultMaxConnLifetime is how long a pooled database connection lives
// before the pool replaces it, when the database's entry in assay.yaml
// does not say: below the idle and session timeouts of common servers,
// proxies and firewalls, so that a connection is retired by assay before
// something between assay and the database drops it.
const DefaultMaxConnLifetime = 30 * time.Minute

// DefaultMaxConnIdle is how long a pooled connection may sit unused before
// the pool closes it, when the database's entry does not say.
const DefaultMaxConnIdle = 5 * time.Minute

// ConnOptions are the connection settings of one database, as assay.yaml
// may give them (max_connection_lifetime, max_connection_idle). A zero
// field means the default above. Backends with a connection pool apply
// them to it; the embedded DuckDB has no connections and ignores them.
type ConnOptions struct {
	// MaxLifetime is the age after which a connection is closed and
	// replaced (once it is idle: a running query is never interrupted).
	MaxLifetime time.Duration
	// MaxIdle is how long an unused connection is kept open.
	MaxIdle time.Duration
}

// WithDefaults returns o with every zero field set to its default.
func (o ConnOptions) WithDefaults() ConnOptions {
	if o.MaxLifetime <= 0 {
		o.MaxLifetime = DefaultMaxConnLifetime
	}
	if o.MaxIdle <= 0 {
		o.MaxIdle = DefaultMaxConnIdle
	}
	return o
}
