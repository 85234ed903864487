package emrdata

import (
	"iter"
	"math/big"
	"strconv"
)

// fixed2 is a numeric(p,2) value as an integer number of hundredths. Rows
// carry it instead of a driver type; each loader converts it to a type its
// driver stores exactly.
type fixed2 int64

// String renders the value with two decimals, as both databases print it.
func (f fixed2) String() string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	cents := strconv.FormatInt(int64(f%100), 10)
	if len(cents) == 1 {
		cents = "0" + cents
	}
	return sign + strconv.FormatInt(int64(f/100), 10) + "." + cents
}

// bigInt returns the value in hundredths as a big.Int.
func (f fixed2) bigInt() *big.Int { return big.NewInt(int64(f)) }

// tableRows is one table's rows, generated on demand. Row values are int32,
// string, time.Time (UTC; midnight for dates), fixed2, or nil for NULL, in
// the table's column order. Every row is a fresh slice.
type tableRows struct {
	def  *tableDef
	rows iter.Seq[[]any]
}

// tables returns the data set's tables in dependency order. Generating the
// rows twice gives the same rows.
func (w *world) tables() []tableRows {
	gens := map[string]iter.Seq[[]any]{
		tableClinics:  w.clinicRows,
		tableStaff:    w.staffRows,
		tableServices: w.serviceRows,
		tablePatients: w.patientRows,
		tableShifts:   w.shiftRows,
		tableVisits:   w.visitRows,
	}
	out := make([]tableRows, len(schema))
	for i := range schema {
		out[i] = tableRows{def: &schema[i], rows: gens[schema[i].name]}
	}
	return out
}

func (w *world) clinicRows(yield func([]any) bool) {
	for _, c := range w.clinics {
		if !yield([]any{c.id, c.name, c.region, c.opened}) {
			return
		}
	}
}

func (w *world) staffRows(yield func([]any) bool) {
	for _, e := range w.staff {
		row := []any{e.id, w.clinics[e.clinic].id, e.name, e.role, fixed2(e.cost), e.hired}
		if !yield(row) {
			return
		}
	}
}

func (w *world) serviceRows(yield func([]any) bool) {
	for _, s := range w.services {
		if !yield([]any{s.id, s.code, s.name, s.category, fixed2(s.price)}) {
			return
		}
	}
}

func (w *world) patientRows(yield func([]any) bool) {
	for i, p := range w.patients {
		var home any
		if p.home != 0 {
			home = p.home
		}
		if !yield([]any{int32(i + 1), p.birthYear, p.sex, home}) {
			return
		}
	}
}

// shiftRows generates shifts day by day, clinic by clinic.
func (w *world) shiftRows(yield func([]any) bool) {
	var id int32
	var roster []shift
	for d := range w.days {
		day := &w.days[d]
		for ci := range w.clinics {
			roster = w.roster(ci, d, roster)
			for _, s := range roster {
				id++
				row := []any{id, w.staff[s.staff].id, w.clinics[ci].id, day.date, fixed2(s.recorded)}
				if !yield(row) {
					return
				}
			}
		}
	}
}

// visitRows generates visits day by day, clinic by clinic, by start time.
func (w *world) visitRows(yield func([]any) bool) {
	var id int32
	var roster []shift
	var visits []visit
	for d := range w.days {
		for ci := range w.clinics {
			roster = w.roster(ci, d, roster)
			visits = w.visitsFor(ci, d, roster, visits)
			for i := range visits {
				id++
				if !yield(w.visitRow(id, ci, d, &visits[i])) {
					return
				}
			}
		}
	}
}

func (w *world) visitRow(id int32, ci, d int, v *visit) []any {
	day := &w.days[d]
	row := []any{
		id, w.clinics[ci].id, v.patient, nil, nil, day.date, startedAt(day, v.minute),
		v.status, nullInt(v.wait), nullInt(v.duration), nil,
	}
	if v.service >= 0 {
		row[3] = w.services[v.service].id
	}
	if v.staff >= 0 {
		row[4] = w.staff[v.staff].id
	}
	if v.charge >= 0 {
		row[10] = fixed2(v.charge)
	}
	return row
}

// nullInt returns v as int32, or nil (NULL) when v is negative.
func nullInt(v int) any {
	if v < 0 {
		return nil
	}
	return int32(v)
}

// Stats reports what a loader wrote.
type Stats struct {
	// Rows is the number of rows loaded per table name.
	Rows map[string]int64
}

func newStats() Stats {
	return Stats{Rows: make(map[string]int64, len(schema))}
}
