package compiler

import (
	"regexp"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/spec"
)

// blocks checks the blocks later stages execute: outliers, scores, format
// and charts. Their names must exist and their options make sense.
func (c *checker) blocks(r *spec.Report) {
	scoreNames := map[string]bool{}
	for _, s := range r.Scores {
		c.score(s, scoreNames)
	}
	for _, o := range r.Outliers {
		c.outlierRule(o)
	}
	for _, f := range r.Format {
		c.formatEntry(f)
	}
	for _, ch := range r.Charts {
		c.chart(ch)
	}
	c.postRules(r)
}

// numericName checks that name is an output column holding numbers.
func (c *checker) numericName(s spec.Str, what string) bool {
	if s.Value == "" {
		return false
	}
	col, ok := c.plan.Column(s.Value)
	if !ok {
		c.ds.Errorf(spec.CodeUnknownName, s.Span, "%s %q is not a dimension, measure or formula of the report%s", what, s.Value, spec.DidYouMean(s.Value, c.names.order))
		return false
	}
	if !col.Type.Kind.IsNumeric() && col.Type.Kind != catalog.Unknown {
		c.ds.Errorf(spec.CodeType, s.Span, "%s %q is %s column; it must hold numbers", what, s.Value, article(col.Type.Kind))
		return false
	}
	return true
}

func (c *checker) outlierRule(o *spec.OutlierRule) {
	c.numericName(o.Metric, "outlier metric")
	for _, w := range o.Within {
		if !contains(c.plan.Dimensions, w.Value) {
			c.ds.Errorf(spec.CodeUnknownName, w.Span, "within: %q is not a dimension of the report%s", w.Value, spec.DidYouMean(w.Value, c.plan.Dimensions))
		}
	}
	m := methodOf(o)
	c.positive(o.Threshold, "threshold", m == result.ZScore || m == result.RobustZ, "zscore and robust_z")
	c.positive(o.K, "k", m == result.IQR, "iqr")
	c.positive(o.MaxOutliers, "max_outliers", m == result.ESD, "esd")
	if o.Alpha != nil {
		if m != result.ESD && m != result.Grubbs {
			c.ds.Errorf(spec.CodeBadValue, o.Alpha.Span, "alpha applies to esd and grubbs, not to %s", m)
		} else if o.Alpha.Value <= 0 || o.Alpha.Value >= 0.5 {
			c.ds.Errorf(spec.CodeBadValue, o.Alpha.Span, "alpha is a significance level between 0 and 0.5 (0.05 is usual), found %g", o.Alpha.Value)
		}
	}
	if o.MaxOutliers != nil && o.MaxOutliers.Value != float64(int(o.MaxOutliers.Value)) {
		c.ds.Errorf(spec.CodeBadValue, o.MaxOutliers.Span, "max_outliers must be a whole number")
	}
	if o.MinGroup != nil && (o.MinGroup.Value < 1 || o.MinGroup.Value != float64(int(o.MinGroup.Value))) {
		c.ds.Errorf(spec.CodeBadValue, o.MinGroup.Span, "min_group must be a whole number of rows, 1 or more")
	}
}

// positive checks an option that must be > 0 and belongs to some methods.
func (c *checker) positive(n *spec.Number, name string, applies bool, methods string) {
	if n == nil {
		return
	}
	if !applies {
		c.ds.Errorf(spec.CodeBadValue, n.Span, "%s applies to %s only", name, methods)
		return
	}
	if n.Value <= 0 {
		c.ds.Errorf(spec.CodeBadValue, n.Span, "%s must be greater than 0, found %g", name, n.Value)
	}
}

func (c *checker) score(s *spec.Score, seen map[string]bool) {
	if seen[s.Name.Value] || contains(c.names.order, s.Name.Value) {
		c.ds.Errorf(spec.CodeDuplicate, s.Name.Span, "output name %q is used twice", s.Name.Value)
	}
	seen[s.Name.Value] = true
	for _, w := range s.Weights {
		c.numericName(w.Metric, "score metric")
		if w.Weight.Value == 0 {
			c.ds.Errorf(spec.CodeBadValue, w.Weight.Span, "a weight of 0 has no effect: remove %q or give it a weight", w.Metric.Value)
		}
	}
}

var currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)

func (c *checker) formatEntry(f *spec.FormatEntry) {
	if !c.knownName(f.Name.Value) {
		c.ds.Errorf(spec.CodeUnknownName, f.Name.Span, "format: %q is not an output column%s", f.Name.Value, spec.DidYouMean(f.Name.Value, c.names.order))
		return
	}
	if f.Decimals != nil && (f.Decimals.Value < 0 || f.Decimals.Value > 20 || f.Decimals.Value != float64(int(f.Decimals.Value))) {
		c.ds.Errorf(spec.CodeBadValue, f.Decimals.Span, "decimals must be a whole number from 0 to 20")
	}
	if f.Currency.Value != "" && !currencyRE.MatchString(f.Currency.Value) {
		c.ds.Errorf(spec.CodeBadValue, f.Currency.Span, "currency must be an ISO 4217 code such as USD or EUR, found %q", f.Currency.Value)
	}
	if f.Style.Value == "currency" && f.Currency.Value == "" {
		c.ds.Errorf(spec.CodeMissingKey, f.Style.Span, "style currency needs `currency:` (e.g. USD)")
	}
	col, ok := c.plan.Column(f.Name.Value)
	if ok && f.Date.Value != "" && !col.Type.Kind.IsTemporal() {
		c.ds.Errorf(spec.CodeType, f.Date.Span, "date: %q is %s column, not a date", f.Name.Value, article(col.Type.Kind))
	}
	if ok && (f.Style.Value == "currency" || f.Style.Value == "percent") && !col.Type.Kind.IsNumeric() {
		c.ds.Errorf(spec.CodeType, f.Style.Span, "style %s needs numbers, but %q is %s column", f.Style.Value, f.Name.Value, article(col.Type.Kind))
	}
}

// knownName is an output column, a score or an outlier column.
func (c *checker) knownName(name string) bool {
	return contains(c.names.order, name) || c.isPostName(name)
}

func (c *checker) chart(ch *spec.Chart) {
	for _, n := range []spec.Str{ch.X, ch.Series} {
		if n.Value != "" && !c.knownName(n.Value) {
			c.ds.Errorf(spec.CodeUnknownName, n.Span, "chart: %q is not an output column%s", n.Value, spec.DidYouMean(n.Value, c.names.order))
		}
	}
	for _, y := range ch.Y {
		switch {
		case strings.HasSuffix(y.Value, "_outlier") && c.isPostName(y.Value):
			c.ds.Errorf(spec.CodeType, y.Span, "chart y %q is a true/false outlier flag; chart the metric or its _score", y.Value)
		case y.Value != "" && !c.isPostName(y.Value):
			c.numericName(y, "chart y")
		}
	}
	if ch.Stacked && ch.Type.Value != "bar" && ch.Type.Value != "area" {
		c.ds.Errorf(spec.CodeBadValue, ch.StackedSpan, "stacked applies to bar and area charts, not to %s", ch.Type.Value)
	}
	if ch.Series.Value != "" && ch.Series.Value != ch.X.Value && !contains(c.plan.Dimensions, ch.Series.Value) {
		c.ds.Errorf(spec.CodeUnknownName, ch.Series.Span, "chart series %q must be a dimension", ch.Series.Value)
	}
}
