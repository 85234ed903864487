package main

import (
	"strings"
	"testing"
)

// TestListParamValues: -p list values are CSV records; an empty item is an
// error rather than a filter silently dropped or narrowed, and a quoted
// item may hold a comma.
func TestListParamValues(t *testing.T) {
	db := duckDB(t)
	spec := "../../examples/emr/reports/service_mix.yaml"
	for _, c := range []struct{ value, want string }{
		{"categories=,", "item 1 of the list is empty"},
		{"categories=lab,,imaging", "item 2 of the list is empty"},
		{`categories="lab, imaging`, "opens a quote that is not closed"},
	} {
		code, stdout, stderr := assay(t, "run", spec, "--db", db, "--format", "csv", "-p", c.value)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("-p %s: exit %d, stdout %d bytes, stderr %q; want exit 2 and %q", c.value, code, len(stdout), stderr, c.want)
		}
	}
	code, stdout, stderr := assay(t, "sql", spec, "--db", db, "--inline", "-p", `categories="lab, imaging", x`)
	if code != exitOK || !strings.Contains(stdout, "IN ('lab, imaging', 'x')") {
		t.Errorf("quoted item: exit %d, stderr %q, SQL:\n%s", code, stderr, stdout)
	}
}

// TestParamInvalidUTF8 is refused while reading the flags, before any
// connection: the database URL here has no server behind it.
func TestParamInvalidUTF8(t *testing.T) {
	spec := "../../examples/emr/reports/service_mix.yaml"
	code, _, stderr := assay(t, "run", spec, "--db", "postgres://127.0.0.1:1/none", "-p", "categories=caf\xe9")
	if code != exitUsage || !strings.Contains(stderr, "not valid UTF-8") {
		t.Errorf("exit %d, stderr %q; want exit 2 and a UTF-8 error", code, stderr)
	}
}
