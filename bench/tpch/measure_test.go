//go:build !noduckdb

package main

import (
	"strings"
	"testing"
)

// TestSameRows checks the comparison measure makes between assay's CSV and
// the reference's: columns matched by name, decimals with their scale
// equal to the reference's shorter text, doubles within 1e-9, and any
// other difference reported with its row and column.
func TestSameRows(t *testing.T) {
	assay := "l_orderkey,o_orderdate,revenue\n223140,1995-03-14,351238.2770\n584291,1995-02-21,16.283855689005982\n"
	ref := "l_orderkey,revenue,o_orderdate\n223140,351238.277,1995-03-14\n584291,16.28385568900599,1995-02-21\n"
	if err := sameRows(assay, ref); err != nil {
		t.Errorf("same rows refused: %v", err)
	}
	for _, c := range []struct{ ref, want string }{
		{"l_orderkey,revenue,o_orderdate\n223140,351238.278,1995-03-14\n584291,16.28385568900599,1995-02-21\n", "row 1, revenue"},
		{"l_orderkey,revenue,o_orderdate\n223140,351238.277,1995-03-15\n584291,16.28385568900599,1995-02-21\n", "row 1, o_orderdate"},
		{"l_orderkey,revenue,o_orderdate\n223140,351238.277,1995-03-14\n", "2 rows, the reference 1"},
		{"l_orderkey,rev,o_orderdate\n223140,351238.277,1995-03-14\n584291,16.28385568900599,1995-02-21\n", `column "revenue"`},
	} {
		err := sameRows(assay, c.ref)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want an error with %q", err, c.want)
		}
	}
}
