package spectest

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/reports"
)

// actual is a report's result as compared: column names, how each
// compares, and the rows' cells in the raw text of the JSON output.
type actual struct {
	cols  []string
	kinds []valueKind
	rows  [][]cell
}

// collect reads the whole result (a test's result is small) through the
// JSON writer, whose text of every value is exact: integers and decimals
// as written, floats shortest round-trip, dates and timestamps as in CSV.
// NaN and infinities read as NULL, as in JSON.
func collect(rr array.RecordReader) (*actual, error) {
	schema := rr.Schema()
	a := &actual{}
	for _, f := range schema.Fields() {
		a.cols = append(a.cols, f.Name)
		a.kinds = append(a.kinds, kindOf(f.Type))
	}
	var buf bytes.Buffer
	if err := reports.WriteJSON(&buf, rr); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil {
		return nil, fmt.Errorf("read the result: %w", err)
	}
	for _, o := range objs {
		row := make([]cell, len(a.cols))
		for i, name := range a.cols {
			switch v := o[name].(type) {
			case nil:
				row[i] = cell{null: true}
			case json.Number:
				row[i] = cell{text: v.String()}
			case string:
				row[i] = cell{text: v}
			case bool:
				row[i] = cell{text: fmt.Sprint(v)}
			default:
				row[i] = cell{text: fmt.Sprint(v)}
			}
		}
		a.rows = append(a.rows, row)
	}
	return a, nil
}

// kindOf says how values of an Arrow type compare.
func kindOf(dt arrow.DataType) valueKind {
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return kindInt
	case arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64:
		return kindFloat
	case arrow.DECIMAL128, arrow.DECIMAL256:
		return kindDecimal
	case arrow.BOOL:
		return kindBool
	case arrow.DATE32, arrow.DATE64:
		return kindDate
	case arrow.TIMESTAMP:
		return kindTimestamp
	}
	return kindText
}

// column returns the index of the column called name, or -1.
func (a *actual) column(name string) int {
	for i, c := range a.cols {
		if c == name {
			return i
		}
	}
	return -1
}
