//go:build !noduckdb

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/assay-dev/assay/arrowmem"
	"github.com/assay-dev/assay/reports"
)

// visitListing lists every example visit (about 121,000 rows) with
// fixed-width columns of each kind the DuckDB reader recycles and one
// text column, which it does not.
const visitListing = `report: visit_listing
from: visits v
dimensions:
  id: v.id
  clinic: v.clinic_id
  day: v.day
  started: v.started_at
  status: v.status
  wait: v.wait_minutes
  charge: v.charge
order: [id]
`

// TestRecycledBuffersNeverReadAfterRelease: the DuckDB reader hands the
// buffers of released batches out again for the next ones
// (arrowmem.Recycler). A stage or writer that kept a view into a batch
// after releasing it would then print another batch's values — or, with
// arrowmem.Poison on, 0xA5 garbage. The listing runs in batches of 16,384
// rows (every fixed-width buffer 64 KiB or more, so recycled), to every
// format at once, and must give what the same run gives read in one batch,
// where nothing is recycled: CSV, JSON and the table byte for byte, the
// Arrow IPC and Parquet files read back and written as CSV.
func TestRecycledBuffersNeverReadAfterRelease(t *testing.T) {
	arrowmem.Poison = true
	defer func() { arrowmem.Poison = false }()
	db, dir := duckDB(t), t.TempDir()
	spec := writeSpec(t, dir, "visit_listing.yaml", visitListing)
	outs := map[string]string{}
	for _, batch := range []string{"16384", "1000000"} {
		out := filepath.Join(dir, "b"+batch)
		code, _, errs := assay(t, "run", spec, "--db", db, "--format", "csv,json,table,arrow,parquet", "--out", out, "--batch-size", batch)
		if code != 0 {
			t.Fatalf("batch size %s: exit %d: %s", batch, code, errs)
		}
		outs[batch] = out
	}
	read := func(batch, ext string) []byte {
		b, err := os.ReadFile(filepath.Join(outs[batch], "visit_listing."+ext))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	csv := read("16384", "csv")
	if n := bytes.Count(csv, []byte("\n")); n < 100_000 {
		t.Fatalf("the listing has %d lines, want the ~121,000 visits", n)
	}
	for _, ext := range []string{"csv", "json", "txt"} {
		if a, b := read("16384", ext), read("1000000", ext); !bytes.Equal(a, b) {
			t.Errorf("%s: batches of 16,384 rows give other bytes than one batch (%d against %d bytes)", ext, len(a), len(b))
		}
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, batch := range []string{"16384", "1000000"} {
		if got := asCSV(t, mem, ipcRecords(t, mem, read(batch, "arrow"))); !bytes.Equal(got, csv) {
			t.Errorf("batch size %s: the Arrow IPC file read back differs from the CSV: %.200s", batch, firstDiff(got, csv))
		}
		if got := asCSV(t, mem, parquetRecords(t, mem, read(batch, "parquet"))); !bytes.Equal(got, csv) {
			t.Errorf("batch size %s: the Parquet file read back differs from the CSV: %.200s", batch, firstDiff(got, csv))
		}
	}
}

// ipcRecords reads an Arrow IPC file.
func ipcRecords(t *testing.T, mem memory.Allocator, data []byte) array.RecordReader {
	t.Helper()
	r, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var recs []arrow.RecordBatch
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.RecordBatch(i)
		if err != nil {
			t.Fatal(err)
		}
		rec.Retain()
		recs = append(recs, rec)
	}
	rr, err := array.NewRecordReader(r.Schema(), recs)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		rec.Release()
	}
	return rr
}

// parquetRecords reads a Parquet file written by assay, through the Arrow
// schema it stores.
func parquetRecords(t *testing.T, mem memory.Allocator, data []byte) array.RecordReader {
	t.Helper()
	tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(data), nil, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	return array.NewTableReader(tbl, 1<<16)
}

// asCSV writes the records of rr as assay's CSV and releases rr.
func asCSV(t *testing.T, mem memory.Allocator, rr array.RecordReader) []byte {
	t.Helper()
	defer rr.Release()
	var b bytes.Buffer
	if err := reports.FormatCSV.Write(&b, rr, mem); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// firstDiff returns got from the first line where it differs from want.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + g[i] + " | want " + w[i]
		}
	}
	return "one is a prefix of the other"
}
