//go:build !noduckdb

package goldentest

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	corpus "github.com/assay-dev/assay/compiler/goldentest"
)

// same reports whether two CSV results are equal: byte for byte, or, for a
// case with a tolerance, cell by cell with floats within it.
func same(c corpus.Case, a, b string) bool {
	if a == b {
		return true
	}
	if c.Tolerance == 0 {
		return false
	}
	ar, err1 := csv.NewReader(strings.NewReader(a)).ReadAll()
	br, err2 := csv.NewReader(strings.NewReader(b)).ReadAll()
	if err1 != nil || err2 != nil || len(ar) != len(br) {
		return false
	}
	for i := range ar {
		if len(ar[i]) != len(br[i]) {
			return false
		}
		for j := range ar[i] {
			if ar[i][j] != br[i][j] && !near(ar[i][j], br[i][j], c.Tolerance) {
				return false
			}
		}
	}
	return true
}

// near reports whether two numbers differ by at most tol relative to the
// larger of them.
func near(a, b string, tol float64) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(x-y) <= tol*math.Max(math.Abs(x), math.Abs(y))
}

// compareCells compares assay's CSV with psql's cell by cell: equal as
// text, or the same number, boolean or instant in psql's spelling (psql
// writes 1e+06 for 1000000, t for true, a space and +00 in timestamps).
func compareCells(t *testing.T, want, got string) {
	t.Helper()
	wr, err1 := csv.NewReader(strings.NewReader(want)).ReadAll()
	gr, err2 := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err1 != nil || err2 != nil {
		t.Fatalf("unreadable CSV: %v %v\n%s\n---\n%s", err1, err2, want, got)
	}
	if len(wr) != len(gr) {
		t.Fatalf("psql returned %d lines, assay %d:\n%s\n---\n%s", len(gr), len(wr), got, want)
	}
	for i := range wr {
		if len(wr[i]) != len(gr[i]) {
			t.Fatalf("line %d: assay %q, psql %q", i+1, wr[i], gr[i])
		}
		for j := range wr[i] {
			if !sameCell(wr[i][j], gr[i][j]) {
				t.Fatalf("line %d cell %d: assay %q, psql %q", i+1, j+1, wr[i][j], gr[i][j])
			}
		}
	}
}

func sameCell(assay, psql string) bool {
	if assay == psql {
		return true
	}
	if a, err := strconv.ParseFloat(assay, 64); err == nil {
		p, err := strconv.ParseFloat(psql, 64)
		return err == nil && a == p
	}
	switch assay {
	case "true":
		return psql == "t"
	case "false":
		return psql == "f"
	}
	a, ok1 := parseInstant(assay)
	p, ok2 := parseInstant(psql)
	return ok1 && ok2 && a.Equal(p)
}

// parseInstant reads an RFC 3339 timestamp (assay) or psql's ISO output.
func parseInstant(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07", "2006-01-02 15:04:05.999999999"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v, true
		}
	}
	return time.Time{}, false
}
