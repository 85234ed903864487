package emrdata

import (
	"math/rand/v2"
	"time"
)

// shift is one employee's work on one clinic-day.
type shift struct {
	staff    int   // index into world.staff
	worked   int64 // hours worked, in hundredths
	recorded int64 // hours recorded in the shifts table, in hundredths
}

// Saturday morning shifts: the clinic opens 09:00 to 13:00.
const (
	saturdayOpenMinute = 9 * 60
	saturdaySlots      = 48 // 5-minute appointment slots
	weekdayOpenMinute  = 8 * 60
	weekdaySlots       = 108 // 08:00 to 16:55
)

// roster returns the shifts worked in clinic ci on day index d, reusing buf.
// It draws from the clinic-day's own random stream, so the shifts and the
// visits tables, which both need the roster, see the same one. Planted
// anomalies are applied after all random draws and so change nothing else.
func (w *world) roster(ci, d int, buf []shift) []shift {
	buf = buf[:0]
	c := &w.clinics[ci]
	day := &w.days[d]
	if d < c.openDay || !day.open(c.saturdays) {
		return buf
	}
	r := newRand(w.seed, streamRoster, uint64(ci), uint64(d))
	a := w.anomalyAt(ci, d)
	for _, si := range c.staff {
		hours, ok := shiftHours(r, &w.staff[si], day, d)
		if !ok {
			continue
		}
		buf = append(buf, a.apply(shift{staff: si, worked: hours, recorded: hours}))
	}
	return buf
}

// shiftHours decides whether employee e works on day index d and for how
// long, in hundredths of an hour.
func shiftHours(r *rand.Rand, e *employee, day *dayInfo, d int) (int64, bool) {
	if d < e.startDay {
		return 0, false
	}
	if day.weekday == time.Saturday {
		if weekOf(d)%3 != e.satTeam {
			return 0, false
		}
		return 400 + 50*int64(r.IntN(2)), true
	}
	if day.weekday == e.dayOff || chance(r, day.absence) {
		return 0, false
	}
	return varyHours(r, e.hours), true
}

// varyHours returns usual hours, sometimes a little shorter or longer, in
// quarter-hour steps.
func varyHours(r *rand.Rand, usual int64) int64 {
	x := r.IntN(100)
	step := 25 * int64(between(r, 1, 4))
	switch {
	case x < 10:
		return max(200, usual-step)
	case x < 22:
		return usual + step
	}
	return usual
}

// apply returns s as changed by the anomaly a (which may be nil).
func (a *planted) apply(s shift) shift {
	if a == nil {
		return s
	}
	switch a.kind {
	case KindThroughputHigh:
		s.recorded = max(25, roundQuarter(s.worked*recordedHoursPercent/100))
	case KindCostHigh:
		if locum, ok := a.cover[s.staff]; ok {
			s.staff = locum
		}
	}
	return s
}

// roundQuarter rounds hundredths of an hour to the nearest quarter hour.
func roundQuarter(h int64) int64 {
	return (h + 12) / 25 * 25
}

// workedHours sums the hours worked in the shifts, in hundredths.
func workedHours(shifts []shift) int64 {
	var total int64
	for _, s := range shifts {
		total += s.worked
	}
	return total
}
