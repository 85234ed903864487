package dialect

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// TestMySQLLocalTime truncates instants to local days and weeks, reads
// local hours and shifts local weeks back across both 2025 DST changes of
// America/Denver, on MariaDB, against Go's time zone database. CONVERT_TZ
// with a zone name needs the server's time zone tables (loaded with
// `mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb -uroot mysql`);
// without them the test is skipped, or fails when CI is set.
func TestMySQLLocalTime(t *testing.T) {
	conn := mysqlConn(t)
	var loaded bool
	if err := conn.QueryRowContext(context.Background(), "SELECT CONVERT_TZ('2025-01-01 00:00:00', '+00:00', 'America/Denver') IS NOT NULL").Scan(&loaded); err != nil {
		t.Fatal(err)
	}
	if !loaded {
		msg := "MariaDB has no time zone tables (load them with mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb -uroot mysql)"
		if os.Getenv("CI") == "" {
			t.Skip(msg)
		}
		t.Fatal(msg)
	}
	denver, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	zone := &sqlast.Literal{Kind: sqlast.String, Text: "America/Denver"}
	at := &sqlast.Param{Name: "at", Type: catalog.Of(catalog.TimestampTZ)}
	local := func(x sqlast.Expr) sqlast.Expr { return &sqlast.Func{Name: "local_time", Args: []sqlast.Expr{x, zone}} }
	zoned := func(x sqlast.Expr) sqlast.Expr { return &sqlast.Func{Name: "zoned_time", Args: []sqlast.Expr{x, zone}} }
	grain := func(name string) sqlast.Expr {
		return zoned(&sqlast.Func{Name: name, Args: []sqlast.Expr{local(at)}})
	}
	weekBack := zoned(&sqlast.DateShift{X: local(grain("week")), N: 1, Unit: "week", Type: catalog.Of(catalog.Timestamp)})
	utc := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
	for _, s := range []string{"2025-03-02T18:00:00-07:00", "2025-03-09T01:59:00-07:00", "2025-03-09T20:00:00-06:00",
		"2025-03-16T19:00:00-06:00", "2025-11-02T01:30:00-06:00", "2025-11-02T01:30:00-07:00", "2025-11-02T23:30:00-07:00", "2025-11-09T12:00:00-07:00"} {
		x, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		l := x.In(denver)
		day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, denver)
		week := day.AddDate(0, 0, -((int(l.Weekday()) + 6) % 7))
		cases := []struct {
			e    sqlast.Expr
			want string
		}{
			{grain("day"), utc(day)},
			{grain("week"), utc(week)},
			{&sqlast.Func{Name: "date_part", Unit: "hour", Args: []sqlast.Expr{local(at)}}, strconv.Itoa(l.Hour())},
			{&sqlast.Func{Name: "date_part", Unit: "isodow", Args: []sqlast.Expr{local(at)}}, strconv.Itoa((int(l.Weekday())+6)%7 + 1)},
			{weekBack, utc(week.AddDate(0, 0, -7))},
		}
		values := map[string]any{"at": x.UTC()}
		for _, c := range cases {
			for _, inline := range []bool{true, false} {
				if got := queryMySQL(t, conn, one(c.e), values, inline); len(got) != 1 || got[0] != c.want {
					q, _ := MySQL.Render(one(c.e), values, inline)
					t.Errorf("%s: got %v, want %s\n%s", s, got, c.want, q.SQL)
				}
			}
		}
	}
}
