//go:build !noduckdb

package goldentest

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
	"github.com/assay-dev/assay/examples/emr/emrdata"
	"github.com/assay-dev/assay/spec"
)

// quantileSpec groups the example visits (120,992 rows) by clinic and ISO
// week; the benchmark runs it with and without quantileMeasures.
const quantileSpec = `report: visits_quantiles
from: visits v
joins:
  c: {table: clinics, on: c.id = v.clinic_id}
dimensions:
  clinic: c.name
  week: week(v.day)
measures:
  visits: count(*)
  wait: avg(v.wait_minutes)
`

const quantileMeasures = `  median_wait: median(v.wait_minutes)
  p90_wait: percentile(v.wait_minutes, 0.9)
`

// mariaDBPercentileCont is the same report with MariaDB's own window
// PERCENTILE_CONT (rounded to 10 decimals, so not what assay writes): the
// reference for what the row-number form costs.
const mariaDBPercentileCont = "SELECT DISTINCT c.name, DATE(v.day) - INTERVAL WEEKDAY(v.day) DAY AS week," +
	" COUNT(*) OVER (" + mariaDBWindow + "), AVG(v.wait_minutes) OVER (" + mariaDBWindow + ")," +
	" PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(v.wait_minutes AS DOUBLE)) OVER (" + mariaDBWindow + ")," +
	" PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST(v.wait_minutes AS DOUBLE)) OVER (" + mariaDBWindow + ")" +
	" FROM visits v JOIN clinics c ON c.id = v.clinic_id"

const mariaDBWindow = "PARTITION BY c.name, DATE(v.day) - INTERVAL WEEKDAY(v.day) DAY"

// BenchmarkQuantiles measures what median and percentile cost on MariaDB,
// where they are computed from row numbers in a CTE (one sort of the rows
// per quantile argument): the report without them (plain), with them
// (quantiles), and MariaDB's own PERCENTILE_CONT window form (native) for
// reference; PostgreSQL's plain and ordered-set figures beside. Compare
// the ratios to each database's plain run of the same invocation.
func BenchmarkQuantiles(b *testing.B) {
	ctx := context.Background()
	pgb, pgcat := emrPostgres(b)
	db := mysqltest.Create(b, "assay_quantile_bench", nil)
	if _, err := emrdata.LoadMySQL(ctx, db.Conn, emrdata.DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	myb, err := mysql.Open(ctx, db.URL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { myb.Close() })
	mycat, err := myb.Reflect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, run := range []struct {
		name string
		b    engine.Backend
		cat  *catalog.Catalog
	}{{"postgres", pgb, pgcat}, {"mariadb", myb, mycat}} {
		for _, extra := range []string{"", quantileMeasures} {
			r, ds := spec.Load("q.yaml", []byte(quantileSpec+extra))
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			plan, cds := compiler.Compile(r, run.cat)
			if cds.HasErrors() {
				b.Fatal(cds)
			}
			name := run.name + "/plain"
			if extra != "" {
				name = run.name + "/quantiles"
			}
			b.Run(name, func(b *testing.B) {
				rows := int64(0)
				for range b.N {
					rr, err := engine.Run(ctx, run.b, plan, map[string]any{}, engine.RunOptions{Alloc: memory.DefaultAllocator, Timeout: time.Minute})
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
	b.Run("mariadb/native", func(b *testing.B) {
		rows := int64(0)
		for range b.N {
			rs, err := db.Conn.QueryContext(ctx, mariaDBPercentileCont)
			if err != nil {
				b.Fatalf("%v\n%s", err, mariaDBPercentileCont)
			}
			cols, _ := rs.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			rows = 0
			for rs.Next() {
				if err := rs.Scan(vals...); err != nil {
					b.Fatal(err)
				}
				rows++
			}
			if err := rs.Err(); err != nil {
				b.Fatal(err)
			}
			rs.Close()
		}
		b.ReportMetric(float64(rows), "rows")
	})
}
