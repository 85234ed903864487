package backends_test

import (
	"testing"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

// createMySQL creates a database of its own on the test MariaDB, runs
// setup in it and drops it when the test ends.
func createMySQL(t testing.TB, setup []string) string {
	t.Helper()
	return mysqltest.Create(t, "assay_conformance", setup).URL
}

// mySQLColumn spells the conformance suite's columns in MariaDB's DDL:
// BOOLEAN is TINYINT(1), TIMESTAMP the instant type, JSON a checked
// LONGTEXT; there is no interval. The values are written as plain
// literals, which MariaDB converts on INSERT (its CAST has no BOOLEAN,
// and a TIMESTAMP literal no offset: the session is in UTC).
func mySQLColumn(t catalog.Type, shown string) (ddl, value string, ok bool) {
	switch t.Kind {
	case catalog.Bool:
		return "BOOLEAN", "TRUE", true
	case catalog.Int16:
		return "SMALLINT", "-12", true
	case catalog.Int32:
		return "INT", "123456", true
	case catalog.Int64:
		return "BIGINT", "-9000000000", true
	case catalog.Float32:
		return "FLOAT", "1.5", true
	case catalog.Float64:
		return "DOUBLE", "-2.25", true
	case catalog.Decimal:
		return "DECIMAL(12, 3)", "", true
	case catalog.Text:
		return "VARCHAR(200)", "'O''Hara ünïcode'", true
	case catalog.Date:
		return "DATE", "", true
	case catalog.Timestamp:
		return "DATETIME(6)", "", true
	case catalog.TimestampTZ:
		return "TIMESTAMP(6) NULL", "'2025-01-31 11:14:15.123456'", true
	case catalog.UUID:
		return "UUID", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", true
	case catalog.JSON:
		return "JSON", `'"a b"'`, true
	case catalog.Bytes:
		return "VARBINARY(16)", "'ab'", true
	}
	return "", "", false
}
