package emrdata

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// Staff roles.
const (
	rolePhysician = "physician"
	roleNurse     = "nurse"
	roleAssistant = "assistant"
)

// clinic is one clinic and the generator's hidden parameters for it.
type clinic struct {
	id        int32
	name      string
	region    string
	opened    time.Time
	openDay   int   // index of the first day the clinic works (0 if opened earlier)
	saturdays bool  // open Saturday mornings
	rate      int64 // visits per staff hour, per mille, before demand factors
	waitBase  int   // typical wait in minutes
	teams     int   // care teams: one physician, one nurse and one assistant each
	extraRN   bool  // one nurse more than teams
	size      int   // number of regular employees
	staff     []int // indexes into world.staff of its regular employees
	patients  []int32
}

// employee is one row of staff plus how the employee is rostered.
type employee struct {
	id       int32
	clinic   int // index into world.clinics
	name     string
	role     string
	cost     int64 // hourly cost in cents
	hired    time.Time
	startDay int   // index of the first day the employee can work
	hours    int64 // usual weekday shift in hundredths of an hour
	dayOff   time.Weekday
	satTeam  int  // Saturday rota team: works Saturdays of weeks with week%3 == satTeam
	agency   bool // an agency locum planted by a cost_high anomaly
}

// world is the fixed part of the data set: everything except the shifts and
// visits, which are generated day by day from it.
type world struct {
	seed      int64
	scale     int
	days      []dayInfo
	clinics   []clinic
	staff     []employee
	services  []service
	patients  []patient
	anomalies []planted
	// plan[clinic][week] is 1 + the index of the anomaly planted in that
	// clinic-week, or 0.
	plan [][]int
	// serviceTable picks the service of a booked visit.
	serviceTable *serviceTable
}

// newWorld builds the complete world for opts (which must be normalized).
func newWorld(opts Options) *world {
	w := newSkeleton(opts)
	w.addPatients()
	return w
}

// newSkeleton builds the calendar, clinics, staff, services and the planted
// anomalies, but no patients: enough for Anomalies.
func newSkeleton(opts Options) *world {
	w := &world{seed: opts.Seed, scale: opts.Scale, days: buildCalendar()}
	w.services = buildServices()
	w.serviceTable = newServiceTable(w.services)
	w.addClinics()
	w.addStaff()
	w.planAnomalies()
	w.addAgencyCover()
	return w
}

// clinicCount is 12 at scale 1 and grows with the square root of the scale.
func clinicCount(scale int) int {
	return isqrt(144 * scale)
}

// Clinic throughput: rates are spread evenly over this range, in visits per
// 1000 staff hours, and assigned to clinics in random order. The persistent
// differences between clinics are larger than the week-to-week noise, so
// that a robust z-score within a week is not driven by the noise alone.
const (
	minRate = 265
	maxRate = 395
)

// addClinics creates the clinics and their hidden parameters.
func (w *world) addClinics() {
	r := newRand(w.seed, streamClinics, 0, 0)
	n := clinicCount(w.scale)
	for i := range n {
		w.clinics = append(w.clinics, w.newClinic(r, i, n))
	}
	for i, rank := range r.Perm(n) {
		w.clinics[i].rate = int64(minRate + (maxRate-minRate)*rank/max(1, n-1))
	}
}

func (w *world) newClinic(r *rand.Rand, i, n int) clinic {
	s := sites[i%len(sites)]
	name := s.name
	if i >= len(sites) {
		name += " " + strconv.Itoa(i/len(sites)+1)
	}
	c := clinic{
		id:        int32(i + 1),
		name:      name,
		region:    s.region,
		opened:    dateOf(1995, time.January, 1).AddDate(0, 0, r.IntN(28*365)),
		saturdays: r.IntN(2) == 0,
		waitBase:  between(r, 6, 14),
		// 2 to 4 care teams at scale 1, growing with the scale faster than
		// the number of clinics does.
		teams:   max(2, between(r, 2, 4)*w.scale*12/n),
		extraRN: r.IntN(2) == 0,
	}
	c.size = 3 * c.teams
	if c.extraRN {
		c.size++
	}
	if i%12 == 11 {
		c.opened = newSiteOpenings[(i/12)%len(newSiteOpenings)]
		c.openDay = int(c.opened.Sub(firstDay).Hours() / 24)
	}
	return c
}

// addStaff creates the regular employees of every clinic: per care team a
// physician, a nurse and an assistant, sometimes one nurse more. All clinics
// thus have a similar staff mix and cost per staff hour. The extra nurse is
// in half the cases a new hire during the data period (the clinic grows).
func (w *world) addStaff() {
	r := newRand(w.seed, streamStaff, 0, 0)
	for ci := range w.clinics {
		c := &w.clinics[ci]
		for range c.teams {
			for _, role := range []string{rolePhysician, roleNurse, roleAssistant} {
				w.addEmployee(w.newEmployee(r, ci, role, false))
			}
		}
		if c.extraRN {
			w.addEmployee(w.newEmployee(r, ci, roleNurse, r.IntN(2) == 0))
		}
	}
}

// addEmployee appends e to the staff table and its clinic's roster.
func (w *world) addEmployee(e employee) {
	e.id = int32(len(w.staff) + 1)
	w.staff = append(w.staff, e)
	if !e.agency {
		c := &w.clinics[e.clinic]
		c.staff = append(c.staff, len(w.staff)-1)
	}
}

// hourlyCost ranges per role, in cents, in steps of 25 cents.
var hourlyCost = map[string][2]int{
	rolePhysician: {10500, 13500},
	roleNurse:     {4500, 5500},
	roleAssistant: {2300, 2900},
}

// newEmployee draws an employee of clinic ci; a growth hire is hired during
// the data period.
func (w *world) newEmployee(r *rand.Rand, ci int, role string, growth bool) employee {
	span := hourlyCost[role]
	e := employee{
		clinic:  ci,
		name:    personName(r),
		role:    role,
		cost:    int64(span[0] + 25*r.IntN((span[1]-span[0])/25+1)),
		hours:   usualHours(r, role),
		dayOff:  time.Sunday, // no weekday off
		satTeam: r.IntN(3),
	}
	if chance(r, 250) {
		e.dayOff = time.Weekday(between(r, 1, 5))
	}
	e.hired = w.hireDate(r, &w.clinics[ci], growth)
	e.startDay = max(0, int(e.hired.Sub(firstDay).Hours()/24))
	return e
}

// hireDate draws a hiring date: growth hires join during the data period,
// everyone else before it; employees of a clinic that opens during the
// period are hired shortly before it opens.
func (w *world) hireDate(r *rand.Rand, c *clinic, growth bool) time.Time {
	switch {
	case c.openDay > 0:
		return c.opened.AddDate(0, 0, -between(r, 14, 90))
	case growth:
		return dateOf(2024, time.February, 1).AddDate(0, 0, r.IntN(640))
	}
	from := c.opened
	if earliest := dateOf(2008, time.January, 1); from.Before(earliest) {
		from = earliest
	}
	days := int(dateOf(2023, time.December, 31).Sub(from).Hours() / 24)
	return from.AddDate(0, 0, r.IntN(days+1))
}

// usualHours draws an employee's usual weekday shift in hundredths of an hour.
func usualHours(r *rand.Rand, role string) int64 {
	p := r.IntN(100)
	switch {
	case role == rolePhysician && p < 25:
		return 900
	case p < 70:
		return 800
	case p < 88:
		return 600
	}
	return 400
}

func personName(r *rand.Rand) string {
	return firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
}

// addAgencyCover adds, for every cost_high anomaly, one agency locum per
// physician and nurse of the clinic, hired on the anomaly's Monday at two
// and a half times the hourly cost of the employee covered. The roster puts
// the locums' shifts in place of the employees' during that week.
func (w *world) addAgencyCover() {
	r := newRand(w.seed, streamStaff, 1, 0)
	for ai := range w.anomalies {
		a := &w.anomalies[ai]
		if a.kind != KindCostHigh {
			continue
		}
		a.cover = make(map[int]int)
		for _, si := range w.clinics[a.clinic].staff {
			regular := w.staff[si]
			if regular.role == roleAssistant || regular.startDay >= 7*(a.week+1) {
				continue // not covered, or not yet hired that week
			}
			locum := regular
			locum.name = personName(r) + " (agency)"
			locum.cost = regular.cost * 5 / 2
			locum.hired = weekMonday(a.week)
			locum.startDay = 7 * a.week
			locum.agency = true
			w.addEmployee(locum)
			a.cover[si] = len(w.staff) - 1
		}
	}
}
