package spec

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// ParamBaseTypes are the scalar parameter types.
var ParamBaseTypes = []string{"int", "number", "text", "bool", "date", "timestamp"}

func (l *loader) params(n *yaml.Node) []*Param {
	var out []*Param
	for _, e := range l.entries(n, "params", nil) {
		p := &Param{Name: e.key, Span: e.key.Span}
		l.checkName(e.key, "param")
		for _, f := range l.entries(e.value, "param "+strconvQuote(e.key.Value), []string{"type", "default", "optional", "description"}) {
			switch f.key.Value {
			case "type":
				if l.isScalar(f.value, "a type") {
					p.Type = l.paramType(f.value)
				}
			case "default":
				if l.isScalar(f.value, "a default value") {
					s := l.str(f.value)
					p.Default = &s
				}
			case "optional":
				p.Optional = l.boolValue(f.value)
			}
		}
		if p.Type.Base == "" && e.value.Kind == yaml.MappingNode && !hasKey(l.entries(e.value, "", nil), "type") {
			l.ds.Errorf(CodeMissingKey, e.key.Span, "param %q has no `type:` (one of %s, or list<…> of them)", e.key.Value, strings.Join(ParamBaseTypes, ", "))
		}
		out = append(out, p)
	}
	return out
}

func (l *loader) paramType(n *yaml.Node) ParamType {
	s := strings.TrimSpace(n.Value)
	t := ParamType{Span: l.span(n)}
	if strings.HasPrefix(s, "list<") && strings.HasSuffix(s, ">") {
		t.List = true
		s = strings.TrimSpace(s[5 : len(s)-1])
	}
	if !contains(ParamBaseTypes, s) {
		l.ds.Errorf(CodeBadValue, t.Span, "unknown param type %q: expected one of %s, or list<…> of them%s",
			n.Value, strings.Join(ParamBaseTypes, ", "), DidYouMean(s, ParamBaseTypes))
		return ParamType{Span: t.Span}
	}
	t.Base = s
	return t
}
