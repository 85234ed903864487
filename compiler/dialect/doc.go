// Package dialect renders the sqlast tree as SQL text for one database.
// There is one shared renderer; a Dialect is data — quoting, placeholders,
// type names, the spelling of each function — plus one audited function
// that writes a value as a literal for `assay sql --inline`. Adding a
// database means adding a table of differences, not another renderer.
package dialect
