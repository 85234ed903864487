package outliers

import (
	"errors"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

// stageResult is the result data of testRows with one rule and one score,
// finished in an order that drops rate and puts a flag first.
func stageResult() *result.Result {
	res := &result.Result{
		Name:     "t",
		Outliers: []result.OutlierRule{(result.OutlierRule{Metric: "visits", Method: result.RobustZ, Within: []string{"week"}}).WithDefaults()},
		Scores:   []result.ScoreRule{{Name: "efficiency", Weights: []result.Weight{{Metric: "visits", Weight: 0.6}, {Metric: "cost", Weight: -0.4}}}},
		Generated: []result.Column{
			{Name: "visits_score", Type: arrow.PrimitiveTypes.Float64, Role: result.OutlierScore},
			{Name: "visits_outlier", Type: arrow.FixedWidthTypes.Boolean, Role: result.OutlierFlag},
			{Name: "efficiency", Type: arrow.PrimitiveTypes.Float64, Role: result.Score},
		},
		Final: []string{"visits_outlier", "clinic", "week", "_level", "visits", "cost", "visits_score", "efficiency"},
	}
	for _, f := range testSchema.Fields() {
		res.Columns = append(res.Columns, result.Column{Name: f.Name, Type: f.Type})
	}
	return res
}

func readAll(t *testing.T, rr array.RecordReader) []arrow.RecordBatch {
	t.Helper()
	recs, err := collect(rr)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func fieldNames(s *arrow.Schema) []string {
	var out []string
	for _, f := range s.Fields() {
		out = append(out, f.Name)
	}
	return out
}

func TestStageScoresInFinalOrder(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	in := testBatches(alloc)
	defer releaseAll(in)
	rr, err := array.NewRecordReader(testSchema, in)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	res := stageResult()
	out, flagged, err := Stage(alloc, rr, res)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if got := fieldNames(out.Schema()); !slices.Equal(got, res.Final) {
		t.Errorf("columns %v, want %v", got, res.Final)
	}
	recs := readAll(t, out)
	defer releaseAll(recs)
	want, err := Apply(alloc, in, res.Outliers, res.Scores)
	if err != nil {
		t.Fatal(err)
	}
	defer releaseAll(want)
	for _, name := range []string{"visits_outlier", "visits_score", "efficiency"} {
		gv, gok := column(t, recs, name)
		wv, wok := column(t, want, name)
		if !slices.Equal(gok, wok) || !equalValid(gv, wv, wok) {
			t.Errorf("%s: got %v %v, want %v %v", name, gv, gok, wv, wok)
		}
	}
	if n := CountFlagged(want, res.Outliers); flagged != n || n == 0 {
		t.Errorf("flagged %d, want %d (> 0: F in w1 has 40 visits)", flagged, n)
	}
}

func equalValid(a, b []float64, valid []bool) bool {
	for i := range a {
		if valid[i] && a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestStageWithoutRulesStreams(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	in := testBatches(alloc)
	defer releaseAll(in)
	rr, err := array.NewRecordReader(testSchema, in)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	res := &result.Result{Name: "t", Final: fieldNames(testSchema)}
	out, flagged, err := Stage(alloc, rr, res)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if out != rr || flagged != 0 {
		t.Errorf("without rules the reader must pass through untouched, got %T, %d flagged", out, flagged)
	}
}

func TestStageEmptyResult(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := array.NewRecordReader(testSchema, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	out, flagged, err := Stage(alloc, rr, stageResult())
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if out.Next() || flagged != 0 {
		t.Errorf("an empty result stays empty")
	}
	f, _ := out.Schema().FieldsByName("visits_outlier")
	if len(f) != 1 || f[0].Type.ID() != arrow.BOOL {
		t.Errorf("visits_outlier of an empty result is %v, want the compiler's bool", f)
	}
}

// failingReader reads like its reader, then reports an error.
type failingReader struct {
	array.RecordReader
	err error
}

func (f *failingReader) Err() error { return f.err }

func TestStageReaderError(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	in := testBatches(alloc)
	defer releaseAll(in)
	rr, err := array.NewRecordReader(testSchema, in)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	boom := errors.New("query cancelled")
	_, _, err = Stage(alloc, &failingReader{rr, boom}, stageResult())
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the reader's error", err)
	}
}
