// Package mysqltest makes per-test databases on the MariaDB (or MySQL)
// server the tests use, so that tests running in parallel on one server
// do not collide. The server is 127.0.0.1:3306, user root without a
// password, unless ASSAY_TEST_MYSQL_DSN (a go-sql-driver DSN) names
// another. Without a server a test is skipped, and fails when CI is set.
package mysqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// AdminDSN is the DSN of the test server, without a database.
func AdminDSN() string {
	if dsn := os.Getenv("ASSAY_TEST_MYSQL_DSN"); dsn != "" {
		return dsn
	}
	return "root@tcp(127.0.0.1:3306)/"
}

// Admin opens the test server with write access, or skips the test (fails
// it under CI) when the server is unreachable. The pool is closed when
// the test ends.
func Admin(t testing.TB) *sql.DB {
	t.Helper()
	cfg, err := mysql.ParseDSN(AdminDSN())
	if err != nil {
		t.Fatalf("ASSAY_TEST_MYSQL_DSN: %v", err)
	}
	cfg.DBName = ""
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		if os.Getenv("CI") == "" {
			t.Skipf("MariaDB test server unavailable (set ASSAY_TEST_MYSQL_DSN; CI=1 makes this a failure): %v", err)
		}
		t.Fatalf("MariaDB test server unavailable: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// DB is one test database: its name, a session on it with write access
// and the mysql:// URL assay opens it with.
type DB struct {
	Name string
	URL  string
	Conn *sql.Conn
}

// Create makes a fresh database named prefix_<random>, runs setup in it
// and drops it when the test ends.
func Create(t testing.TB, prefix string, setup []string) *DB {
	t.Helper()
	admin := Admin(t)
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	name := prefix + "_" + hex.EncodeToString(suffix[:])
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+name+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS `"+name+"`"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	conn, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	if _, err := conn.ExecContext(ctx, "USE `"+name+"`"); err != nil {
		t.Fatal(err)
	}
	for _, s := range setup {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return &DB{Name: name, URL: URLOf(t, name), Conn: conn}
}

// URLOf returns the mysql:// URL of database name on the test server.
func URLOf(t testing.TB, name string) string {
	t.Helper()
	cfg, err := mysql.ParseDSN(AdminDSN())
	if err != nil {
		t.Fatalf("ASSAY_TEST_MYSQL_DSN: %v", err)
	}
	u := url.URL{Scheme: "mysql", Host: cfg.Addr, Path: "/" + name}
	if cfg.Passwd != "" {
		u.User = url.UserPassword(cfg.User, cfg.Passwd)
	} else {
		u.User = url.User(cfg.User)
	}
	return u.String()
}
