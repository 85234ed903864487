package arrowconv

import (
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// microsPerDay is the number of microseconds in a day without a leap second.
const microsPerDay = 86400 * 1_000_000

// AppendDate appends a calendar date given as days since 1970-01-01: to a
// date builder as is, to a timestamp builder as midnight (UTC) of that day.
func (c *Column) AppendDate(days int32) error {
	switch b := c.b.(type) {
	case *array.Date32Builder:
		b.Append(arrow.Date32(days))
		return nil
	case *array.TimestampBuilder:
		return c.appendTimestamp(b, int64(days)*microsPerDay)
	default:
		return c.mismatch("date")
	}
}

// AppendMicros appends a timestamp given as microseconds since
// 1970-01-01 00:00:00. For a database timestamp without time zone that is
// the wall-clock reading taken as UTC; with a time zone, the instant. A date
// builder gets the day the timestamp falls on.
func (c *Column) AppendMicros(us int64) error {
	switch b := c.b.(type) {
	case *array.TimestampBuilder:
		return c.appendTimestamp(b, us)
	case *array.Date32Builder:
		days := floorDiv(us, microsPerDay)
		if days < math.MinInt32 || days > math.MaxInt32 {
			return c.overflow(us)
		}
		b.Append(arrow.Date32(days))
		return nil
	default:
		return c.mismatch("timestamp")
	}
}

// AppendTime appends a time.Time. A date builder gets its calendar date in
// its own location; a timestamp builder without a time zone its wall-clock
// reading, one with a time zone the instant. Backends hand dates over as
// midnight UTC and timestamps without time zone as wall clock in UTC.
func (c *Column) AppendTime(t time.Time) error {
	switch b := c.b.(type) {
	case *array.Date32Builder:
		days := floorDiv(wallUTC(t).Unix(), 86400)
		if days < math.MinInt32 || days > math.MaxInt32 {
			return c.overflow(t)
		}
		b.Append(arrow.Date32(days))
		return nil
	case *array.TimestampBuilder:
		if c.typ.(*arrow.TimestampType).TimeZone == "" {
			t = wallUTC(t)
		}
		return c.appendTime(b, t)
	default:
		return c.mismatch("time")
	}
}

// wallUTC returns the instant in UTC whose reading equals t's wall clock.
func wallUTC(t time.Time) time.Time {
	if t.Location() == time.UTC {
		return t
	}
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// appendTime appends the instant t in the builder's unit.
func (c *Column) appendTime(b *array.TimestampBuilder, t time.Time) error {
	if c.typ.(*arrow.TimestampType).Unit == arrow.Nanosecond {
		ns := t.UnixNano()
		if time.Unix(0, ns).Equal(t) {
			b.Append(arrow.Timestamp(ns))
			return nil
		}
		return c.overflow(t)
	}
	// Microseconds cover ±292,000 years, every time.Time a database returns.
	return c.appendTimestamp(b, t.UnixMicro())
}

// appendTimestamp appends us microseconds since the epoch in the builder's unit.
func (c *Column) appendTimestamp(b *array.TimestampBuilder, us int64) error {
	switch c.typ.(*arrow.TimestampType).Unit {
	case arrow.Second:
		b.Append(arrow.Timestamp(floorDiv(us, 1_000_000)))
	case arrow.Millisecond:
		b.Append(arrow.Timestamp(floorDiv(us, 1_000)))
	case arrow.Microsecond:
		b.Append(arrow.Timestamp(us))
	case arrow.Nanosecond:
		if us > math.MaxInt64/1000 || us < math.MinInt64/1000 {
			return c.overflow(us)
		}
		b.Append(arrow.Timestamp(us * 1000))
	}
	return nil
}

// floorDiv divides rounding towards negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// intervalFromMicros returns the interval of months, days and microseconds
// in Arrow's month-day-nanosecond form, or false when the microseconds do
// not fit in nanoseconds.
func intervalFromMicros(months, days int32, micros int64) (arrow.MonthDayNanoInterval, bool) {
	if micros > math.MaxInt64/1000 || micros < math.MinInt64/1000 {
		return arrow.MonthDayNanoInterval{}, false
	}
	return arrow.MonthDayNanoInterval{Months: months, Days: days, Nanoseconds: micros * 1000}, true
}

// AppendInterval appends an interval to a month-day-nanosecond builder.
func (c *Column) AppendInterval(v arrow.MonthDayNanoInterval) error {
	b, ok := c.b.(*array.MonthDayNanoIntervalBuilder)
	if !ok {
		return c.mismatch("interval")
	}
	b.Append(v)
	return nil
}

// AppendIntervalMicros appends an interval of months, days and
// microseconds, failing when the microseconds overflow nanoseconds.
func (c *Column) AppendIntervalMicros(months, days int32, micros int64) error {
	v, ok := intervalFromMicros(months, days, micros)
	if !ok {
		return c.overflow(micros)
	}
	return c.AppendInterval(v)
}
