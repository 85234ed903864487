package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

// TestExampleSpecTestsOnMySQL runs every example test file on MariaDB,
// loaded by `assay demo`, as a user that may only SELECT and CREATE
// TEMPORARY TABLES: every case passes (percentile included); the example
// tables' row counts are the same afterwards.
func TestExampleSpecTestsOnMySQL(t *testing.T) {
	root := mysqlDemo(t)
	u, err := url.Parse(root)
	if err != nil {
		t.Fatal(err)
	}
	dbName := strings.TrimPrefix(u.Path, "/")
	admin := mysqltest.Admin(t)
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	user := "assay_reader_" + hex.EncodeToString(suffix[:])
	pw := "Pw" + hex.EncodeToString(suffix[:])
	for _, s := range []string{
		"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + pw + "'",
		"GRANT SELECT, CREATE TEMPORARY TABLES ON `" + dbName + "`.* TO '" + user + "'@'%'",
	} {
		if _, err := admin.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP USER IF EXISTS '" + user + "'@'%'") })
	// The user really cannot write.
	var grants []string
	rows, err := admin.Query("SHOW GRANTS FOR '" + user + "'@'%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			t.Fatal(err)
		}
		grants = append(grants, g)
	}
	rows.Close()
	if all := strings.Join(grants, "\n"); strings.Contains(all, "INSERT") || strings.Contains(all, "ALL PRIVILEGES") || !strings.Contains(all, "CREATE TEMPORARY TABLES") {
		t.Fatalf("the reader's grants: %s", all)
	}
	u.User = url.UserPassword(user, pw)
	reader := u.String()
	cfg, err := mysqldriver.ParseDSN(mysqltest.AdminDSN())
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Passwd, cfg.DBName = user, pw, dbName
	rdb, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	_, err = rdb.Exec("INSERT INTO clinics (id, name, region, opened_on) VALUES (999, 'x', 'y', '2025-01-01')")
	rdb.Close()
	if err == nil || !strings.Contains(err.Error(), "denied") {
		t.Fatalf("the reader could write: %v", err)
	}

	before := mysqlRowCounts(t, admin, dbName)
	code, out, errs := assay(t, "test", "../../examples/emr", "--db", reader)
	n := exampleCaseCount(t)
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("%d cases: %d passed, 0 failed, 0 errors\n", n, n)) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	// A table named with its database is shadowed as well (unlike on
	// PostgreSQL, where the case is refused).
	dir := t.TempDir()
	src := "../../examples/emr/reports/service_mix"
	spec, _ := os.ReadFile(src + ".yaml")
	tests, _ := os.ReadFile(src + ".test.yaml")
	qualified := strings.Replace(string(spec), "\nfrom: visits v\n", "\nfrom: "+dbName+".visits v\n", 1)
	if qualified == string(spec) {
		t.Fatal("the example spec changed")
	}
	os.WriteFile(filepath.Join(dir, "service_mix.yaml"), []byte(qualified), 0o644)
	os.WriteFile(filepath.Join(dir, "service_mix.test.yaml"), tests, 0o644)
	if code, out, errs := assay(t, "test", dir, "--db", reader); code != exitOK || !strings.Contains(out, "0 failed, 0 errors") {
		t.Errorf("qualified table name: exit %d\n%s%s", code, out, errs)
	}
	if after := mysqlRowCounts(t, admin, dbName); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}
}

// mysqlRowCounts returns the row count of every example table.
func mysqlRowCounts(t *testing.T, db *sql.DB, dbName string) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"clinics", "patients", "services", "shifts", "staff", "visits"} {
		var n int64
		if err := db.QueryRow("SELECT COUNT(*) FROM `" + dbName + "`.`" + table + "`").Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	return b.String()
}

// testCaseCount counts the cases of one test file with a plain YAML
// decoder.
func testCaseCount(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Tests []yaml.Node `yaml:"tests"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil || len(f.Tests) == 0 {
		t.Fatalf("%s: %d cases (%v)", path, len(f.Tests), err)
	}
	return len(f.Tests)
}

// TestRefusedSpecTestsOnMySQL runs the test file of a report the MySQL
// dialect refuses (an interval of a fraction of a month) on MariaDB and
// on PostgreSQL: on MariaDB the case that expects rows is REFUSED, naming
// the dialect and the reason, counted apart from failures, and the exit
// is 1; a case that expects the refusal passes. On PostgreSQL the first
// case passes and the second fails (no error came).
func TestRefusedSpecTestsOnMySQL(t *testing.T) {
	my := mysqlDemo(t)
	dir := t.TempDir()
	spec := `report: later_visits
from: visits v
dimensions:
  later: v.day + interval '1.5 months'
measures:
  visits: count(*)
order: [later]
`
	tests := `tests:
  - name: a visit a month and a half later
    given:
      visits:
        - {id: 1, clinic_id: 1, patient_id: 1, day: 2025-10-01, status: completed}
    expect:
      - {later: 2025-11-16T00:00:00, visits: 1}
  - name: refused where months have no fractions
    given:
      visits:
        - {id: 1, clinic_id: 1, patient_id: 1, day: 2025-10-01, status: completed}
    expect_error: a fraction of a month or year has no MySQL spelling
`
	if err := os.WriteFile(filepath.Join(dir, "later_visits.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "later_visits.test.yaml"), []byte(tests), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := testCaseCount(t, filepath.Join(dir, "later_visits.test.yaml")); n != 2 {
		t.Fatalf("%d cases", n)
	}
	code, out, errs := assay(t, "test", dir, "--db", my)
	if code != exitRuntime || !strings.Contains(out, "2 cases: 1 passed, 0 failed, 0 errors, 1 refused by the database\n") ||
		!strings.Contains(out, "REFUSED "+filepath.Join(dir, "later_visits.test.yaml")+":2: a visit a month and a half later") ||
		!strings.Contains(out, "REFUSED on mysql: interval literal \"1.5 months\": a fraction of a month or year has no MySQL spelling") ||
		!strings.Contains(errs, "the database refuses the report of 1 of 2 cases") {
		t.Fatalf("mysql: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = assay(t, "test", dir, "--db", postgresDB(t))
	if code != exitRuntime || !strings.Contains(out, "2 cases: 1 passed, 1 failed, 0 errors\n") || strings.Contains(out, "REFUSED") {
		t.Fatalf("postgres: exit %d\n%s%s", code, out, errs)
	}
}
