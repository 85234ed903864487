package reports

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

const (
	secondsPerDay = 86400
	nanosPerSec   = 1_000_000_000
	nanosPerMin   = 60 * nanosPerSec
	nanosPerHour  = 60 * nanosPerMin
	millisPerDay  = secondsPerDay * 1000
)

// timeBinder formats the date or timestamp array of type id.
func timeBinder(id arrow.Type) binder {
	switch id {
	case arrow.DATE32:
		return bindDate32
	case arrow.DATE64:
		return bindDate64
	default:
		return bindTimestamp
	}
}

// bindDate32 formats days since the epoch as YYYY-MM-DD.
var bindDate32 = bindAs(func(a *array.Date32) appendFunc {
	return func(buf []byte, i int) []byte { return appendDate(buf, int64(a.Value(i))) }
})

// bindDate64 formats milliseconds since the epoch as YYYY-MM-DD.
var bindDate64 = bindAs(func(a *array.Date64) appendFunc {
	return func(buf []byte, i int) []byte {
		return appendDate(buf, floorDiv(int64(a.Value(i)), millisPerDay))
	}
})

// bindTimestamp formats timestamps in RFC 3339: instants (with a time zone)
// in UTC with a Z, wall-clock times (without one) without an offset.
var bindTimestamp = bindAs(func(a *array.Timestamp) appendFunc {
	tt := a.DataType().(*arrow.TimestampType)
	perSec := unitsPerSecond(tt.Unit)
	zulu := tt.TimeZone != ""
	return func(buf []byte, i int) []byte {
		v := int64(a.Value(i))
		sec, sub := floorDiv(v, perSec), floorMod(v, perSec)
		return appendTimestamp(buf, sec, sub*(nanosPerSec/perSec), zulu)
	}
})

// unitsPerSecond is how many ticks of unit make a second.
func unitsPerSecond(unit arrow.TimeUnit) int64 {
	switch unit {
	case arrow.Millisecond:
		return 1_000
	case arrow.Microsecond:
		return 1_000_000
	case arrow.Nanosecond:
		return nanosPerSec
	default:
		return 1
	}
}

// floorDiv is a/b rounded towards negative infinity, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// floorMod is a - b*floorDiv(a, b), in [0, b), for b > 0.
func floorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// appendTimestamp appends sec seconds and nsec nanoseconds since the epoch
// as YYYY-MM-DDTHH:MM:SS[.fraction][Z].
func appendTimestamp(buf []byte, sec, nsec int64, zulu bool) []byte {
	buf = appendDate(buf, floorDiv(sec, secondsPerDay))
	sod := floorMod(sec, secondsPerDay)
	buf = append(buf, 'T')
	buf = appendPadded(buf, uint64(sod/3600), 2)
	buf = append(buf, ':')
	buf = appendPadded(buf, uint64(sod/60%60), 2)
	buf = append(buf, ':')
	buf = appendPadded(buf, uint64(sod%60), 2)
	buf = appendFraction(buf, nsec)
	if zulu {
		buf = append(buf, 'Z')
	}
	return buf
}

// appendFraction appends a point and the nanoseconds 0 <= nsec < 1e9 as a
// fraction of a second trimmed of trailing zeros, or nothing for zero.
func appendFraction(buf []byte, nsec int64) []byte {
	if nsec == 0 {
		return buf
	}
	buf = append(buf, '.')
	buf = appendPadded(buf, uint64(nsec), 9)
	end := len(buf)
	for buf[end-1] == '0' {
		end--
	}
	return buf[:end]
}

// appendDate appends the day that is days after 1970-01-01 as YYYY-MM-DD in
// the proleptic Gregorian calendar.
func appendDate(buf []byte, days int64) []byte {
	y, m, d := civilFromDays(days)
	buf = appendYear(buf, y)
	buf = append(buf, '-')
	buf = appendPadded(buf, uint64(m), 2)
	buf = append(buf, '-')
	return appendPadded(buf, uint64(d), 2)
}

// appendYear appends an astronomical year with at least four digits and a
// minus sign before year 0.
func appendYear(buf []byte, y int64) []byte {
	if y < 0 {
		buf = append(buf, '-')
		return appendPadded(buf, uint64(-y), 4)
	}
	return appendPadded(buf, uint64(y), 4)
}

// civilFromDays converts days since 1970-01-01 to a proleptic Gregorian
// year, month and day (Howard Hinnant's days_from_civil inverse).
func civilFromDays(days int64) (year, month, day int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// intervalBinder formats the interval array of type id as an ISO 8601
// duration.
func intervalBinder(id arrow.Type) binder {
	switch id {
	case arrow.INTERVAL_MONTHS:
		return bindMonthInterval
	case arrow.INTERVAL_DAY_TIME:
		return bindDayTimeInterval
	default:
		return bindMonthDayNanoInterval
	}
}

// bindMonthDayNanoInterval formats MonthDayNanoInterval values.
var bindMonthDayNanoInterval = bindAs(func(a *array.MonthDayNanoInterval) appendFunc {
	return func(buf []byte, i int) []byte {
		v := a.Value(i)
		return appendInterval(buf, v.Months, v.Days, v.Nanoseconds)
	}
})

// bindMonthInterval formats MonthInterval values.
var bindMonthInterval = bindAs(func(a *array.MonthInterval) appendFunc {
	return func(buf []byte, i int) []byte { return appendInterval(buf, int32(a.Value(i)), 0, 0) }
})

// bindDayTimeInterval formats DayTimeInterval values.
var bindDayTimeInterval = bindAs(func(a *array.DayTimeInterval) appendFunc {
	return func(buf []byte, i int) []byte {
		v := a.Value(i)
		return appendInterval(buf, 0, v.Days, int64(v.Milliseconds)*1_000_000)
	}
})

// appendInterval appends an ISO 8601 duration: PnYnMnDTnHnMn.nS with zero
// components left out, each component signed on its own, PT0S for zero.
func appendInterval(buf []byte, months, days int32, nanos int64) []byte {
	if months == 0 && days == 0 && nanos == 0 {
		return append(buf, "PT0S"...)
	}
	buf = append(buf, 'P')
	buf = appendComponent(buf, int64(months/12), 'Y')
	buf = appendComponent(buf, int64(months%12), 'M')
	buf = appendComponent(buf, int64(days), 'D')
	if nanos == 0 {
		return buf
	}
	buf = append(buf, 'T')
	buf = appendComponent(buf, nanos/nanosPerHour, 'H')
	buf = appendComponent(buf, nanos%nanosPerHour/nanosPerMin, 'M')
	return appendSeconds(buf, nanos%nanosPerMin)
}

// appendComponent appends v and its designator, or nothing when v is zero.
func appendComponent(buf []byte, v int64, designator byte) []byte {
	if v == 0 {
		return buf
	}
	return append(strconv.AppendInt(buf, v, 10), designator)
}

// appendSeconds appends the seconds component of nanos (|nanos| < 1 minute)
// with a trimmed fraction, or nothing when it is zero.
func appendSeconds(buf []byte, nanos int64) []byte {
	if nanos == 0 {
		return buf
	}
	if nanos < 0 {
		buf = append(buf, '-')
		nanos = -nanos
	}
	buf = strconv.AppendInt(buf, nanos/nanosPerSec, 10)
	buf = appendFraction(buf, nanos%nanosPerSec)
	return append(buf, 'S')
}
