package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// fakeClock advances by step at every reading.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(c.step)
	return c.t
}

// progressReader is a reader of n batches of 1,000 rows.
func progressReader(t *testing.T, n int) array.RecordReader {
	t.Helper()
	mem := newChecked(t)
	vals := make([]any, 1000)
	for i := range vals {
		vals[i] = int64(i)
	}
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, vals}}
	recs := make([]arrow.RecordBatch, n)
	for i := range recs {
		recs[i] = buildRecord(t, mem, cols)
	}
	return readerOf(t, schemaOf(cols), recs...)
}

func TestProgressShowsAfterASecondAndClears(t *testing.T) {
	rr := progressReader(t, 10)
	clock := &fakeClock{t: time.Unix(0, 0), step: 300 * time.Millisecond}
	var out strings.Builder
	p := newProgress(rr, &out, clock.now)
	var csv strings.Builder
	if err := WriteCSV(&csv, p); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if p.Rows() != 10_000 || strings.Count(csv.String(), "\n") != 10_001 {
		t.Fatalf("rows %d, csv lines %d", p.Rows(), strings.Count(csv.String(), "\n"))
	}
	// The first batch is read at 0.6 s (not shown), the fourth at 1.5 s.
	if strings.Contains(got, "\x1b[K1,000 rows") || !strings.Contains(got, "\x1b[K4,000 rows · ") {
		t.Errorf("progress lines: %q", got)
	}
	if !strings.Contains(got, "10,000 rows · 3,333 rows/s · 3s") {
		t.Errorf("no final count and rate: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line is not cleared at the end: %q", got)
	}
}

func TestProgressQuietForShortRunsAndPipes(t *testing.T) {
	rr := progressReader(t, 3)
	clock := &fakeClock{t: time.Unix(0, 0), step: 10 * time.Millisecond}
	var out strings.Builder
	if err := WriteCSV(&strings.Builder{}, newProgress(rr, &out, clock.now)); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Errorf("a short run drew %q", out.String())
	}
	rr2 := progressReader(t, 1)
	if WithProgress(rr2, &out, false) != rr2 {
		t.Error("WithProgress wrapped a reader for a pipe")
	}
}
