package compiler

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// scope is the set of table aliases visible in one source.
type scope struct {
	cat     *catalog.Catalog
	aliases map[string]*catalog.Table
	order   []string // aliases in declaration order
	later   []string // aliases of joins not checked yet
}

func newScope(cat *catalog.Catalog) *scope {
	return &scope{cat: cat, aliases: map[string]*catalog.Table{}}
}

// table resolves a table reference against the catalog.
func (c *checker) table(ref spec.TableRef) *catalog.Table {
	t, ok := c.cat.Lookup(ref.Schema.Value, ref.Table.Value)
	if !ok {
		span := ref.Table.Span
		if ref.Schema.Value != "" {
			span = ref.Schema.Span.To(ref.Table.Span)
		}
		c.ds.Errorf(spec.CodeUnknownTable, span, "unknown table %q%s", qualified(ref), spec.DidYouMean(qualified(ref), c.cat.TableNames()))
	}
	return t
}

func qualified(ref spec.TableRef) string {
	if ref.Schema.Value != "" {
		return ref.Schema.Value + "." + ref.Table.Value
	}
	return ref.Table.Value
}

// addAlias declares an alias; it reports a duplicate and returns false.
func (c *checker) addAlias(s *scope, alias spec.Str, t *catalog.Table) bool {
	if _, dup := s.aliases[alias.Value]; dup {
		c.ds.Errorf(spec.CodeDuplicate, alias.Span, "alias %q is declared twice in this source", alias.Value)
		return false
	}
	s.aliases[alias.Value] = t
	s.order = append(s.order, alias.Value)
	return true
}

// column resolves "col" or "alias.col".
func (c *checker) column(s *scope, id *spec.Ident) (*sqlast.Column, catalog.Type, bool) {
	switch len(id.Parts) {
	case 1:
		return c.bareColumn(s, id)
	case 2:
		return c.qualifiedColumn(s, id)
	}
	c.ds.Errorf(spec.CodeUnknownColumn, id.Span, "%q: write columns as alias.column", strings.Join(id.Parts, "."))
	return nil, catalog.Type{}, false
}

func (c *checker) qualifiedColumn(s *scope, id *spec.Ident) (*sqlast.Column, catalog.Type, bool) {
	alias, name := id.Parts[0], id.Parts[1]
	t, ok := s.aliases[alias]
	if !ok {
		c.ds.Errorf(spec.CodeUnknownAlias, id.Span, "unknown alias %q%s", alias, c.aliasHint(s, alias, name))
		return nil, catalog.Type{}, false
	}
	if t == nil {
		return nil, catalog.Type{}, false
	}
	col, ok := t.Column(name)
	if !ok {
		hint := spec.DidYouMean(name, t.ColumnNames())
		if hint == "" {
			hint = c.elsewhere(s, name, alias)
		}
		c.ds.Errorf(spec.CodeUnknownColumn, id.Span, "unknown column %q in %s (alias %s)%s", name, t.Name, alias, hint)
		return nil, catalog.Type{}, false
	}
	return &sqlast.Column{Table: alias, Column: col.Name}, col.Type, true
}

func (c *checker) bareColumn(s *scope, id *spec.Ident) (*sqlast.Column, catalog.Type, bool) {
	name := id.Parts[0]
	var found []string
	var typ catalog.Type
	var all []string
	for _, alias := range s.order {
		t := s.aliases[alias]
		if t == nil {
			continue
		}
		all = append(all, t.ColumnNames()...)
		if col, ok := t.Column(name); ok {
			found = append(found, alias)
			typ = col.Type
		}
	}
	switch len(found) {
	case 1:
		return &sqlast.Column{Table: found[0], Column: name}, typ, true
	case 0:
		hint := spec.DidYouMean(name, all)
		if hint == "" {
			hint = c.elsewhere(s, name, "")
		}
		if id.Quoted {
			hint += fmt.Sprintf(" (\"%s\" in double quotes is a name; write text in single quotes: '%s')", name, name)
		}
		c.ds.Errorf(spec.CodeUnknownColumn, id.Span, "unknown column %q in %s%s", name, s.describe(), hint)
	default:
		sort.Strings(found)
		c.ds.Errorf(spec.CodeAmbiguous, id.Span, "column %q is in several joined tables (%s): write alias.%s", name, strings.Join(found, ", "), name)
	}
	return nil, catalog.Type{}, false
}

func (s *scope) describe() string {
	var parts []string
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil {
			parts = append(parts, t.Name+" "+a)
		}
	}
	return strings.Join(parts, ", ")
}

// aliasHint explains an unknown alias: a table name written instead of its
// alias, an alias joined further down, or the aliases that have the column.
func (c *checker) aliasHint(s *scope, alias, column string) string {
	if c.subAliases[alias] {
		return fmt.Sprintf(": %q is declared inside a subquery, and a subquery's tables are not visible outside it (use %s.%s inside the subquery, or join the table here)", alias, alias, column)
	}
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil && t.Name == alias {
			return fmt.Sprintf(": table %s is joined as %q, write %s.%s", alias, a, a, column)
		}
	}
	if contains(s.later, alias) {
		return fmt.Sprintf(": %q is joined further down; a join's `on` can only use the aliases declared above it", alias)
	}
	var having []string
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil {
			if _, ok := t.Column(column); ok {
				having = append(having, a)
			}
		}
	}
	if len(having) == 1 {
		return fmt.Sprintf(" (did you mean %s.%s?)", having[0], column)
	}
	return fmt.Sprintf(" (declared: %s)%s", strings.Join(s.order, ", "), spec.DidYouMean(alias, s.order))
}

// elsewhere says which joined alias, or which table not joined, has the
// column.
func (c *checker) elsewhere(s *scope, column, not string) string {
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil && a != not {
			if _, ok := t.Column(column); ok {
				return fmt.Sprintf(" (it is a column of %s, alias %s)", t.Name, a)
			}
		}
	}
	for _, t := range c.cat.Sorted() {
		if _, ok := t.Column(column); ok {
			return fmt.Sprintf(" (it is a column of %s, which this source does not join)", t.Name)
		}
	}
	return ""
}
