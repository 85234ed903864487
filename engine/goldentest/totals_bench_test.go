//go:build !noduckdb

package goldentest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
	"github.com/assay-dev/assay/engine/postgres"
	"github.com/assay-dev/assay/examples/emr/emrdata"
	"github.com/assay-dev/assay/spec"
)

// totalsSpec groups the example visits (120,992 rows) by clinic, ISO
// week and status; the benchmark runs it with the totals line and without.
const totalsSpec = `report: visits_totals
from: visits v
joins:
  c: {table: clinics, on: c.id = v.clinic_id}
dimensions:
  clinic: c.name
  week: week(v.day)
  status: v.status
measures:
  visits: count(*)
  charged: sum(v.charge)
  wait: avg(v.wait_minutes)
order: [clinic, week, status]
`

// BenchmarkTotals measures what totals cost: the same report with
// `totals: [clinic, week]` (three grouping sets plus the grand total) and
// without, on PostgreSQL (GROUP BY GROUPING SETS) and on MariaDB (one
// SELECT per set, joined by UNION ALL, which reads the tables once per
// set). The ratio of each database's two figures is the cost of totals
// there; docs/performance.md has the figures.
func BenchmarkTotals(b *testing.B) {
	ctx := context.Background()
	pgb, pgcat := emrPostgres(b)
	myb, mycat := emrMySQL(b)
	for _, db := range []struct {
		name string
		b    engine.Backend
		cat  *catalog.Catalog
	}{{"postgres", pgb, pgcat}, {"mariadb", myb, mycat}} {
		for _, totals := range []string{"", "totals: [clinic, week]\n"} {
			r, ds := spec.Load("totals.yaml", []byte(totalsSpec+totals))
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			plan, cds := compiler.Compile(r, db.cat)
			if cds.HasErrors() {
				b.Fatal(cds)
			}
			name := db.name + "/plain"
			if totals != "" {
				name = db.name + "/totals"
			}
			b.Run(name, func(b *testing.B) {
				rows := int64(0)
				for range b.N {
					rr, err := engine.Run(ctx, db.b, plan, map[string]any{}, engine.RunOptions{Alloc: memory.DefaultAllocator, Timeout: time.Minute})
					if err != nil {
						b.Fatal(err)
					}
					rows = 0
					for rr.Next() {
						rows += rr.RecordBatch().NumRows()
					}
					if rr.Err() != nil {
						b.Fatal(rr.Err())
					}
					rr.Release()
				}
				b.ReportMetric(float64(rows), "rows")
			})
		}
	}
}

// emrPostgres loads the example data into a PostgreSQL database of the
// benchmark's own.
func emrPostgres(b *testing.B) (engine.Backend, *catalog.Catalog) {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("assay_totals_bench_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if a, err := pgx.Connect(context.Background(), adminURL()); err == nil {
			_, _ = a.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close(context.Background())
		}
	})
	u, _ := url.Parse(adminURL())
	u.Path = "/" + name
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := emrdata.LoadPostgres(ctx, conn, emrdata.DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	be, err := postgres.Open(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { be.Close() })
	cat, err := be.Reflect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return be, cat
}

// emrMySQL loads the example data into a MariaDB database of the
// benchmark's own.
func emrMySQL(b *testing.B) (engine.Backend, *catalog.Catalog) {
	ctx := context.Background()
	db := mysqltest.Create(b, "assay_totals_bench", nil)
	if _, err := emrdata.LoadMySQL(ctx, db.Conn, emrdata.DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	be, err := mysql.Open(ctx, db.URL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { be.Close() })
	cat, err := be.Reflect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return be, cat
}
