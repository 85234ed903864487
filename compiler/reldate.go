package compiler

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/spec"
)

// Bounds on date expressions: they come from -p flags and spec files, so a
// hostile or mistyped input must stay cheap and far from integer overflow.
const (
	maxDateExprLen = 200
	maxDateAmount  = 100000
	minResultYear  = 1
	maxResultYear  = 9999
)

// ErrDateExpr is wrapped by every error EvalDate returns, so callers can
// tell a bad date expression from other failures with errors.Is.
var ErrDateExpr = errors.New("invalid date expression")

// DateExprError is a problem in a date expression, at a byte offset of its
// text (so a caller can map it back to a span of the spec file).
type DateExprError struct {
	Text   string // the whole expression as given
	Offset int    // byte offset of the problem in Text
	Msg    string // what is wrong, without the position
}

// Error returns the message with a 1-based column and the expression.
func (e *DateExprError) Error() string {
	col := utf8.RuneCountInString(e.Text[:min(e.Offset, len(e.Text))]) + 1
	if len(e.Text) > maxDateExprLen {
		return fmt.Sprintf("%s at column %d", e.Msg, col)
	}
	return fmt.Sprintf("%s at column %d of %q", e.Msg, col, e.Text)
}

// Unwrap returns ErrDateExpr.
func (e *DateExprError) Unwrap() error { return ErrDateExpr }

// EvalDate evaluates a date or timestamp expression as used in param
// defaults and -p values. kind is catalog.Date or catalog.TimestampTZ; now
// is the current instant and loc the project timezone (nil means UTC).
// A date result is time.Time at 00:00 UTC of its calendar day (how the
// compiler binds dates); a timestamp result is an instant, returned in loc.
//
// Grammar (whitespace optional everywhere, keywords case-insensitive, units
// unitName or plural):
//
//	expr    := term { ('+' | '-') amount }
//	amount  := INTEGER unit                 "1 quarter", "7days", "2 weeks"
//	unit    := day | week | month | quarter | year | hour | minute
//	term    := 'today' | 'now' | 'start_of' '(' grain ',' expr ')'
//	         | LITERAL | "'" LITERAL "'" | '(' expr ')'
//	grain   := day | week | month | quarter | year
//	LITERAL := YYYY-MM-DD
//	         | YYYY-MM-DD('T'|' ')HH:MM[:SS[.frac]][Z|±HH:MM]
//
// Semantics:
//   - today is the calendar date of now in loc. now is the instant; for a
//     date param, now means today.
//   - A literal without an offset is a wall time in loc; one with an offset
//     (RFC 3339) is that instant, seen in loc.
//   - Arithmetic is calendar arithmetic in loc, never fixed 24-hour steps:
//     now - 1 day is the same wall-clock time on the previous day. A week is
//     7 days, a quarter 3 months. Month, quarter and year steps clamp to the
//     last day of the target month, as PostgreSQL does (2024-01-31 + 1 month
//     = 2024-02-29). hour and minute are elapsed time (PostgreSQL's rule for
//     timestamptz + interval '1 hour'), allowed only for a timestamp param;
//     added to a date they start from its local midnight.
//   - A wall time that a DST change skips (02:30 on a spring-forward day in
//     America/Denver) moves forward by the length of the gap (03:30), so it
//     stays on its calendar day; this is PostgreSQL's rule and deliberately
//     not Go's time.Date, which may move it back, even to the previous day
//     when the gap is at midnight (America/Santiago). A wall time that
//     happens twice (01:30 on a fall-back day) is the first occurrence, the
//     one still on daylight time.
//   - start_of(week, d) is the Monday of d's ISO week; month, quarter and
//     year give the first day of the period; day gives d itself. On a
//     timestamp it gives local midnight in loc of that day (or the first
//     instant of the day where midnight is skipped).
//   - A date param whose expression yields a timestamp takes its calendar
//     date in loc; a timestamp param whose expression yields a date takes
//     that day's local midnight in loc.
//
// Errors wrap ErrDateExpr and are *DateExprError with the position. Inputs
// are bounded: at most 200 bytes, numbers at most 100000, results in the
// years 1 to 9999.
func EvalDate(text string, kind catalog.Kind, now time.Time, loc *time.Location) (time.Time, error) {
	if kind != catalog.Date && kind != catalog.TimestampTZ {
		return time.Time{}, fmt.Errorf("date expression for a %s value (want date or timestamptz): %w", kind, ErrDateExpr)
	}
	if loc == nil {
		loc = time.UTC
	}
	p := &dateParser{src: text, kind: kind, now: now.In(loc), loc: loc}
	if len(text) > maxDateExprLen {
		return time.Time{}, p.errorf(maxDateExprLen, "date expression is %d bytes long (at most %d)", len(text), maxDateExprLen)
	}
	v, err := p.parse()
	if err != nil {
		return time.Time{}, err
	}
	return p.result(v)
}

// dateValue is an intermediate result: a calendar date or an instant.
type dateValue struct {
	t  time.Time // a date: 00:00 UTC of the day; a timestamp: the instant in loc
	ts bool      // true for a timestamp
}

// dateParser is a recursive-descent evaluator over one expression.
type dateParser struct {
	src  string
	pos  int
	kind catalog.Kind
	now  time.Time // in loc
	loc  *time.Location
}

func (p *dateParser) errorf(at int, format string, args ...any) error {
	return &DateExprError{Text: p.src, Offset: at, Msg: fmt.Sprintf(format, args...)}
}

// parse evaluates the whole text: one expr and nothing after it.
func (p *dateParser) parse() (dateValue, error) {
	p.skipSpace()
	if p.eof() {
		return dateValue{}, p.errorf(p.pos, "empty date expression (expected today, now, start_of(…) or a date YYYY-MM-DD)")
	}
	v, err := p.expr()
	if err != nil {
		return dateValue{}, err
	}
	p.skipSpace()
	if !p.eof() {
		return dateValue{}, p.errorf(p.pos, "unexpected %s after the expression (expected + or - or the end)", p.near())
	}
	return v, nil
}

// expr := term { ('+'|'-') amount }
func (p *dateParser) expr() (dateValue, error) {
	v, err := p.term()
	for err == nil {
		p.skipSpace()
		if p.eof() || (p.peek() != '+' && p.peek() != '-') {
			return v, nil
		}
		op := p.src[p.pos]
		p.pos++
		var n int
		var unit string
		if n, unit, err = p.amount(op); err == nil {
			if op == '-' {
				n = -n
			}
			v = p.shift(v, n, unit)
		}
	}
	return dateValue{}, err
}

// amount := INTEGER unit
func (p *dateParser) amount(op byte) (int, string, error) {
	p.skipSpace()
	if p.eof() {
		return 0, "", p.errorf(p.pos, "expected a number and a unit after \"%c\" (e.g. %c 7 days)", op, op)
	}
	if isDateWordByte(p.peek()) {
		at := p.pos
		return 0, "", p.errorf(at, "expected a number before %q", p.word())
	}
	if !isDateDigit(p.peek()) {
		return 0, "", p.errorf(p.pos, "expected a number after \"%c\", found %s", op, p.near())
	}
	n, err := p.number()
	if err != nil {
		return 0, "", err
	}
	unit, err := p.unit(n)
	return n, unit, err
}

// number reads an unsigned integer of at most maxDateAmount.
func (p *dateParser) number() (int, error) {
	start := p.pos
	for !p.eof() && isDateDigit(p.peek()) {
		p.pos++
	}
	digits := p.src[start:p.pos]
	if !p.eof() && p.peek() == '.' {
		frac := strings.TrimLeft(p.src[p.pos+1:], "0123456789")
		return 0, p.errorf(start, "amounts are whole numbers, not %s", p.src[start:len(p.src)-len(frac)])
	}
	trimmed := strings.TrimLeft(digits, "0")
	if len(trimmed) > len(strconv.Itoa(maxDateAmount)) {
		return 0, p.errorf(start, "number %s is too large (at most %d)", digits, maxDateAmount)
	}
	n, _ := strconv.Atoi("0" + trimmed) // only digits, at most 7 of them
	if n > maxDateAmount {
		return 0, p.errorf(start, "number %s is too large (at most %d)", digits, maxDateAmount)
	}
	return n, nil
}

// dateUnitNames are the units of date arithmetic, in the order messages list them.
var (
	dateUnitNames = []string{"day", "week", "month", "quarter", "year"}
	timeUnitNames = []string{"day", "week", "month", "quarter", "year", "hour", "minute"}
)

// unit reads the unit after the number n and returns its unitName name.
func (p *dateParser) unit(n int) (string, error) {
	p.skipSpace()
	names := dateUnitNames
	if p.kind == catalog.TimestampTZ {
		names = timeUnitNames
	}
	if p.eof() || !isDateWordByte(p.peek()) {
		return "", p.errorf(p.pos, "expected a unit after %d (%s)", n, joinOr(names))
	}
	at := p.pos
	w := unitName(p.word())
	if (w == "hour" || w == "minute") && p.kind == catalog.Date {
		return "", p.errorf(at, "a date param cannot count in %ss (use %s)", w, joinOr(names))
	}
	if !slices.Contains(timeUnitNames, w) {
		return "", p.errorf(at, "unknown unit %q (expected %s)%s", p.src[at:p.pos], joinOr(names), spec.DidYouMean(w, names))
	}
	return w, nil
}

// term := 'today' | 'now' | 'start_of' '(' grain ',' expr ')' | LITERAL | '(' expr ')'
func (p *dateParser) term() (dateValue, error) {
	p.skipSpace()
	switch c := p.peekOrZero(); {
	case p.eof():
		return dateValue{}, p.errorf(p.pos, "expected a date (today, now, start_of(…) or YYYY-MM-DD), found the end")
	case c == '(':
		return p.group()
	case c == '\'':
		return p.quoted()
	case isDateDigit(c):
		return p.literal()
	case isDateWordByte(c):
		return p.keyword()
	case c == '+' || c == '-':
		return dateValue{}, p.errorf(p.pos, "expected a date before \"%c\" (e.g. today %c 7 days)", c, c)
	}
	return dateValue{}, p.errorf(p.pos, "unexpected %s (expected today, now, start_of(…) or a date YYYY-MM-DD)", p.near())
}

// group := '(' expr ')'
func (p *dateParser) group() (dateValue, error) {
	open := p.pos
	p.pos++
	v, err := p.expr()
	if err != nil {
		return dateValue{}, err
	}
	if err := p.expect(')', fmt.Sprintf("to match the \"(\" at column %d", open+1)); err != nil {
		return dateValue{}, err
	}
	return v, nil
}

// keyword reads today, now or start_of(…).
func (p *dateParser) keyword() (dateValue, error) {
	at := p.pos
	w := strings.ToLower(p.word())
	switch w {
	case "today":
		return p.today(), nil
	case "now":
		if p.kind == catalog.Date {
			return p.today(), nil
		}
		return dateValue{t: p.now, ts: true}, nil
	case "start_of":
		return p.startOf()
	}
	return dateValue{}, p.errorf(at, "unknown word %q (expected today, now, start_of(…) or a date YYYY-MM-DD)%s",
		p.src[at:p.pos], spec.DidYouMean(w, []string{"today", "now", "start_of"}))
}

func (p *dateParser) today() dateValue {
	y, m, d := p.now.Date()
	return dateValue{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

const startOfExample = "start_of(month, today)"

// startOf reads '(' grain ',' expr ')' after the word start_of.
func (p *dateParser) startOf() (dateValue, error) {
	p.skipSpace()
	if p.eof() || p.peek() != '(' {
		return dateValue{}, p.errorf(p.pos, "start_of needs a grain: %s", startOfExample)
	}
	p.pos++
	grain, err := p.grain()
	if err != nil {
		return dateValue{}, err
	}
	if err := p.expect(',', "after the grain: "+startOfExample); err != nil {
		return dateValue{}, err
	}
	v, err := p.expr()
	if err != nil {
		return dateValue{}, err
	}
	if err := p.expect(')', "to close start_of: "+startOfExample); err != nil {
		return dateValue{}, err
	}
	return p.truncate(v, grain), nil
}

// grain reads the first argument of start_of.
func (p *dateParser) grain() (string, error) {
	p.skipSpace()
	if p.eof() || !isDateWordByte(p.peek()) {
		return "", p.errorf(p.pos, "start_of needs a grain: %s", startOfExample)
	}
	at := p.pos
	raw := p.word()
	w := unitName(raw)
	if !slices.Contains(dateUnitNames, w) {
		if strings.EqualFold(raw, "today") || strings.EqualFold(raw, "now") {
			return "", p.errorf(at, "start_of needs a grain: %s", startOfExample)
		}
		return "", p.errorf(at, "unknown grain %q (expected %s)%s", raw, joinOr(dateUnitNames), spec.DidYouMean(w, dateUnitNames))
	}
	return w, nil
}

// dateLiteralPattern matches a date or timestamp literal at the start of its input.
var dateLiteralPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?`)

// literal reads a date or timestamp literal, or reports a stray number.
func (p *dateParser) literal() (dateValue, error) {
	at := p.pos
	m := dateLiteralPattern.FindString(p.src[p.pos:])
	if m == "" {
		n := p.src[at:]
		n = n[:len(n)-len(strings.TrimLeft(n, "0123456789"))]
		return dateValue{}, p.errorf(at, "unexpected number %s (a date is written YYYY-MM-DD; amounts follow + or -)", n)
	}
	p.pos += len(m)
	return p.parseLiteral(m, at)
}

// quoted reads a literal in single quotes: '2025-01-31 08:00:00'.
func (p *dateParser) quoted() (dateValue, error) {
	at := p.pos
	end := strings.IndexByte(p.src[at+1:], '\'')
	if end < 0 {
		return dateValue{}, p.errorf(at, "unterminated quote")
	}
	body := p.src[at+1 : at+1+end]
	p.pos = at + end + 2
	lit := strings.TrimSpace(body)
	if dateLiteralPattern.FindString(lit) != lit || lit == "" {
		return dateValue{}, p.errorf(at, "%q is not a date (YYYY-MM-DD) or timestamp (RFC 3339 or YYYY-MM-DD HH:MM:SS)", body)
	}
	return p.parseLiteral(lit, at+1)
}

// parseLiteral converts text matched by dateLiteralPattern.
func (p *dateParser) parseLiteral(s string, at int) (dateValue, error) {
	if len(s) == len("2006-01-02") {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return dateValue{}, p.errorf(at, "%q is not a valid date (YYYY-MM-DD)", s)
		}
		return dateValue{t: t}, nil
	}
	u := strings.ToUpper(s[:10]) + "T" + strings.ToUpper(s[11:])
	if t, err := parseZonedLiteral(u); err == nil {
		return dateValue{t: t.In(p.loc), ts: true}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if w, err := time.Parse(layout, u); err == nil {
			return dateValue{t: wallTimeOf(w, p.loc), ts: true}, nil
		}
	}
	return dateValue{}, p.errorf(at, "%q is not a valid timestamp (RFC 3339 or YYYY-MM-DD HH:MM:SS)", s)
}

// parseZonedLiteral parses a timestamp literal that carries Z or an offset.
func parseZonedLiteral(u string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, u)
	if err != nil {
		t, err = time.Parse("2006-01-02T15:04Z07:00", u)
	}
	return t, err
}

// shift applies ± n units to v (n already signed).
func (p *dateParser) shift(v dateValue, n int, unit string) dateValue {
	switch unit {
	case "day":
		return dateValue{t: addCalendarDays(v.t, n), ts: v.ts}
	case "week":
		return dateValue{t: addCalendarDays(v.t, 7*n), ts: v.ts}
	case "month":
		return dateValue{t: addCalendarMonths(v.t, n), ts: v.ts}
	case "quarter":
		return dateValue{t: addCalendarMonths(v.t, 3*n), ts: v.ts}
	case "year":
		return dateValue{t: addCalendarMonths(v.t, 12*n), ts: v.ts}
	}
	step := time.Minute
	if unit == "hour" {
		step = time.Hour
	}
	return dateValue{t: p.instant(v).Add(time.Duration(n) * step), ts: true}
}

// instant returns v as an instant in loc: a date becomes its local midnight.
func (p *dateParser) instant(v dateValue) time.Time {
	if v.ts {
		return v.t
	}
	y, m, d := v.t.Date()
	return wallTimeIn(y, m, d, 0, 0, 0, 0, p.loc)
}

// truncate implements start_of(grain, v).
func (p *dateParser) truncate(v dateValue, grain string) dateValue {
	y, m, d := v.t.Date()
	switch grain {
	case "week":
		d -= (int(v.t.Weekday()) + 6) % 7
	case "month":
		d = 1
	case "quarter":
		m, d = (m-1)/3*3+1, 1
	case "year":
		m, d = time.January, 1
	}
	if v.ts {
		return dateValue{t: wallTimeIn(y, m, d, 0, 0, 0, 0, p.loc), ts: true}
	}
	return dateValue{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// result converts the value to the param's kind and checks its range.
func (p *dateParser) result(v dateValue) (time.Time, error) {
	out := p.instant(v)
	if p.kind == catalog.Date {
		y, m, d := v.t.Date()
		out = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if y := out.Year(); y < minResultYear || y > maxResultYear {
		return time.Time{}, p.errorf(0, "the result (year %d) is out of range (years %d to %d)", y, minResultYear, maxResultYear)
	}
	return out, nil
}

// addCalendarDays moves t by n calendar days in its location, keeping the wall clock.
func addCalendarDays(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	return sameClock(t, y, m, d+n)
}

// addCalendarMonths moves t by n months, clamping the day to the target month's
// last day (PostgreSQL's rule; time.AddDate would overflow into the next
// month instead).
func addCalendarMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	ty, tm, _ := first.Date()
	last := first.AddDate(0, 1, -1).Day()
	return sameClock(t, ty, tm, min(d, last))
}

// sameClock is t's wall-clock time on another day, in t's location.
func sameClock(t time.Time, y int, m time.Month, d int) time.Time {
	h, mi, s := t.Clock()
	return wallTimeIn(y, m, d, h, mi, s, t.Nanosecond(), t.Location())
}

// wallTimeOf reads the wall clock of w (any location) as a wall time in loc.
func wallTimeOf(w time.Time, loc *time.Location) time.Time {
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	return wallTimeIn(y, m, d, h, mi, s, w.Nanosecond(), loc)
}

// wallTimeIn is time.Date with a fixed rule at DST changes: a skipped wall
// time moves forward by the gap, a repeated one is its first occurrence.
func wallTimeIn(y int, m time.Month, d, h, mi, s, ns int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, h, mi, s, ns, loc)
	want := time.Date(y, m, d, h, mi, s, ns, time.UTC)
	got := clockAsUTC(t)
	if gap := want.Sub(got); gap > 0 {
		return t.Add(gap) // skipped, and Go moved it back: move it forward instead
	}
	if got.After(want) {
		return t // skipped, and Go moved it forward already
	}
	return firstOccurrence(t, want)
}

// firstOccurrence returns the earlier instant when the wall time want (read
// as UTC) happens twice in t's location and t is the later one.
func firstOccurrence(t, want time.Time) time.Time {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, off := start.Add(-time.Nanosecond).Zone()
	c := want.Add(-time.Duration(off) * time.Second).In(t.Location())
	if c.Before(t) && clockAsUTC(c).Equal(want) {
		return c
	}
	return t
}

// clockAsUTC is t's wall clock read as if it were UTC.
func clockAsUTC(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// unitName lower-cases a unit and drops one plural s ("Days" → "day").
func unitName(w string) string {
	w = strings.ToLower(w)
	if len(w) > 1 && strings.HasSuffix(w, "s") {
		return w[:len(w)-1]
	}
	return w
}

// joinOr joins names as "a, b or c".
func joinOr(names []string) string {
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (p *dateParser) eof() bool  { return p.pos >= len(p.src) }
func (p *dateParser) peek() byte { return p.src[p.pos] }

func (p *dateParser) peekOrZero() byte {
	if p.eof() {
		return 0
	}
	return p.peek()
}

func (p *dateParser) skipSpace() {
	for !p.eof() && strings.IndexByte(" \t\n\r\f\v", p.peek()) >= 0 {
		p.pos++
	}
}

// word reads [A-Za-z_][A-Za-z0-9_]* at the current position.
func (p *dateParser) word() string {
	start := p.pos
	for !p.eof() && (isDateWordByte(p.peek()) || isDateDigit(p.peek())) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// expect skips space and consumes c, or reports what was found instead.
func (p *dateParser) expect(c byte, why string) error {
	p.skipSpace()
	if p.eof() || p.peek() != c {
		return p.errorf(p.pos, "expected \"%c\" %s, found %s", c, why, p.near())
	}
	p.pos++
	return nil
}

// near describes the input at the current position for a message.
func (p *dateParser) near() string {
	if p.eof() {
		return "the end"
	}
	r, size := utf8.DecodeRuneInString(p.src[p.pos:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte %#x", p.src[p.pos])
	}
	if isDateWordByte(p.peek()) || isDateDigit(p.peek()) {
		rest := p.src[p.pos:]
		end := len(rest) - len(strings.TrimLeft(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"))
		return strconv.Quote(rest[:end])
	}
	return strconv.Quote(string(r))
}

func isDateDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isDateWordByte(c byte) bool { return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
