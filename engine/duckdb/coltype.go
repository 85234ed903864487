//go:build !noduckdb

package duckdb

import (
	"fmt"

	bindings "github.com/duckdb/duckdb-go-bindings"

	"github.com/assay-dev/assay/engine/arrowconv"
)

// columnType is what decoding needs of a result column's DuckDB type,
// read from its logical type once per query.
type columnType struct {
	id       bindings.Type
	internal bindings.Type // the storage of a DECIMAL or ENUM
	width    uint8         // DECIMAL digits; 38 for HUGEINT
	scale    uint8
	json     bool     // VARCHAR with the alias JSON
	labels   []string // ENUM labels by index
}

// streamedTypes names the DuckDB types the streaming path decodes, by the
// name the row path's typeOf maps. Results with a column of any other type
// (TIME, TIMETZ, LIST, STRUCT, MAP, ARRAY, UNION, BIT, UHUGEINT, VARINT,
// …) run on the row path.
var streamedTypes = map[bindings.Type]string{
	bindings.TypeBoolean:     "BOOLEAN",
	bindings.TypeTinyInt:     "TINYINT",
	bindings.TypeSmallInt:    "SMALLINT",
	bindings.TypeInteger:     "INTEGER",
	bindings.TypeBigInt:      "BIGINT",
	bindings.TypeUTinyInt:    "UTINYINT",
	bindings.TypeUSmallInt:   "USMALLINT",
	bindings.TypeUInteger:    "UINTEGER",
	bindings.TypeUBigInt:     "UBIGINT",
	bindings.TypeFloat:       "FLOAT",
	bindings.TypeDouble:      "DOUBLE",
	bindings.TypeHugeInt:     "HUGEINT",
	bindings.TypeDecimal:     "DECIMAL",
	bindings.TypeDate:        "DATE",
	bindings.TypeTimestamp:   "TIMESTAMP",
	bindings.TypeTimestampS:  "TIMESTAMP_S",
	bindings.TypeTimestampMS: "TIMESTAMP_MS",
	bindings.TypeTimestampNS: "TIMESTAMP_NS",
	bindings.TypeTimestampTZ: "TIMESTAMPTZ",
	bindings.TypeInterval:    "INTERVAL",
	bindings.TypeVarchar:     "VARCHAR",
	bindings.TypeBlob:        "BLOB",
	bindings.TypeUUID:        "UUID",
	bindings.TypeEnum:        "ENUM",
}

// readColumnType reads lt and reports whether the streaming path decodes
// it. It does not destroy lt.
func readColumnType(lt bindings.LogicalType) (columnType, bool) {
	ct := columnType{id: bindings.GetTypeId(lt)}
	if _, ok := streamedTypes[ct.id]; !ok {
		return ct, false
	}
	switch ct.id {
	case bindings.TypeVarchar:
		ct.json = bindings.LogicalTypeGetAlias(lt) == "JSON"
	case bindings.TypeHugeInt:
		ct.width = 38
	case bindings.TypeDecimal:
		ct.width, ct.scale = bindings.DecimalWidth(lt), bindings.DecimalScale(lt)
		ct.internal = bindings.DecimalInternalType(lt)
	case bindings.TypeEnum:
		ct.internal = bindings.EnumInternalType(lt)
		ct.labels = make([]string, bindings.EnumDictionarySize(lt))
		for i := range ct.labels {
			ct.labels[i] = bindings.EnumDictionaryValue(lt, bindings.IdxT(i))
		}
	}
	return ct, true
}

// source returns the column as arrowconv checks it, with the logical type
// the row path gives the same column.
func (ct columnType) source(name string) arrowconv.Source {
	tn := streamedTypes[ct.id]
	switch {
	case ct.json:
		tn = "JSON"
	case ct.id == bindings.TypeDecimal:
		tn = fmt.Sprintf("DECIMAL(%d,%d)", ct.width, ct.scale)
	}
	return arrowconv.Source{Name: name, Type: typeOf(tn)}
}

// decoder returns the decoder of the column's vectors into c.
func (ct columnType) decoder(c *arrowconv.Column) decoder {
	switch ct.id {
	case bindings.TypeBoolean:
		return boolDecoder(c)
	case bindings.TypeTinyInt:
		return intDecoder[int8](c)
	case bindings.TypeSmallInt:
		return intDecoder[int16](c)
	case bindings.TypeInteger:
		return intDecoder[int32](c)
	case bindings.TypeBigInt:
		return intDecoder[int64](c)
	case bindings.TypeUTinyInt:
		return intDecoder[uint8](c)
	case bindings.TypeUSmallInt:
		return intDecoder[uint16](c)
	case bindings.TypeUInteger:
		return intDecoder[uint32](c)
	case bindings.TypeUBigInt:
		return decodeUBigInt
	case bindings.TypeFloat:
		return floatDecoder[float32](c)
	case bindings.TypeDouble:
		return floatDecoder[float64](c)
	}
	return ct.richDecoder(c)
}

// richDecoder returns the decoder of the types that are not plain numbers.
func (ct columnType) richDecoder(c *arrowconv.Column) decoder {
	switch ct.id {
	case bindings.TypeHugeInt:
		return hugeDecoder(c, 0, int32(ct.width))
	case bindings.TypeDecimal:
		return decimalDecoder(ct, c)
	case bindings.TypeDate:
		return dateDecoder(c)
	case bindings.TypeTimestamp, bindings.TypeTimestampTZ:
		return microsDecoder(c, 1)
	case bindings.TypeTimestampMS:
		return microsDecoder(c, 1_000)
	case bindings.TypeTimestampS:
		return microsDecoder(c, 1_000_000)
	case bindings.TypeTimestampNS:
		return decodeNanos
	case bindings.TypeInterval:
		return decodeInterval
	case bindings.TypeVarchar:
		if ct.json {
			return decodeJSON
		}
		return textDecoder(c)
	case bindings.TypeBlob:
		return decodeBlob
	case bindings.TypeUUID:
		return decodeUUID
	case bindings.TypeEnum:
		return enumDecoder(ct)
	}
	panic(fmt.Sprintf("unexpected DuckDB type %d", ct.id))
}
