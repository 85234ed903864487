package failure

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// These tests provoke real faults on the test MariaDB (env
// ASSAY_TEST_MYSQL_DSN, a go-sql-driver DSN, overrides the local root
// server) and check how Of and Transient class the driver's errors.

// mariaDSN is the test server's DSN.
func mariaDSN() string {
	if dsn := os.Getenv("ASSAY_TEST_MYSQL_DSN"); dsn != "" {
		return dsn
	}
	return "root@tcp(127.0.0.1:3306)/"
}

// mariaDB opens the test server; unreachable, the test is skipped, or
// fails when CI is set.
func mariaDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", mariaDSN())
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("MariaDB test server unavailable (set ASSAY_TEST_MYSQL_DSN): %v", err)
		}
		t.Fatalf("MariaDB test server unavailable: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// wantClass checks the class and transience of a real error.
func wantClass(t *testing.T, what string, err error, class Class, transient bool) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	t.Logf("%s: %v", what, err)
	if got := Of(err); got != class {
		t.Errorf("%s: Of = %q, want %q (err: %T %v)", what, got, class, err, err)
	}
	if got := Transient(err); got != transient {
		t.Errorf("%s: Transient = %v, want %v (err: %T %v)", what, got, transient, err, err)
	}
}

// mysqlNumber returns the server error number of err, 0 for none.
func mysqlNumber(err error) uint16 {
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return my.Number
	}
	return 0
}

// conn returns one session of db and its connection id.
func conn(t *testing.T, db *sql.DB) (*sql.Conn, int64) {
	t.Helper()
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	var id int64
	if err := c.QueryRowContext(context.Background(), `SELECT CONNECTION_ID()`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return c, id
}

// TestMariaDBKilledConnection: KILL CONNECTION of a session running a
// query, and of one streaming rows, loses the connection: transient, and
// the session is unusable afterwards (also transient).
func TestMariaDBKilledConnection(t *testing.T) {
	db := mariaDB(t)
	ctx := context.Background()

	c, id := conn(t, db)
	go func() {
		time.Sleep(300 * time.Millisecond)
		if _, err := db.Exec(`KILL CONNECTION ?`, id); err != nil {
			t.Errorf("kill: %v", err)
		}
	}()
	_, err := c.ExecContext(ctx, `SELECT SLEEP(10)`)
	wantClass(t, "killed while running", err, Network, true)
	var one int
	err = c.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
	wantClass(t, "the killed session used again", err, Network, true)

	c, id = conn(t, db)
	rows, err := c.QueryContext(ctx, `SELECT seq FROM mysql.seq_1_to_100000000`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if n++; n == 1000 {
			if _, err := db.Exec(`KILL CONNECTION ?`, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n >= 100000000 {
		t.Fatal("the query ran to its end")
	}
	wantClass(t, "killed mid-stream", rows.Err(), Network, true)
}

// TestMariaDBStatementTimeout: max_statement_time ends a query with error
// 1969: a timeout, not transient.
func TestMariaDBStatementTimeout(t *testing.T) {
	db := mariaDB(t)
	c, _ := conn(t, db)
	_, err := c.ExecContext(context.Background(), `SET STATEMENT max_statement_time = 0.2 FOR SELECT SLEEP(5)`)
	wantClass(t, "max_statement_time", err, Timeout, false)
	if mysqlNumber(err) != 1969 {
		t.Errorf("err = %v, want error 1969", err)
	}
}

// TestMariaDBDeadlockAndLockWait: a real InnoDB deadlock (1213) and a lock
// wait timeout (1205) are transient; a syntax error (1064) and a missing
// right (1142) are not.
func TestMariaDBDeadlockAndLockWait(t *testing.T) {
	db := mariaDB(t)
	ctx := context.Background()
	name := fmt.Sprintf("assay_failure_%d_%d", os.Getpid(), time.Now().UnixNano())
	for _, s := range []string{
		"CREATE DATABASE `" + name + "`",
		"CREATE TABLE `" + name + "`.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
		"INSERT INTO `" + name + "`.t VALUES (1, 0), (2, 0)",
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	t.Cleanup(func() { _, _ = db.Exec("DROP DATABASE `" + name + "`") })
	table := "`" + name + "`.t"

	t.Run("deadlock", func(t *testing.T) {
		c1, _ := conn(t, db)
		c2, _ := conn(t, db)
		tx1, err := c1.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx1.Rollback()
		tx2, err := c2.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx2.Rollback()
		if _, err := tx1.Exec(`UPDATE ` + table + ` SET v = v + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if _, err := tx2.Exec(`UPDATE ` + table + ` SET v = v + 1 WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, step := range []struct {
			tx *sql.Tx
			id int
		}{{tx1, 2}, {tx2, 1}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = step.tx.Exec(`UPDATE `+table+` SET v = v + 1 WHERE id = ?`, step.id)
				if errs[i] != nil {
					_ = step.tx.Rollback()
				}
			}()
			time.Sleep(100 * time.Millisecond)
		}
		wg.Wait()
		err = errors.Join(errs...)
		wantClass(t, "deadlock", err, Database, true)
		if mysqlNumber(err) != 1213 {
			t.Errorf("err = %v, want error 1213", err)
		}
	})

	t.Run("lock wait", func(t *testing.T) {
		c1, _ := conn(t, db)
		c2, _ := conn(t, db)
		tx1, err := c1.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx1.Rollback()
		if _, err := tx1.Exec(`UPDATE ` + table + ` SET v = v + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if _, err := c2.ExecContext(ctx, `SET SESSION innodb_lock_wait_timeout = 1`); err != nil {
			t.Fatal(err)
		}
		_, err = c2.ExecContext(ctx, `UPDATE `+table+` SET v = v + 1 WHERE id = 1`)
		wantClass(t, "lock wait timeout", err, Database, true)
		if mysqlNumber(err) != 1205 {
			t.Errorf("err = %v, want error 1205", err)
		}
	})

	t.Run("not transient", func(t *testing.T) {
		c, _ := conn(t, db)
		_, err := c.ExecContext(ctx, `SELEC 1`)
		wantClass(t, "syntax error", err, Database, false)
		if mysqlNumber(err) != 1064 {
			t.Errorf("err = %v, want error 1064", err)
		}
		user := strings.ReplaceAll(name, "assay_failure", "assay_nr")
		for _, s := range []string{"CREATE USER `" + user + "`@'%'", "GRANT USAGE ON *.* TO `" + user + "`@'%'"} {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		t.Cleanup(func() { _, _ = db.Exec("DROP USER `" + user + "`@'%'") })
		cfg, err := mysql.ParseDSN(mariaDSN())
		if err != nil {
			t.Fatal(err)
		}
		cfg.User, cfg.Passwd = user, ""
		nr, err := sql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer nr.Close()
		var v int
		err = nr.QueryRowContext(ctx, `SELECT v FROM `+table+` WHERE id = 1`).Scan(&v)
		wantClass(t, "permission denied", err, Database, false)
		if mysqlNumber(err) != 1142 {
			t.Errorf("err = %v, want error 1142", err)
		}
	})
}

// TestMariaDBTooManyConnections: a user whose connection limit is reached
// (the per-user twin of max_connections, which the shared server's
// setting must not be lowered for) is transient: the other sessions end.
func TestMariaDBTooManyConnections(t *testing.T) {
	db := mariaDB(t)
	user := fmt.Sprintf("assay_one_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := db.Exec("CREATE USER `" + user + "`@'%' WITH MAX_USER_CONNECTIONS 1"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.Exec("DROP USER `" + user + "`@'%'") })
	cfg, err := mysql.ParseDSN(mariaDSN())
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Passwd = user, ""
	one, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	c, err := one.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = one.Conn(context.Background())
	wantClass(t, "max_user_connections", err, Database, true)
	if mysqlNumber(err) != 1226 {
		t.Errorf("err = %v, want error 1226", err)
	}
}
