package catalog

import "fmt"

// Kind is the logical type of a column or expression, the same on every
// database. Backends map their native types onto it.
type Kind int

// The kinds of value assay knows. Unknown is a type assay cannot use in
// expressions (it can still be listed).
const (
	Unknown Kind = iota
	Bool
	Int16
	Int32
	Int64
	Float32
	Float64
	Decimal
	Text
	Date
	Timestamp   // without time zone
	TimestampTZ // an instant
	Interval
	UUID
	JSON
	Bytes
)

var kindNames = [...]string{
	Unknown: "unknown", Bool: "bool", Int16: "int16", Int32: "int32", Int64: "int64",
	Float32: "float32", Float64: "float64", Decimal: "decimal", Text: "text", Date: "date",
	Timestamp: "timestamp", TimestampTZ: "timestamptz", Interval: "interval", UUID: "uuid",
	JSON: "json", Bytes: "bytes",
}

// String returns the kind's lower-case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// MarshalText writes the kind's name, so that a catalog saved as JSON
// (the compiler's test catalogs) reads "int64", not a number.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name as MarshalText writes it.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, name := range kindNames {
		if name == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("catalog: unknown kind %q", b)
}

// Type is a logical type with its parameters and the database's own name.
type Type struct {
	Kind      Kind
	Precision int    // Decimal only; 0 when not declared
	Scale     int    // Decimal only
	Native    string // the database's name of the type, for display
}

// String prints the type as assay names it, with the native name when it differs.
func (t Type) String() string {
	s := t.Kind.String()
	if t.Kind == Decimal && t.Precision > 0 {
		s = fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale)
	}
	if t.Native != "" && t.Native != s {
		s += " (" + t.Native + ")"
	}
	return s
}

// IsInteger reports whether values of k are whole numbers.
func (k Kind) IsInteger() bool { return k == Int16 || k == Int32 || k == Int64 }

// IsNumeric reports whether values of k are numbers.
func (k Kind) IsNumeric() bool { return k.IsInteger() || k == Float32 || k == Float64 || k == Decimal }

// IsTemporal reports whether values of k are dates or times of day on a calendar.
func (k Kind) IsTemporal() bool { return k == Date || k == Timestamp || k == TimestampTZ }

// Of returns a Type of kind k without parameters.
func Of(k Kind) Type { return Type{Kind: k} }
