//go:build !noduckdb

package emrdata

import (
	"slices"
	"strings"
	"testing"
)

// crossQueries run unchanged on DuckDB and PostgreSQL and must give the same
// text. Rows are sorted in Go, because the two databases may collate text
// differently.
var crossQueries = []string{
	`SELECT status, CAST(count(*) AS VARCHAR) FROM visits GROUP BY status`,
	`SELECT c.name, c.region, CAST(c.opened_on AS VARCHAR), CAST(count(*) AS VARCHAR),
	        CAST(sum(v.charge) AS VARCHAR), CAST(min(v.day) AS VARCHAR), CAST(max(v.day) AS VARCHAR)
	   FROM visits v JOIN clinics c ON c.id = v.clinic_id GROUP BY 1, 2, 3`,
	// The shape of the example report: visits and shifts per clinic-week.
	`SELECT c.name, CAST(CAST(date_trunc('week', v.day) AS DATE) AS VARCHAR),
	        CAST(count(*) FILTER (WHERE v.status = 'completed') AS VARCHAR),
	        CAST(count(DISTINCT v.patient_id) AS VARCHAR),
	        CAST(sum(v.charge) AS VARCHAR), CAST(sum(v.wait_minutes) AS VARCHAR)
	   FROM visits v JOIN clinics c ON c.id = v.clinic_id GROUP BY 1, 2`,
	`SELECT c.name, CAST(CAST(date_trunc('week', sh.day) AS DATE) AS VARCHAR),
	        CAST(sum(sh.hours) AS VARCHAR), CAST(sum(sh.hours * st.hourly_cost) AS VARCHAR)
	   FROM shifts sh JOIN clinics c ON c.id = sh.clinic_id JOIN staff st ON st.id = sh.staff_id
	  GROUP BY 1, 2`,
	// A LEFT join matters: walk-ins have no service.
	`SELECT coalesce(s.code, '(walk-in)'), CAST(count(*) AS VARCHAR), CAST(sum(v.charge) AS VARCHAR),
	        CAST(sum(v.duration_minutes) AS VARCHAR)
	   FROM visits v LEFT JOIN services s ON s.id = v.service_id GROUP BY 1`,
	`SELECT role, CAST(count(*) AS VARCHAR), CAST(sum(hourly_cost) AS VARCHAR), CAST(min(hired_on) AS VARCHAR)
	   FROM staff GROUP BY 1`,
	`SELECT sex, CAST(count(*) AS VARCHAR), CAST(sum(birth_year) AS VARCHAR), CAST(count(home_clinic_id) AS VARCHAR)
	   FROM patients GROUP BY 1`,
	`SELECT CAST(id AS VARCHAR), CAST(timezone('UTC', started_at) AS VARCHAR), CAST(day AS VARCHAR)
	   FROM visits WHERE id % 5000 = 1`,
}

// startedAtQueries sum started_at as Unix milliseconds; the spelling differs.
const (
	duckStartedAt = `SELECT CAST(sum(epoch_ms(started_at)) AS VARCHAR) FROM visits`
	pgStartedAt   = `SELECT CAST(sum(CAST(extract(epoch FROM started_at) * 1000 AS bigint)) AS VARCHAR) FROM visits`
)

func TestDuckDBAndPostgresAgree(t *testing.T) {
	opts := DefaultOptions()
	pg, _ := loadedPostgres(t, opts)
	duck, _ := loadedDuckDB(t, opts)
	queries := slices.Clone(crossQueries)
	for _, c := range scalarChecks(summarize(newWorld(opts))) {
		queries = append(queries, c.query)
	}
	for _, q := range queries {
		a, b := sortedRows(duckStrings(t, duck, q)), sortedRows(pgStrings(t, pg, q))
		if len(a) == 0 {
			t.Errorf("%s: no rows", q)
		}
		checkRows(t, "DuckDB vs PostgreSQL: "+q, a, b)
	}
	checkRows(t, "started_at", duckStrings(t, duck, duckStartedAt), pgStrings(t, pg, pgStartedAt))
}

func sortedRows(rows [][]string) [][]string {
	slices.SortFunc(rows, func(a, b []string) int {
		return strings.Compare(strings.Join(a, "\x00"), strings.Join(b, "\x00"))
	})
	return rows
}
