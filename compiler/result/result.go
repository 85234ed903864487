package result

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
)

// LevelColumn is the extra output column of a report with totals: the
// number of dimensions rolled up (0 = a detail row, more = a total row).
const LevelColumn = "_level"

// Result is what the compiler knows about a report's result: everything
// the stages after the query read. It is built once by the compiler and
// never changed afterwards.
type Result struct {
	// Name is the report's name (`report:`); outputs are named after it.
	Name string
	// Title and Description are the spec's, empty when not given.
	Title, Description string
	// Columns are the columns the SQL returns, in order.
	Columns []Column
	// Outliers are the outlier rules with their defaults applied.
	Outliers []OutlierRule
	// Scores are the composite scores, in the spec's order.
	Scores []ScoreRule
	// Generated are the columns the post stage adds, in the order it adds
	// them: each rule's <metric>_score and <metric>_outlier, then each score.
	Generated []Column
	// Final names the columns of the finished result, in order: the query
	// columns and the generated ones, or the spec's `columns:`.
	Final []string
	// Formats are the display formats by output column name (`format:`).
	Formats map[string]Format
	// Charts are the spec's `charts:`, in order.
	Charts []Chart
	// Pivot is the checked `pivot:` block; nil without one.
	Pivot *Pivot
}

// Column is one column of a result with its Arrow type and its role.
type Column struct {
	Name string
	Type arrow.DataType
	Role Role
	// Grain is "day", "week", "month", "quarter" or "year" for a dimension
	// made by a time-grain function, else "".
	Grain string
}

// Role says what a column of the result is.
type Role int

// The roles of result columns.
const (
	// Dimension is a grouping column (or a column of a listing).
	Dimension Role = iota
	// Level is the _level column of a report with totals.
	Level
	// Measure is an aggregate of a source.
	Measure
	// Formula is computed from measures and dimensions after grouping.
	Formula
	// OutlierScore is a rule's <metric>_score column, added by the post stage.
	OutlierScore
	// OutlierFlag is a rule's <metric>_outlier column, added by the post stage.
	OutlierFlag
	// Score is a composite score column, added by the post stage.
	Score
)

var roleNames = [...]string{"dimension", "level", "measure", "formula", "outlier score", "outlier flag", "score"}

// String names the role in lower case, e.g. "outlier flag".
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return "role(?)"
	}
	return roleNames[r]
}

// Post reports whether the result has work after the query: outlier rules
// or scores.
func (r *Result) Post() bool { return len(r.Outliers) > 0 || len(r.Scores) > 0 }

// Column returns the query or generated column called name.
func (r *Result) Column(name string) (Column, bool) {
	for _, cols := range [][]Column{r.Columns, r.Generated} {
		for _, c := range cols {
			if c.Name == name {
				return c, true
			}
		}
	}
	return Column{}, false
}

// QuerySchema is the Arrow schema of what the SQL returns: one nullable
// field per column of Columns.
func (r *Result) QuerySchema() *arrow.Schema {
	return schemaOf(r.Columns)
}

// FinalSchema is the Arrow schema of the finished result, after the post
// stage: one nullable field per name of Final.
func (r *Result) FinalSchema() *arrow.Schema {
	cols := make([]Column, 0, len(r.Final))
	for _, name := range r.Final {
		c, _ := r.Column(name)
		cols = append(cols, c)
	}
	return schemaOf(cols)
}

func schemaOf(cols []Column) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// UndeclaredDecimal is the Arrow type of a decimal whose precision and
// scale the database does not declare (PostgreSQL's bare numeric): 38 digits
// with 9 after the point. Values with more fractional digits are rounded.
var UndeclaredDecimal = &arrow.Decimal128Type{Precision: 38, Scale: 9}

// ArrowType maps a logical type to the Arrow type that carries it in every
// result, whatever the database. Unknown and JSON travel as text.
func ArrowType(t catalog.Type) arrow.DataType {
	switch t.Kind {
	case catalog.Bool:
		return arrow.FixedWidthTypes.Boolean
	case catalog.Int16:
		return arrow.PrimitiveTypes.Int16
	case catalog.Int32:
		return arrow.PrimitiveTypes.Int32
	case catalog.Int64:
		return arrow.PrimitiveTypes.Int64
	case catalog.Float32:
		return arrow.PrimitiveTypes.Float32
	case catalog.Float64:
		return arrow.PrimitiveTypes.Float64
	case catalog.Decimal:
		if t.Precision <= 0 {
			return UndeclaredDecimal
		}
		return &arrow.Decimal128Type{Precision: int32(t.Precision), Scale: int32(t.Scale)}
	case catalog.Date:
		return arrow.FixedWidthTypes.Date32
	case catalog.Timestamp:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case catalog.TimestampTZ:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case catalog.Interval:
		return arrow.FixedWidthTypes.MonthDayNanoInterval
	case catalog.Bytes:
		return arrow.BinaryTypes.Binary
	default: // Text, UUID, JSON, Unknown
		return arrow.BinaryTypes.String
	}
}
