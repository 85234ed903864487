package spectest

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/catalog"
)

// isNull reports whether a YAML value is null (null, ~ or nothing).
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// timeLayouts are the accepted forms of a timestamp in a test file.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// parseTime reads a timestamp; one without an offset is a wall-clock time
// in loc.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp (write YYYY-MM-DD HH:MM:SS or RFC 3339)", s)
}

// fixtureText converts a fixture value to the text form the database reads
// for a column of type t, checking that it fits. nil is NULL.
func fixtureText(n *yaml.Node, t catalog.Type, loc *time.Location) (any, error) {
	if n.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("a value must be a single value, not a list or a mapping")
	}
	if isNull(n) {
		return nil, nil
	}
	s := n.Value
	switch t.Kind {
	case catalog.Int16, catalog.Int32, catalog.Int64:
		bits := map[catalog.Kind]int{catalog.Int16: 16, catalog.Int32: 32, catalog.Int64: 64}[t.Kind]
		v, err := strconv.ParseInt(s, 10, bits)
		if errors.Is(err, strconv.ErrRange) {
			return nil, fmt.Errorf("%s is out of range for a %d-bit integer (%d to %d)", s, bits, -1<<(bits-1), 1<<(bits-1)-1)
		}
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return strconv.FormatInt(v, 10), nil
	case catalog.Float32, catalog.Float64:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case catalog.Decimal:
		return decimalText(s, t)
	case catalog.Bool:
		v, err := strconv.ParseBool(strings.ToLower(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return strconv.FormatBool(v), nil
	case catalog.Date:
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a date (write YYYY-MM-DD)", s)
		}
		return d.Format("2006-01-02"), nil
	case catalog.Timestamp:
		v, err := parseTime(s, time.UTC)
		if err != nil {
			return nil, err
		}
		return v.Format("2006-01-02 15:04:05.999999"), nil
	case catalog.TimestampTZ:
		v, err := parseTime(s, loc)
		if err != nil {
			return nil, err
		}
		return v.Format("2006-01-02 15:04:05.999999-07:00"), nil
	}
	return s, nil // text, uuid, json, interval…: the database checks them
}

// decimalText checks that s is a number that fits decimal(p,s).
func decimalText(s string, t catalog.Type) (any, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") {
		return nil, fmt.Errorf("%q is not a decimal number", s)
	}
	if t.Precision > 0 {
		text := r.FloatString(t.Scale)
		if back, _ := new(big.Rat).SetString(text); back.Cmp(r) != 0 {
			return nil, fmt.Errorf("%s has more than %d decimal places", s, t.Scale)
		}
		digits := strings.TrimLeft(strings.TrimPrefix(text, "-"), "0")
		whole, _, _ := strings.Cut(digits, ".")
		if len(whole) > t.Precision-t.Scale {
			return nil, fmt.Errorf("%s is too large: at most %d digits before the point", s, t.Precision-t.Scale)
		}
		return text, nil
	}
	return s, nil
}

// valueKind is how a result column's values compare.
type valueKind int

const (
	kindText valueKind = iota
	kindInt
	kindFloat
	kindDecimal
	kindBool
	kindDate
	kindTimestamp
)

// expected is a parsed expectation of one cell.
type expected struct {
	null bool
	text string
	num  *big.Rat
	f    float64
	b    bool
	t    time.Time
}

// parseExpected reads an expected value for a column of kind k.
func parseExpected(n *yaml.Node, k valueKind, loc *time.Location) (expected, error) {
	if n.Kind != yaml.ScalarNode {
		return expected{}, fmt.Errorf("an expected value must be a single value")
	}
	if isNull(n) {
		return expected{null: true}, nil
	}
	s := n.Value
	e := expected{text: s}
	switch k {
	case kindInt, kindDecimal:
		r, ok := new(big.Rat).SetString(s)
		if !ok || strings.Contains(s, "/") {
			return e, fmt.Errorf("%q is not a number", s)
		}
		e.num = r
	case kindFloat:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return e, fmt.Errorf("%q is not a number", s)
		}
		e.f = f
	case kindBool:
		b, err := strconv.ParseBool(strings.ToLower(s))
		if err != nil {
			return e, fmt.Errorf("%q is not true or false", s)
		}
		e.b = b
	case kindDate:
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			return e, fmt.Errorf("%q is not a date (write YYYY-MM-DD)", s)
		}
		e.t = d
	case kindTimestamp:
		t, err := parseTime(s, time.UTC)
		if err != nil {
			return e, err
		}
		e.t = t
	}
	return e, nil
}

// cell is one actual value as the JSON writer gives it: nil, string,
// bool or a number's exact text.
type cell struct {
	null bool
	text string
}

// matches compares an expected value with an actual cell of kind k:
// floats within a relative 1e-9, everything else exactly.
func (e expected) matches(c cell, k valueKind) bool {
	if e.null || c.null {
		return e.null == c.null
	}
	switch k {
	case kindInt, kindDecimal:
		r, ok := new(big.Rat).SetString(c.text)
		return ok && r.Cmp(e.num) == 0
	case kindFloat:
		f, err := strconv.ParseFloat(c.text, 64)
		return err == nil && floatsClose(e.f, f)
	case kindBool:
		return c.text == strconv.FormatBool(e.b)
	case kindDate:
		d, err := time.Parse("2006-01-02", c.text)
		return err == nil && d.Equal(e.t)
	case kindTimestamp:
		t, err := parseTime(c.text, time.UTC)
		return err == nil && t.Equal(e.t)
	}
	return c.text == e.text
}

// floatsClose reports a == b within a relative 1e-9.
func floatsClose(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}
