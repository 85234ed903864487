package spec

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// blockKey reads the keys that act on the grouped rows and the blocks
// that later stages execute: formulas, having, totals, columns, outliers,
// scores, format, charts and pivot.
func (l *loader) blockKey(r *Report, e entry) {
	switch e.key.Value {
	case "formulas":
		for _, f := range l.entries(e.value, "formulas", nil) {
			l.checkName(f.key, "formula")
			r.Formulas = append(r.Formulas, &Formula{Name: f.key, Expr: l.expr(f.value)})
		}
	case "having":
		for _, item := range l.list(e.value, "having") {
			if x := l.expr(item); x != nil {
				r.Having = append(r.Having, x)
			}
		}
	case "totals":
		r.Totals = l.totals(e.value)
	case "columns":
		r.Columns = l.names(e.value, "columns")
	case "outliers":
		for _, item := range l.list(e.value, "outliers") {
			if o := l.outlierRule(item); o != nil {
				r.Outliers = append(r.Outliers, o)
			}
		}
	case "scores":
		for _, s := range l.entries(e.value, "scores", nil) {
			r.Scores = append(r.Scores, l.score(s))
		}
	case "format":
		for _, f := range l.entries(e.value, "format", nil) {
			r.Format = append(r.Format, l.formatEntry(f))
		}
	case "charts":
		for _, item := range l.list(e.value, "charts") {
			if c := l.chart(item); c != nil {
				r.Charts = append(r.Charts, c)
			}
		}
	case "pivot":
		r.Pivot = l.pivot(e.value)
	}
}

// names reads a list of plain names.
func (l *loader) names(n *yaml.Node, what string) []Str {
	var out []Str
	for _, item := range l.list(n, what) {
		if l.isScalar(item, "a name") {
			out = append(out, l.str(item))
		}
	}
	return out
}

func (l *loader) totals(n *yaml.Node) *Totals {
	t := &Totals{Span: l.span(n)}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		t.All = l.boolValue(n)
		if !t.All {
			return nil
		}
		return t
	}
	if n.Kind == yaml.ScalarNode {
		l.ds.Errorf(CodeBadValue, l.span(n), "totals is true (a grand total), a list of dimensions ([clinic]) or {rollup: [a, b]}, found %q", n.Value)
		return nil
	}
	if n.Kind == yaml.MappingNode {
		es := l.entries(n, "totals", []string{"rollup"})
		if len(es) == 0 {
			l.ds.Errorf(CodeMissingKey, l.span(n), "totals as a mapping needs `rollup:`, the hierarchy of dimensions: {rollup: [region, clinic]}")
			return nil
		}
		t.Rollup = true
		t.Dims = l.names(es[0].value, "totals rollup (a list of dimensions, outermost first)")
		return t
	}
	t.Dims = l.names(n, "totals (true, or a list of dimensions)")
	return t
}

func (l *loader) number(n *yaml.Node, what string) *Number {
	if !l.isScalar(n, what) {
		return nil
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		l.ds.Errorf(CodeBadValue, l.span(n), "%s must be a number, found %q", what, n.Value)
		return nil
	}
	return &Number{Value: v, Span: l.span(n)}
}

var outlierKeys = []string{"metric", "method", "threshold", "k", "alpha", "max_outliers", "direction", "within", "min_group"}

func (l *loader) outlierRule(n *yaml.Node) *OutlierRule {
	o := &OutlierRule{Span: l.span(n)}
	es := l.entries(n, "an outliers entry", outlierKeys)
	for _, e := range es {
		switch e.key.Value {
		case "metric":
			o.Metric = l.scalarStr(e.value, "a metric name")
		case "method":
			m := l.word(e.value, "outlier method")
			o.Method = &m
		case "threshold":
			o.Threshold = l.number(e.value, "threshold")
		case "k":
			o.K = l.number(e.value, "k")
		case "alpha":
			o.Alpha = l.number(e.value, "alpha")
		case "max_outliers":
			o.MaxOutliers = l.number(e.value, "max_outliers")
		case "direction":
			d := l.word(e.value, "direction")
			o.Direction = &d
		case "within":
			o.Within = l.names(e.value, "within")
		case "min_group":
			o.MinGroup = l.number(e.value, "min_group")
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	if o.Metric.Value == "" {
		l.ds.Errorf(CodeMissingKey, o.Span, "an outliers entry needs `metric:`")
	}
	return o
}

// word reads the value of a key whose values the compiler checks (the
// method and direction of an outlier rule). A value that is not a scalar
// is reported here and comes back with no span: the compiler then knows it
// was given and refused.
func (l *loader) word(n *yaml.Node, what string) Str {
	if !l.isScalar(n, what) {
		return Str{}
	}
	return l.str(n)
}

func hasKey(es []entry, k string) bool {
	for _, e := range es {
		if e.key.Value == k {
			return true
		}
	}
	return false
}

func (l *loader) scalarStr(n *yaml.Node, what string) Str {
	if !l.isScalar(n, what) {
		return Str{Span: l.span(n)}
	}
	return l.str(n)
}

func (l *loader) score(e entry) *Score {
	l.checkName(e.key, "score")
	s := &Score{Name: e.key}
	for _, w := range l.entries(e.value, "score "+strconv.Quote(e.key.Value), nil) {
		if num := l.number(w.value, "a weight"); num != nil {
			s.Weights = append(s.Weights, Weight{Metric: w.key, Weight: *num})
		}
	}
	if len(s.Weights) == 0 && e.value.Kind == yaml.MappingNode && len(e.value.Content) == 0 {
		l.ds.Errorf(CodeMissingKey, e.key.Span, "score %q has no metrics: write metric: weight", e.key.Value)
	}
	return s
}

// FormatStyles are the styles of format: entries.
var FormatStyles = []string{"number", "currency", "percent"}

func (l *loader) formatEntry(e entry) *FormatEntry {
	f := &FormatEntry{Name: e.key, Span: e.key.Span}
	for _, o := range l.entries(e.value, "format of "+strconv.Quote(e.key.Value), []string{"style", "decimals", "currency", "label", "date", "null"}) {
		switch o.key.Value {
		case "style":
			f.Style = l.enum(o.value, "format style", FormatStyles)
		case "decimals":
			f.Decimals = l.number(o.value, "decimals")
		case "currency":
			f.Currency = l.scalarStr(o.value, "a currency code")
		case "label":
			f.Label = l.scalarStr(o.value, "a label")
		case "date":
			f.Date = l.scalarStr(o.value, "a date pattern")
		case "null":
			null := l.scalarStr(o.value, "the text of NULL")
			f.Null = &null
		}
	}
	return f
}

// firstOf is the first of names, or the zero Str.
func firstOf(names []Str) Str {
	if len(names) == 0 {
		return Str{}
	}
	return names[0]
}

// ChartTypes are the types of charts: entries.
var ChartTypes = []string{"line", "bar", "area", "scatter"}

func (l *loader) chart(n *yaml.Node) *Chart {
	c := &Chart{Span: l.span(n)}
	for _, e := range l.entries(n, "a chart", []string{"type", "x", "y", "series", "title", "stacked"}) {
		switch e.key.Value {
		case "type":
			c.Type = l.enum(e.value, "chart type", ChartTypes)
		case "x":
			c.X = l.scalarStr(e.value, "a column name")
		case "y":
			c.Y = l.names(e.value, "y columns")
		case "series":
			c.Series = l.scalarStr(e.value, "a column name")
		case "title":
			c.Title = l.scalarStr(e.value, "a title")
		case "stacked":
			c.Stacked, c.StackedSpan = l.boolValue(e.value), l.span(e.value)
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	given := l.entries(n, "", nil)
	for _, req := range []struct {
		v    Str
		name string
	}{{c.Type, "type"}, {c.X, "x"}, {firstOf(c.Y), "y"}} {
		if req.v.Value == "" && !hasKey(given, req.name) {
			l.ds.Errorf(CodeMissingKey, c.Span, "a chart needs `%s:`", req.name)
		}
	}
	return c
}

// pivot reads the pivot: block; the compiler checks the names.
func (l *loader) pivot(n *yaml.Node) *Pivot {
	p := &Pivot{Span: l.span(n)}
	es := l.entries(n, "pivot", []string{"column", "values", "max_columns"})
	for _, e := range es {
		switch e.key.Value {
		case "column":
			p.Column = l.scalarStr(e.value, "a dimension name")
		case "values":
			p.Values = l.names(e.value, "values (a list of measures and formulas)")
			if len(p.Values) == 0 && len(e.value.Content) == 0 && e.value.Kind != yaml.MappingNode {
				l.ds.Errorf(CodeMissingKey, l.span(e.value), "pivot values is empty: list at least one measure or formula")
			}
		case "max_columns":
			p.MaxColumns = l.number(e.value, "max_columns")
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for _, req := range []struct {
		given bool
		name  string
		what  string
	}{{hasKey(es, "column"), "column", "the dimension whose values become columns"}, {hasKey(es, "values"), "values", "the measures or formulas to show"}} {
		if !req.given {
			l.ds.Errorf(CodeMissingKey, p.Span, "pivot needs `%s:` (%s)", req.name, req.what)
		}
	}
	return p
}
