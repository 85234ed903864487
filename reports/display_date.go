package reports

import (
	"strings"
)

// dateToken is one piece of a date pattern: a field or literal text.
type dateToken struct {
	field string // "YYYY", "YY", "MMM", "MM", "DD", "ddd", "Www", "Q"; "" for text
	text  string
}

// datePattern is a parsed `date:` pattern such as "YYYY-MM-DD" or
// "YYYY-Www". Its tokens are YYYY (year), YY (two-digit year), MMM (Jan),
// MM (01), DD (01), ddd (Mon), Www (ISO week, W01…W53) and Q (quarter,
// Q1…Q4); everything else is copied as is. When the pattern holds Www,
// YYYY and YY are the ISO week-numbering year, so that 2024-12-30 reads
// 2025-W01 and not 2024-W01.
type datePattern struct {
	tokens  []dateToken
	isoYear bool
}

// dateFields are the pattern tokens, longest first so that YYYY wins over YY.
var dateFields = []string{"YYYY", "MMM", "ddd", "Www", "YY", "MM", "DD", "Q"}

// parseDatePattern splits p into fields and literal text.
func parseDatePattern(p string) datePattern {
	var dp datePattern
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			dp.tokens = append(dp.tokens, dateToken{text: lit.String()})
			lit.Reset()
		}
	}
	for len(p) > 0 {
		field := matchField(p)
		if field == "" {
			lit.WriteByte(p[0])
			p = p[1:]
			continue
		}
		flush()
		dp.tokens = append(dp.tokens, dateToken{field: field})
		dp.isoYear = dp.isoYear || field == "Www"
		p = p[len(field):]
	}
	flush()
	return dp
}

// matchField returns the field that p starts with, or "".
func matchField(p string) string {
	for _, f := range dateFields {
		if strings.HasPrefix(p, f) {
			return f
		}
	}
	return ""
}

var (
	monthAbbr   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	weekdayAbbr = [...]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
)

// appendDays appends the day that is days after 1970-01-01 in pattern p.
func (p datePattern) appendDays(buf []byte, days int64) []byte {
	y, m, d := civilFromDays(days)
	if p.isoYear {
		y, _ = isoWeek(days)
	}
	for _, t := range p.tokens {
		switch t.field {
		case "":
			buf = append(buf, t.text...)
		case "YYYY":
			buf = appendYear(buf, y)
		case "YY":
			buf = appendPadded(buf, uint64(floorMod(y, 100)), 2)
		case "MMM":
			buf = append(buf, monthAbbr[m-1]...)
		case "MM":
			buf = appendPadded(buf, uint64(m), 2)
		case "DD":
			buf = appendPadded(buf, uint64(d), 2)
		case "ddd":
			buf = append(buf, weekdayAbbr[isoWeekday(days)-1]...)
		case "Www":
			_, w := isoWeek(days)
			buf = appendPadded(append(buf, 'W'), uint64(w), 2)
		case "Q":
			buf = append(buf, 'Q', byte('0'+(m+2)/3))
		}
	}
	return buf
}

// isoWeekday is 1 for Monday … 7 for Sunday (1970-01-01 was a Thursday).
func isoWeekday(days int64) int64 {
	return floorMod(days+3, 7) + 1
}

// isoWeek returns the ISO 8601 week-numbering year and week of a day: the
// week of its Thursday, counted in the year of that Thursday.
func isoWeek(days int64) (year, week int64) {
	thursday := days - isoWeekday(days) + 4
	year, _, _ = civilFromDays(thursday)
	return year, (thursday-daysFromCivil(year, 1, 1))/7 + 1
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
