package dialect

import (
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// TestRefusedFunction checks that a function a dialect refuses is an
// error with the dialect's reason, not SQL.
func TestRefusedFunction(t *testing.T) {
	median := &sqlast.Func{Name: "median", Args: []sqlast.Expr{&sqlast.Column{Table: "v", Column: "wait"}}}
	sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: median, Alias: "m"}}, From: sqlast.Table{Name: "visits", Alias: "v"}}
	q, err := DuckDB.Render(sel, nil, false)
	if err != nil || !strings.Contains(q.SQL, `QUANTILE_CONT("v"."wait", 0.5) AS "m"`) {
		t.Fatalf("DuckDB: %v\n%s", err, q.SQL)
	}
	refusing := *DuckDB
	refusing.Refused = map[string]string{"median": "it has no ordered-set aggregates"}
	if _, err := refusing.Render(sel, nil, false); err == nil || err.Error() != "function median is not available on duckdb: it has no ordered-set aggregates" {
		t.Errorf("refused median: %v", err)
	}
}
