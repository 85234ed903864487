package emrdata

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"time"
)

// Visit statuses.
const (
	statusCompleted = "completed"
	statusNoShow    = "no_show"
	statusCancelled = "cancelled"
)

// visit is one row of visits before ids and timestamps are assigned.
// Negative values stand for NULL.
type visit struct {
	minute   int // local minutes after midnight
	patient  int32
	service  int // index into world.services, or -1 for a walk-in
	staff    int // index into world.staff, or -1
	status   string
	wait     int
	duration int
	charge   int64 // cents
}

// visitsFor returns the visits of clinic ci on day index d, ordered by start
// time, reusing buf. shifts is the clinic-day's roster.
func (w *world) visitsFor(ci, d int, shifts []shift, buf []visit) []visit {
	buf = buf[:0]
	if len(shifts) == 0 {
		return buf
	}
	r := newRand(w.seed, streamVisits, uint64(ci), uint64(d))
	n := w.visitCount(r, ci, d, shifts)
	for range n {
		buf = append(buf, w.newVisit(r, ci, &w.days[d], shifts))
	}
	slices.SortStableFunc(buf, func(a, b visit) int { return a.minute - b.minute })
	return buf
}

// visitCount draws the number of visits of a clinic-day. The expected number
// is the hours worked times the clinic's rate, scaled by seasonal and weekday
// demand. Clinics book close to capacity, so the count varies little around
// it: binomial with p = 15/16 (variance a sixteenth of the mean).
func (w *world) visitCount(r *rand.Rand, ci, d int, shifts []shift) int {
	day := &w.days[d]
	// Milli-visits: hundredths of hours * per-mille visits per hour / 100.
	mean := workedHours(shifts) * w.clinics[ci].rate / 100
	mean = mean * day.demand / 1000 * weekdayDemand[day.weekday] / 1000
	if a := w.anomalyAt(ci, d); a != nil && a.kind == KindThroughputLow {
		mean = mean * lowVisitsPercent / 100
	}
	// n trials with mean n*15/16, rounded: n = mean*16/15.
	return binomial15of16(r, int((16*mean+7500)/15000))
}

// binomial15of16 draws from Binomial(n, 15/16): a bit of a|b|c|d is set
// with probability 15/16 when a, b, c and d are random words.
func binomial15of16(r *rand.Rand, n int) int {
	count := 0
	for ; n > 0; n -= 64 {
		x := r.Uint64() | r.Uint64() | r.Uint64() | r.Uint64()
		if n < 64 {
			x &= 1<<uint(n) - 1
		}
		count += bits.OnesCount64(x)
	}
	return count
}

// newVisit draws one visit of clinic ci on day.
func (w *world) newVisit(r *rand.Rand, ci int, day *dayInfo, shifts []shift) visit {
	c := &w.clinics[ci]
	saturday := day.weekday == time.Saturday
	v := visit{service: -1, staff: -1, wait: -1, duration: -1, charge: -1}
	walkIn := chance(r, 60)
	if saturday {
		walkIn = chance(r, 250)
	}
	v.patient = w.pickPatient(r, c)
	p := &w.patients[v.patient-1]
	if saturday {
		v.minute = saturdayOpenMinute + 5*r.IntN(saturdaySlots)
	} else {
		v.minute = weekdayOpenMinute + 5*r.IntN(weekdaySlots)
	}
	role := roleNurse
	if !walkIn {
		v.service = w.serviceTable.pick(r, int(p.group), day.month)
		role = w.services[v.service].clinician
	}
	v.status = w.visitStatus(r, walkIn, day, p, v.service)
	if v.status != statusCancelled {
		v.staff = w.pickStaff(r, shifts, role)
	}
	if v.status == statusCompleted {
		w.complete(r, &v, c, saturday)
	}
	return v
}

// pickPatient draws a patient: mostly one of the clinic's own, otherwise
// anyone (including patients without a home clinic).
func (w *world) pickPatient(r *rand.Rand, c *clinic) int32 {
	if len(c.patients) > 0 && chance(r, 850) {
		return c.patients[r.IntN(len(c.patients))]
	}
	return int32(r.IntN(len(w.patients)) + 1)
}

// visitStatus draws whether a booked visit was completed, missed or
// cancelled. Walk-ins are always completed. No-shows are more common on
// Mondays and among young adults, rarer among seniors and for telehealth.
func (w *world) visitStatus(r *rand.Rand, walkIn bool, day *dayInfo, p *patient, service int) string {
	if walkIn {
		return statusCompleted
	}
	noShow := 78
	if day.weekday == time.Monday {
		noShow += 20
	}
	if p.birthYear >= 1990 && p.birthYear <= 2006 {
		noShow += 30
	}
	if p.group == ageSenior {
		noShow -= 25
	}
	if w.services[service].category == "telehealth" {
		noShow -= 40
	}
	switch x := r.IntN(1000); {
	case x < noShow:
		return statusNoShow
	case x < noShow+40:
		return statusCancelled
	}
	return statusCompleted
}

// complete fills in the wait, duration and charge of a completed visit.
func (w *world) complete(r *rand.Rand, v *visit, c *clinic, saturday bool) {
	v.wait = c.waitBase + r.IntN(16)
	if saturday {
		v.wait += 8
	}
	if chance(r, 30) {
		v.wait += between(r, 20, 80) // a long delay
	}
	if v.service < 0 {
		v.duration = between(r, walkInMinMinute, walkInMaxMinute)
		v.charge = walkInFee
		return
	}
	s := &w.services[v.service]
	v.duration = between(r, s.minutes[0], s.minutes[1])
	v.charge = s.price
}

// pickStaff draws the employee who sees the patient: someone on shift in the
// wanted role, else any physician or nurse on shift, else anyone on shift.
func (w *world) pickStaff(r *rand.Rand, shifts []shift, role string) int {
	for level := range 3 {
		n := 0
		for _, s := range shifts {
			if staffMatches(&w.staff[s.staff], role, level) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		k := r.IntN(n)
		for _, s := range shifts {
			if staffMatches(&w.staff[s.staff], role, level) {
				if k == 0 {
					return s.staff
				}
				k--
			}
		}
	}
	return -1
}

// staffMatches reports whether e fits the fallback level of pickStaff.
func staffMatches(e *employee, role string, level int) bool {
	switch level {
	case 0:
		return e.role == role
	case 1:
		return e.role != roleAssistant
	}
	return true
}

// startedAt converts a local start minute on day to a UTC timestamp.
func startedAt(day *dayInfo, minute int) time.Time {
	return day.date.Add(time.Duration(minute+day.utcOffset) * time.Minute)
}
