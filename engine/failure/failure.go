// Package failure classifies the errors of a report run for the run
// manifest and decides which of them are worth another attempt.
//
// A class says where a failure came from, in the words of the manifest:
// the spec (or the command line), the database, the network between us and
// the database, the local disk, a time limit, or a cancellation. Transient
// says whether the same report may succeed if it is run again from scratch:
// lost or refused connections, a server shutting down or recovering,
// serialization failures and deadlocks, too many connections. A statement
// timeout, a spec error and a permission error are never transient.
//
// Classification looks through wrapped errors (errors.As), so an error
// redacted by engine.Secrets or wrapped with %w by a stage keeps its class.
// The tests provoke each fault for real (engine/failure on MariaDB,
// engine/postgres on PostgreSQL, private servers included); the table of
// codes is in docs/operations.md. Backoff is the pause between attempts.
package failure

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
)

// Class is where a failure came from, as the manifest names it.
type Class string

const (
	Spec      Class = "spec"
	Database  Class = "database"
	Network   Class = "network"
	Disk      Class = "disk"
	Timeout   Class = "timeout"
	Cancelled Class = "cancelled"
)

// Classed is implemented by errors that know their class (a spec error of
// the command, a disk error of a writer). It is consulted before anything
// else.
type Classed interface {
	FailureClass() Class
}

// specError marks an error as the spec's or the command line's.
type specError struct{ err error }

func (e specError) Error() string       { return e.err.Error() }
func (e specError) Unwrap() error       { return e.err }
func (e specError) FailureClass() Class { return Spec }

// AsSpec marks err as a spec (or command line) error: never retried.
func AsSpec(err error) error {
	if err == nil {
		return nil
	}
	return specError{err}
}

// Of returns the class of err; nil has no class ("").
func Of(err error) Class {
	if err == nil {
		return ""
	}
	var c Classed
	if errors.As(err, &c) {
		return c.FailureClass()
	}
	switch {
	case errors.Is(err, context.Canceled):
		return Cancelled
	case errors.Is(err, context.DeadlineExceeded):
		return Timeout
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pgClass(pg)
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return mysqlClass(my.Number)
	}
	if isNetwork(err) {
		return Network
	}
	var pe *fs.PathError
	if errors.As(err, &pe) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EROFS) {
		return Disk
	}
	return Database
}

// Transient reports whether running the report again may succeed: the
// failure was the connection's or the server's state, not the report's.
// Every network failure is transient (an error that classes itself as
// Network included); of the database's, only the SQLSTATEs and MySQL
// error numbers listed below. docs/operations.md has the table.
func Transient(err error) bool {
	if err == nil || Of(err) == Cancelled || Of(err) == Timeout || Of(err) == Spec || Of(err) == Disk {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "57P01", "57P02", "57P03", // admin shutdown, crash shutdown, cannot connect now
			"40001", "40P01", // serialization failure, deadlock
			"55P03",                   // lock not available (lock_timeout: a migration holds the table)
			"53300",                   // too many connections
			"08000", "08003", "08006", // connection exception, does not exist, failure
			"08001", "08004": // unable to connect, rejected
			return true
		}
		return false
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		switch my.Number {
		case 1040, // too many connections
			1203, // the user has more than max_user_connections
			1226, // the user's max_user_connections (a resource limit) is reached
			1205, // lock wait timeout
			1213, // deadlock
			1053, // server shutdown in progress
			2006, // server has gone away
			2013, // lost connection during query
			1927, // connection was killed (MariaDB)
			4031: // disconnected by the server because of inactivity (MySQL 8)
			return true
		}
		return false
	}
	return Of(err) == Network
}

// pgClass classes a PostgreSQL error by its SQLSTATE's class (first two
// characters). 57014 (query_canceled) is a statement timeout only when the
// server says so ("canceling statement due to statement timeout"); the
// same code with "due to user request" is a cancel sent from outside — an
// administrator's or a watchdog's pg_cancel_backend — which is the
// database's doing, not a time limit of ours, and not retried: someone
// meant the query to stop. (A cancel that assay sends itself, on SIGINT or
// SIGTERM, is classed cancelled by the runner, which knows that its run
// was cancelled; a time limit of assay's own wraps
// context.DeadlineExceeded and is a timeout before the SQLSTATE is read.)
func pgClass(pg *pgconn.PgError) Class {
	code := pg.Code
	if len(code) < 2 {
		return Database
	}
	switch code[:2] {
	case "08":
		return Network
	case "57":
		if code == "57014" && strings.Contains(pg.Message, "statement timeout") {
			return Timeout
		}
		return Database
	}
	return Database
}

func mysqlClass(n uint16) Class {
	switch n {
	case 2006, 2013, 1927, 4031:
		return Network
	case 1969, 3024: // MariaDB max_statement_time, MySQL max_execution_time
		return Timeout
	}
	return Database
}

// isNetwork reports a lost, reset or refused connection, from the
// operating system or the drivers.
func isNetwork(err error) bool {
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &oe), errors.As(err, &ne):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED):
		return true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, mysql.ErrInvalidConn):
		return true
	case errors.Is(err, driver.ErrBadConn): // database/sql: a session found dead (MySQL KILL CONNECTION)
		return true
	case errors.Is(err, os.ErrDeadlineExceeded):
		return true
	}
	if pgconn.SafeToRetry(err) {
		return true
	}
	return false
}

// Backoff is the pause before retry number attempt (1 for the first
// retry): base doubled for every earlier retry, at most max, of which a
// random part is taken — never less than half — so that reports that
// failed together (a server restart) do not all retry at the same moment.
// It is 0 when base is not positive; a max below base is taken as base.
func Backoff(attempt int, base, max time.Duration) time.Duration {
	if base <= 0 {
		return 0
	}
	if max < base {
		max = base
	}
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max || d <= 0 { // d <= 0: overflowed
		d = max
	}
	half := d / 2
	return half + rand.N(d-half+1)
}
