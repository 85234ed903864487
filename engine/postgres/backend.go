package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// cancelGrace is how long a canceled query may take to stop after PostgreSQL
// was asked to cancel it before the connection is closed instead.
const cancelGrace = 2 * time.Second

// ErrNoSchema reports a query without a result schema.
var ErrNoSchema = errors.New("query has no result schema")

// Backend is a PostgreSQL database reached through a pgx connection pool.
// It implements engine.Backend and is safe for concurrent use.
type Backend struct {
	pool   *pgxpool.Pool
	secret *engine.Secrets
}

var _ engine.Backend = (*Backend)(nil)

// Open is OpenWith with the default connection settings.
func Open(ctx context.Context, databaseURL string) (*Backend, error) {
	return OpenWith(ctx, databaseURL, engine.ConnOptions{})
}

// OpenWith parses the database URL (a postgres:// URL or a key=value DSN),
// creates a connection pool whose connections live at most
// opts.MaxLifetime and idle at most opts.MaxIdle (zero: the engine's
// defaults) and checks that a connection can be made, giving up when ctx
// ends. The URL's pool_max_conn_lifetime and pool_max_conn_idle_time, when
// given, win over opts. The returned errors never contain the URL or the
// password.
func OpenWith(ctx context.Context, databaseURL string, opts engine.ConnOptions) (*Backend, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		// The parse error quotes the URL; keep it only for errors.Is/As.
		return nil, &engine.RedactedError{Msg: "postgres: cannot parse the database URL", Err: err}
	}
	sec := &engine.Secrets{}
	sec.AddURL(databaseURL, cfg.ConnConfig.Password)
	// A deadline on ctx (assay's --connect-timeout) bounds every later
	// connection of the pool as well, unless the URL sets connect_timeout.
	if dl, ok := ctx.Deadline(); ok && cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = max(time.Until(dl), time.Millisecond)
	}
	applyConnOptions(cfg, databaseURL, opts)
	cfg.ConnConfig.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		// Cancel a running query on the server rather than dropping the
		// connection, so that a canceled or released query leaves a usable
		// connection in the pool.
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelGrace}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, sec.Redact(fmt.Errorf("postgres: cannot create the connection pool: %w", err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, sec.Redact(fmt.Errorf("postgres: cannot connect: %w", err))
	}
	return &Backend{pool: pool, secret: sec}, nil
}

// Dialect returns dialect.Postgres.
func (b *Backend) Dialect() *dialect.Dialect { return dialect.Postgres }

// Close closes every connection of the pool. Queries still running are
// interrupted.
func (b *Backend) Close() error {
	b.pool.Close()
	return nil
}

// errf formats an error like fmt.Errorf and redacts secrets from it.
func (b *Backend) errf(format string, args ...any) error {
	return b.secret.Redact(fmt.Errorf(format, args...))
}

// applyConnOptions sets the pool's connection lifetime and idle time from
// opts, unless the URL sets them itself (pgxpool's own URL parameters).
//
// A connection that the server, a proxy or a firewall closed while it sat
// idle is replaced, not reported: pgxpool pings a connection idle for more
// than a second before handing it out and discards it when the ping fails,
// and Query re-acquires a connection whose very first statement finds it
// closed (see source.start).
func applyConnOptions(cfg *pgxpool.Config, databaseURL string, opts engine.ConnOptions) {
	opts = opts.WithDefaults()
	if !strings.Contains(databaseURL, "pool_max_conn_lifetime") {
		cfg.MaxConnLifetime = opts.MaxLifetime
		// Spread the replacements of connections opened together.
		cfg.MaxConnLifetimeJitter = opts.MaxLifetime / 10
	}
	if !strings.Contains(databaseURL, "pool_max_conn_idle_time") {
		cfg.MaxConnIdleTime = opts.MaxIdle
	}
	// Idle connections are checked (and closed past MaxConnIdleTime) this
	// often; never less often than the idle time itself.
	cfg.HealthCheckPeriod = min(cfg.HealthCheckPeriod, max(opts.MaxIdle/2, time.Second))
}
