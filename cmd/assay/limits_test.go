package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInputLimits: what is not a spec file, and a spec past the limits,
// exit 2 with a diagnostic instead of eating memory, hanging or crashing.
func TestInputLimits(t *testing.T) {
	db := duckDB(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.yaml")
	src := "report: chain\nfrom: visits v\ndimensions:\n  d: v.day\nmeasures:\n  n: sum(v.charge" + strings.Repeat(" + v.charge", 100000) + ")\n"
	if err := os.WriteFile(chain, []byte(src[:min(len(src), 1<<20-100)]+")\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ spec, want string }{
		{"/dev/zero", "not a regular file (a device) [limit]"},
		{fifo, "not a regular file (a FIFO) [limit]"},
		{chain, "more than the limit of 10000: split it into formulas or simplify it [limit]"},
	}
	for _, c := range cases {
		code, stdout, stderr := assay(t, "check", c.spec, "--db", db)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("check %s: exit %d, stderr %q; want exit 2 and %q", c.spec, code, stderr, c.want)
		}
	}
}
