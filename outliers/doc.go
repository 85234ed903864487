// Package outliers will score report results for outliers (zscore,
// robust_z, iqr, esd, grubbs) and compute composite scores over Arrow
// columns, with gonum for the statistics.
//
// It is empty in this version: the `outliers:` and `scores:` blocks of a
// spec are refused by the loader as not implemented yet, so no report runs
// with them silently ignored.
package outliers
