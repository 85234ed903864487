package duckdb

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	bindings "github.com/duckdb/duckdb-go-bindings"
	duckdbgo "github.com/duckdb/duckdb-go/v2"
)

// ErrNoRawHandle reports that duckdb-go's connection or statement no longer
// holds its C handle where this package looks for it (a driver upgrade
// changed its layout). The query then runs on the row path instead.
var ErrNoRawHandle = errors.New("duckdb-go holds no C handle where expected")

// rawConn returns the C connection behind a duckdb-go driver connection.
//
// duckdb-go does not export it, so it is read from the unexported field
// "conn" of *duckdbgo.Conn, whose type must be exactly the bindings'
// Connection (duckdb-go's mapping package aliases the bindings' types). Any
// other layout is refused with ErrNoRawHandle, never misread.
func rawConn(dc driver.Conn) (bindings.Connection, error) {
	c, ok := dc.(*duckdbgo.Conn)
	if !ok {
		return bindings.Connection{}, fmt.Errorf("%w: the connection is a %T", ErrNoRawHandle, dc)
	}
	p, err := fieldOf[bindings.Connection](c, "conn")
	if err != nil {
		return bindings.Connection{}, err
	}
	if p.Ptr == nil {
		return bindings.Connection{}, fmt.Errorf("%w: the connection is closed", ErrNoRawHandle)
	}
	return *p, nil
}

// rawStatement returns the C prepared statement behind a duckdb-go
// statement, read from its unexported field "preparedStmt" of type
// *bindings.PreparedStatement, verified like rawConn's.
func rawStatement(ds driver.Stmt) (bindings.PreparedStatement, error) {
	s, ok := ds.(*duckdbgo.Stmt)
	if !ok {
		return bindings.PreparedStatement{}, fmt.Errorf("%w: the statement is a %T", ErrNoRawHandle, ds)
	}
	p, err := fieldOf[*bindings.PreparedStatement](s, "preparedStmt")
	if err != nil {
		return bindings.PreparedStatement{}, err
	}
	if *p == nil || (*p).Ptr == nil {
		return bindings.PreparedStatement{}, fmt.Errorf("%w: the statement is closed", ErrNoRawHandle)
	}
	return **p, nil
}

// fieldOf returns a pointer to the field called name of the struct *v
// after checking that the field exists and is of type T exactly.
func fieldOf[T any, S any](v *S, name string) (*T, error) {
	sv := reflect.ValueOf(v).Elem()
	if sv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: %T is not a struct", ErrNoRawHandle, v)
	}
	f := sv.FieldByName(name)
	if !f.IsValid() {
		return nil, fmt.Errorf("%w: %T has no field %q", ErrNoRawHandle, v, name)
	}
	if want := reflect.TypeFor[T](); f.Type() != want {
		return nil, fmt.Errorf("%w: field %q of %T is a %s, not a %s", ErrNoRawHandle, name, v, f.Type(), want)
	}
	return (*T)(unsafe.Pointer(f.UnsafeAddr())), nil
}
