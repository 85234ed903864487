package emrdata

import "time"

// The data set covers two full calendar years. firstDay is a Monday, so the
// Monday-start week of day index d is simply d/7.
var (
	firstDay = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// Offsets in minutes from clinic local time (US Mountain time, where all
// clinics are) to UTC.
const (
	offsetStandard = 7 * 60 // MST, UTC-7
	offsetDaylight = 6 * 60 // MDT, UTC-6
)

// dayInfo is everything the generator needs to know about one calendar day.
type dayInfo struct {
	date    time.Time // UTC midnight
	weekday time.Weekday
	month   time.Month
	holiday bool // clinics are closed
	// utcOffset is the number of minutes to add to local clinic time to get UTC.
	utcOffset int
	// demand scales visits per staff hour, in per mille (seasonal, with a slow upward trend).
	demand int64
	// absence is the chance, in per mille, that a rostered employee is away.
	absence int
}

// monthlyDemand is the seasonal demand per mille by month: busy in the
// winter respiratory season, quiet in the summer.
var monthlyDemand = [13]int64{0, 1100, 1080, 1030, 990, 960, 930, 910, 950, 1000, 1030, 1060, 1080}

// weekdayDemand scales visits per staff hour by weekday, in per mille:
// Mondays are busy, Fridays quiet, Saturday mornings are walk-in heavy.
var weekdayDemand = [7]int64{0, 1080, 1010, 1000, 990, 940, 1150}

// buildCalendar returns one dayInfo per day of the data set.
func buildCalendar() []dayInfo {
	var days []dayInfo
	for d := firstDay; !d.After(lastDay); d = d.AddDate(0, 0, 1) {
		days = append(days, newDayInfo(len(days), d))
	}
	return days
}

func newDayInfo(index int, d time.Time) dayInfo {
	trend := int64(index) * 40 / 731 // about +4% over the two years
	return dayInfo{
		date:      d,
		weekday:   d.Weekday(),
		month:     d.Month(),
		holiday:   isHoliday(d),
		utcOffset: mountainOffset(d),
		demand:    monthlyDemand[d.Month()] + trend,
		absence:   absencePermille(d),
	}
}

// open reports whether a clinic with the given Saturday policy works on the day.
func (d *dayInfo) open(saturdays bool) bool {
	switch {
	case d.holiday || d.weekday == time.Sunday:
		return false
	case d.weekday == time.Saturday:
		return saturdays
	}
	return true
}

// absencePermille is the chance that a rostered employee is away on day d:
// sickness all year, summer holidays, and the days around Christmas.
func absencePermille(d time.Time) int {
	switch {
	case d.Month() == time.December && d.Day() >= 22:
		return 300
	case d.Month() == time.July:
		return 130
	case d.Month() == time.August:
		return 110
	case d.Month() == time.June:
		return 80
	case d.Month() == time.January || d.Month() == time.February:
		return 60 // winter colds
	}
	return 45
}

// isHoliday reports whether d is a US federal holiday on which the clinics
// close: New Year's Day, Memorial Day, Independence Day, Labor Day,
// Thanksgiving and Christmas.
func isHoliday(d time.Time) bool {
	y := d.Year()
	holidays := [...]time.Time{
		observed(dateOf(y, time.January, 1)),
		lastWeekday(y, time.May, time.Monday),
		observed(dateOf(y, time.July, 4)),
		nthWeekday(y, time.September, time.Monday, 1),
		nthWeekday(y, time.November, time.Thursday, 4),
		observed(dateOf(y, time.December, 25)),
	}
	for _, h := range holidays {
		if h.Equal(d) {
			return true
		}
	}
	return false
}

// mountainOffset returns the local-to-UTC offset in minutes of US Mountain
// time on day d: daylight time from the second Sunday of March to the first
// Sunday of November. Clinic hours never touch the 02:00 switch.
func mountainOffset(d time.Time) int {
	y := d.Year()
	start := nthWeekday(y, time.March, time.Sunday, 2)
	end := nthWeekday(y, time.November, time.Sunday, 1)
	if !d.Before(start) && d.Before(end) {
		return offsetDaylight
	}
	return offsetStandard
}

func dateOf(y int, m time.Month, day int) time.Time {
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// observed moves a fixed-date holiday off the weekend.
func observed(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, -1)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

// nthWeekday returns the n-th (1-based) given weekday of the month.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	d := dateOf(y, m, 1)
	shift := (int(wd) - int(d.Weekday()) + 7) % 7
	return d.AddDate(0, 0, shift+7*(n-1))
}

// lastWeekday returns the last given weekday of the month.
func lastWeekday(y int, m time.Month, wd time.Weekday) time.Time {
	d := dateOf(y, m+1, 1).AddDate(0, 0, -1)
	shift := (int(d.Weekday()) - int(wd) + 7) % 7
	return d.AddDate(0, 0, -shift)
}

// weekOf returns the index of the Monday-start week of day index d.
func weekOf(d int) int { return d / 7 }

// weekMonday returns the Monday of week index w.
func weekMonday(w int) time.Time { return firstDay.AddDate(0, 0, 7*w) }
