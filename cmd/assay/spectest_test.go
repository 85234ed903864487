package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"gopkg.in/yaml.v3"
)

// testDatabases are the databases `assay test` runs on in these tests.
func testDatabases(t *testing.T) map[string]string {
	return map[string]string{"duckdb": duckDB(t), "postgres": postgresDB(t)}
}

// TestExampleSpecTestsPass runs every example test file (every example
// report, the fan-out refusal and the relative-date report) on both
// databases.
func TestExampleSpecTestsPass(t *testing.T) {
	for name, db := range testDatabases(t) {
		code, out, errs := assay(t, "test", "../../examples/emr", "--db", db)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s%s", name, code, out, errs)
		}
		n := exampleCaseCount(t)
		if !strings.Contains(out, fmt.Sprintf("%d cases: %d passed, 0 failed, 0 errors", n, n)) || !strings.Contains(out, "PASS  ../../examples/emr/reports/clinic_efficiency.test.yaml:37: refuses to sum") {
			t.Errorf("%s: unexpected summary:\n%s", name, out)
		}
	}
}

// wrongCopy copies clinic_weekly_throughput and its test file into a
// temporary folder, with the expected visits of the first row changed
// from 3 to 4 (line 17) and a row the report does not return added.
func wrongCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := "../../examples/emr/reports/clinic_weekly_throughput"
	spec, err := os.ReadFile(src + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests, err := os.ReadFile(src + ".test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(tests), "week: 2025-10-06, visits: 3,", "week: 2025-10-06, visits: 4,", 1)
	text = strings.Replace(text, "      - {clinic: Boulder, visits: 1}\n", "      - {clinic: Boulder, visits: 1}\n      - {clinic: Cortez, visits: 9}\n", 1)
	if text == string(tests) {
		t.Fatal("the example test file changed; update wrongCopy")
	}
	for name, body := range map[string]string{"clinic_weekly_throughput.yaml": string(spec), "clinic_weekly_throughput.test.yaml": text} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestWrongExpectationDiff: a wrong expectation fails with exit 1 and the
// same row diff on both databases, each line naming the test file line.
func TestWrongExpectationDiff(t *testing.T) {
	dir := wrongCopy(t)
	want := []string{
		"FAIL  " + dir + "/clinic_weekly_throughput.test.yaml:3: counts visits",
		"line 17: changed row {clinic: Aurora, week: 2025-10-06, visits: 4, completed: 2",
		"    visits: expected 4, got 3",
		"line 32: missing row {clinic: Cortez, visits: 9}",
		"3 cases: 1 passed, 2 failed, 0 errors",
	}
	for name, db := range testDatabases(t) {
		code, out, errs := assay(t, "test", dir, "--db", db)
		if code != exitRuntime || !strings.Contains(errs, "2 of 3 cases failed") {
			t.Fatalf("%s: exit %d, want 1\n%s%s", name, code, out, errs)
		}
		for _, w := range want {
			// The reflected type prints as the database spells it.
			if !strings.Contains(strings.ToLower(out), strings.ToLower(w)) {
				t.Errorf("%s: output lacks %q:\n%s", name, w, out)
			}
		}
	}
}

// TestSpecTestUpdate: --update rewrites only the rows that differ, in
// place: the wrong copy becomes byte for byte the example it was made
// from (comments, layout and untouched rows kept), and the cases pass
// afterwards.
func TestSpecTestUpdate(t *testing.T) {
	dir := wrongCopy(t)
	db := duckDB(t)
	if code, out, errs := assay(t, "test", dir, "--db", db, "--update"); code != exitOK || !strings.Contains(errs, "rewrote the expect: rows of 2 case(s)") {
		t.Fatalf("--update: exit %d\n%s%s", code, out, errs)
	}
	text, err := os.ReadFile(filepath.Join(dir, "clinic_weekly_throughput.test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile("../../examples/emr/reports/clinic_weekly_throughput.test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(text) != string(orig) {
		t.Errorf("the updated file is not the original example:\n%s\nwant:\n%s", text, orig)
	}
	if code, out, errs := assay(t, "test", dir, "--db", db); code != exitOK {
		t.Fatalf("after --update: exit %d\n%s%s", code, out, errs)
	}
}

// JUnit XML in the common schema (Ant's junit report, as Jenkins, GitLab
// and GitHub actions read it): only the elements and attributes it allows.
type xsdSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Tests    *int       `xml:"tests,attr"`
	Failures *int       `xml:"failures,attr"`
	Errors   *int       `xml:"errors,attr"`
	Suites   []xsdSuite `xml:"testsuite"`
	Other    []xml.Name `xml:",any"`
}

type xsdSuite struct {
	Name      string     `xml:"name,attr"`
	Tests     *int       `xml:"tests,attr"`
	Failures  *int       `xml:"failures,attr"`
	Errors    *int       `xml:"errors,attr"`
	Time      string     `xml:"time,attr"`
	Timestamp string     `xml:"timestamp,attr"`
	Cases     []xsdCase  `xml:"testcase"`
	Other     []xml.Name `xml:",any"`
}

type xsdCase struct {
	Name      string      `xml:"name,attr"`
	Classname string      `xml:"classname,attr"`
	Time      string      `xml:"time,attr"`
	Failures  []xsdResult `xml:"failure"`
	Errors    []xsdResult `xml:"error"`
	Other     []xml.Name  `xml:",any"`
}

type xsdResult struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// TestJUnitStructure checks the --junit file against the structure of the
// common JUnit schema: required attributes present, counts consistent,
// no unknown elements, the diff in the failure text.
func TestJUnitStructure(t *testing.T) {
	dir := wrongCopy(t)
	out := filepath.Join(t.TempDir(), "out", "junit.xml")
	if code, _, errs := assay(t, "test", dir, "--db", duckDB(t), "--junit", out); code != exitRuntime {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc xsdSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	if doc.Tests == nil || doc.Failures == nil || doc.Errors == nil || len(doc.Other) > 0 || len(doc.Suites) != 1 {
		t.Fatalf("bad testsuites element:\n%s", data)
	}
	s := doc.Suites[0]
	if s.Name == "" || s.Tests == nil || *s.Tests != 3 || *s.Failures != 2 || *s.Errors != 0 || s.Time == "" || s.Timestamp == "" || len(s.Other) > 0 {
		t.Fatalf("bad testsuite element:\n%s", data)
	}
	failures := 0
	for _, c := range s.Cases {
		if c.Name == "" || c.Classname == "" || c.Time == "" || len(c.Other) > 0 || len(c.Errors) > 0 {
			t.Errorf("bad testcase %+v", c)
		}
		for _, f := range c.Failures {
			failures++
			if f.Message == "" || f.Type == "" || !strings.Contains(f.Text, "line ") {
				t.Errorf("failure without a diff: %+v", f)
			}
		}
	}
	if failures != *s.Failures || *doc.Tests != len(s.Cases) {
		t.Errorf("counts disagree: %d failures, %d cases\n%s", failures, len(s.Cases), data)
	}
	if !strings.Contains(string(data), "visits: expected 4, got 3") {
		t.Errorf("the diff is not in the file:\n%s", data)
	}
}

// TestBrokenTestFile: every bad input of a test file is a positioned
// error in it (exit 2, each case an ERROR): a value that is not a number,
// out of range, or null in a NOT NULL column, an unknown column, an
// unknown table, and an expected column the report does not output.
func TestBrokenTestFile(t *testing.T) {
	dir := wrongCopy(t)
	path := filepath.Join(dir, "clinic_weekly_throughput.test.yaml")
	text, _ := os.ReadFile(path)
	bad := string(text)
	for _, r := range [][2]string{
		{"{id: 2, clinic_id: 1, patient_id: 8,", "{id: 2, clinic_id: x1, patient_id: 8, colour: red,"},
		{"{id: 3, clinic_id: 1, patient_id: 7,", "{id: 3, clinic_id: 1, patient_id: 99999999999,"},
		{"{id: 1, name: Aurora, region: North}", "{id: 1, name: null, region: North}"},
		{"{clinic: Boulder, visits: 1}", "{clinic: Boulder, visitz: 1}"},
		{"    expect: []\n", "    given:\n      visitz: []\n    expect: []\n"},
	} {
		if !strings.Contains(bad, r[0]) {
			t.Fatalf("the example test file changed: no %q", r[0])
		}
		bad = strings.Replace(bad, r[0], r[1], 1)
	}
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, db := range testDatabases(t) {
		code, out, _ := assay(t, "test", dir, "--db", db)
		if code != exitUsage {
			t.Fatalf("%s: exit %d, want 2\n%s", name, code, out)
		}
		for _, w := range []string{
			path + `:11:30: error: visits.clinic_id (int32 (INTEGER)): "x1" is not a whole number [bad-value]`,
			path + `:11:49: error: table visits has no column "colour"`,
			path + `:12:45: error: visits.patient_id (int32 (INTEGER)): 99999999999 is out of range for a 32-bit integer (-2147483648 to 2147483647) [bad-value]`,
			path + `:7:25: error: clinics.name is NOT NULL in the database`,
			path + `:31:27: error: the result has no column "visitz" (did you mean "visits"?)`,
			path + `:37:7: error: unknown table "visitz" (did you mean "visits"?)`,
			"3 cases: 0 passed, 0 failed, 3 errors",
		} {
			// The reflected type prints as the database spells it.
			if !strings.Contains(strings.ToLower(out), strings.ToLower(w)) {
				t.Errorf("%s: output lacks %q:\n%s", name, w, out)
			}
		}
	}
}

// TestSpecTestsWriteNothing proves the PostgreSQL sandbox writes nothing:
// a role with only CONNECT, USAGE and SELECT rights runs the example tests
// (which it could not if they wrote to a real table), and the row counts
// of every table are the same afterwards.
func TestSpecTestsWriteNothing(t *testing.T) {
	pg := postgresDB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	role := fmt.Sprintf("assay_reader_%d", os.Getpid())
	for _, stmt := range []string{
		"CREATE ROLE " + role + " LOGIN",
		"GRANT CONNECT ON DATABASE " + pgDatabase + " TO " + role,
		"GRANT USAGE ON SCHEMA public TO " + role,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	t.Cleanup(func() {
		conn.Exec(ctx, "DROP OWNED BY "+role)
		conn.Exec(ctx, "DROP ROLE "+role)
	})
	u, _ := url.Parse(pg)
	u.User = url.User(role)
	reader := u.String()
	// The role really cannot write.
	rc, err := pgx.Connect(ctx, reader)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rc.Exec(ctx, "INSERT INTO clinics (id, name, region, opened_on) VALUES (999, 'x', 'y', '2025-01-01')")
	rc.Close(ctx)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("the reader role could write: %v", err)
	}
	before := rowCounts(t, conn)
	code, out, errs := assay(t, "test", "../../examples/emr", "--db", reader)
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("%d passed", exampleCaseCount(t))) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if after := rowCounts(t, conn); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}
}

// rowCounts returns the row count of every example table.
func rowCounts(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"clinics", "patients", "services", "shifts", "staff", "visits"} {
		var n int64
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	return b.String()
}

// TestTestHelpMatchesDocs: every flag of `assay test --help` is in
// docs/testing.md's command line, and the usage names the command.
func TestTestHelpMatchesDocs(t *testing.T) {
	code, _, help := assay(t, "test", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	doc, err := os.ReadFile("../../docs/testing.md")
	if err != nil {
		t.Fatal(err)
	}
	_, synopsis, _ := strings.Cut(string(doc), "\nassay test [SPEC|DIR|GLOB…]")
	synopsis, _, _ = strings.Cut(synopsis, "\n")
	for _, flag := range []string{"db", "junit", "update", "timeout", "connect-timeout"} {
		inHelp := strings.Contains(help, "  -"+flag+" ") || strings.Contains(help, "  -"+flag+"\n")
		inDocs := strings.Contains(synopsis, "[--"+flag+" ") || strings.Contains(synopsis, "[--"+flag+"]")
		if !inHelp || !inDocs {
			t.Errorf("flag --%s: in docs/testing.md %q, help:\n%s", flag, synopsis, help)
		}
	}
	if !strings.Contains(usage, "assay test [SPEC|DIR|GLOB…] [--db URL|NAME] [--junit FILE] [--update]") {
		t.Error("the usage text lacks assay test")
	}
}

// TestQualifiedTableRefusedOnPostgres: a temporary table cannot shadow
// public.visits, so the case is refused (exit 2) rather than read the real
// table; DuckDB runs it in its in-memory copy.
func TestQualifiedTableRefusedOnPostgres(t *testing.T) {
	dir := t.TempDir()
	src := "../../examples/emr/reports/clinic_weekly_throughput"
	spec, _ := os.ReadFile(src + ".yaml")
	tests, _ := os.ReadFile(src + ".test.yaml")
	qualified := strings.Replace(string(spec), "\nfrom: visits v\n", "\nfrom: public.visits v\n", 1)
	if qualified == string(spec) {
		t.Fatal("the example spec changed")
	}
	os.WriteFile(filepath.Join(dir, "clinic_weekly_throughput.yaml"), []byte(qualified), 0o644)
	os.WriteFile(filepath.Join(dir, "clinic_weekly_throughput.test.yaml"), tests, 0o644)
	code, out, _ := assay(t, "test", dir, "--db", postgresDB(t))
	if code != exitUsage || !strings.Contains(out, `"public"."visits" is named with its schema`) {
		t.Errorf("postgres: exit %d\n%s", code, out)
	}
	duck := strings.Replace(qualified, "public.visits", "main.visits", 1)
	os.WriteFile(filepath.Join(dir, "clinic_weekly_throughput.yaml"), []byte(duck), 0o644)
	if code, out, errs := assay(t, "test", dir, "--db", duckDB(t)); code != exitOK {
		t.Errorf("duckdb: exit %d\n%s%s", code, out, errs)
	}
}

// TestTestFileThatDoesNotLoad: a file that does not load is an ERROR with
// positioned diagnostics and an error in the JUnit file (exit 2), and the
// other test files still run; alone, it needs no database.
func TestTestFileThatDoesNotLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.test.yaml")
	os.WriteFile(path, []byte("tests:\n  - name: x\n    expct: []\n"), 0o644)
	junit := filepath.Join(dir, "junit.xml")
	diag := path + `:3:5: error: unknown key "expct" in a test case (did you mean "expect"?)`
	code, out, errs := assay(t, "test", path, "--db", filepath.Join(dir, "missing.duckdb"), "--junit", junit)
	if code != exitUsage || !strings.Contains(out, diag) || !strings.Contains(out, "1 case: 0 passed, 0 failed, 1 errors") {
		t.Fatalf("alone: exit %d\n%s%s", code, out, errs)
	}
	src := "../../examples/emr/reports/clinic_weekly_throughput"
	for _, ext := range []string{".yaml", ".test.yaml"} {
		data, err := os.ReadFile(src + ext)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "clinic_weekly_throughput"+ext), data, 0o644)
	}
	code, out, errs = assay(t, "test", dir, "--db", duckDB(t), "--junit", junit)
	if code != exitUsage || !strings.Contains(out, diag) || !strings.Contains(out, "4 cases: 3 passed, 0 failed, 1 errors") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	var doc xsdSuites
	data, _ := os.ReadFile(junit)
	if err := xml.Unmarshal(data, &doc); err != nil || *doc.Errors != 1 || *doc.Tests != 4 || len(doc.Suites) != 2 {
		t.Fatalf("junit: %v\n%s", err, data)
	}
	for _, s := range doc.Suites {
		if s.Name == path && (len(s.Cases) != 1 || len(s.Cases[0].Errors) != 1 || !strings.Contains(s.Cases[0].Errors[0].Text, "expct")) {
			t.Errorf("junit: the broken file is not an error:\n%s", data)
		}
	}
}

// exampleCaseCount counts the cases of every test file under examples/emr,
// read with a plain YAML decoder, independently of assay's loader.
func exampleCaseCount(t *testing.T) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir("../../examples/emr", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".test.yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var f struct {
			Tests []yaml.Node `yaml:"tests"`
		}
		if err := yaml.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		n += len(f.Tests)
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("example test cases: %d (%v)", n, err)
	}
	return n
}

// TestTestingDocExample runs the five-minute example of docs/testing.md
// and checks that the output it shows is what assay prints: the passing
// run, then the failing one it describes (a third visit, a no-show on
// 2025-10-14, added to given and the expected row saying visits: 3).
func TestTestingDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/testing.md")
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := strings.Cut(string(doc), "## Five minutes")
	var blocks []string
	for rest := text; len(blocks) < 3; {
		_, after, ok := strings.Cut(rest, "```")
		if !ok {
			t.Fatal("docs/testing.md: the five-minute example lacks its blocks")
		}
		_, after, _ = strings.Cut(after, "\n")
		block, after, _ := strings.Cut(after, "```")
		blocks = append(blocks, block)
		rest = after
	}
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	os.Mkdir(reports, 0o755)
	specText, err := os.ReadFile("../../examples/emr/reports/clinic_weekly_throughput.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(reports, "clinic_weekly_throughput.yaml"), specText, 0o644)
	testPath := filepath.Join(reports, "clinic_weekly_throughput.test.yaml")
	durations := regexp.MustCompile(`\([0-9.]+[mµn]?s\)`)
	run := func(want string, wantCode int) {
		t.Helper()
		code, out, errs := assay(t, "test", reports+"/", "--db", duckDB(t))
		out = strings.ReplaceAll(out, dir+"/", "")
		out = durations.ReplaceAllString(out, "(…)")
		_, want, _ = strings.Cut(want, "\n") // the command line
		want = durations.ReplaceAllString(want, "(…)")
		if code != wantCode || out != want {
			t.Errorf("exit %d (want %d); output:\n%s\ndocs/testing.md shows:\n%s%s", code, wantCode, out, want, errs)
		}
	}
	os.WriteFile(testPath, []byte(blocks[0]), 0o644)
	run(blocks[1], exitOK)
	failing := strings.Replace(blocks[0], "status: no_show}\n", "status: no_show}\n        - {id: 3, clinic_id: 1, patient_id: 9, day: 2025-10-14, status: no_show}\n", 1)
	failing = strings.Replace(failing, "visits: 2,", "visits: 3,", 1)
	if failing == blocks[0] {
		t.Fatal("docs/testing.md: the example changed")
	}
	os.WriteFile(testPath, []byte(failing), 0o644)
	run("$ assay test reports/\n"+blocks[2], exitRuntime)
}

// TestBadValuesInTestFile: params, the clock, decimals, dates, lists,
// primary keys, qualified tables and keys the database refuses are all
// errors at their place in the test file, on both databases.
func TestBadValuesInTestFile(t *testing.T) {
	dir := t.TempDir()
	specText, _ := os.ReadFile("../../examples/emr/reports/service_mix.yaml")
	tests, err := os.ReadFile("testdata/spectest/bad_values.test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "service_mix.yaml"), specText, 0o644)
	path := filepath.Join(dir, "service_mix.test.yaml")
	os.WriteFile(path, tests, 0o644)
	for name, db := range testDatabases(t) {
		code, out, errs := assay(t, "test", dir, "--db", db)
		if code != exitUsage {
			t.Fatalf("%s: exit %d, want 2\n%s%s", name, code, out, errs)
		}
		for _, w := range []string{
			`:3:12: error: today: "2025-13-40" is neither a date (YYYY-MM-DD) nor a timestamp`,
			`:4:38: error: param "end" (date): unknown word "yesterdayish"`,
			`:4:52: error: the report "service_mix" has no param "colour" [unknown-param]`,
			// (the database's spelling of a type, in parentheses, differs)
			`:10:78: error: services.price (decimal(10,2) (`, `): 80.123 has more than 2 decimal places [bad-value]`,
			`:11:68: error: services.price (decimal(10,2) (`, `): "lots" is not a decimal number [bad-value]`,
			`:14:68: error: visits.day (date`, `): "2025-10-02 10:00" is not a date (write yyyy-mm-dd) [bad-value]`,
			`:15:11: error: this row of visits needs id: it is (part of) the table's primary key [missing-key]`,
			`:16:30: error: visits.clinic_id (int32 (integer)): a value must be a single value, not a list or a mapping [bad-value]`,
			`:17:7: error: unknown table "public.visitz" (did you mean "visits"?) [unknown-table]`,
			`:24:11: error: the database refused this row of services: `,
			"3 cases: 0 passed, 0 failed, 3 errors",
		} {
			if !strings.Contains(strings.ToLower(out), strings.ToLower(w)) {
				t.Errorf("%s: output lacks %q:\n%s", name, w, out)
			}
		}
	}
}

// TestBrokenWinsOverFailed: failed cases and a broken one exit 2, and the
// failed cases are still reported as such.
func TestBrokenWinsOverFailed(t *testing.T) {
	dir := wrongCopy(t)
	path := filepath.Join(dir, "clinic_weekly_throughput.test.yaml")
	text, _ := os.ReadFile(path)
	bad := strings.Replace(string(text), "    expect: []\n", "    given: {visitz: []}\n    expect: []\n", 1)
	os.WriteFile(path, []byte(bad), 0o644)
	code, out, errs := assay(t, "test", dir, "--db", duckDB(t))
	if code != exitUsage || !strings.Contains(out, "3 cases: 0 passed, 2 failed, 1 errors") || strings.Contains(errs, "cases failed") {
		t.Fatalf("exit %d, want 2\n%s%s", code, out, errs)
	}
}
