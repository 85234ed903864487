package dialect

import "github.com/assay-dev/assay/compiler/sqlast"

// MariaDB 10.11 computes the windows of one SELECT in groups that share a
// sort (sql_window.cc, order_window_funcs_by_window_specs). It orders the
// windows with a comparator that calls two of them compatible when one's
// PARTITION BY and ORDER BY keys, joined, are a prefix of the other's,
// starts a new sort only between neighbours that are not compatible, and
// sorts each group by its longest key list. With different partitions the
// comparator puts the longer partition first, with the same partition the
// shorter ORDER BY first, so a window whose keys are a prefix of two
// incompatible windows' keys can sit between them: OVER (PARTITION BY a),
// OVER (PARTITION BY a ORDER BY x DESC) and OVER (PARTITION BY a, b ORDER
// BY y) become one group sorted by a, b, y, and the RANK over x DESC is
// computed in that order (golden case 36_window_helpers_totals). An empty
// OVER () is such a prefix of every window.
//
// Neighbours with the same partition are ordered by their ORDER BY keys,
// shorter prefix first, so a group of them is a chain of prefixes and its
// longest sort serves them all. The wrong groups need two compatible
// windows with different partitions, and separatePartition rules those
// out:
//
//   - the first partition key k of a window with n partition keys is
//     written COALESCE(k, k, …) with n+1 copies of k: the same value, type
//     and collation as k, so the same partitions, but an expression that
//     MariaDB keeps as a column of its own for each n. Two partitions of
//     different lengths start with different columns, and two of the same
//     length that differ differ in a column, so neither is a prefix of the
//     other, nor of a window without partition whose ORDER BY starts with
//     a column of the query;
//   - OVER () over an argument x is written OVER (PARTITION BY x IS NULL
//     AND FALSE): one partition, since the key is false on every row (IS
//     NULL is never NULL), but a key column, so no longer a prefix of
//     every window. With a literal or parameter argument (COUNT(1)) the
//     key would be a constant, which MariaDB skips when it compares
//     windows: such an OVER () stays as it is, a prefix of every window,
//     and can still join two others' sorts (not seen in the corpus).
//
// Windows with the same partition still share their sorts; windows with
// different partitions each sort once more than before.

// separatePartition writes w's PARTITION BY, reshaped as above, and says
// whether it wrote anything.
func (r *renderer) separatePartition(w *sqlast.Window) bool {
	switch {
	case len(w.PartitionBy) > 0:
		r.b.WriteString("PARTITION BY COALESCE(")
		for i := 0; i <= len(w.PartitionBy); i++ {
			if i > 0 {
				r.b.WriteString(", ")
			}
			r.expr(w.PartitionBy[0])
		}
		r.b.WriteByte(')')
		for _, k := range w.PartitionBy[1:] {
			r.b.WriteString(", ")
			r.expr(k)
		}
		return true
	case len(w.OrderBy) == 0 && w.Arg != nil && !constant(w.Arg):
		r.b.WriteString("PARTITION BY ")
		r.operand(w.Arg, precCompare+1)
		r.b.WriteString(" IS NULL AND FALSE")
		return true
	}
	return false
}

// constant says e is a literal or a parameter, which MariaDB skips as a
// sort key.
func constant(e sqlast.Expr) bool {
	switch e.(type) {
	case *sqlast.Literal, *sqlast.Param, *sqlast.TypedLiteral:
		return true
	}
	return false
}
