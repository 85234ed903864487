package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/assay-dev/assay/compiler/result"
)

// tableColumns is a small result with numbers, text, NULLs and escapes.
func tableColumns() []testColumn {
	dec := decimal128.FromI64
	return []testColumn{
		{"id", arrow.PrimitiveTypes.Int64, []any{int64(1), int64(2), int64(10)}},
		{"name", arrow.BinaryTypes.String, []any{"zoë", "bob\tby", nil}},
		{"amount", arrow.PrimitiveTypes.Float64, []any{1.5, 1.0 / 3, nil}},
		{"price", &arrow.Decimal128Type{Precision: 10, Scale: 2}, []any{dec(1250), dec(-5), dec(100000)}},
		{"day", arrow.FixedWidthTypes.Date32, []any{days(2024, 1, 2), nil, days(2024, 12, 31)}},
		{"ok", arrow.FixedWidthTypes.Boolean, []any{true, false, nil}},
	}
}

func TestWriteTable(t *testing.T) {
	mem := newChecked(t)
	var out bytes.Buffer
	if err := WriteTable(&out, readerOfColumns(t, mem, tableColumns()), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "" +
		" id | name    | amount |    price | day        | ok\n" +
		"----+---------+--------+----------+------------+-------\n" +
		"  1 | zoë     |    1.5 |    12.50 | 2024-01-02 | true\n" +
		"  2 | bob\\tby | 0.3333 |    -0.05 | –          | false\n" +
		" 10 | –       |      – | 1,000.00 | 2024-12-31 | –\n" +
		"(3 rows)\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestWriteTableMaxRowsAndNull(t *testing.T) {
	mem := newChecked(t)
	cols := tableColumns()[:2]
	first, second := buildRecord(t, mem, cols), buildRecord(t, mem, cols)
	rr := readerOf(t, schemaOf(cols), first, second)
	var out bytes.Buffer
	if err := WriteTable(&out, rr, TableOptions{MaxRows: 4, Null: "NULL"}); err != nil {
		t.Fatal(err)
	}
	want := "" +
		" id | name\n" +
		"----+---------\n" +
		"  1 | zoë\n" +
		"  2 | bob\\tby\n" +
		" 10 | NULL\n" +
		"  1 | zoë\n" +
		"(6 rows, 2 not shown)\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestWriteTableFormats applies formats: labels as headers, currency,
// percent, a date pattern and a column's own NULL text.
func TestWriteTableFormats(t *testing.T) {
	mem := newChecked(t)
	na := "n/a"
	d2 := 2
	opts := TableOptions{Formats: map[string]result.Format{
		"amount": {Style: "percent", Decimals: &d2, Label: "Share", Null: &na},
		"price":  {Style: "currency", Currency: "EUR", Label: "Price"},
		"day":    {Date: "DD MMM YYYY"},
	}}
	var out bytes.Buffer
	if err := WriteTable(&out, readerOfColumns(t, mem, tableColumns()), opts); err != nil {
		t.Fatal(err)
	}
	if header, _, _ := strings.Cut(out.String(), "\n"); header != " id | name    |   Share |     Price | day         | ok" {
		t.Errorf("header %q", header)
	}
	for _, cell := range []string{"Share", "Price", "150.00%", "33.33%", "€12.50", "-€0.05", "€1,000.00", "02 Jan 2024", "n/a"} {
		if !strings.Contains(out.String(), cell) {
			t.Errorf("table lacks %q:\n%s", cell, out.String())
		}
	}
}

func TestWriteTableOneRowAndEmpty(t *testing.T) {
	mem := newChecked(t)
	one := []testColumn{{"n", arrow.PrimitiveTypes.Int32, []any{int32(7)}}}
	var out bytes.Buffer
	if err := WriteTable(&out, readerOfColumns(t, mem, one), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := " n\n---\n 7\n(1 row)\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	out.Reset()
	empty := []testColumn{{"name", arrow.BinaryTypes.String, nil}}
	if err := WriteTable(&out, readerOf(t, schemaOf(empty)), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := " name\n------\n(0 rows)\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestWriteTableErrors(t *testing.T) {
	mem := newChecked(t)
	bad := []testColumn{{"l", arrow.ListOf(arrow.PrimitiveTypes.Int64), nil}}
	if err := WriteTable(&bytes.Buffer{}, readerOf(t, schemaOf(bad)), TableOptions{}); !errors.Is(err, ErrUnsupportedType) {
		t.Errorf("got %v, want ErrUnsupportedType", err)
	}
	rr := failingReader{readerOfColumns(t, mem, tableColumns()), errBoom}
	if err := WriteTable(&bytes.Buffer{}, rr, TableOptions{}); !errors.Is(err, errBoom) {
		t.Errorf("got %v, want errBoom", err)
	}
}

func TestEscapeControl(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ünï", "plain ünï"},
		{"a\nb\rc\td", `a\nb\rc\td`},
		{"\x00\x1b\x7f", `\x00\x1b\x7f`},
	}
	for _, tt := range tests {
		if got := string(escapeControl(append([]byte("x"), tt.in...), 1)); got != "x"+tt.want {
			t.Errorf("escapeControl(%q) = %q, want %q", tt.in, got, "x"+tt.want)
		}
	}
}
