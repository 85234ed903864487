package spec

import (
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

var sourceKeys = []string{"from", "joins", "where", "dimensions", "measures", "distinct"}

var reportKeys = append([]string{"report", "title", "description", "params", "sources",
	"formulas", "having", "order", "limit", "totals", "timezone", "columns", "outliers", "scores", "format", "charts", "pivot"}, sourceKeys...)

func (l *loader) report(n *yaml.Node) *Report {
	r := &Report{File: l.file}
	es := l.entries(n, "the report", reportKeys)
	if es == nil && n.Kind != yaml.MappingNode {
		return r
	}
	top := map[string]*yaml.Node{}
	for _, e := range es {
		top[e.key.Value] = e.value
		l.reportKey(r, e)
	}
	if r.Name.Value == "" {
		l.ds.Errorf(CodeMissingKey, l.span(n), "missing `report:` (the report's name)")
	}
	l.sources(r, n, top)
	return r
}

func (l *loader) reportKey(r *Report, e entry) {
	switch k := e.key.Value; k {
	case "report":
		if l.isScalar(e.value, "the report name") {
			r.Name = l.name(e.value, "report")
		}
	case "title":
		if l.isScalar(e.value, "a title") {
			r.Title = l.str(e.value)
		}
	case "description":
		if l.isScalar(e.value, "a description") {
			r.Description = l.str(e.value)
		}
	case "params":
		r.Params = l.params(e.value)
	case "order":
		for _, item := range l.list(e.value, "order") {
			if o := l.orderItem(item); o != nil {
				r.Order = append(r.Order, o)
			}
		}
	case "limit":
		r.Limit = l.limit(e.value)
	case "timezone":
		if l.isScalar(e.value, "a timezone") {
			r.Timezone = l.str(e.value)
			if _, err := time.LoadLocation(r.Timezone.Value); err != nil || r.Timezone.Value == "" || r.Timezone.Value == "Local" {
				l.ds.Errorf(CodeBadValue, l.span(e.value), "unknown timezone %q (use an IANA name such as America/Denver)", r.Timezone.Value)
				r.Timezone = Str{}
			}
		}
	default:
		l.blockKey(r, e)
	}
}

// sources reads either `sources:` or the single-source keys at the top level.
func (l *loader) sources(r *Report, n *yaml.Node, top map[string]*yaml.Node) {
	var inline []string
	for _, k := range sourceKeys {
		if top[k] != nil {
			inline = append(inline, k)
		}
	}
	if sn := top["sources"]; sn != nil {
		if len(inline) > 0 {
			l.ds.Errorf(CodeShape, l.span(sn), "write `%s:` inside a source when the report has `sources:`", inline[0])
		}
		for _, e := range l.entries(sn, "sources", nil) {
			l.checkName(e.key, "source")
			src := &Source{Name: e.key, Span: e.key.Span}
			l.source(src, l.entries(e.value, "source "+e.key.Value, sourceKeys), e.value)
			r.Sources = append(r.Sources, src)
		}
		return
	}
	r.Shorthand = true
	src := &Source{Name: r.Name, Span: l.span(n), Shorthand: true}
	var es []entry
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; contains(sourceKeys, k) {
			es = append(es, entry{key: l.str(n.Content[i]), value: n.Content[i+1]})
		}
	}
	l.source(src, es, n)
	r.Sources = append(r.Sources, src)
}

func (l *loader) source(s *Source, es []entry, n *yaml.Node) {
	for _, e := range es {
		switch e.key.Value {
		case "from":
			if l.isScalar(e.value, "a table") {
				s.From = l.tableRef(e.value, true)
			}
		case "joins":
			for _, je := range l.entries(e.value, "joins", nil) {
				s.Joins = append(s.Joins, l.join(je))
			}
		case "where":
			for _, item := range l.list(e.value, "where") {
				if x := l.expr(item); x != nil {
					s.Where = append(s.Where, x)
				}
			}
		case "dimensions":
			for _, de := range l.entries(e.value, "dimensions", nil) {
				l.checkName(de.key, "dimension")
				s.Dimensions = append(s.Dimensions, &Dimension{Name: de.key, Expr: l.expr(de.value)})
			}
		case "measures":
			for _, me := range l.entries(e.value, "measures", nil) {
				s.Measures = append(s.Measures, l.measure(me))
			}
		case "distinct":
			s.Distinct = l.boolValue(e.value)
		}
	}
	if s.From.Table.Value == "" && !hasKey(es, "from") {
		l.ds.Errorf(CodeMissingKey, l.span(n), "missing `from:` (the table the %s reads)", sourceWord(s))
	}
}

func sourceWord(s *Source) string {
	if s.Shorthand {
		return "report"
	}
	return "source " + strconvQuote(s.Name.Value)
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// tableRef parses "table [alias]" or "schema.table [alias]"; names may be
// written in double quotes ("Order Lines") for spaces or capitals.
func (l *loader) tableRef(n *yaml.Node, aliasAllowed bool) TableRef {
	sp := l.span(n)
	words, ok := refWords(n.Value)
	if ok && len(words) == 2 && !aliasAllowed {
		l.ds.Errorf(CodeShape, sp, "a join's table takes no alias here: the join's key is its alias; write only the table, found %q", n.Value)
		return TableRef{}
	}
	if !ok || len(words) == 0 || len(words) > 2 || (len(words) == 2 && len(words[1].parts) != 1) || len(words[0].parts) > 2 {
		l.ds.Errorf(CodeShape, sp, "expected `table` or `table alias` (schema.table allowed; \"Quoted\" names for spaces or capitals), found %q", n.Value)
		return TableRef{}
	}
	name := words[0]
	var ref TableRef
	at := func(start, end int) Span { return sp.Sub(start, end) }
	if len(name.parts) == 2 {
		ref.Schema = Str{Value: name.parts[0].text, Span: at(name.parts[0].start, name.parts[0].end)}
	}
	t := name.parts[len(name.parts)-1]
	ref.Table = Str{Value: t.text, Span: at(t.start, t.end)}
	ref.Alias = ref.Table
	if len(words) == 2 {
		a := words[1].parts[0]
		ref.Alias = Str{Value: a.text, Span: at(a.start, a.end)}
	}
	return ref
}

// refWord is one whitespace-separated word of a table reference, split at
// dots outside quotes into name parts with their byte ranges.
type refWord struct{ parts []refPart }

type refPart struct {
	text       string
	start, end int
}

// refWords splits a table reference into words and name parts, honouring
// double-quoted names (a doubled quote inside stands for one).
func refWords(s string) ([]refWord, bool) {
	var words []refWord
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			break
		}
		var w refWord
		for {
			p, next, ok := refName(s, i)
			if !ok {
				return nil, false
			}
			w.parts = append(w.parts, p)
			i = next
			if i < len(s) && s[i] == '.' {
				i++
				continue
			}
			break
		}
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return nil, false
		}
		words = append(words, w)
	}
	return words, true
}

// refName reads one bare or quoted name starting at i.
func refName(s string, i int) (refPart, int, bool) {
	if i < len(s) && s[i] == '"' {
		var b strings.Builder
		for j := i + 1; j < len(s); j++ {
			if s[j] == '"' {
				if j+1 < len(s) && s[j+1] == '"' {
					b.WriteByte('"')
					j++
					continue
				}
				return refPart{text: b.String(), start: i, end: j + 1}, j + 1, b.Len() > 0
			}
			b.WriteByte(s[j])
		}
		return refPart{}, 0, false
	}
	j := i
	for j < len(s) && s[j] != '.' && s[j] != ' ' && s[j] != '\t' && s[j] != '"' {
		j++
	}
	return refPart{text: s[i:j], start: i, end: j}, j, j > i
}

func (l *loader) join(e entry) *Join {
	j := &Join{Alias: e.key, Kind: Str{Value: "inner", Span: e.key.Span}, Span: e.key.Span}
	fields := l.entries(e.value, "join "+strconv.Quote(e.key.Value), []string{"table", "kind", "on", "relationship"})
	for _, f := range fields {
		switch f.key.Value {
		case "table":
			if l.isScalar(f.value, "a table") {
				j.Table = l.tableRef(f.value, false)
				j.Table.Alias = e.key
			}
		case "kind":
			j.Kind = l.enum(f.value, "join kind", []string{"inner", "left", "right", "full"})
		case "on":
			j.On = l.expr(f.value)
		case "relationship":
			j.Relationship = l.enum(f.value, "relationship", []string{"many_to_one", "one_to_one", "one_to_many", "many_to_many"})
		}
	}
	if e.value.Kind == yaml.MappingNode {
		if j.Table.Table.Value == "" && !hasKey(fields, "table") {
			l.ds.Errorf(CodeMissingKey, e.key.Span, "join %q has no `table:`", e.key.Value)
		}
		if j.On == nil && j.Kind.Value != "" {
			l.ds.Errorf(CodeMissingKey, e.key.Span, "join %q has no `on:` condition", e.key.Value)
		}
	}
	return j
}

func (l *loader) enum(n *yaml.Node, what string, values []string) Str {
	s := l.str(n)
	if !l.isScalar(n, what) || !contains(values, s.Value) {
		if n.Kind == yaml.ScalarNode {
			l.ds.Errorf(CodeBadValue, s.Span, "unknown %s %q: expected one of %s%s", what, s.Value, strings.Join(values, ", "), DidYouMean(s.Value, values))
		}
		return Str{Span: s.Span}
	}
	return s
}

func (l *loader) measure(e entry) *Measure {
	m := &Measure{Name: e.key}
	l.checkName(e.key, "measure")
	if e.value.Kind != yaml.MappingNode {
		m.Expr = l.expr(e.value)
		return m
	}
	for _, f := range l.entries(e.value, "measure "+strconv.Quote(e.key.Value), []string{"expr", "where"}) {
		if f.key.Value == "expr" {
			m.Expr = l.expr(f.value)
		} else {
			m.Where = l.expr(f.value)
		}
	}
	if m.Expr == nil && e.value.Kind == yaml.MappingNode && !hasKey(l.entries(e.value, "", nil), "expr") {
		l.ds.Errorf(CodeMissingKey, e.key.Span, "measure %q has no `expr:`", e.key.Value)
	}
	return m
}

func (l *loader) boolValue(n *yaml.Node) bool {
	if !l.isScalar(n, "true or false") {
		return false
	}
	switch n.Value {
	case "true":
		return true
	case "false":
		return false
	}
	l.ds.Errorf(CodeBadValue, l.span(n), "expected true or false, found %q", n.Value)
	return false
}

func (l *loader) limit(n *yaml.Node) *Limit {
	if !l.isScalar(n, "a number of rows") {
		return nil
	}
	v, err := strconv.ParseInt(n.Value, 10, 64)
	if err != nil || v < 0 {
		l.ds.Errorf(CodeBadValue, l.span(n), "limit must be a whole number of rows (0 or more), found %q", n.Value)
		return nil
	}
	return &Limit{N: v, Span: l.span(n)}
}

// orderItem parses "name [asc|desc] [nulls first|last]".
func (l *loader) orderItem(n *yaml.Node) *OrderItem {
	if !l.isScalar(n, "an order entry") {
		return nil
	}
	sp := l.span(n)
	words := strings.Fields(strings.ToLower(n.Value))
	if len(words) == 0 {
		l.ds.Errorf(CodeSyntax, sp, "empty order entry")
		return nil
	}
	first := strings.Fields(n.Value)[0]
	o := &OrderItem{Name: Str{Value: first, Span: sp.Sub(0, len(first))}, Span: sp}
	rest := words[1:]
	if len(rest) > 0 && (rest[0] == "asc" || rest[0] == "desc") {
		o.Desc = rest[0] == "desc"
		rest = rest[1:]
	}
	if len(rest) == 2 && rest[0] == "nulls" && (rest[1] == "first" || rest[1] == "last") {
		first := rest[1] == "first"
		o.NullsFirst = &first
		rest = nil
	}
	if len(rest) > 0 {
		hint := ""
		if alt := map[string]string{"descending": "desc", "ascending": "asc"}[rest[0]]; alt != "" {
			hint = " (write " + alt + ")"
		}
		l.ds.Errorf(CodeSyntax, sp, "expected `name [asc|desc] [nulls first|last]`, found %q%s", n.Value, hint)
	}
	return o
}
