package compiler

import (
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// CompileIn is Compile for a project whose timezone is loc (nil means
// UTC). Time grains and date_part of instants (timestamptz) are taken in
// the report's own `timezone:` when it has one, else in loc; relative
// dates of Values are evaluated in the same zone.
func CompileIn(r *spec.Report, cat *catalog.Catalog, loc *time.Location) (*Plan, spec.Diagnostics) {
	return compileReport(r, cat, reportZone(r, loc))
}

// reportZone is the zone a report's local time is taken in.
func reportZone(r *spec.Report, loc *time.Location) *time.Location {
	if r.Timezone.Value != "" {
		if l, err := time.LoadLocation(r.Timezone.Value); err == nil {
			return l
		}
	}
	if loc == nil {
		return time.UTC
	}
	return loc
}

// zoned reports whether instants must be converted to local time: the
// queries run with the session time zone UTC, so UTC needs nothing.
func (c *checker) zoned() bool {
	return c.plan.loc != nil && c.plan.loc.String() != "UTC"
}

func (c *checker) zoneLiteral() sqlast.Expr {
	return &sqlast.Literal{Kind: sqlast.String, Text: c.plan.loc.String()}
}

// localTime is the wall time (a timestamp) of the instant x in the zone.
func (c *checker) localTime(x sqlast.Expr) sqlast.Expr {
	return &sqlast.Func{Name: "local_time", Args: []sqlast.Expr{x, c.zoneLiteral()}}
}

// zonedTime is the instant of the wall time x in the zone.
func (c *checker) zonedTime(x sqlast.Expr) sqlast.Expr {
	return &sqlast.Func{Name: "zoned_time", Args: []sqlast.Expr{x, c.zoneLiteral()}}
}

// localGrain truncates an instant to the start of its period in local
// time: the instant of local midnight (DST-correct, since the truncation
// happens on the wall clock).
func (c *checker) localGrain(args []typed, sql *sqlast.Func) (sqlast.Expr, bool) {
	if args[0].t.Kind != catalog.TimestampTZ || !c.zoned() {
		return sql, false
	}
	local := *sql
	local.Args = []sqlast.Expr{c.localTime(sql.Args[0])}
	return c.zonedTime(&local), true
}

// localPart makes date_part read the wall clock of an instant.
func (c *checker) localPart(args []typed, sql *sqlast.Func) {
	if args[0].t.Kind == catalog.TimestampTZ && c.zoned() {
		sql.Args = []sqlast.Expr{c.localTime(sql.Args[0])}
	}
}

// shiftBack moves a time-grain value n periods back (forward for a
// negative n). An instant is moved on the local wall clock, so that the
// week before a DST change still starts at local midnight.
func (c *checker) shiftBack(x sqlast.Expr, n int, unit string, t catalog.Type) sqlast.Expr {
	if t.Kind != catalog.TimestampTZ || !c.zoned() {
		return &sqlast.DateShift{X: x, N: n, Unit: unit, Type: t}
	}
	local := &sqlast.DateShift{X: c.localTime(x), N: n, Unit: unit, Type: catalog.Of(catalog.Timestamp)}
	return &sqlast.Cast{X: c.zonedTime(local), Type: t}
}
