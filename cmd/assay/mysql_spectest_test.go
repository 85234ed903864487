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

// refusedTestsOnMySQL is the example test file whose report the MySQL
// dialect refuses (refusedOnMySQL): its cases fail on MySQL with the
// refusal, as `assay run` refuses the report.
const refusedTestsOnMySQL = "../../examples/emr/reports/clinic_weekly_throughput.test.yaml"

// TestExampleSpecTestsOnMySQL runs every example test file on MariaDB,
// loaded by `assay demo`, as a user that may only SELECT and CREATE
// TEMPORARY TABLES: every case passes but those of the report the MySQL
// dialect refuses (percentile), which fail naming the function and the
// dialect; the example tables' row counts are the same afterwards.
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
	refused := testCaseCount(t, refusedTestsOnMySQL)
	n := exampleCaseCount(t)
	if code != exitRuntime || !strings.Contains(out, fmt.Sprintf("%d cases: %d passed, %d failed, 0 errors", n, n-refused, refused)) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "FAIL") && !strings.HasPrefix(line, "FAIL  "+refusedTestsOnMySQL+":") {
			t.Errorf("a case failed on MySQL: %s", line)
		}
	}
	if got := strings.Count(out, "the report failed: function percentile is not available on mysql: "); got != refused {
		t.Errorf("%d cases refused naming percentile and mysql, want %d:\n%s", got, refused, out)
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
