package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
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

// Schema is the Arrow schema of a plan's result: one field per output
// column, nullable, typed by the plan (not by the database).
func Schema(p *compiler.Plan) *arrow.Schema {
	fields := make([]arrow.Field, len(p.Columns))
	for i, c := range p.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// Render binds values to the plan and renders it for the backend's dialect.
func Render(p *compiler.Plan, dialectName string, values map[string]any, inline bool) (dialect.Query, error) {
	d, err := dialect.ByName(dialectName)
	if err != nil {
		return dialect.Query{}, err
	}
	sel, err := p.Bind(values)
	if err != nil {
		return dialect.Query{}, err
	}
	return d.Render(sel, values, inline)
}

// Run executes the plan on b with the given parameter values and streams
// the result. The caller releases the reader.
func Run(ctx context.Context, b Backend, p *compiler.Plan, values map[string]any, opts RunOptions) (array.RecordReader, error) {
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("run %s: %w (%s); 0 means no limit", p.Report.Name.Value, ErrNegativeTimeout, opts.Timeout)
	}
	q, err := Render(p, b.Dialect(), values, false)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p.Report.Name.Value, err)
	}
	alloc := opts.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	return b.Query(ctx, Query{SQL: q.SQL, Args: q.Args, Schema: Schema(p), Alloc: alloc, BatchSize: opts.BatchSize, Timeout: opts.Timeout})
}
