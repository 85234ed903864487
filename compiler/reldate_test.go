package compiler

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, even on a machine without a zoneinfo database

	"github.com/assay-dev/assay/catalog"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustInstant(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dateCase is one evaluation: want is YYYY-MM-DD for a date param and an
// RFC 3339 instant for a timestamp param.
type dateCase struct {
	text, now, want string
}

func runDateCases(t *testing.T, kind catalog.Kind, zone string, cases []dateCase) {
	t.Helper()
	loc := mustLoc(t, zone)
	for _, c := range cases {
		got, err := EvalDate(c.text, kind, mustInstant(t, c.now), loc)
		if err != nil {
			t.Errorf("%s, now %s in %s: %v", c.text, c.now, zone, err)
			continue
		}
		if kind == catalog.Date {
			checkDate(t, c, zone, got)
			continue
		}
		if want := mustInstant(t, c.want); !got.Equal(want) {
			t.Errorf("%s, now %s in %s: got %s, want %s", c.text, c.now, zone, got.Format(time.RFC3339Nano), want.In(loc).Format(time.RFC3339Nano))
		}
	}
}

func checkDate(t *testing.T, c dateCase, zone string, got time.Time) {
	t.Helper()
	if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
		t.Errorf("%s, now %s in %s: %s is not 00:00 UTC", c.text, c.now, zone, got)
	}
	if s := got.Format(time.DateOnly); s != c.want {
		t.Errorf("%s, now %s in %s: got %s, want %s", c.text, c.now, zone, s, c.want)
	}
}

func TestEvalDateSpecExamples(t *testing.T) {
	const lastQuarter, endOfLastQuarter = "start_of(quarter, today - 1 quarter)", "start_of(quarter, today) - 1 day"
	runDateCases(t, catalog.Date, "America/Denver", []dateCase{
		{lastQuarter, "2025-05-15T18:00:00Z", "2025-01-01"},
		{endOfLastQuarter, "2025-05-15T18:00:00Z", "2025-03-31"},
		// 2025-04-01 05:00Z is still 2025-03-31 23:00 in Denver.
		{lastQuarter, "2025-04-01T05:00:00Z", "2024-10-01"},
		{endOfLastQuarter, "2025-04-01T05:00:00Z", "2024-12-31"},
		{lastQuarter, "2025-04-01T07:00:00Z", "2025-01-01"},
		{endOfLastQuarter, "2025-04-01T07:00:00Z", "2025-03-31"},
		// New Year in UTC, New Year's Eve in Denver.
		{lastQuarter, "2025-01-01T03:00:00Z", "2024-07-01"},
		{endOfLastQuarter, "2025-01-01T03:00:00Z", "2024-09-30"},
		// today - 1 quarter clamps 2025-11-30 to 2025-08-30 and 2024-05-31 to 2024-02-29.
		{lastQuarter, "2025-11-30T19:00:00Z", "2025-07-01"},
		{endOfLastQuarter, "2025-11-30T19:00:00Z", "2025-09-30"},
		{lastQuarter, "2024-05-31T19:00:00Z", "2024-01-01"},
		{endOfLastQuarter, "2024-05-31T19:00:00Z", "2024-03-31"},
	})
}

func TestEvalDateYearBoundary(t *testing.T) {
	const now = "2025-01-01T03:00:00Z" // 2024-12-31 20:00 in Denver, 12:00 on 1 Jan in Tokyo
	runDateCases(t, catalog.Date, "America/Denver", []dateCase{
		{"today", now, "2024-12-31"},
		{"now", now, "2024-12-31"},
		{"start_of(year, today)", now, "2024-01-01"},
		{"start_of(month, today)", now, "2024-12-01"},
		{"start_of(week, today)", now, "2024-12-30"},
		{"today + 1 day", now, "2025-01-01"},
		{"start_of(year, today) - 1 day", now, "2023-12-31"},
		{"start_of(year, today + 1 day)", now, "2025-01-01"},
	})
	runDateCases(t, catalog.Date, "UTC", []dateCase{
		{"today", now, "2025-01-01"},
		{"start_of(year, today)", now, "2025-01-01"},
	})
	runDateCases(t, catalog.Date, "Asia/Tokyo", []dateCase{
		{"today", "2024-12-31T20:00:00Z", "2025-01-01"},
		{"start_of(year, now)", "2024-12-31T20:00:00Z", "2025-01-01"},
	})
	runDateCases(t, catalog.Date, "Pacific/Kiritimati", []dateCase{{"today", "2024-12-31T10:00:00Z", "2025-01-01"}})
	runDateCases(t, catalog.Date, "Pacific/Pago_Pago", []dateCase{{"today", "2025-01-01T10:00:00Z", "2024-12-31"}})
	runDateCases(t, catalog.TimestampTZ, "America/Denver", []dateCase{
		{"start_of(year, now)", now, "2024-01-01T00:00:00-07:00"},
		{"today", now, "2024-12-31T00:00:00-07:00"},
	})
}

func TestEvalDateDST(t *testing.T) {
	runDateCases(t, catalog.TimestampTZ, "America/Denver", []dateCase{
		// Spring forward, 2025-03-09 02:00 MST → 03:00 MDT: the wall clock is kept (23 or 25 hours).
		{"now - 1 day", "2025-03-10T09:15:00-06:00", "2025-03-09T09:15:00-06:00"},
		{"now - 1 day", "2025-03-09T12:00:00-06:00", "2025-03-08T12:00:00-07:00"},
		{"now + 1 day", "2025-03-08T12:00:00-07:00", "2025-03-09T12:00:00-06:00"},
		{"now - 1 week", "2025-03-12T12:00:00-06:00", "2025-03-05T12:00:00-07:00"},
		{"now - 1 month", "2025-04-09T08:00:00-06:00", "2025-03-09T08:00:00-06:00"},
		{"start_of(day, now)", "2025-03-09T12:00:00-06:00", "2025-03-09T00:00:00-07:00"},
		{"start_of(week, now)", "2025-03-12T12:00:00-06:00", "2025-03-10T00:00:00-06:00"},
		{"today", "2025-03-09T12:00:00-06:00", "2025-03-09T00:00:00-07:00"},
		// 02:30 does not exist on 2025-03-09: it moves forward by the gap.
		{"now - 1 day", "2025-03-10T02:30:00-06:00", "2025-03-09T03:30:00-06:00"},
		{"2025-03-09 02:30:00", "2025-01-01T00:00:00Z", "2025-03-09T03:30:00-06:00"},
		// Fall back, 2025-11-02 02:00 MDT → 01:00 MST.
		{"now - 1 day", "2025-11-02T12:00:00-07:00", "2025-11-01T12:00:00-06:00"},
		{"now + 1 day", "2025-11-01T12:00:00-06:00", "2025-11-02T12:00:00-07:00"},
		{"start_of(day, now)", "2025-11-02T12:00:00-07:00", "2025-11-02T00:00:00-06:00"},
		// 01:30 happens twice on 2025-11-02: the first occurrence (MDT).
		{"now - 1 day", "2025-11-03T01:30:00-07:00", "2025-11-02T01:30:00-06:00"},
		{"2025-11-02 01:30", "2025-01-01T00:00:00Z", "2025-11-02T01:30:00-06:00"},
		// hour and minute are elapsed time.
		{"now - 3 hours", "2025-03-09T04:00:00-06:00", "2025-03-09T00:00:00-07:00"},
		{"today + 8 hours", "2025-03-09T12:00:00-06:00", "2025-03-09T09:00:00-06:00"},
		{"now + 90 minutes", "2025-11-02T00:45:00-06:00", "2025-11-02T01:15:00-07:00"},
	})
}

func TestEvalDateOtherZonesAtTransitions(t *testing.T) {
	// Santiago skips midnight on 2024-09-08: the day starts at 01:00.
	runDateCases(t, catalog.TimestampTZ, "America/Santiago", []dateCase{
		{"start_of(day, now)", "2024-09-08T12:00:00-03:00", "2024-09-08T01:00:00-03:00"},
		{"today", "2024-09-08T12:00:00-03:00", "2024-09-08T01:00:00-03:00"},
		{"now - 1 day", "2024-09-09T00:30:00-03:00", "2024-09-08T01:30:00-03:00"},
	})
	runDateCases(t, catalog.Date, "America/Santiago", []dateCase{{"today", "2024-09-08T04:30:00Z", "2024-09-08"}})
	runDateCases(t, catalog.TimestampTZ, "Europe/London", []dateCase{
		{"2025-10-26 01:30:00", "2025-01-01T00:00:00Z", "2025-10-26T01:30:00+01:00"},
		{"2025-03-30 01:30:00", "2025-01-01T00:00:00Z", "2025-03-30T02:30:00+01:00"},
	})
	// Lord Howe moves by half an hour.
	runDateCases(t, catalog.TimestampTZ, "Australia/Lord_Howe", []dateCase{
		{"2025-04-06 01:45", "2025-01-01T00:00:00Z", "2025-04-06T01:45:00+11:00"},
		{"2025-10-05 02:15", "2025-01-01T00:00:00Z", "2025-10-05T02:45:00+11:00"},
	})
}

func TestFirstOccurrence(t *testing.T) {
	loc := mustLoc(t, "America/Denver")
	later := mustInstant(t, "2025-11-02T01:30:00-07:00").In(loc)
	want := time.Date(2025, 11, 2, 1, 30, 0, 0, time.UTC)
	if got := firstOccurrence(later, want); !got.Equal(mustInstant(t, "2025-11-02T01:30:00-06:00")) {
		t.Errorf("firstOccurrence(01:30 MST) = %s, want 01:30 MDT", got)
	}
	plain := mustInstant(t, "2025-06-01T01:30:00-06:00").In(loc)
	if got := firstOccurrence(plain, time.Date(2025, 6, 1, 1, 30, 0, 0, time.UTC)); !got.Equal(plain) {
		t.Errorf("firstOccurrence(an unambiguous time) = %s, want it unchanged", got)
	}
}

func TestEvalDateCalendarArithmetic(t *testing.T) {
	const now = "2025-06-15T12:00:00Z"
	runDateCases(t, catalog.Date, "UTC", []dateCase{
		{"2024-01-31 + 1 month", now, "2024-02-29"},
		{"2023-01-31 + 1 month", now, "2023-02-28"},
		{"2023-03-31 - 1 month", now, "2023-02-28"},
		{"2024-03-31 - 1 month", now, "2024-02-29"},
		{"2024-01-31 + 2 months", now, "2024-03-31"},
		{"2024-01-31 + 1 month + 1 month", now, "2024-03-29"},
		{"2024-12-31 + 2 months", now, "2025-02-28"},
		{"2024-10-31 + 1 quarter", now, "2025-01-31"},
		{"2024-11-30 + 1 quarter", now, "2025-02-28"},
		{"2024-05-31 - 1 quarter", now, "2024-02-29"},
		{"2024-02-29 + 1 year", now, "2025-02-28"},
		{"2024-02-29 - 4 years", now, "2020-02-29"},
		{"2024-02-29 - 100 years", now, "1924-02-29"},
		{"2000-02-29 - 100 years", now, "1900-02-28"},
		{"2024-03-01 - 1 day", now, "2024-02-29"},
		{"2023-03-01 - 1 day", now, "2023-02-28"},
		{"1900-03-01 - 1 day", now, "1900-02-28"},
		{"2000-03-01 - 1 day", now, "2000-02-29"},
		{"2024-12-29 + 1 week", now, "2025-01-05"},
		{"2025-01-01 - 1 day - 1 year + 2 weeks", now, "2024-01-14"},
		{"start_of(month, 2024-02-29 + 1 day)", now, "2024-03-01"},
		{"start_of(quarter, 2024-12-31)", now, "2024-10-01"},
		{"start_of(quarter, 2024-09-30)", now, "2024-07-01"},
		{"start_of(day, 2024-09-30)", now, "2024-09-30"},
		{"today - 100000 days", now, "1751-08-31"},
	})
	runDateCases(t, catalog.TimestampTZ, "America/Denver", []dateCase{
		{"2024-01-31 10:00:00 + 1 month", now, "2024-02-29T10:00:00-07:00"},
		{"2024-01-31T10:00:00Z + 1 month", now, "2024-02-29T03:00:00-07:00"},
	})
}

func TestEvalDateISOWeek(t *testing.T) {
	// 2025-03-03 is a Monday.
	days := []string{"2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09"}
	var cases []dateCase
	for _, d := range days {
		cases = append(cases, dateCase{"start_of(week, " + d + ")", "2025-06-15T12:00:00Z", "2025-03-03"})
	}
	cases = append(cases, dateCase{"start_of(week, 2025-03-10)", "2025-06-15T12:00:00Z", "2025-03-10"},
		dateCase{"start_of(week, 2021-01-03)", "2025-06-15T12:00:00Z", "2020-12-28"})
	runDateCases(t, catalog.Date, "UTC", cases)
}

func TestEvalDateForms(t *testing.T) {
	const now = "2025-06-15T18:30:00Z" // 12:30 MDT, a Sunday
	runDateCases(t, catalog.Date, "America/Denver", []dateCase{
		{"today-7days", now, "2025-06-08"},
		{"today - 7 days", now, "2025-06-08"},
		{"today-1day", now, "2025-06-14"},
		{"TODAY - 1 DAY", now, "2025-06-14"},
		{"Today+2Weeks", now, "2025-06-29"},
		{"today + 1 week", now, "2025-06-22"},
		{"today - 1 months", now, "2025-05-15"},
		{"today - 1 quarters", now, "2025-03-15"},
		{"today - 2 year", now, "2023-06-15"},
		{"\t today \n", now, "2025-06-15"},
		{"today - 0 days", now, "2025-06-15"},
		{"today - 000007 days", now, "2025-06-08"},
		{"(today - 1 day) + 1 week", now, "2025-06-21"},
		{"((today))", now, "2025-06-15"},
		{"start_of(month,today)", now, "2025-06-01"},
		{"Start_Of ( Month , Today )", now, "2025-06-01"},
		{"start_of(months, today)", now, "2025-06-01"},
		{"start_of(week, start_of(month, today) - 1 day)", now, "2025-05-26"},
		{"2025-01-31", now, "2025-01-31"},
		{"2025-01-31-1day", now, "2025-01-30"},
		{"'2025-01-31' + 1 day", now, "2025-02-01"},
		{"' 2025-01-31 '", now, "2025-01-31"},
		// A timestamp in a date param takes its calendar date in Denver.
		{"2025-03-09T03:00:00Z", now, "2025-03-08"},
		{"2025-03-09t03:00:00z + 1 day", now, "2025-03-09"},
		{"2025-03-09 23:30:00", now, "2025-03-09"},
		{"start_of(day, 2025-03-09T03:00:00Z)", now, "2025-03-08"},
	})
	runDateCases(t, catalog.TimestampTZ, "America/Denver", []dateCase{
		{"now", now, now},
		{"NOW-1hour", now, "2025-06-15T17:30:00Z"},
		{"now - 15 minutes", now, "2025-06-15T18:15:00Z"},
		{"2025-01-31 08:00:00", now, "2025-01-31T15:00:00Z"},
		{"2025-01-31T08:00", now, "2025-01-31T15:00:00Z"},
		{"2025-01-31 08:00:00.25+02:00", now, "2025-01-31T06:00:00.25Z"},
		{"2025-01-31T08:00Z", now, "2025-01-31T08:00:00Z"},
		{"2025-01-31T08:00:00-07:00-1day", now, "2025-01-30T15:00:00Z"},
		{"'2025-01-31 08:00:00' + 1 day", now, "2025-02-01T15:00:00Z"},
		{"2025-01-31", now, "2025-01-31T07:00:00Z"},
		{"start_of(month, now)", now, "2025-06-01T06:00:00Z"},
	})
}

func TestEvalDateNilLocationIsUTC(t *testing.T) {
	got, err := EvalDate("today", catalog.Date, mustInstant(t, "2025-01-01T03:00:00Z"), nil)
	if err != nil || got.Format(time.DateOnly) != "2025-01-01" {
		t.Errorf("EvalDate(today, nil loc) = %s, %v; want 2025-01-01", got, err)
	}
}

func TestEvalDateErrors(t *testing.T) {
	d, ts := catalog.Date, catalog.TimestampTZ
	cases := []struct {
		text string
		kind catalog.Kind
		want string
	}{
		{"", d, "empty date expression"},
		{"   ", d, "empty date expression"},
		{"today - 1 fortnight", d, `unknown unit "fortnight" (expected day, week, month, quarter or year) at column 11 of "today - 1 fortnight"`},
		{"now - 1 fortnight", ts, `unknown unit "fortnight" (expected day, week, month, quarter, year, hour or minute)`},
		{"today - 1 dya", d, `unknown unit "dya" (expected day, week, month, quarter or year) (did you mean "day"?)`},
		{"today - day", d, `expected a number before "day" at column 9`},
		{"today - 7", d, "expected a unit after 7 (day, week, month, quarter or year)"},
		{"today - 7 +", d, "expected a unit after 7"},
		{"today -", d, `expected a number and a unit after "-"`},
		{"today - -1 day", d, `expected a number after "-", found "-"`},
		{"today - 1.5 days", d, "amounts are whole numbers, not 1.5"},
		{"today - 100001 days", d, "number 100001 is too large (at most 100000)"},
		{"today - 99999999999999999999999999 days", d, "is too large (at most 100000)"},
		{"today - 1 hour", d, "a date param cannot count in hours"},
		{"now + 30 minutes", d, "a date param cannot count in minutes"},
		{"start_of", d, "start_of needs a grain: start_of(month, today) at column 9"},
		{"start_of(today)", d, "start_of needs a grain: start_of(month, today)"},
		{"start_of()", d, "start_of needs a grain: start_of(month, today)"},
		{"start_of(, today)", d, "start_of needs a grain: start_of(month, today)"},
		{"start_of(fortnight, today)", d, `unknown grain "fortnight" (expected day, week, month, quarter or year)`},
		{"start_of(hour, now)", ts, `unknown grain "hour"`},
		{"start_of(month today)", d, `expected "," after the grain: start_of(month, today), found "today"`},
		{"start_of(month, today", d, `expected ")" to close start_of: start_of(month, today), found the end`},
		{"start_of(month, )", d, `unexpected ")" (expected today, now, start_of(…) or a date YYYY-MM-DD)`},
		{"(today - 1 day", d, `expected ")" to match the "(" at column 1`},
		{"today)", d, `unexpected ")" after the expression (expected + or - or the end) at column 6`},
		{"today 7 days", d, `unexpected "7" after the expression`},
		{"today * 2", d, `unexpected "*" after the expression`},
		{"yesterday", d, `unknown word "yesterday" (expected today, now, start_of(…) or a date YYYY-MM-DD)`},
		{"tody - 1 day", d, `(did you mean "today"?)`},
		{"2025-02-30", d, `"2025-02-30" is not a valid date (YYYY-MM-DD)`},
		{"2025-01-01 25:00:00", ts, `"2025-01-01 25:00:00" is not a valid timestamp`},
		{"2025", d, "unexpected number 2025 (a date is written YYYY-MM-DD"},
		{"25-01-01", d, "unexpected number 25"},
		{"+ 1 day", d, `expected a date before "+"`},
		{"- 1 day", d, `expected a date before "-"`},
		{"'2025-01-01", d, "unterminated quote"},
		{"'tomorrow'", d, `"tomorrow" is not a date`},
		{"''", d, `"" is not a date`},
		{"9999-12-31 + 1 day", d, "out of range (years 1 to 9999)"},
		{"0001-01-01 - 1 day", d, "out of range"},
		{"0000-01-01", d, "out of range"},
		{"today + 100000 years", d, "out of range"},
		{"today – 1 day", d, `unexpected "–" after the expression`},
		{"\xff", d, "unexpected byte 0xff"},
		{"today - 1 day" + strings.Repeat(" ", 200), d, "is 213 bytes long (at most 200)"},
	}
	for _, c := range cases {
		_, err := EvalDate(c.text, c.kind, mustInstant(t, "2025-06-15T18:30:00Z"), mustLoc(t, "America/Denver"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.text, err, c.want)
			continue
		}
		var de *DateExprError
		if !errors.Is(err, ErrDateExpr) || !errors.As(err, &de) {
			t.Errorf("%q: %v is not a *DateExprError wrapping ErrDateExpr", c.text, err)
		}
	}
}

func TestEvalDateBadKind(t *testing.T) {
	_, err := EvalDate("today", catalog.Int64, time.Now(), time.UTC)
	if !errors.Is(err, ErrDateExpr) || !strings.Contains(err.Error(), "int64") {
		t.Errorf("EvalDate with kind int64: got %v", err)
	}
}

func TestDateExprErrorOffset(t *testing.T) {
	_, err := EvalDate("today - 1 fortnight", catalog.Date, time.Now(), time.UTC)
	var de *DateExprError
	if !errors.As(err, &de) || de.Offset != 10 || de.Text != "today - 1 fortnight" {
		t.Fatalf("got %#v, want offset 10", err)
	}
}

func FuzzEvalDate(f *testing.F) {
	for _, s := range []string{
		"today", "now", "today-7days", "start_of(quarter, today - 1 quarter)", "start_of(quarter, today) - 1 day",
		"(today - 1 day) + 2 weeks", "2024-01-31 + 1 month", "2025-03-09 02:30:00 - 1 day", "'2025-01-31T08:00:00Z'",
		"now - 100000 hours", "start_of(week, start_of(month, now))", "today - 99999999999 days", "start_of(", "((((",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	locs := []*time.Location{time.UTC, mustLoc(f, "America/Denver"), mustLoc(f, "America/Santiago"), mustLoc(f, "Australia/Lord_Howe")}
	now := mustInstant(f, "2025-03-09T09:30:00Z")
	f.Fuzz(func(t *testing.T, text string, timestamp bool) {
		kind := catalog.Date
		if timestamp {
			kind = catalog.TimestampTZ
		}
		for _, loc := range locs {
			got, err := EvalDate(text, kind, now, loc)
			if err != nil {
				if !errors.Is(err, ErrDateExpr) || err.Error() == "" {
					t.Fatalf("%q: bad error %v", text, err)
				}
				continue
			}
			if y := got.Year(); y < 1 || y > 9999 {
				t.Fatalf("%q: result %s out of range", text, got)
			}
			if kind == catalog.Date && (got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour))) {
				t.Fatalf("%q: date result %s is not 00:00 UTC", text, got)
			}
		}
	})
}
