package emrdata

import (
	"strconv"
	"strings"
)

// Table names, in dependency order (a table only references tables before it).
const (
	tableClinics  = "clinics"
	tableStaff    = "staff"
	tableServices = "services"
	tablePatients = "patients"
	tableShifts   = "shifts"
	tableVisits   = "visits"
)

// column is one column of the schema. The same definition renders the DDL,
// names the columns for COPY and tells the DuckDB loader the width of a
// numeric column.
type column struct {
	name       string
	typ        string // SQL type, spelled the same for PostgreSQL and DuckDB
	primaryKey bool
	notNull    bool
	unique     bool
	references string // "table (column)" for a foreign key, or ""
	width      uint8  // total digits of a numeric(width,2) column, else 0
}

// tableDef is one table of the schema.
type tableDef struct {
	name    string
	columns []column
}

// Column constructors keep the schema below readable.

func pk(name string) column      { return column{name: name, typ: "integer", primaryKey: true} }
func text(name string) column    { return column{name: name, typ: "text", notNull: true} }
func integer(name string) column { return column{name: name, typ: "integer", notNull: true} }
func date(name string) column    { return column{name: name, typ: "date", notNull: true} }

// ref is a nullable integer column referencing table (id).
func ref(name, table string) column {
	return column{name: name, typ: "integer", references: table + " (id)"}
}

// numeric is a non-null numeric(width,2) column.
func numeric(name string, width uint8) column {
	return column{name: name, typ: numericType(width), notNull: true, width: width}
}

func nullable(c column) column { c.notNull = false; return c }
func required(c column) column { c.notNull = true; return c }
func unique(c column) column   { c.unique = true; return c }

func numericType(width uint8) string {
	return "numeric(" + strconv.Itoa(int(width)) + ",2)"
}

// schema is the data set's schema in dependency order.
var schema = []tableDef{
	{name: tableClinics, columns: []column{
		pk("id"),
		unique(text("name")),
		text("region"),
		date("opened_on"),
	}},
	{name: tableStaff, columns: []column{
		pk("id"),
		required(ref("clinic_id", tableClinics)),
		text("name"),
		text("role"),
		numeric("hourly_cost", 8),
		date("hired_on"),
	}},
	{name: tableServices, columns: []column{
		pk("id"),
		unique(text("code")),
		text("name"),
		text("category"),
		numeric("price", 10),
	}},
	{name: tablePatients, columns: []column{
		pk("id"),
		integer("birth_year"),
		text("sex"),
		ref("home_clinic_id", tableClinics),
	}},
	{name: tableShifts, columns: []column{
		pk("id"),
		required(ref("staff_id", tableStaff)),
		required(ref("clinic_id", tableClinics)),
		date("day"),
		numeric("hours", 4),
	}},
	{name: tableVisits, columns: []column{
		pk("id"),
		required(ref("clinic_id", tableClinics)),
		required(ref("patient_id", tablePatients)),
		ref("service_id", tableServices),
		ref("staff_id", tableStaff),
		date("day"),
		{name: "started_at", typ: "timestamptz", notNull: true},
		text("status"),
		nullable(integer("wait_minutes")),
		nullable(integer("duration_minutes")),
		nullable(numeric("charge", 10)),
	}},
}

// TableNames returns the names of the data set's tables in dependency order:
// clinics, staff, services, patients, shifts, visits.
func TableNames() []string {
	names := make([]string, len(schema))
	for i, t := range schema {
		names[i] = t.name
	}
	return names
}

// DDL returns one CREATE TABLE statement per table, in dependency order. The
// statements have no trailing semicolon, use unqualified table names and are
// accepted unchanged by PostgreSQL 15 and DuckDB 1.4.
func DDL() []string {
	stmts := make([]string, len(schema))
	for i := range schema {
		stmts[i] = schema[i].createStatement(true)
	}
	return stmts
}

// createStatement renders the table's CREATE TABLE statement, with or
// without its foreign keys.
func (t *tableDef) createStatement(foreignKeys bool) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + t.name + " (\n")
	for i, c := range t.columns {
		if !foreignKeys {
			c.references = ""
		}
		b.WriteString("    " + c.definition())
		if i < len(t.columns)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	return b.String()
}

// definition renders the column as it appears inside CREATE TABLE.
func (c column) definition() string {
	parts := []string{c.name, c.typ}
	switch {
	case c.primaryKey:
		parts = append(parts, "PRIMARY KEY")
	case c.notNull:
		parts = append(parts, "NOT NULL")
	}
	if c.unique {
		parts = append(parts, "UNIQUE")
	}
	if c.references != "" {
		parts = append(parts, "REFERENCES "+c.references)
	}
	return strings.Join(parts, " ")
}

// addForeignKeys returns ALTER TABLE statements adding the foreign keys that
// createStatement(false) leaves out. PostgreSQL names them as it names the
// inline ones (table_column_fkey), so the result is the schema of DDL.
func addForeignKeys() []string {
	var stmts []string
	for _, t := range schema {
		for _, c := range t.columns {
			if c.references != "" {
				stmts = append(stmts, "ALTER TABLE "+t.name+" ADD FOREIGN KEY ("+c.name+") REFERENCES "+c.references)
			}
		}
	}
	return stmts
}

// columnNames returns the table's column names in table order.
func (t *tableDef) columnNames() []string {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.name
	}
	return names
}
