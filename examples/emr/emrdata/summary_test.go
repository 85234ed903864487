package emrdata

import (
	"strconv"
	"testing"
	"time"
)

// summary holds aggregates computed from the generated rows in Go, the
// expected answers for the queries the loader tests run in the databases.
type summary struct {
	rows          map[string]int64
	status        map[string]int64
	sumCharge     fixed2
	sumHours      fixed2
	sumHourlyCost fixed2
	sumCost       int64 // shift hours * hourly cost, in ten-thousandths
	minDay        string
	maxDay        string
	walkIns       int64
	homeless      int64 // patients without a home clinic
	sundayVisits  int64
}

func summarize(w *world) summary {
	s := summary{rows: map[string]int64{}, status: map[string]int64{}}
	costs := map[int32]fixed2{}
	for _, tb := range w.tables() {
		for row := range tb.rows {
			s.rows[tb.def.name]++
			switch tb.def.name {
			case tableStaff:
				costs[row[0].(int32)] = row[4].(fixed2)
				s.sumHourlyCost += row[4].(fixed2)
			case tablePatients:
				if row[3] == nil {
					s.homeless++
				}
			case tableShifts:
				s.sumHours += row[4].(fixed2)
				s.sumCost += int64(row[4].(fixed2)) * int64(costs[row[1].(int32)])
			case tableVisits:
				s.addVisit(row)
			}
		}
	}
	return s
}

func (s *summary) addVisit(row []any) {
	day := row[5].(time.Time)
	if s.minDay == "" {
		s.minDay = day.Format(time.DateOnly)
	}
	s.maxDay = day.Format(time.DateOnly)
	if day.Weekday() == time.Sunday {
		s.sundayVisits++
	}
	s.status[row[7].(string)]++
	if row[3] == nil {
		s.walkIns++
	}
	if row[10] != nil {
		s.sumCharge += row[10].(fixed2)
	}
}

// scalarCheck is a query returning one text value and its expected value.
type scalarCheck struct {
	query string
	want  string
}

// scalarChecks returns queries whose answers must equal the generator's.
// Every query casts its result to VARCHAR so that both databases print it.
func scalarChecks(s summary) []scalarCheck {
	var checks []scalarCheck
	for _, name := range TableNames() {
		checks = append(checks, scalarCheck{"SELECT CAST(count(*) AS VARCHAR) FROM " + name, itoa64(s.rows[name])})
	}
	for _, st := range []string{statusCompleted, statusNoShow, statusCancelled} {
		checks = append(checks, scalarCheck{
			"SELECT CAST(count(*) AS VARCHAR) FROM visits WHERE status = '" + st + "'", itoa64(s.status[st])})
	}
	return append(checks,
		scalarCheck{"SELECT CAST(sum(charge) AS VARCHAR) FROM visits", s.sumCharge.String()},
		scalarCheck{"SELECT CAST(min(day) AS VARCHAR) FROM visits", s.minDay},
		scalarCheck{"SELECT CAST(max(day) AS VARCHAR) FROM visits", s.maxDay},
		scalarCheck{"SELECT CAST(count(*) AS VARCHAR) FROM visits WHERE service_id IS NULL", itoa64(s.walkIns)},
		scalarCheck{"SELECT CAST(sum(hours) AS VARCHAR) FROM shifts", s.sumHours.String()},
		scalarCheck{"SELECT CAST(sum(hourly_cost) AS VARCHAR) FROM staff", s.sumHourlyCost.String()},
		scalarCheck{"SELECT CAST(sum(sh.hours * st.hourly_cost) AS VARCHAR) FROM shifts sh JOIN staff st ON st.id = sh.staff_id",
			fixed4(s.sumCost)},
		scalarCheck{"SELECT CAST(count(*) AS VARCHAR) FROM patients WHERE home_clinic_id IS NULL", itoa64(s.homeless)},
	)
}

// sanityQueries count rows that break a rule of the data set; each must be 0.
var sanityQueries = []string{
	// Foreign keys hold (the databases enforce them; this checks the loaders).
	`SELECT count(*) FROM visits v LEFT JOIN clinics c ON c.id = v.clinic_id WHERE c.id IS NULL`,
	`SELECT count(*) FROM visits v LEFT JOIN patients p ON p.id = v.patient_id WHERE p.id IS NULL`,
	`SELECT count(*) FROM visits v LEFT JOIN services s ON s.id = v.service_id WHERE v.service_id IS NOT NULL AND s.id IS NULL`,
	`SELECT count(*) FROM visits v LEFT JOIN staff s ON s.id = v.staff_id WHERE v.staff_id IS NOT NULL AND s.id IS NULL`,
	`SELECT count(*) FROM shifts sh LEFT JOIN staff s ON s.id = sh.staff_id WHERE s.id IS NULL`,
	`SELECT count(*) FROM staff s LEFT JOIN clinics c ON c.id = s.clinic_id WHERE c.id IS NULL`,
	// Staff work and see patients only at their own clinic, once hired.
	`SELECT count(*) FROM visits v JOIN staff s ON s.id = v.staff_id WHERE s.clinic_id <> v.clinic_id`,
	`SELECT count(*) FROM shifts sh JOIN staff s ON s.id = sh.staff_id WHERE s.clinic_id <> sh.clinic_id OR sh.day < s.hired_on`,
	`SELECT count(*) FROM visits v JOIN clinics c ON c.id = v.clinic_id WHERE v.day < c.opened_on`,
	// Outcome columns are filled exactly for completed visits.
	`SELECT count(*) FROM visits WHERE (status = 'completed') <> (charge IS NOT NULL)
	   OR (status = 'completed') <> (wait_minutes IS NOT NULL)
	   OR (status = 'completed') <> (duration_minutes IS NOT NULL)`,
	`SELECT count(*) FROM visits WHERE status NOT IN ('completed', 'no_show', 'cancelled')`,
	`SELECT count(*) FROM staff WHERE role NOT IN ('physician', 'nurse', 'assistant')`,
	// No shift without visits' clinic day being open, no visits without any shift that day.
	`SELECT count(*) FROM (SELECT DISTINCT clinic_id, day FROM visits) v
	   WHERE NOT EXISTS (SELECT 1 FROM shifts sh WHERE sh.clinic_id = v.clinic_id AND sh.day = v.day)`,
	// The clinic-local date of started_at is the visit's day (US Mountain time).
	`SELECT count(*) FROM visits WHERE CAST(timezone('America/Denver', started_at) AS DATE) <> day`,
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// fixed4 renders ten-thousandths with four decimals.
func fixed4(v int64) string {
	frac := strconv.FormatInt(v%10000, 10)
	for len(frac) < 4 {
		frac = "0" + frac
	}
	return strconv.FormatInt(v/10000, 10) + "." + frac
}

// checkRows compares two query results row by row.
func checkRows(t *testing.T, what string, a, b [][]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d rows vs %d rows", what, len(a), len(b))
		return
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			t.Errorf("%s: row %d has %d vs %d columns", what, i, len(a[i]), len(b[i]))
			return
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Errorf("%s: row %d column %d: %q vs %q", what, i, j, a[i][j], b[i][j])
				return
			}
		}
	}
}
