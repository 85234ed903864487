// Package spec reads report specs: YAML files turned into a spec tree in
// which every node keeps its span in the source, and the parser of the
// expression language used inside them. It also owns the position model
// (File, Span) and diagnostics (Diagnostic, Code) that every later stage
// uses to point at the analyst's text.
//
// The package knows nothing about databases: it checks syntax and shape
// only. Names are resolved by the compiler against the reflected catalog.
package spec
