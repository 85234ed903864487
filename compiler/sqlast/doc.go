// Package sqlast is the SQL expression tree the compiler builds and the
// dialect renders. Nodes are logical: a Func names a function of the report
// language ("week", "percentile"), and the dialect decides how it is spelled.
// Identifiers in the tree come only from the reflected catalog or from
// validated spec names; values are Param or Bind nodes, never spliced text.
package sqlast
