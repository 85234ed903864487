package spectest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Details is the text under a failed or broken case: the message, the
// row diff and the diagnostics with their source lines.
func (r *Result) Details() string {
	var b strings.Builder
	if r.Message != "" {
		b.WriteString(r.Message + "\n")
	}
	for _, d := range r.Diff {
		b.WriteString(d + "\n")
	}
	r.Diagnostics.Format(&b)
	return b.String()
}

// Print writes one line per case (PASS, FAIL or ERROR with the case's
// place in its file), the details of each case that did not pass,
// indented, and a summary line.
func Print(w io.Writer, results []*Result) {
	for _, r := range results {
		fmt.Fprintf(w, "%-5s %s:%d: %s (%s)\n", r.Status, r.File.Path, r.Case.Line(), r.Case.Name, r.Duration.Round(time.Millisecond))
		if r.Status == Pass {
			continue
		}
		for _, line := range strings.Split(strings.TrimRight(r.Details(), "\n"), "\n") {
			fmt.Fprintf(w, "      %s\n", line)
		}
	}
	pass, fail, broken := Count(results)
	cases := "cases"
	if len(results) == 1 {
		cases = "case"
	}
	fmt.Fprintf(w, "%d %s: %d passed, %d failed, %d errors", len(results), cases, pass, fail, broken)
	if n := CountRefused(results); n > 0 {
		fmt.Fprintf(w, ", %d refused by the database", n)
	}
	fmt.Fprintln(w)
}

// Count returns the number of passed, failed and broken cases.
func Count(results []*Result) (pass, fail, broken int) {
	for _, r := range results {
		switch r.Status {
		case Pass:
			pass++
		case Fail:
			fail++
		case Broken:
			broken++
		}
	}
	return pass, fail, broken
}

// CountRefused returns the number of cases whose report the database's
// dialect refuses.
func CountRefused(results []*Result) int {
	n := 0
	for _, r := range results {
		if r.Status == Refused {
			n++
		}
	}
	return n
}
