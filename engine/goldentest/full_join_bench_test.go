//go:build !noduckdb

package goldentest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
)

// fullJoinSpecs join the example visits (120,992 rows) and staff on the
// staff member of a completed visit: visits that are not completed match
// nothing. In "visits-first" the full join's right side is staff (small),
// in "staff-first" it is visits. KIND is left or full. The example's
// MariaDB tables have primary keys only (no index on visits.staff_id).
var fullJoinSpecs = map[string]string{
	"visits-first": `report: visits_staff
from: visits v
joins:
  st: {table: staff, kind: KIND, on: st.id = v.staff_id and v.status = 'completed'}
dimensions:
  role: st.role
  status: v.status
measures:
  visits: count(distinct v.id)
  staff: count(distinct st.id)
order: [role, status]
`,
	"staff-first": `report: staff_visits
from: staff st
joins:
  v: {table: visits, kind: KIND, on: v.staff_id = st.id and v.status = 'completed'}
dimensions:
  role: st.role
  status: v.status
measures:
  visits: count(distinct v.id)
  staff: count(distinct st.id)
order: [role, status]
`,
}

// BenchmarkFullJoin measures what a full join costs on MariaDB, where it
// is written as a derived table (the LEFT JOIN, UNION ALL the right
// side's rows for which NOT EXISTS a match on the left: the right side is
// read twice, the left probed once per right row), against the same
// report with a left join, in both orders of the two tables; PostgreSQL's
// native FULL JOIN against its LEFT JOIN is the comparison. The ratio of
// each database's full and left figures is the cost of the full join there.
func BenchmarkFullJoin(b *testing.B) {
	ctx := context.Background()
	pgb, pgcat := emrPostgres(b)
	myb, mycat := emrMySQL(b)
	for _, db := range []struct {
		name string
		b    engine.Backend
		cat  *catalog.Catalog
	}{{"postgres", pgb, pgcat}, {"mariadb", myb, mycat}} {
		for _, order := range []string{"visits-first", "staff-first"} {
			for _, kind := range []string{"left", "full"} {
				r, ds := spec.Load("full.yaml", []byte(strings.Replace(fullJoinSpecs[order], "KIND", kind, 1)))
				if ds.HasErrors() {
					b.Fatal(ds)
				}
				plan, cds := compiler.Compile(r, db.cat)
				if cds.HasErrors() {
					b.Fatal(cds)
				}
				b.Run(db.name+"/"+order+"/"+kind, func(b *testing.B) {
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
}
