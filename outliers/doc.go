// Package outliers scores report results for outliers and computes
// composite scores: the outliers: and scores: blocks of a report spec.
//
// Stage is the post stage of a report run: it reads the query's record
// reader and the compiler's result data (compiler/result: the rules with
// their defaults applied, the generated columns and the final order) and
// returns the finished result's reader. Without rules it streams through.
//
// Apply reads the result's record batches, and for each result.OutlierRule appends a
// column <metric>_score (float64) and a column <metric>_outlier (bool),
// and for each result.ScoreRule a 0..100 float64 column. Score and ScoreGroups do
// the same over plain float64 slices; ESDTest and GrubbsTest expose the
// two statistical tests with their statistics and critical values.
//
// # Methods
//
// Every method gives each row a signed score (positive above the centre,
// negative below) and flags rows on the rule's side: Direction High flags
// only unusually high values, Low only unusually low ones, Both (the
// default) either.
//
//   - zscore: (x − mean)/s with the sample standard deviation s; flagged
//     when |z| > threshold (default 3). Simple and familiar, but the
//     outliers themselves inflate the mean and s, so one huge value can hide
//     another, and in a group of n values no |z| can exceed (n − 1)/√n: a
//     threshold of 3 flags nothing in groups of 10 or fewer. Use it for
//     large, roughly bell-shaped groups.
//
//   - robust_z: the modified z-score of Iglewicz and Hoaglin,
//     0.6745·(x − median)/MAD, MAD being the median absolute deviation from
//     the median; flagged when |score| > threshold (default 3.5). The median
//     and MAD ignore the outliers, so it keeps working with several of them
//     and with skewed data. When more than half the values are equal the
//     MAD is 0; the score then falls back to (x − median)/(1.253314·MeanAD),
//     MeanAD being the mean absolute deviation from the median (the
//     fallback IBM Cognos Analytics documents; 1.253314 ≈ √(π/2) puts it on
//     the scale of a standard deviation). MeanAD is 0 only when every value is equal, and then
//     every score is 0. The usual first choice.
//
//   - iqr: Tukey's fences Q1 − k·IQR and Q3 + k·IQR (k default 1.5, 3 for
//     "far out"), the quartiles by linear interpolation (Hyndman and Fan
//     type 7, the default of R and NumPy; see Quantile). A value strictly
//     outside a fence is flagged; its score is its distance beyond the
//     nearer fence in IQRs (negative below), 0 between the fences. When
//     the IQR is 0 the unit falls back to 1.349·1.253314·MeanAD, the IQR of
//     a normal distribution with that MeanAD, for the fences and the score
//     alike. The box-plot rule: no assumption about the shape of the data.
//
//   - esd: the generalized extreme Studentized deviate test (Rosner 1983),
//     a significance test for up to max_outliers (default 10) outliers in
//     normally distributed data at level alpha (default 0.05). It removes
//     the most extreme value max_outliers times, and the number of outliers
//     is the largest i whose statistic R_i exceeds its critical value λ_i,
//     so outliers that mask each other are found. At most ⌊(n − 1)/2⌋
//     values are examined. High and Low make it one-sided. A row's score
//     is its studentized deviation against the values not more extreme than
//     it: R_i (signed) for the value removed at step i, (x − mean)/s of the
//     values left for the others. Use it when a false alarm should be rare
//     and the data are roughly normal apart from the outliers, with enough
//     values per group: Rosner's critical values are very accurate from 25
//     values and reasonably accurate from 15, so set min_group to 15 or more.
//
//   - grubbs: Grubbs' test for one outlier at level alpha (default 0.05):
//     two-sided for Both, one-sided on the maximum (High) or minimum (Low).
//     The test is made once per group and flags at most one value; it is
//     not repeated after a removal (use esd for several outliers: Grubbs'
//     test is its first step). Scores as for esd with one step: G for the
//     value tested, (x − mean)/s of the others for the others.
//
// # Missing values and groups
//
// NULL, NaN and ±Inf metrics are left out and scored NULL. With Within,
// rows are grouped by the values of those columns (NULL forms its own
// group) and each group is scored on its own. A group with fewer usable
// values than MinGroup (default 3), or than the method needs (2 for
// zscore, 3 for esd and grubbs), gets NULL scores: no data, not a false
// alarm. <metric>_outlier is NULL wherever the score is. Rows whose _level
// column is greater than 0 are subtotals or grand totals: they are left
// out of every group and rank and get NULL.
//
// # Scores
//
// A result.ScoreRule blends metrics into one 0..100 column. Each metric is ranked
// among the rows that have it: percentile rank (rank − 1)/(n − 1), ties
// sharing the average of their ranks, a single value 0.5. A negative weight
// means lower is better: the rank is reversed (1 − rank). A row's score is
// 100 × the mean of its ranks weighted by |weight|; metrics the row lacks
// are left out and the other weights renormalised, and a row lacking them
// all is NULL.
//
// # Validation
//
// nist_test.go reproduces the worked examples of the NIST/SEMATECH
// e-Handbook of Statistical Methods for the generalized ESD test (§1.3.5.17.3,
// every R_i and λ_i) and Grubbs' test (§1.3.5.17.1, G and its critical
// value). reference_test.go compares every method with an independent
// implementation in R (testdata/reference/make.R) on 300 seeded normal,
// heavy-tailed, skewed, tied and constant samples.
package outliers
