package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/result"
)

// TestRunRefusesNegativeTimeout: a negative time limit is an error, never
// a default; the backend is not reached (it is nil here).
func TestRunRefusesNegativeTimeout(t *testing.T) {
	p := &compiler.Plan{Result: &result.Result{Name: "r"}}
	_, err := Run(context.Background(), nil, p, nil, RunOptions{Timeout: -time.Second})
	if !errors.Is(err, ErrNegativeTimeout) {
		t.Errorf("err = %v", err)
	}
}

func TestQueryLimits(t *testing.T) {
	cases := []struct {
		q     Query
		rows  int
		limit time.Duration
	}{
		{Query{}, DefaultBatchSize, 0},
		{Query{BatchSize: 10, Timeout: time.Minute}, 10, time.Minute},
		{Query{BatchSize: -1, Timeout: -time.Minute}, DefaultBatchSize, 0},
	}
	for _, c := range cases {
		if got := c.q.RowsPerBatch(); got != c.rows {
			t.Errorf("%+v: RowsPerBatch() = %d, want %d", c.q, got, c.rows)
		}
		if got := c.q.TimeLimit(); got != c.limit {
			t.Errorf("%+v: TimeLimit() = %s, want %s", c.q, got, c.limit)
		}
	}
}
