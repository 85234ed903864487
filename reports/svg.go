package reports

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// axisKind is how an x axis places its values.
type axisKind uint8

const (
	// axisNumber is a linear axis of numbers.
	axisNumber axisKind = iota
	// axisTime is a linear axis of days: dates are spaced by date, not by row.
	axisTime
	// axisCategory is one band per distinct value, in the order met.
	axisCategory
)

// chartData holds the points of one chart, collected from every row of the
// result as the batches stream by.
type chartData struct {
	spec    result.Chart
	x       int   // the x column
	ys      []int // the y columns
	flags   []int // per y column: its <y>_outlier column, or -1
	series  int   // the series column, or -1
	xKind   axisKind
	xType   arrow.DataType
	yType   arrow.DataType
	xFormat result.Format
	yFormat result.Format
	xLabel  string
	yLabels []string
	lines   []*chartSeries
	byName  map[string]*chartSeries
	buf     []byte
}

// chartSeries is the points of one colour: one y column, one value of the
// series column, or both.
type chartSeries struct {
	name   string
	points []chartPoint
}

// chartPoint is one row's value; y is NaN where the value is NULL.
type chartPoint struct {
	x, y    float64
	xText   string
	flagged bool
}

// newChartData finds the columns of chart c in schema.
func newChartData(schema *arrow.Schema, c result.Chart, d *Display, formats map[string]result.Format) (*chartData, error) {
	cd := &chartData{spec: c, series: -1, byName: map[string]*chartSeries{}}
	var err error
	if cd.x, err = fieldIndex(schema, c.X); err != nil {
		return nil, err
	}
	if len(c.Y) == 0 {
		return nil, fmt.Errorf("chart %q has no y column", c.Title)
	}
	for _, y := range c.Y {
		k, err := fieldIndex(schema, y)
		if err != nil {
			return nil, err
		}
		if !isNumberType(schema.Field(k).Type) {
			return nil, fmt.Errorf("chart y %q is %s, not numbers", y, schema.Field(k).Type)
		}
		cd.ys, cd.yLabels = append(cd.ys, k), append(cd.yLabels, d.Labels[k])
		cd.flags = append(cd.flags, -1)
		if f := schema.FieldIndices(y + "_outlier"); len(f) == 1 && schema.Field(f[0]).Type.ID() == arrow.BOOL {
			cd.flags[len(cd.flags)-1] = f[0]
		}
	}
	if c.Series != "" {
		if cd.series, err = fieldIndex(schema, c.Series); err != nil {
			return nil, err
		}
	}
	cd.xType, cd.yType = schema.Field(cd.x).Type, schema.Field(cd.ys[0]).Type
	cd.xFormat, cd.yFormat = formats[c.X], formats[c.Y[0]]
	cd.xLabel = d.Labels[cd.x]
	cd.xKind = xAxisKind(cd.xType)
	return cd, nil
}

// fieldIndex is the index of the field called name.
func fieldIndex(schema *arrow.Schema, name string) (int, error) {
	idx := schema.FieldIndices(name)
	if len(idx) != 1 {
		return 0, fmt.Errorf("chart column %q is not in the result", name)
	}
	return idx[0], nil
}

// xAxisKind is the axis a column of type dt makes.
func xAxisKind(dt arrow.DataType) axisKind {
	switch {
	case dt.ID() == arrow.DATE32 || dt.ID() == arrow.DATE64 || dt.ID() == arrow.TIMESTAMP:
		return axisTime
	case isNumberType(dt):
		return axisNumber
	default:
		return axisCategory
	}
}

// isNumberType reports whether dt holds integers, floats or decimals.
func isNumberType(dt arrow.DataType) bool {
	return arrow.IsInteger(dt.ID()) || arrow.IsFloating(dt.ID()) || dt.ID() == arrow.DECIMAL128
}

// addBatch adds a point per row and y column of rec, which d is bound to.
func (cd *chartData) addBatch(rec arrow.RecordBatch, d *Display) {
	for i := 0; i < int(rec.NumRows()); i++ {
		if d.IsNull(cd.x, i) {
			continue
		}
		x := cd.xValue(rec.Column(cd.x), i)
		cd.buf = d.AppendCell(cd.buf[:0], cd.x, i)
		xText := string(cd.buf)
		group := ""
		if cd.series >= 0 {
			group = string(d.AppendCell(cd.buf[:0], cd.series, i))
		}
		for k, y := range cd.ys {
			p := chartPoint{x: x, y: math.NaN(), xText: xText}
			if !d.IsNull(y, i) {
				p.y = floatAt(rec.Column(y), i)
			}
			p.flagged = cd.flags[k] >= 0 && boolAt(rec.Column(cd.flags[k]), i)
			s := cd.seriesNamed(cd.seriesName(group, k))
			s.points = append(s.points, p)
		}
	}
}

// seriesName names the series of a group (a value of the series column)
// and the k-th y column.
func (cd *chartData) seriesName(group string, k int) string {
	switch {
	case len(cd.ys) == 1:
		return group
	case cd.series < 0:
		return cd.yLabels[k]
	default:
		return group + " · " + cd.yLabels[k]
	}
}

// seriesNamed returns the series called name, made on first use.
func (cd *chartData) seriesNamed(name string) *chartSeries {
	s, ok := cd.byName[name]
	if !ok {
		s = &chartSeries{name: name}
		cd.byName[name] = s
		cd.lines = append(cd.lines, s)
	}
	return s
}

// xValue is the position of row i on the x axis: a number, days since the
// epoch for dates and timestamps, 0 for a category (placed by its text).
func (cd *chartData) xValue(arr arrow.Array, i int) float64 {
	switch cd.xKind {
	case axisTime:
		return daysAt(arr, i)
	case axisNumber:
		return floatAt(arr, i)
	default:
		return 0
	}
}

// floatAt is the numeric value at row i of an integer, float or decimal
// array as a float64 (NaN for other types).
func floatAt(arr arrow.Array, i int) float64 {
	switch a := arr.(type) {
	case *array.Int8:
		return float64(a.Value(i))
	case *array.Int16:
		return float64(a.Value(i))
	case *array.Int32:
		return float64(a.Value(i))
	case *array.Int64:
		return float64(a.Value(i))
	case *array.Uint8:
		return float64(a.Value(i))
	case *array.Uint16:
		return float64(a.Value(i))
	case *array.Uint32:
		return float64(a.Value(i))
	case *array.Uint64:
		return float64(a.Value(i))
	case *array.Float32:
		return float64(a.Value(i))
	case *array.Float64:
		return a.Value(i)
	case *array.Decimal128:
		return a.Value(i).ToFloat64(a.DataType().(*arrow.Decimal128Type).Scale)
	}
	return math.NaN()
}

// daysAt is the date or timestamp at row i in days since 1970-01-01, with
// the time of day as a fraction.
func daysAt(arr arrow.Array, i int) float64 {
	switch a := arr.(type) {
	case *array.Date32:
		return float64(a.Value(i))
	case *array.Date64:
		return float64(a.Value(i)) / millisPerDay
	case *array.Timestamp:
		perDay := unitsPerSecond(a.DataType().(*arrow.TimestampType).Unit) * secondsPerDay
		return float64(a.Value(i)) / float64(perDay)
	}
	return math.NaN()
}
