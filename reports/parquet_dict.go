package reports

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Dictionary encoding pays for a column whose values repeat: each value is
// stored once and the rows hold small indices. For a column of (nearly)
// unique values it costs a hash table lookup and insertion per value, a
// dictionary that grows until it passes its 1 MiB page limit, and then a
// fallback to plain pages anyway — most of the Parquet writer's time on
// keys, amounts and timestamps. The first batch decides, once per file (so
// the same data always gives the same file): a column more than half of
// whose non-null values there are distinct is written plain; the others
// keep the dictionary, which still falls back to plain by itself when it
// outgrows its limit later in a row group.

// plainColumns returns the names of the columns of rec to write without a
// dictionary; none when rec is nil.
func plainColumns(rec arrow.RecordBatch) []string {
	if rec == nil {
		return nil
	}
	var plain []string
	for i, arr := range rec.Columns() {
		if mostlyDistinct(arr) {
			plain = append(plain, rec.ColumnName(i))
		}
	}
	return plain
}

// mostlyDistinct reports whether more than half of the non-null values of
// arr are distinct. Booleans never are (Parquet does not dictionary-encode
// them); types it cannot key are not either, and keep the dictionary.
func mostlyDistinct(arr arrow.Array) bool {
	limit := (arr.Len() - arr.NullN()) / 2
	switch a := arr.(type) {
	case *array.String:
		return countDistinct(a, limit, a.Value)
	case *array.LargeString:
		return countDistinct(a, limit, a.Value)
	case *array.Binary:
		return countDistinct(a, limit, func(i int) string { return string(a.Value(i)) })
	case *array.LargeBinary:
		return countDistinct(a, limit, func(i int) string { return string(a.Value(i)) })
	}
	fw, ok := arr.DataType().(arrow.FixedWidthDataType)
	if !ok || arr.DataType().ID() == arrow.BOOL || fw.BitWidth()%8 != 0 || fw.BitWidth() > 128 {
		return false
	}
	width, buffers := fw.BitWidth()/8, arr.Data().Buffers()
	if len(buffers) < 2 || buffers[1] == nil {
		return false
	}
	values, off := buffers[1].Bytes(), arr.Data().Offset()
	return countDistinct(arr, limit, func(i int) (k [16]byte) {
		start := (off + i) * width
		copy(k[:], values[start:start+width])
		return k
	})
}

// countDistinct reports whether the non-null values of arr, keyed by key,
// hold more than limit distinct keys; it stops counting there.
func countDistinct[K comparable](arr arrow.Array, limit int, key func(int) K) bool {
	seen := make(map[K]struct{}, min(limit+1, 1<<16))
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			continue
		}
		seen[key(i)] = struct{}{}
		if len(seen) > limit {
			return true
		}
	}
	return false
}
