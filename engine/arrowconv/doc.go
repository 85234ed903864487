// Package arrowconv converts database values into Arrow builders of the
// result schema the compiler chose. It is shared by the backends under
// engine/: each backend decodes its driver's values into plain Go values
// (int64, float64, time.Time, an unscaled *big.Int with a scale, …) and hands
// them to a Column, which appends them to the builder of the target Arrow
// type, converting where the conversion is exact or well defined and
// reporting an error naming the column where it is not.
//
// Check decides before any row is read whether a column of a logical
// catalog type can be read as a given Arrow type, so that a mismatch between
// the database and the compiled schema fails early with a clear message.
//
// Reader turns a RowSource (one backend's open result) into a streaming
// array.RecordReader that fills one record batch at a time. Once a batch has
// come back full, the builders of the next are reserved for a whole batch at
// once instead of growing by doubling.
//
// A backend with a hot path of its own may bind a decoder to the concrete
// builder of a column (Column.Builder) once per query and append to it
// directly, provided it appends exactly what the Append methods would.
package arrowconv
