package main

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// benchSchema is the dedicated schema the benchmark tables live in.
const benchSchema = "assay_bench"

// tableDDL creates one benchmark table of the eight column types of the
// issue. UNLOGGED only saves WAL while loading; reads are unaffected.
const tableDDL = `CREATE UNLOGGED TABLE %s (
	id int4 NOT NULL,
	big int8,
	ratio float8,
	amount numeric(12,2),
	label text,
	day date,
	at timestamptz,
	flag bool
)`

// tableName is the name of the benchmark table of n rows.
func tableName(n int) string { return "t" + strconv.Itoa(n) }

// qualified is the quoted schema-qualified name of the table of n rows.
func qualified(n int) string { return pgx.Identifier{benchSchema, tableName(n)}.Sanitize() }

// load creates the table of n rows unless it already holds them, fills it
// with pgx CopyFrom (the loader the project uses for its example data) and
// vacuums it, so that the measured reads set no hint bits.
func load(ctx context.Context, url string, n int) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var have int64
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+qualified(n)).Scan(&have); err == nil && have == int64(n) {
		fmt.Printf("%s already holds %d rows\n", qualified(n), n)
		return nil
	}
	for _, stmt := range []string{
		`CREATE SCHEMA IF NOT EXISTS ` + pgx.Identifier{benchSchema}.Sanitize(),
		`DROP TABLE IF EXISTS ` + qualified(n),
		fmt.Sprintf(tableDDL, qualified(n)),
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	start := time.Now()
	cols := []string{"id", "big", "ratio", "amount", "label", "day", "at", "flag"}
	copied, err := conn.CopyFrom(ctx, pgx.Identifier{benchSchema, tableName(n)}, cols, newRows(n))
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	fmt.Printf("loaded %d rows into %s in %s\n", copied, qualified(n), time.Since(start).Round(time.Millisecond))
	if _, err := conn.Exec(ctx, `VACUUM (ANALYZE, FREEZE) `+qualified(n)); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// rows generates the deterministic benchmark rows for pgx.CopyFrom. About
// one value in fifty of the nullable columns is NULL.
type rows struct {
	n, i int
	rng  uint64
	vals []any
}

func newRows(n int) *rows { return &rows{n: n, rng: 0x9E3779B97F4A7C15, vals: make([]any, 8)} }

// next returns the next pseudo-random 64-bit number (xorshift64*).
func (r *rows) next() uint64 {
	r.rng ^= r.rng >> 12
	r.rng ^= r.rng << 25
	r.rng ^= r.rng >> 27
	return r.rng * 2685821657736338717
}

var labels = []string{"alpha", "bravo clinic", "charlie", "delta, west wing", "echo", "foxtrot \"annex\"", "golf", "hotel-north"}

// base is the first timestamp of the generated data.
var base = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)

func (r *rows) Next() bool { r.i++; return r.i <= r.n }

func (r *rows) Values() ([]any, error) {
	x := r.next()
	v := r.vals
	v[0] = int32(r.i)
	v[1] = int64(x >> 1)
	v[2] = float64(x%1_000_000_007) / 977.0
	v[3] = pgtype.Numeric{Int: big.NewInt(int64(x%2_000_000_000) - 1_000_000_000), Exp: -2, Valid: true}
	v[4] = labels[x>>60&7] + " " + strconv.Itoa(int(x%100000))
	v[5] = base.AddDate(0, 0, int(x>>20%3000))
	v[6] = base.Add(time.Duration(x>>8%(200_000_000_000_000)) * time.Microsecond)
	v[7] = x&1 == 0
	if x>>40%50 == 0 {
		v[1], v[3], v[4] = nil, nil, nil
	}
	if x>>44%50 == 0 {
		v[2], v[6], v[7] = nil, nil, nil
	}
	return v, nil
}

func (r *rows) Err() error { return nil }
