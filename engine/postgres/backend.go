package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// cancelGrace is how long a canceled query may take to stop after PostgreSQL
// was asked to cancel it before the connection is closed instead. The same
// grace is added to a query's client-side deadline so that the server's
// statement timeout, which gives the clearer error, normally fires first.
const cancelGrace = 2 * time.Second

// ErrNoSchema reports a query without a result schema.
var ErrNoSchema = errors.New("query has no result schema")

// Backend is a PostgreSQL database reached through a pgx connection pool.
// It implements engine.Backend and is safe for concurrent use.
type Backend struct {
	pool   *pgxpool.Pool
	secret *secrets
}

var _ engine.Backend = (*Backend)(nil)

// Open parses the database URL (a postgres:// URL or a key=value DSN),
// creates a connection pool and checks that a connection can be made.
// The returned errors never contain the URL or the password.
func Open(ctx context.Context, databaseURL string) (*Backend, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		// The parse error quotes the URL; keep it only for errors.Is/As.
		return nil, &redactedError{msg: "postgres: cannot parse the database URL", err: err}
	}
	sec := newSecrets(databaseURL, cfg.ConnConfig.Password)
	cfg.ConnConfig.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		// Cancel a running query on the server rather than dropping the
		// connection, so that a canceled or released query leaves a usable
		// connection in the pool.
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelGrace}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, sec.redact(fmt.Errorf("postgres: cannot create the connection pool: %w", err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, sec.redact(fmt.Errorf("postgres: cannot connect: %w", err))
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
	return b.secret.redact(fmt.Errorf(format, args...))
}

// redactedMark replaces a secret in an error text.
const redactedMark = "xxxxx"

// secrets are the strings no error text may contain: the database URL as
// given and the password, decoded and as written in the URL.
type secrets struct {
	values []string
}

// newSecrets collects the secrets of a database URL whose parsed password
// is password.
func newSecrets(dsn, password string) *secrets {
	s := &secrets{}
	s.add(dsn)
	s.add(password)
	if raw := rawURLPassword(dsn); raw != "" {
		s.add(raw)
		if dec, err := url.PathUnescape(raw); err == nil {
			s.add(dec)
		}
	}
	// Longest first, so that the whole URL goes before the password in it.
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
	return s
}

// add records a non-empty secret.
func (s *secrets) add(v string) {
	if v != "" {
		s.values = append(s.values, v)
	}
}

// rawURLPassword returns the password as written in a URL of the form
// scheme://user:password@host…, or "" when there is none.
func rawURLPassword(dsn string) string {
	_, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return ""
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	userinfo := rest[:at]
	if slash := strings.IndexAny(userinfo, "/?#"); slash >= 0 {
		return ""
	}
	_, pw, _ := strings.Cut(userinfo, ":")
	return pw
}

// scrub replaces every secret in text.
func (s *secrets) scrub(text string) string {
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, redactedMark)
	}
	return text
}

// redact returns err unchanged when its text holds no secret, otherwise an
// error with the secrets replaced that still unwraps to err.
func (s *secrets) redact(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	clean := s.scrub(text)
	if clean == text {
		return err
	}
	return &redactedError{msg: clean, err: err}
}

// redactedError shows a cleaned message but keeps the original error for
// errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

// Error returns the cleaned message.
func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the original error.
func (e *redactedError) Unwrap() error { return e.err }
