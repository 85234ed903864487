package compiler

import (
	"strings"

	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/spec"
)

// outlierWords checks the method and direction of every outlier rule
// against the one list of them in compiler/result. It runs whether or not
// the sources checked, so that a misspelt method is always reported.
func (c *checker) outlierWords(r *spec.Report) {
	for _, o := range r.Outliers {
		switch {
		case o.Method == nil:
			c.ds.Errorf(spec.CodeMissingKey, o.Span, "an outliers entry needs `method:` (one of %s)", result.MethodList(", "))
		case o.Method.Span.IsValid() && !result.Method(o.Method.Value).Valid():
			c.unknownWord("outlier method", *o.Method, methodNames())
		}
		if o.Direction != nil && o.Direction.Span.IsValid() && !result.Direction(o.Direction.Value).Valid() {
			c.unknownWord("direction", *o.Direction, directionNames())
		}
	}
}

func (c *checker) unknownWord(what string, s spec.Str, values []string) {
	c.ds.Errorf(spec.CodeBadValue, s.Span, "unknown %s %q: expected one of %s%s", what, s.Value, strings.Join(values, ", "), spec.DidYouMean(s.Value, values))
}

func methodNames() []string {
	out := make([]string, len(result.Methods))
	for i, m := range result.Methods {
		out[i] = string(m)
	}
	return out
}

func directionNames() []string {
	out := make([]string, len(result.Directions))
	for i, d := range result.Directions {
		out[i] = string(d)
	}
	return out
}

// methodOf is the rule's method, or "" when it is missing or unknown.
func methodOf(o *spec.OutlierRule) result.Method {
	if o.Method == nil || !result.Method(o.Method.Value).Valid() {
		return ""
	}
	return result.Method(o.Method.Value)
}

// postRules turns the outliers and scores blocks into the result's rules,
// with every option's default applied.
func (c *checker) postRules(r *spec.Report) {
	res := c.plan.Result
	for _, o := range r.Outliers {
		rule := result.OutlierRule{Metric: o.Metric.Value, Method: methodOf(o),
			Threshold: num(o.Threshold), K: num(o.K), Alpha: num(o.Alpha),
			MaxOutliers: int(num(o.MaxOutliers)), MinGroup: int(num(o.MinGroup))}
		if o.Direction != nil {
			rule.Direction = result.Direction(o.Direction.Value)
		}
		for _, w := range o.Within {
			rule.Within = append(rule.Within, w.Value)
		}
		res.Outliers = append(res.Outliers, rule.WithDefaults())
	}
	for _, s := range r.Scores {
		rule := result.ScoreRule{Name: s.Name.Value}
		for _, w := range s.Weights {
			rule.Weights = append(rule.Weights, result.Weight{Metric: w.Metric.Value, Weight: w.Weight.Value})
		}
		res.Scores = append(res.Scores, rule)
	}
}

func num(n *spec.Number) float64 {
	if n == nil {
		return 0
	}
	return n.Value
}

// postNeeds lists the names the post stage reads: metrics, within
// dimensions and the totals level.
func (c *checker) postNeeds(r *spec.Report) []string {
	var out []string
	add := func(n string) {
		if n != "" && !contains(out, n) && contains(c.names.order, n) {
			out = append(out, n)
		}
	}
	for _, o := range r.Outliers {
		add(o.Metric.Value)
		for _, w := range o.Within {
			add(w.Value)
		}
	}
	for _, s := range r.Scores {
		for _, w := range s.Weights {
			add(w.Metric.Value)
		}
	}
	if len(out) > 0 && c.plan.totals {
		add(LevelColumn)
	}
	return out
}

// generated lists the columns the post stage adds, in order: each rule's
// score and flag, then each score; it reports names already taken.
func (c *checker) generated(r *spec.Report) []string {
	var out []string
	taken := func(name string, at spec.Span) {
		if contains(c.names.order, name) || contains(out, name) {
			c.ds.Errorf(spec.CodeDuplicate, at, "output name %q is used twice (the outlier and score columns are named <metric>_score, <metric>_outlier and after each score)", name)
		}
		out = append(out, name)
	}
	ruled := map[string]bool{}
	for _, o := range r.Outliers {
		if o.Metric.Value == "" {
			continue
		}
		if ruled[o.Metric.Value] {
			c.ds.Errorf(spec.CodeDuplicate, o.Metric.Span, "%q has two outlier rules; their columns %s_score and %s_outlier would clash: keep one rule per metric (a formula can copy a metric under another name)", o.Metric.Value, o.Metric.Value, o.Metric.Value)
			continue
		}
		ruled[o.Metric.Value] = true
		taken(o.Metric.Value+result.ScoreSuffix, o.Metric.Span)
		taken(o.Metric.Value+result.OutlierSuffix, o.Metric.Span)
	}
	for _, s := range r.Scores {
		if !contains(out, s.Name.Value) && !contains(c.names.order, s.Name.Value) {
			out = append(out, s.Name.Value)
		}
	}
	return out
}
