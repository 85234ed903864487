//go:build !noduckdb

package emrdata

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"
)

// cancelCheckRows is how often, in rows, the DuckDB loader checks its context.
const cancelCheckRows = 4096

// LoadDuckDB creates the data set's tables in db, a DuckDB database opened
// with sql.Open("duckdb", …), and fills them through the DuckDB appender,
// all in one transaction. The tables must not exist yet.
func LoadDuckDB(ctx context.Context, db *sql.DB, opts Options) (Stats, error) {
	opts, err := opts.normalized()
	if err != nil {
		return Stats{}, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("emrdata: duckdb: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return Stats{}, fmt.Errorf("emrdata: duckdb: begin: %w", err)
	}
	stats, err := fillDuckDB(ctx, conn, newWorld(opts))
	if err != nil {
		_, rbErr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return Stats{}, errors.Join(err, rbErr)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return Stats{}, fmt.Errorf("emrdata: duckdb: commit: %w", err)
	}
	return stats, nil
}

// fillDuckDB creates and fills every table on conn.
func fillDuckDB(ctx context.Context, conn *sql.Conn, w *world) (Stats, error) {
	for _, stmt := range DDL() {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return Stats{}, fmt.Errorf("emrdata: duckdb: create table: %w", err)
		}
	}
	stats := newStats()
	for _, t := range w.tables() {
		n, err := appendTable(ctx, conn, t)
		if err != nil {
			return Stats{}, fmt.Errorf("emrdata: duckdb: load %s: %w", t.def.name, err)
		}
		stats.Rows[t.def.name] = n
	}
	return stats, nil
}

// appendTable streams one table's rows into DuckDB through an appender.
func appendTable(ctx context.Context, conn *sql.Conn, t tableRows) (int64, error) {
	var n int64
	err := conn.Raw(func(dc any) error {
		raw, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(raw, "", t.def.name)
		if err != nil {
			return err
		}
		n, err = appendRows(ctx, app, t)
		return errors.Join(err, app.Close())
	})
	return n, err
}

// appendRows appends t's rows to app and returns how many it appended.
func appendRows(ctx context.Context, app *duckdb.Appender, t tableRows) (int64, error) {
	widths := decimalWidths(t.def)
	var n int64
	vals := make([]driver.Value, len(t.def.columns))
	for row := range t.rows {
		for i, v := range row {
			vals[i] = duckValue(v, widths[i])
		}
		if err := app.AppendRow(vals...); err != nil {
			return n, err
		}
		n++
		if n%cancelCheckRows == 0 && ctx.Err() != nil {
			return n, ctx.Err()
		}
	}
	return n, nil
}

// decimalWidths returns the numeric width of every column (0 for others).
func decimalWidths(t *tableDef) []uint8 {
	widths := make([]uint8, len(t.columns))
	for i, c := range t.columns {
		widths[i] = c.width
	}
	return widths
}

// duckValue converts a generated value to one the DuckDB appender stores
// exactly. The appender stores a duckdb.Decimal's unscaled integer as is,
// so hundredths go into a DECIMAL(width,2) column without any rounding.
func duckValue(v any, width uint8) driver.Value {
	if f, ok := v.(fixed2); ok {
		return duckdb.Decimal{Width: width, Scale: 2, Value: f.bigInt()}
	}
	return v
}

// EnsureDuckDB creates the example DuckDB database file at path unless a
// file already exists there, and reports whether it created one. It creates
// the parent directory if needed, generates into path+".tmp-<pid>", closes
// that database and renames it into place, so path never holds a partial
// database, even when the process is killed.
func EnsureDuckDB(ctx context.Context, path string, opts Options) (created bool, err error) {
	if _, err := os.Stat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, fmt.Errorf("emrdata: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("emrdata: %w", err)
	}
	tmp := path + ".tmp-" + strconv.Itoa(os.Getpid())
	removeDuckDBFiles(tmp)
	if err := writeDuckDB(ctx, tmp, opts); err != nil {
		removeDuckDBFiles(tmp)
		return false, err
	}
	if err := os.Rename(tmp, path); err != nil {
		removeDuckDBFiles(tmp)
		return false, fmt.Errorf("emrdata: %w", err)
	}
	return true, nil
}

// ReplaceDuckDB generates the example database anew at path, which may
// hold a DuckDB database already (or nothing). The old database stays in
// place, whole, until the new one is complete: the data set is generated
// into path+".tmp-<pid>" in the same folder and checkpointed, the old
// database's write-ahead log is removed (DuckDB would replay it into the
// new file) and the new file is renamed over the old one. A path holding
// anything but a DuckDB database is refused with ErrNotDuckDB before
// anything is written. A symbolic link is followed: its target is replaced.
func ReplaceDuckDB(ctx context.Context, path string, opts Options) error {
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, os.ErrNotExist) {
		_, err := EnsureDuckDB(ctx, path, opts)
		return err
	} else if err != nil {
		return fmt.Errorf("emrdata: %w", err)
	}
	if err := CheckDuckDBFile(target); err != nil {
		return err
	}
	tmp := target + ".tmp-" + strconv.Itoa(os.Getpid())
	removeDuckDBFiles(tmp)
	if err := writeDuckDB(ctx, tmp, opts); err != nil {
		removeDuckDBFiles(tmp)
		return err
	}
	// The log goes first: interrupted here, the old database is still a
	// database (as of its last checkpoint); the other way round, the new
	// one would meet the old log.
	if err := os.Remove(target + ".wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		removeDuckDBFiles(tmp)
		return fmt.Errorf("emrdata: remove the old write-ahead log: %w", err)
	}
	if err := os.Rename(tmp, target); err != nil {
		removeDuckDBFiles(tmp)
		return fmt.Errorf("emrdata: %w", err)
	}
	return nil
}

// writeDuckDB creates a new DuckDB file at path and loads the data set.
func writeDuckDB(ctx context.Context, path string, opts Options) error {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return fmt.Errorf("emrdata: open %s: %w", path, err)
	}
	_, loadErr := LoadDuckDB(ctx, db, opts)
	var ckptErr error
	if loadErr == nil {
		// Fold the write-ahead log into the file before it is renamed.
		_, ckptErr = db.ExecContext(ctx, "CHECKPOINT")
	}
	closeErr := db.Close()
	if err := errors.Join(loadErr, ckptErr, closeErr); err != nil {
		return fmt.Errorf("emrdata: create %s: %w", path, err)
	}
	if _, err := os.Stat(path + ".wal"); err == nil {
		return fmt.Errorf("emrdata: create %s: write-ahead log left behind", path)
	}
	return nil
}

// removeDuckDBFiles removes a DuckDB database file and its write-ahead log.
func removeDuckDBFiles(path string) {
	_ = os.Remove(path)
	_ = os.Remove(path + ".wal")
}
