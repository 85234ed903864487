package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Defaults of Config. MySQL and MariaDB close a connection idle for
// wait_timeout (8 hours by default, often lowered to minutes by hosting
// providers); the pool retires connections well before.
const (
	DefaultConnMaxLifetime = 30 * time.Minute
	DefaultConnMaxIdleTime = 5 * time.Minute
)

// ErrNoSchema reports a query without a result schema.
var ErrNoSchema = errors.New("query has no result schema")

// ErrBadURL reports a database URL this backend cannot read.
var ErrBadURL = errors.New("mysql: bad database URL")

// Config is how to reach a MySQL or MariaDB server and how to pool its
// connections. The zero values of the durations mean their defaults.
type Config struct {
	// URL is mysql://user:password@host:port/database?options. Options
	// are go-sql-driver/mysql DSN parameters (tls=true|skip-verify|preferred,
	// timeout, readTimeout, …); parseTime, loc and interpolateParams are
	// set by the backend.
	URL string
	// ConnMaxLifetime retires a connection this long after it was opened
	// (default DefaultConnMaxLifetime; negative: never).
	ConnMaxLifetime time.Duration
	// ConnMaxIdleTime closes a connection idle this long (default
	// DefaultConnMaxIdleTime; negative: never). Keep it below the server's
	// wait_timeout.
	ConnMaxIdleTime time.Duration
	// MaxOpenConns bounds the open connections; 0 means no bound. A bound
	// of 1 is raised to 2: KILL QUERY needs a connection of its own.
	MaxOpenConns int
}

// Backend is a MySQL or MariaDB database reached through a
// go-sql-driver/mysql connection pool. It implements engine.Backend and
// is safe for concurrent use.
type Backend struct {
	db      *sql.DB
	secret  *engine.Secrets
	mariadb bool   // the server is MariaDB (else MySQL)
	version string // SELECT VERSION()
	schema  string // the database of the URL
}

var _ engine.Backend = (*Backend)(nil)

// Open connects to the database at a mysql:// URL with the default pool
// settings (see OpenConfig).
func Open(ctx context.Context, databaseURL string) (*Backend, error) {
	return OpenConfig(ctx, Config{URL: databaseURL})
}

// OpenConfig creates the connection pool, checks that a connection can be
// made (giving up when ctx ends) and finds out whether the server is
// MariaDB or MySQL. Errors never contain the URL or the password.
func OpenConfig(ctx context.Context, c Config) (*Backend, error) {
	sec := &engine.Secrets{}
	cfg, err := parseURL(c.URL)
	if err != nil {
		sec.AddURL(c.URL)
		return nil, sec.Redact(err)
	}
	sec.AddURL(c.URL, cfg.Passwd)
	// A deadline on ctx (assay's --connect-timeout) bounds every later
	// dial as well, unless the URL sets timeout.
	if dl, ok := ctx.Deadline(); ok && cfg.Timeout == 0 {
		cfg.Timeout = max(time.Until(dl), time.Millisecond)
	}
	base, err := driver.NewConnector(cfg)
	if err != nil {
		return nil, sec.Redact(fmt.Errorf("mysql: %w", err))
	}
	db := sql.OpenDB(&connector{base: base})
	db.SetConnMaxLifetime(orDefault(c.ConnMaxLifetime, DefaultConnMaxLifetime))
	db.SetConnMaxIdleTime(orDefault(c.ConnMaxIdleTime, DefaultConnMaxIdleTime))
	if c.MaxOpenConns == 1 {
		c.MaxOpenConns = 2
	}
	db.SetMaxOpenConns(c.MaxOpenConns)
	b := &Backend{db: db, secret: sec, schema: cfg.DBName}
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&b.version); err != nil {
		_ = db.Close()
		return nil, b.errf("mysql: cannot connect: %w", err)
	}
	b.mariadb = strings.Contains(strings.ToLower(b.version), "mariadb")
	if cfg.DBName == "" {
		_ = db.Close()
		return nil, fmt.Errorf("%w: it names no database (mysql://user@host/DATABASE)", ErrBadURL)
	}
	return b, nil
}

// orDefault returns d, def when d is 0, and 0 (no limit) when d is negative.
func orDefault(d, def time.Duration) time.Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return 0
	}
	return d
}

// ParseURL returns the driver's configuration for a mysql:// URL, with
// the options the backend forces (see Config.URL). It serves programs
// that write to the database (assay demo); its errors never quote the URL.
func ParseURL(databaseURL string) (*driver.Config, error) { return parseURL(databaseURL) }

// parseURL turns mysql://user:password@host:port/database?options into
// the driver's configuration. The options are the driver's DSN
// parameters; the ones the backend depends on are forced.
func parseURL(raw string) (*driver.Config, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "mysql" {
		return nil, fmt.Errorf("%w: not of the form mysql://user:password@host:port/database?options", ErrBadURL)
	}
	addr := u.Host
	if addr == "" {
		addr = "127.0.0.1:3306"
	} else if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	db := strings.TrimPrefix(u.Path, "/")
	if strings.Contains(db, "/") {
		return nil, fmt.Errorf("%w: the database name holds a '/'", ErrBadURL)
	}
	// The driver reads its options from a DSN; host and database are
	// escaped by ParseDSN's own rules, so build the DSN without them.
	cfg, err := driver.ParseDSN("tcp(" + addr + ")/?" + u.RawQuery)
	if err != nil {
		// The driver's message may quote an option's value.
		return nil, &engine.RedactedError{Msg: ErrBadURL.Error() + ": an option after '?' is not one go-sql-driver/mysql knows or has a bad value", Err: err}
	}
	cfg.DBName = db
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	// Never interpolate values into the SQL text: every query is a
	// server-side prepared statement with bound values.
	cfg.InterpolateParams = false
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.MultiStatements = false
	// The driver logs a dead idle connection it drops to stderr; that is
	// expected (see Open) and every real failure is returned as an error.
	cfg.Logger = &driver.NopLogger{}
	return cfg, nil
}

// Dialect returns dialect.MySQL.
func (b *Backend) Dialect() *dialect.Dialect { return dialect.MySQL }

// MariaDB reports whether the server is MariaDB.
func (b *Backend) MariaDB() bool { return b.mariadb }

// Version returns the server's version string.
func (b *Backend) Version() string { return b.version }

// Close closes every connection of the pool.
func (b *Backend) Close() error { return b.db.Close() }

// errf formats an error like fmt.Errorf and redacts secrets from it.
func (b *Backend) errf(format string, args ...any) error {
	return b.secret.Redact(fmt.Errorf(format, args...))
}
