// Package result holds what the compiler knows about a report's result and
// what the stages after the query need of it: the report's name and title,
// the columns with their Arrow types, the outlier and score rules with their
// defaults applied, the columns those rules add, the final column order, and
// the display metadata (formats, labels, charts).
//
// It is plain data with no behaviour beyond small accessors, so that the
// post stage (outliers) and the display stage (reports) can read it without
// importing the compiler or the spec tree.
package result
