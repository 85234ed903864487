// Package diagtest holds the corpus of broken report specs and their
// expected diagnostics. It has no code of its own: its tests load every
// testdata/broken/NN_name.yaml, check it against the catalog reflected from
// the example EMR database and compare the printed diagnostics (position,
// severity, message, code, source line and caret) with NN_name.golden.
//
// A spec may start with comment lines of the form
//
//	# -p name=value
//
// to give parameter values as on the command line. A comment starting
// with "# MISSING:" says which diagnostic the checker should give but does
// not yet, so that its golden file records the gap. Rewrite the golden
// files with
//
//	go test ./compiler/diagtest -update
package diagtest
