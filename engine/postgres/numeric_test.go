package postgres

import (
	"encoding/binary"
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/assay-dev/assay/engine/arrowconv"
)

// binaryNumeric encodes a decimal string ("-123.4500") in PostgreSQL's
// binary numeric format, as numeric_send does.
func binaryNumeric(t testing.TB, s string) []byte {
	t.Helper()
	sign := uint16(numericPositive)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = numericNegative, rest
	}
	ip, fp, _ := strings.Cut(s, ".")
	dscale := len(fp)
	ip = strings.Repeat("0", (4-len(ip)%4)%4) + ip
	fp += strings.Repeat("0", (4-len(fp)%4)%4)
	all := ip + fp
	var groups []uint16
	for i := 0; i < len(all); i += 4 {
		var g uint16
		for _, c := range all[i : i+4] {
			g = g*10 + uint16(c-'0')
		}
		groups = append(groups, g)
	}
	weight := len(ip)/4 - 1
	for len(groups) > 0 && groups[0] == 0 {
		groups, weight = groups[1:], weight-1
	}
	for len(groups) > 0 && groups[len(groups)-1] == 0 {
		groups = groups[:len(groups)-1]
	}
	if len(groups) == 0 {
		weight, sign = 0, numericPositive
	}
	out := make([]byte, 8+2*len(groups))
	binary.BigEndian.PutUint16(out[0:], uint16(len(groups)))
	binary.BigEndian.PutUint16(out[2:], uint16(int16(weight)))
	binary.BigEndian.PutUint16(out[4:], sign)
	binary.BigEndian.PutUint16(out[6:], uint16(dscale))
	for i, g := range groups {
		binary.BigEndian.PutUint16(out[8+2*i:], g)
	}
	return out
}

// exactDecimal converts s to a decimal128 of precision p and scale sc with
// arrowconv's big.Int path, the reference of the fast path.
func exactDecimal(t *testing.T, s string, p, sc int32) (decimal128.Num, error) {
	t.Helper()
	ip, fp, _ := strings.Cut(s, ".")
	v, ok := new(big.Int).SetString(ip+fp, 10)
	if !ok {
		t.Fatalf("bad number %q", s)
	}
	b := array.NewDecimal128Builder(memory.DefaultAllocator, &arrow.Decimal128Type{Precision: p, Scale: sc})
	defer b.Release()
	err := arrowconv.NewColumn("n", b).AppendDecimal(v, int32(len(fp)))
	arr := b.NewDecimal128Array()
	defer arr.Release()
	if err != nil {
		return decimal128.Num{}, err
	}
	return arr.Value(0), nil
}

// randomDecimal returns a decimal string of up to 40 digits.
func randomDecimal(r *rand.Rand) string {
	var sb strings.Builder
	if r.IntN(2) == 0 {
		sb.WriteByte('-')
	}
	digits := func(n int) {
		for i := 0; i < n; i++ {
			sb.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	digits(1 + r.IntN(20))
	if r.IntN(4) > 0 {
		sb.WriteByte('.')
		digits(1 + r.IntN(20))
	}
	return sb.String()
}

func TestNumericFastPathMatchesExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []string{"0", "0.00", "-0.5", "1.25", "-1.25", "0.05", "99999999.995", "10000", "0.0001",
		strings.Repeat("9", 36), "-" + strings.Repeat("9", 38), "1" + strings.Repeat("0", 37), "12345678.90"}
	for i := 0; i < 20000; i++ {
		cases = append(cases, randomDecimal(r))
	}
	fast := 0
	for i, s := range cases {
		p := int32(1 + (i*7)%38)
		sc := int32((i*5)%(int(p)+3)) - 2 // scales from -2 to p
		raw := binaryNumeric(t, s)
		want, werr := exactDecimal(t, s, p, sc)
		got, ok := numericToDecimal128(raw, sc, p)
		if !ok {
			continue
		}
		fast++
		if werr != nil {
			t.Errorf("%s as decimal(%d,%d): fast path gave %s, exact path failed: %v", s, p, sc, got.ToString(sc), werr)
		} else if got != want {
			t.Errorf("%s as decimal(%d,%d): fast %s, exact %s", s, p, sc, got.ToString(sc), want.ToString(sc))
		}
	}
	if fast < len(cases)/4 {
		t.Errorf("fast path took only %d of %d cases", fast, len(cases))
	}
}

func TestNumericFastPathDeclines(t *testing.T) {
	nan := []byte{0, 0, 0, 0, 0xC0, 0, 0, 0}
	inf := []byte{0, 0, 0, 0, 0xD0, 0, 0, 0}
	for name, raw := range map[string][]byte{
		"NaN":          nan,
		"Infinity":     inf,
		"short":        {0, 1},
		"truncated":    {0, 2, 0, 0, 0, 0, 0, 0, 0, 1},
		"many digits":  binaryNumeric(t, strings.Repeat("1", 40)),
		"too wide":     binaryNumeric(t, "123456"),
		"huge rescale": binaryNumeric(t, "1.000000000000000000001"),
	} {
		if n, ok := numericToDecimal128(raw, 2, 5); ok {
			t.Errorf("%s: fast path accepted it as %s", name, n.ToString(2))
		}
	}
	// The column falls back to the exact path, which names the problem.
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewDecimal128Builder(mem, &arrow.Decimal128Type{Precision: 5, Scale: 2})
	defer b.Release()
	c := arrowconv.NewColumn("n", b)
	rc := resultColumn{name: "n", oid: 1700, format: 1, typname: "numeric"}
	k := numericSink(c, numericDecoder(pgtype.NewMap(), rc))
	if err := k(nan); !errors.Is(err, arrowconv.ErrRange) {
		t.Errorf("NaN: %v", err)
	}
	if err := k(binaryNumeric(t, "123456")); !errors.Is(err, arrowconv.ErrRange) {
		t.Errorf("too wide: %v", err)
	}
	if err := k(binaryNumeric(t, "-123.456")); err != nil {
		t.Fatal(err)
	}
	arr := b.NewDecimal128Array()
	defer arr.Release()
	if arr.Len() != 1 || arr.Value(0).ToString(2) != "-123.46" {
		t.Errorf("got %v", arr)
	}
}
