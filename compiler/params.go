package compiler

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/spec"
)

var paramKinds = map[string]catalog.Kind{
	"int": catalog.Int64, "number": catalog.Float64, "text": catalog.Text, "bool": catalog.Bool,
	"date": catalog.Date, "timestamp": catalog.TimestampTZ,
}

// params declares the report's parameters and checks their defaults.
func (c *checker) params(ps []*spec.Param) {
	for _, p := range ps {
		if c.plan.Param(p.Name.Value) != nil {
			c.ds.Errorf(spec.CodeDuplicate, p.Name.Span, "param %q is declared twice", p.Name.Value)
			continue
		}
		k, ok := paramKinds[p.Type.Base]
		if !ok {
			continue // reported by the loader
		}
		prm := &Param{Name: p.Name.Value, Type: catalog.Of(k), List: p.Type.List, Optional: p.Optional, Default: p.Default, Spec: p}
		if p.Default != nil {
			if _, err := prm.Parse(p.Default.Value, time.Now(), time.UTC); err != nil {
				span := p.Default.Span
				var de *DateExprError
				if errors.As(err, &de) && !prm.List && span.End-span.Start == len(p.Default.Value) {
					span = span.Sub(de.Offset, de.Offset+1)
					err = errors.New(de.Msg)
				}
				c.ds.Errorf(spec.CodeBadValue, span, "default of param %q: %v", p.Name.Value, err)
			}
		}
		c.plan.Params = append(c.plan.Params, prm)
	}
}

// Parse converts the text of a value (from -p name=value or a default) to
// the Go value bound for the parameter: int64, float64, string, bool or
// time.Time; a list param gives []any of those. Dates and timestamps may be
// relative (today - 7 days, start_of(month, today)), evaluated at now in
// loc; timestamps without an offset are read in loc. A list is read as a
// CSV record (see SplitList); text that is not valid UTF-8 is an error.
func (p *Param) Parse(text string, now time.Time, loc *time.Location) (any, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%q is not valid UTF-8 text", text)
	}
	if !p.List {
		return parseScalar(p.Type.Kind, strings.TrimSpace(text), now, loc)
	}
	items, err := SplitList(text)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(items))
	for i, item := range items {
		v, err := parseScalar(p.Type.Kind, item, now, loc)
		if err != nil {
			return nil, fmt.Errorf("item %d of the list: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// SplitList reads the value of a list parameter as one CSV record: items
// are separated by commas and trimmed of spaces; an item in double quotes
// keeps commas and spaces ("North, East"), a doubled quote inside stands
// for one, and "" is an empty text; a quote inside an unquoted item is
// kept as written (Say "hi" Ltd). An empty unquoted item (a,,b or a
// trailing comma) is an error, so that a stray comma never widens or
// narrows a filter. A comma inside parentheses does not end an item, so
// that a relative date such as start_of(month, today) stays whole.
// Text of only spaces is the empty list.
func SplitList(text string) ([]string, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var out []string
	for {
		item, rest, err := listItem(text, len(out)+1)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
		if rest == "" {
			return out, nil
		}
		text = rest[1:] // after the comma
	}
}

// listItem reads item n at the start of text; rest is "" at the end of the
// record or starts with the comma that ends the item.
func listItem(text string, n int) (item, rest string, err error) {
	t := strings.TrimLeft(text, " \t")
	if strings.HasPrefix(t, `"`) {
		return quotedItem(t, n)
	}
	depth := 0
	for i, r := range t {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth <= 0 {
				return nonEmpty(t[:i], n, t[i:])
			}
		}
	}
	return nonEmpty(t, n, "")
}

func nonEmpty(item string, n int, rest string) (string, string, error) {
	item = strings.TrimSpace(item)
	if item == "" {
		return "", "", fmt.Errorf("item %d of the list is empty: remove the extra comma (or write \"\" for an empty text)", n)
	}
	return item, rest, nil
}

// quotedItem reads a double-quoted item; t starts with the quote.
func quotedItem(t string, n int) (item, rest string, err error) {
	var b strings.Builder
	for i := 1; i < len(t); i++ {
		if t[i] != '"' {
			b.WriteByte(t[i])
			continue
		}
		if i+1 < len(t) && t[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		rest = strings.TrimLeft(t[i+1:], " \t")
		if rest != "" && rest[0] != ',' {
			return "", "", fmt.Errorf("item %d of the list has text after its closing quote: %q", n, rest)
		}
		return b.String(), rest, nil
	}
	return "", "", fmt.Errorf("item %d of the list opens a quote that is not closed", n)
}

func parseScalar(k catalog.Kind, s string, now time.Time, loc *time.Location) (any, error) {
	switch k {
	case catalog.Int64:
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return v, nil
	case catalog.Float64:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a finite number", s)
		}
		return v, nil
	case catalog.Bool:
		v, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return v, nil
	case catalog.Date, catalog.TimestampTZ:
		return EvalDate(s, k, now, loc)
	}
	return s, nil
}

func parseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}

// Values resolves parameter values for a run: given holds -p name=value
// texts. Defaults fill what is not given; a required parameter without a
// value, an unknown name or a malformed value is a diagnostic. A report
// with its own `timezone:` evaluates relative dates there, not in loc.
func (p *Plan) Values(given map[string]string, now time.Time, loc *time.Location) (map[string]any, spec.Diagnostics) {
	if p.spec != nil && p.spec.Timezone.Value != "" {
		loc = reportZone(p.spec, loc)
	}
	var ds spec.Diagnostics
	out := map[string]any{}
	var names []string
	for _, prm := range p.Params {
		names = append(names, prm.Name)
	}
	for name := range given {
		if p.Param(name) == nil {
			ds.Errorf(spec.CodeUnknownParam, spec.Span{}, "-p %s: the report %q has no param %q%s", name, p.Result.Name, name, spec.DidYouMean(name, names))
		}
	}
	for _, prm := range p.Params {
		text, ok := given[prm.Name]
		if !ok && prm.Default != nil {
			text, ok = prm.Default.Value, true
		}
		if !ok {
			if !prm.Optional {
				ds.Errorf(spec.CodeMissingParam, prm.Spec.Name.Span, "param %q is required: give it with -p %s=VALUE (%s)", prm.Name, prm.Name, prm.Spec.Type)
			}
			continue
		}
		v, err := prm.Parse(text, now, loc)
		if err != nil {
			var de *DateExprError
			if errors.As(err, &de) {
				err = errors.New(de.Msg)
				if de.Offset > 0 {
					err = fmt.Errorf("%s (at character %d)", de.Msg, de.Offset+1)
				}
			}
			from := "the default"
			if _, ok := given[prm.Name]; ok {
				from = "-p " + prm.Name + "=" + strings.ToValidUTF8(text, "\uFFFD")
			}
			ds.Errorf(spec.CodeBadValue, prm.Spec.Name.Span, "param %q (%s), value from %s: %v", prm.Name, prm.Spec.Type, from, err)
			continue
		}
		if list, ok := v.([]any); ok && len(list) == 0 {
			// An empty list is no value: its where entries are dropped, as
			// when the param is not given, rather than matching nothing.
			if !prm.Optional {
				ds.Errorf(spec.CodeMissingParam, prm.Spec.Name.Span, "param %q is required, but its list is empty", prm.Name)
			}
			continue
		}
		out[prm.Name] = v
	}
	return out, ds.Sort()
}
