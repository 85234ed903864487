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
// array.RecordReader that fills one record batch at a time.
package arrowconv
