//go:build !noduckdb

package goldentest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/dialect"
	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
	"github.com/assay-dev/assay/spec"
)

// refusedOnMySQL are the corpus cases the MySQL dialect refuses at check
// time, each with the start of the diagnostic it must give. docs/spec.md
// lists the reasons.
var refusedOnMySQL = map[string]string{}

// mariaDBBugs are cases MariaDB 10.11 answers wrongly because of a bug of
// its own: the test skips them while they still differ and fails once
// they match, so that the list shrinks.
var mariaDBBugs = map[string]string{}

// mysqlFixture loads the fixture into a MariaDB database of the test's own
// (the PostgreSQL DDL made MySQL's: ANSI_QUOTES for the quoted names,
// NO_BACKSLASH_ESCAPES for the literals, DATETIME for a TIMESTAMP column,
// TIMESTAMP for a TIMESTAMPTZ one in a UTC session) and opens it twice: in
// the server's sql_mode and with NO_BACKSLASH_ESCAPES added, for the
// inline SQL.
func mysqlFixture(t *testing.T) (plain, noBackslash *database) {
	t.Helper()
	stmts, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	setup := []string{
		"SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,NO_BACKSLASH_ESCAPES')",
		"SET SESSION time_zone = '+00:00'",
	}
	for _, s := range stmts {
		s, err := mysqlStatement(s)
		if err != nil {
			t.Fatal(err)
		}
		setup = append(setup, s)
	}
	db := mysqltest.Create(t, "assay_golden", setup)
	open := func(u string) *database {
		b, err := mysql.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = b.Close() })
		cat, err := b.Reflect(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return &database{backend: b, catalog: cat, url: u}
	}
	nb := db.URL + "?sql_mode=" + url.QueryEscape("CONCAT(@@sql_mode,',NO_BACKSLASH_ESCAPES')")
	return open(db.URL), open(nb)
}

var (
	timestampCol   = regexp.MustCompile(`(?m)^(\s+\w+) TIMESTAMP\b`)
	timestampTZCol = regexp.MustCompile(`(?m)^(\s+\w+) TIMESTAMPTZ\b`)
	timestampTZLit = regexp.MustCompile(`TIMESTAMPTZ '([^']*)'`)
)

// mysqlStatement makes one statement of the PostgreSQL fixture MariaDB's.
// MariaDB's TIMESTAMP is an instant (stored in UTC, shown in the session's
// zone), so a TIMESTAMPTZ column becomes TIMESTAMP(6), which the MySQL
// backend reflects as a timestamp with time zone; MariaDB takes no offset
// in a literal, so each TIMESTAMPTZ literal is written as the same instant
// in UTC, the setup session's zone.
func mysqlStatement(s string) (string, error) {
	s = timestampCol.ReplaceAllString(s, "$1 DATETIME(6)")
	s = timestampTZCol.ReplaceAllString(s, "$1 TIMESTAMP(6)")
	var bad error
	s = timestampTZLit.ReplaceAllStringFunc(s, func(lit string) string {
		v := timestampTZLit.FindStringSubmatch(lit)[1]
		at, err := time.Parse("2006-01-02 15:04:05.999999999Z07", v)
		if err != nil {
			bad = fmt.Errorf("fixture literal %s: %w", lit, err)
			return lit
		}
		return "TIMESTAMP '" + at.UTC().Format("2006-01-02 15:04:05.999999") + "'"
	})
	return s, bad
}

// TestGoldenMySQL runs every case of the corpus on MariaDB: the result,
// compiled against MariaDB's reflected catalog, must be result.csv (which
// TestGolden holds PostgreSQL and DuckDB to) under the same comparison
// rules, and the --inline SQL must give the same rows in both sql_modes.
// A case the dialect cannot run must be refused at check time with a
// diagnostic naming the function or feature and the dialect.
func TestGoldenMySQL(t *testing.T) {
	my, noBackslash := mysqlFixture(t)
	for _, c := range corpus.Cases(t, casesDir) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.KnownBug != "" {
				t.Skip("known bug: " + c.KnownBug)
			}
			if ds := dialectCheck(t, c, my.catalog); len(ds) > 0 {
				want, ok := refusedOnMySQL[c.Name]
				if !ok || !strings.Contains(ds[0].Message, want) {
					t.Fatalf("refused on mysql with %q; want it to run, or list it in refusedOnMySQL", ds[0].Message)
				}
				return
			}
			if _, ok := refusedOnMySQL[c.Name]; ok {
				t.Errorf("listed in refusedOnMySQL but not refused")
			}
			want, err := os.ReadFile(filepath.Join(c.Dir, "result.csv"))
			if err != nil {
				t.Fatal(err)
			}
			cp := c.Compile(t, my.catalog)
			alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer alloc.AssertSize(t, 0)
			rr, err := engine.Run(context.Background(), my.backend, cp.Plan, cp.Values, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
			if err != nil {
				t.Fatalf("run on mysql: %v", err)
			}
			got := toCSV(t, rr, "mysql")
			if bug, ok := mariaDBBugs[c.Name]; ok {
				if same(c, got, string(want)) {
					t.Errorf("listed in mariaDBBugs (%s) but now gives result.csv: remove it from the list", bug)
				} else {
					t.Skipf("known MariaDB 10.11 bug: %s:\n%s", bug, corpus.FirstDifference(got, string(want)))
				}
			}
			if !same(c, got, string(want)) {
				t.Errorf("MariaDB gives other rows than result.csv (MariaDB first):\n%s", corpus.FirstDifference(got, string(want)))
			}
			inline, err := engine.Render(cp.Plan, dialect.MySQL, cp.Values, true)
			if err != nil {
				t.Fatalf("render inline: %v", err)
			}
			if len(inline.Args) > 0 {
				t.Fatalf("inline SQL still has placeholders:\n%s", inline.SQL)
			}
			for _, db := range []*database{my, noBackslash} {
				if in := queryCSV(t, db, cp, inline.SQL, "mysql"); in != got {
					t.Errorf("the inline SQL gives other rows (%s; inline first):\n%s", db.url, corpus.FirstDifference(in, got))
				}
			}
		})
	}
}

// dialectCheck loads the case's spec and returns what the MySQL dialect
// refuses in it.
func dialectCheck(t *testing.T, c corpus.Case, cat *catalog.Catalog) spec.Diagnostics {
	t.Helper()
	src, err := os.ReadFile(c.SpecPath)
	if err != nil {
		t.Fatal(err)
	}
	r, ds := spec.Load(c.SpecName, src)
	if ds.HasErrors() {
		t.Fatalf("load:\n%v", ds)
	}
	_ = cat
	return compiler.CheckDialect(r, dialect.MySQL)
}

// TestMySQLCatalogMatchesPostgres compares what MariaDB and PostgreSQL
// reflect from the fixture: the same tables, columns with the same kinds,
// precision and nullability, the same primary, unique and foreign keys
// (the referenced schema is each database's own), so that names resolve
// and fan-out checks decide alike.
func TestMySQLCatalogMatchesPostgres(t *testing.T) {
	my, _ := mysqlFixture(t)
	pgdb := pg(t)
	if got, want := my.catalog.TableNames(), pgdb.catalog.TableNames(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("tables %v, PostgreSQL %v", got, want)
	}
	for _, pt := range pgdb.catalog.Sorted() {
		mt, ok := my.catalog.Lookup("", pt.Name)
		if !ok {
			t.Errorf("%s not reflected", pt.Name)
			continue
		}
		if len(mt.Columns) != len(pt.Columns) {
			t.Errorf("%s: %d columns, PostgreSQL %d", pt.Name, len(mt.Columns), len(pt.Columns))
			continue
		}
		for i, pc := range pt.Columns {
			mc := mt.Columns[i]
			if mc.Name != pc.Name || mc.Type.Kind != pc.Type.Kind || mc.Type.Precision != pc.Type.Precision ||
				mc.Type.Scale != pc.Type.Scale || mc.Nullable != pc.Nullable {
				t.Errorf("%s.%s: %+v, PostgreSQL %+v", pt.Name, pc.Name, mc, pc)
			}
		}
		if fmt.Sprint(mt.PrimaryKey, mt.UniqueKeys) != fmt.Sprint(pt.PrimaryKey, pt.UniqueKeys) {
			t.Errorf("%s: keys %v %v, PostgreSQL %v %v", pt.Name, mt.PrimaryKey, mt.UniqueKeys, pt.PrimaryKey, pt.UniqueKeys)
		}
		if len(mt.ForeignKeys) != len(pt.ForeignKeys) {
			t.Errorf("%s: foreign keys %+v, PostgreSQL %+v", pt.Name, mt.ForeignKeys, pt.ForeignKeys)
			continue
		}
		for _, pf := range pt.ForeignKeys {
			found := false
			for _, mf := range mt.ForeignKeys {
				found = found || fmt.Sprint(mf.Columns, mf.RefTable, mf.RefColumns) == fmt.Sprint(pf.Columns, pf.RefTable, pf.RefColumns) && mf.RefSchema == my.catalog.DefaultSchema
			}
			if !found {
				t.Errorf("%s: foreign key %+v not reflected on MariaDB: %+v", pt.Name, pf, mt.ForeignKeys)
			}
		}
	}
}

// TestMySQLInstantsRoundTrip reads the checkins' instants back from
// MariaDB, where the fixture's TIMESTAMPTZ column is a TIMESTAMP: the
// column is reflected as a timestamp with time zone, as on PostgreSQL, and
// every value comes back as the same instant PostgreSQL gives.
func TestMySQLInstantsRoundTrip(t *testing.T) {
	my, _ := mysqlFixture(t)
	pgdb := pg(t)
	for _, db := range []*database{my, pgdb} {
		tab, ok := db.catalog.Lookup("", "checkins")
		if !ok {
			t.Fatalf("%s: no checkins table", db.backend.Dialect())
		}
		for _, c := range tab.Columns {
			if c.Name == "seen_at" && c.Type.Kind != catalog.TimestampTZ {
				t.Errorf("%s: checkins.seen_at is %v, want a timestamp with time zone", db.backend.Dialect(), c.Type)
			}
		}
	}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: engine.ArrowType(catalog.Of(catalog.Int32))},
		{Name: "seen_at", Type: engine.ArrowType(catalog.Of(catalog.TimestampTZ))},
	}, nil)
	read := func(db *database) string {
		alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer alloc.AssertSize(t, 0)
		rr, err := db.backend.Query(context.Background(), engine.Query{SQL: `SELECT id, seen_at FROM checkins ORDER BY id`,
			Schema: schema, Alloc: alloc, Timeout: 20 * time.Second})
		if err != nil {
			t.Fatalf("%s: %v", db.backend.Dialect(), err)
		}
		return toCSV(t, rr, db.backend.Dialect().String())
	}
	got, want := read(my), read(pgdb)
	if strings.Count(want, "\n") != 13 {
		t.Fatalf("PostgreSQL gives %d lines, want a header and 12 rows:\n%s", strings.Count(want, "\n"), want)
	}
	if got != want {
		t.Errorf("MariaDB gives other instants than PostgreSQL (MariaDB first):\n%s", corpus.FirstDifference(got, want))
	}
}
