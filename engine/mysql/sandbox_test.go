package mysql

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

// openReader creates a test database with setup and a user that may only
// SELECT and CREATE TEMPORARY TABLES in it, and opens the database as
// that user.
func openReader(t *testing.T, setup ...string) (*Backend, *mysqltest.DB) {
	t.Helper()
	db := mysqltest.Create(t, "assay_sandbox", setup)
	admin := mysqltest.Admin(t)
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	user := "assay_reader_" + hex.EncodeToString(suffix[:])
	pw := hex.EncodeToString(suffix[:]) + "Pw1"
	for _, s := range []string{
		"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + pw + "'",
		"GRANT SELECT, CREATE TEMPORARY TABLES ON `" + db.Name + "`.* TO '" + user + "'@'%'",
	} {
		if _, err := admin.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	t.Cleanup(func() { _, _ = mysqltest.Admin(t).Exec("DROP USER IF EXISTS '" + user + "'@'%'") })
	u, err := url.Parse(db.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(user, pw)
	b, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b, db
}

// one runs a query of one row and one column of type typ on be and
// returns the value as text.
func one(t *testing.T, be engine.Backend, sql string, typ arrow.DataType) string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rr, err := be.Query(context.Background(), engine.Query{SQL: sql, Alloc: mem,
		Schema: arrow.NewSchema([]arrow.Field{{Name: "v", Type: typ, Nullable: true}}, nil)})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rr.Release()
	if !rr.Next() || rr.RecordBatch().NumRows() != 1 {
		t.Fatalf("%s: no row (%v)", sql, rr.Err())
	}
	return rr.RecordBatch().Column(0).ValueStr(0)
}

// TestSandboxShadowsAndRollsBack: as a user with only SELECT and CREATE
// TEMPORARY TABLES, in a sandbox both the bare and the database-qualified
// name read the temporary table with the fixture rows; values are
// converted as the column's type says (strictly: a value that does not
// fit is refused, and the transaction goes on); text keeps the real
// column's collation; after Close the real tables are unchanged and the
// temporary ones are gone, and no pooled connection still sees them.
func TestSandboxShadowsAndRollsBack(t *testing.T) {
	b, db := openReader(t,
		"CREATE TABLE t (id INT PRIMARY KEY, amount DECIMAL(4,2) NOT NULL, flag BOOLEAN NOT NULL, at TIMESTAMP(6) NULL,"+
			" name VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, UNIQUE (name))",
		"INSERT INTO t VALUES (1, 1, 1, NULL, 'x1'), (2, 1, 1, NULL, 'x2'), (3, 1, 0, NULL, 'x3'), (4, 1, 0, NULL, 'x4'), (5, 1, 0, NULL, 'x5')",
		"CREATE TABLE u (n BIGINT)")
	ctx := context.Background()
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tbl, ok := cat.Lookup("", "t")
	if !ok {
		t.Fatal("t not reflected")
	}
	u, _ := cat.Lookup("", "u")
	sb, err := b.Sandbox(ctx, []*catalog.Table{tbl, u})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	if err := sb.Insert(ctx, tbl, []string{"id", "flag", "at", "name"}, []any{"7", "true", "2025-03-09 01:59:00-07:00", "abc"}); err != nil {
		t.Fatal(err)
	}
	if err := sb.Insert(ctx, tbl, []string{"id", "amount"}, []any{"8", "123.5"}); err == nil {
		t.Error("123.5 fit a DECIMAL(4,2)")
	}
	if err := sb.Insert(ctx, tbl, []string{"id", "name"}, []any{"9", "ABC"}); err == nil {
		t.Error("'ABC' is 'abc' in utf8mb4_general_ci and name is unique: the temporary column lost its collation")
	}
	if err := sb.Insert(ctx, u, []string{"n"}, []any{"42"}); err != nil {
		t.Fatal(err)
	}
	i64 := arrow.PrimitiveTypes.Int64
	for _, q := range []string{"SELECT COUNT(*) FROM t", "SELECT COUNT(*) FROM `" + db.Name + "`.t"} {
		if n := one(t, sb, q, i64); n != "1" {
			t.Errorf("%s in the sandbox: %s rows, want the fixture's 1", q, n)
		}
	}
	if n := one(t, sb, "SELECT COUNT(*) FROM t WHERE amount IS NULL AND flag = 1 AND name = 'ABC'", i64); n != "1" {
		t.Errorf("the fixture row does not read back: %s", n)
	}
	if at := one(t, sb, "SELECT at FROM t", engine.ArrowType(catalog.Of(catalog.TimestampTZ))); at != "2025-03-09 08:59:00Z" && at != "2025-03-09T08:59:00Z" {
		t.Errorf("the instant 2025-03-09 01:59:00-07:00 reads back as %s", at)
	}
	if err := sb.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ q, want string }{
		{"SELECT COUNT(*) FROM t", "5"},
		{"SELECT COUNT(*) FROM t WHERE amount = 1 AND at IS NULL AND id <= 5", "5"},
		{"SELECT COUNT(*) FROM u", "0"},
	} {
		// Through the pool: a connection that kept the temporary
		// tables would answer with the fixture's rows.
		for range 3 {
			if n := one(t, b, c.q, i64); n != c.want {
				t.Errorf("after Close, %s: %s, want %s", c.q, n, c.want)
			}
		}
		var n string
		if err := db.Conn.QueryRowContext(ctx, c.q).Scan(&n); err != nil || n != c.want {
			t.Errorf("the real table as another session reads it, %s: %s (%v), want %s", c.q, n, err, c.want)
		}
	}
}
