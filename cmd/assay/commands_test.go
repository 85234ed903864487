package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

const weekly = "../../examples/emr/reports/clinic_weekly_throughput.yaml"

// TestRunWritesEveryFormat writes csv, arrow, table and parquet into --out
// at once (through reports.Tee) and reads the Arrow file back.
func TestRunWritesEveryFormat(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "csv,arrow,table,parquet", "--out", dir, "-p", "region=North")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "clinic_weekly_throughput.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(csv), "\n")
	table, err := os.ReadFile(filepath.Join(dir, "clinic_weekly_throughput.txt"))
	if err != nil || !strings.Contains(string(table), "("+strconv.Itoa(lines-1)+" rows)") {
		t.Fatalf("table file: %v\n%s", err, table)
	}
	f, err := os.Open(filepath.Join(dir, "clinic_weekly_throughput.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	r, err := ipc.NewFileReader(f, ipc.WithAllocator(alloc))
	if err != nil {
		t.Fatal(err)
	}
	rows := int64(0)
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.RecordBatch(i)
		if err != nil {
			t.Fatal(err)
		}
		rows += rec.NumRows()
	}
	r.Close()
	alloc.AssertSize(t, 0)
	if rows != int64(lines-1) || r.Schema().Field(1).Type.String() != "date32" {
		t.Errorf("arrow file: %d rows (csv has %d), schema %v", rows, lines-1, r.Schema())
	}
	pq, err := os.ReadFile(filepath.Join(dir, "clinic_weekly_throughput.parquet"))
	if err != nil || len(pq) < 8 || string(pq[:4]) != "PAR1" || string(pq[len(pq)-4:]) != "PAR1" {
		t.Errorf("parquet file: %v (%d bytes)", err, len(pq))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 { // and manifest.json
		t.Errorf("want exactly 4 files and the manifest (no temporary leftovers), got %v", entries)
	}
}

// TestCheckSchemaAndDemo covers the commands that do not run reports.
func TestCheckSchemaAndDemo(t *testing.T) {
	db := duckDB(t)
	code, out, errs := assay(t, "check", weekly, "--db", db)
	if code != 0 || !strings.HasSuffix(out, "clinic_weekly_throughput.yaml: ok\n") {
		t.Fatalf("check: exit %d, %q %q", code, out, errs)
	}
	code, out, _ = assay(t, "schema", "--db", db, "visits")
	for _, want := range []string{"main.visits", "day ", "primary key (id)", "foreign key (clinic_id) references main.clinics (id)"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("schema: exit %d, missing %q in\n%s", code, want, out)
		}
	}
	path := filepath.Join(t.TempDir(), "demo.duckdb")
	if code, _, errs := assay(t, "demo", "--db", "duckdb:"+path); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	if code, _, errs := assay(t, "demo", "--db", "duckdb:"+path); code != exitUsage || !strings.Contains(errs, "--force") {
		t.Fatalf("demo over an existing file: exit %d: %s", code, errs)
	}
	code, a, _ := assay(t, "run", weekly, "--db", "duckdb:"+path, "--format", "csv", "-o", "-")
	_, b, _ := assay(t, "run", weekly, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 || a != b {
		t.Fatalf("a second demo database gives other results (exit %d)", code)
	}
}

// TestSQLListsValues checks the values listed under `assay sql`: each by
// its dialect's placeholder, text as the dialect's literal, and a line
// break in a value kept inside its comment line.
func TestSQLListsValues(t *testing.T) {
	db := duckDB(t)
	for _, d := range []string{"postgres", "duckdb"} {
		code, out, errs := assay(t, "sql", weekly, "--db", db, "--dialect", d, "-p", "region=O'Hara\nNorth")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		_, values, ok := strings.Cut(out, ";\n-- values:\n")
		want := "--   $1 = 2025-10-06\n--   $2 = 2025-12-28\n--   $3 = 'O''Hara\\nNorth'\n"
		if !ok || values != want {
			t.Errorf("%s: values\n%s\nwant\n%s", d, values, want)
		}
	}
}

// TestNamedDuckDBIsInTheProjectFolder checks that the relative path of a
// database named in assay.yaml is relative to the project's folder, not to
// the working directory, while a --db URL is relative to the working
// directory.
func TestNamedDuckDBIsInTheProjectFolder(t *testing.T) {
	file := strings.TrimPrefix(duckDB(t), "duckdb:")
	project := t.TempDir()
	if err := os.MkdirAll(filepath.Join(project, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, filepath.Join(project, "data", "emr.duckdb")); err != nil {
		t.Fatal(err)
	}
	config := "databases:\n  local: duckdb:data/emr.duckdb\ndefault_database: local\n"
	if err := os.WriteFile(filepath.Join(project, "assay.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(weekly)
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(project, "weekly.yaml")
	if err := os.WriteFile(spec, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{"", "local"} {
		if code, out, errs := assay(t, "check", spec, "--db", db); code != 0 || !strings.Contains(out, ": ok") {
			t.Errorf("--db %q: exit %d: %s%s", db, code, out, errs)
		}
	}
	code, _, errs := assay(t, "check", spec, "--db", "duckdb:data/emr.duckdb")
	if code == 0 || !strings.Contains(errs, "DuckDB database data/emr.duckdb does not exist") {
		t.Errorf("a --db URL must be relative to the working directory: exit %d: %s", code, errs)
	}
}
