// Package compiler checks a parsed report spec against the reflected
// catalog and turns it into a Plan: every name resolved, every expression
// typed, the SQL tree built. The spec tree is never modified. Binding
// parameter values to a Plan gives the final sqlast.Select that a dialect
// renders.
package compiler
