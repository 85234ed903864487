package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/dialect"
)

// RunOptions tune one run of a plan.
type RunOptions struct {
	Alloc     memory.Allocator // nil means memory.DefaultAllocator
	BatchSize int              // 0 means DefaultBatchSize
	Timeout   time.Duration    // statement time limit (see Query.Timeout); 0 means none
}

// ErrNegativeTimeout reports a negative statement time limit.
var ErrNegativeTimeout = errors.New("negative timeout")

// Render binds values to the plan and renders it in dialect d.
func Render(p *compiler.Plan, d *dialect.Dialect, values map[string]any, inline bool) (dialect.Query, error) {
	sel, err := p.Bind(values)
	if err != nil {
		return dialect.Query{}, err
	}
	return d.Render(sel, values, inline)
}

// Run executes the plan's query on b with the given parameter values and
// streams its result, typed by the plan (Result.QuerySchema), not by the
// database. It runs the query and nothing else: the post stage
// (outliers.Stage) reads the reader it returns. The caller releases the
// reader.
func Run(ctx context.Context, b Backend, p *compiler.Plan, values map[string]any, opts RunOptions) (array.RecordReader, error) {
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("run %s: %w (%s); 0 means no limit", p.Result.Name, ErrNegativeTimeout, opts.Timeout)
	}
	q, err := Render(p, b.Dialect(), values, false)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p.Result.Name, err)
	}
	alloc := opts.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	return b.Query(ctx, Query{SQL: q.SQL, Args: q.Args, Schema: p.Result.QuerySchema(), Alloc: alloc, BatchSize: opts.BatchSize, Timeout: opts.Timeout})
}
