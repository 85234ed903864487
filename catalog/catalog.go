package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Catalog is the set of tables reflected from one database.
type Catalog struct {
	// Tables holds every reflected table, keyed by Key(schema, name).
	Tables map[string]*Table
	// DefaultSchema is the first schema searched for unqualified table
	// names ("public" on PostgreSQL, "main" on DuckDB).
	DefaultSchema string
	// SearchPath lists every schema searched for unqualified table names,
	// in order, as the database resolves them (PostgreSQL's search_path);
	// empty means DefaultSchema alone.
	SearchPath []string
}

// Table is one reflected table or view.
type Table struct {
	Schema      string
	Name        string
	Columns     []*Column
	PrimaryKey  []string   // column names, empty when there is none
	UniqueKeys  [][]string // each a set of column names (the primary key not repeated)
	ForeignKeys []ForeignKey
}

// Column is one column of a table.
type Column struct {
	Name     string
	Type     Type
	Nullable bool
}

// ForeignKey says that Columns of the owning table reference RefColumns of
// RefSchema.RefTable.
type ForeignKey struct {
	Name       string
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
}

// New returns an empty catalog whose unqualified names resolve in defaultSchema.
func New(defaultSchema string) *Catalog {
	return &Catalog{Tables: map[string]*Table{}, DefaultSchema: defaultSchema}
}

// Key is the map key of a table: "schema.name".
func Key(schema, name string) string { return schema + "." + name }

// Add puts t into the catalog, replacing a table of the same name.
func (c *Catalog) Add(t *Table) { c.Tables[Key(t.Schema, t.Name)] = t }

// Lookup finds a table by an optional schema and a name. An empty schema
// means the first schema of the search path that holds the name.
func (c *Catalog) Lookup(schema, name string) (*Table, bool) {
	if schema != "" {
		t, ok := c.Tables[Key(schema, name)]
		return t, ok
	}
	for _, s := range c.searched() {
		if t, ok := c.Tables[Key(s, name)]; ok {
			return t, true
		}
	}
	return nil, false
}

// searched returns the schemas an unqualified name is looked up in.
func (c *Catalog) searched() []string {
	if len(c.SearchPath) == 0 {
		return []string{c.DefaultSchema}
	}
	return c.SearchPath
}

// Sorted returns the tables ordered by schema and name.
func (c *Catalog) Sorted() []*Table {
	out := make([]*Table, 0, len(c.Tables))
	for _, t := range c.Tables {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// TableNames returns the names by which tables can be written in a spec:
// bare names for the tables an unqualified name resolves to, schema.name
// for the others.
func (c *Catalog) TableNames() []string {
	var out []string
	for _, t := range c.Sorted() {
		if found, _ := c.Lookup("", t.Name); found == t {
			out = append(out, t.Name)
		} else {
			out = append(out, t.Schema+"."+t.Name)
		}
	}
	return out
}

// Column returns the column called name, if the table has one.
func (t *Table) Column(name string) (*Column, bool) {
	for _, col := range t.Columns {
		if col.Name == name {
			return col, true
		}
	}
	return nil, false
}

// ColumnNames returns the names of the table's columns in table order.
func (t *Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		out[i] = col.Name
	}
	return out
}

// IsUnique reports whether the given columns include a primary or unique
// key of the table, so that at most one row matches each value of them.
func (t *Table) IsUnique(cols []string) bool {
	have := map[string]bool{}
	for _, c := range cols {
		have[c] = true
	}
	covers := func(key []string) bool {
		if len(key) == 0 {
			return false
		}
		for _, k := range key {
			if !have[k] {
				return false
			}
		}
		return true
	}
	if covers(t.PrimaryKey) {
		return true
	}
	for _, u := range t.UniqueKeys {
		if covers(u) {
			return true
		}
	}
	return false
}

// AddUniqueKey records cols as a unique key unless the table already has
// that key (as its primary key or another unique key), in any column order.
func (t *Table) AddUniqueKey(cols []string) {
	if len(cols) == 0 || sameSet(cols, t.PrimaryKey) {
		return
	}
	for _, u := range t.UniqueKeys {
		if sameSet(cols, u) {
			return
		}
	}
	t.UniqueKeys = append(t.UniqueKeys, cols)
}

// sameSet reports whether a and b hold the same names.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	sa, sb := slices.Clone(a), slices.Clone(b)
	slices.Sort(sa)
	slices.Sort(sb)
	return slices.Equal(sa, sb)
}

// String prints the table as one line per column, for `assay schema`.
func (t *Table) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.%s\n", t.Schema, t.Name)
	for _, col := range t.Columns {
		null := ""
		if !col.Nullable {
			null = " not null"
		}
		fmt.Fprintf(&b, "  %-24s %s%s\n", col.Name, col.Type, null)
	}
	if len(t.PrimaryKey) > 0 {
		fmt.Fprintf(&b, "  primary key (%s)\n", strings.Join(t.PrimaryKey, ", "))
	}
	for _, u := range t.UniqueKeys {
		fmt.Fprintf(&b, "  unique (%s)\n", strings.Join(u, ", "))
	}
	for _, fk := range t.ForeignKeys {
		fmt.Fprintf(&b, "  foreign key (%s) references %s.%s (%s)\n",
			strings.Join(fk.Columns, ", "), fk.RefSchema, fk.RefTable, strings.Join(fk.RefColumns, ", "))
	}
	return b.String()
}
