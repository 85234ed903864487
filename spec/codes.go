package spec

// Code identifies the kind of a diagnostic. Codes are stable: they are
// appended to, never renamed or reused, so that scripts and tests can rely
// on them.
type Code string

// The diagnostic codes. Keep this list append-only.
const (
	CodeYAML            Code = "yaml"             // the file is not valid YAML
	CodeShape           Code = "shape"            // a value has the wrong YAML shape (mapping, list, scalar)
	CodeUnknownKey      Code = "unknown-key"      // a key the language does not have
	CodeMissingKey      Code = "missing-key"      // a required key is absent
	CodeBadName         Code = "bad-name"         // a name that is not [a-z][a-z0-9_]*
	CodeDuplicate       Code = "duplicate-name"   // two outputs, aliases or params with one name
	CodeSyntax          Code = "syntax"           // an expression does not parse
	CodeUnknownTable    Code = "unknown-table"    // no such table in the reflected catalog
	CodeUnknownColumn   Code = "unknown-column"   // no such column
	CodeAmbiguous       Code = "ambiguous-column" // a bare column found under several aliases
	CodeUnknownAlias    Code = "unknown-alias"    // alias.col with an alias not declared
	CodeUnknownParam    Code = "unknown-param"    // :name with no such param
	CodeMissingParam    Code = "missing-param"    // a required param has no value
	CodeBadValue        Code = "bad-value"        // a param value or default of the wrong form
	CodeUnknownFunction Code = "unknown-function" // a function the language does not have
	CodeArgs            Code = "bad-arguments"    // wrong number or kind of arguments
	CodeType            Code = "type-mismatch"    // an operation on values of the wrong type
	CodeNestedAggregate Code = "nested-aggregate" // an aggregate inside an aggregate
	CodeNotAggregated   Code = "not-aggregated"   // a measure using a column outside an aggregate
	CodeAggregateHere   Code = "aggregate-here"   // an aggregate where rows are not grouped (where, dimensions)
	CodeUnknownName     Code = "unknown-name"     // order/having/columns names no output
	CodeUnsupported     Code = "unsupported"      // a construct this version does not run yet
	CodeUnusedParam     Code = "unused-param"     // a declared param that nothing references
	CodeCycle           Code = "formula-cycle"    // formulas that refer to each other in a loop
	CodeFanOut          Code = "fan-out"          // a measure whose rows a to-many join repeats
	CodeWindow          Code = "window-helper"    // a window helper used wrongly
	CodeOptionalParam   Code = "optional-param"   // an optional param where nothing can be dropped
	CodeLimit           Code = "limit"            // input beyond a documented limit: file size or kind, nesting, sizes
	CodeSubquery        Code = "subquery"         // a subquery used where it cannot stand, or of the wrong shape
)
