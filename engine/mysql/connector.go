package mysql

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
)

// connector opens connections of the driver and prepares each one for
// assay before the pool hands it out: the session is read-only (every
// transaction it starts is READ ONLY, so that not even an implicit commit
// lets DDL through), its time zone is UTC (TIMESTAMP values arrive as
// instants, NOW() is UTC as on the other backends), and its connection
// id is kept for KILL QUERY.
type connector struct {
	base driver.Connector
}

// sessionSetup runs on every new connection.
var sessionSetup = []string{
	"SET SESSION TRANSACTION READ ONLY",
	"SET SESSION time_zone = '+00:00'",
}

func (c *connector) Driver() driver.Driver { return c.base.Driver() }

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	cn, err := wrap(ctx, dc)
	if err != nil {
		_ = dc.Close()
		return nil, err
	}
	return cn, nil
}

// conn is a driver connection with its server-side id. It passes every
// optional interface of database/sql through to the driver's connection.
type conn struct {
	driver.Conn
	id uint64
}

var (
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.ExecerContext      = (*conn)(nil)
	_ driver.QueryerContext     = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
	_ driver.NamedValueChecker  = (*conn)(nil)
)

// errNotDriver reports a driver connection without the interfaces of
// go-sql-driver/mysql.
var errNotDriver = errors.New("mysql: the driver's connection lacks ExecerContext or QueryerContext")

// wrap sets the session up and reads the connection id.
func wrap(ctx context.Context, dc driver.Conn) (*conn, error) {
	ex, ok1 := dc.(driver.ExecerContext)
	qu, ok2 := dc.(driver.QueryerContext)
	if !ok1 || !ok2 {
		return nil, errNotDriver
	}
	for _, s := range sessionSetup {
		if _, err := ex.ExecContext(ctx, s, nil); err != nil {
			return nil, err
		}
	}
	rows, err := qu.QueryContext(ctx, "SELECT CONNECTION_ID()", nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		if err == io.EOF {
			err = errors.New("mysql: CONNECTION_ID() returned no row")
		}
		return nil, err
	}
	c := &conn{Conn: dc}
	switch id := v[0].(type) {
	case int64:
		c.id = uint64(id)
	case uint64:
		c.id = id
	case []byte: // the text protocol
		for _, d := range id {
			c.id = c.id*10 + uint64(d-'0')
		}
	}
	return c, nil
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *conn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *conn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *conn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.Conn.(driver.NamedValueChecker).CheckNamedValue(nv)
}
