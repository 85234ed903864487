package compiler

import (
	"github.com/assay-dev/assay/spec"
)

// OutlierRule is a checked `outliers:` entry. Zero options mean the
// method's default.
type OutlierRule struct {
	Metric      string
	Method      string
	Threshold   float64
	K           float64
	Alpha       float64
	MaxOutliers int
	MinGroup    int
	Direction   string
	Within      []string
}

// ScoreRule is a checked `scores:` entry.
type ScoreRule struct {
	Name    string
	Metrics []string
	Weights []float64
}

// Post reports whether the plan has work after the query: outliers or scores.
func (p *Plan) Post() bool { return len(p.Outliers) > 0 || len(p.Scores) > 0 }

// postRules turns the outliers and scores blocks into plan rules.
func (c *checker) postRules(r *spec.Report) {
	for _, o := range r.Outliers {
		rule := OutlierRule{Metric: o.Metric.Value, Method: o.Method.Value, Direction: o.Direction.Value,
			Threshold: num(o.Threshold), K: num(o.K), Alpha: num(o.Alpha),
			MaxOutliers: int(num(o.MaxOutliers)), MinGroup: int(num(o.MinGroup))}
		for _, w := range o.Within {
			rule.Within = append(rule.Within, w.Value)
		}
		c.plan.Outliers = append(c.plan.Outliers, rule)
	}
	for _, s := range r.Scores {
		rule := ScoreRule{Name: s.Name.Value}
		for _, w := range s.Weights {
			rule.Metrics = append(rule.Metrics, w.Metric.Value)
			rule.Weights = append(rule.Weights, w.Weight.Value)
		}
		c.plan.Scores = append(c.plan.Scores, rule)
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
		taken(o.Metric.Value+"_score", o.Metric.Span)
		taken(o.Metric.Value+"_outlier", o.Metric.Span)
	}
	for _, s := range r.Scores {
		if !contains(out, s.Name.Value) && !contains(c.names.order, s.Name.Value) {
			out = append(out, s.Name.Value)
		}
	}
	return out
}
