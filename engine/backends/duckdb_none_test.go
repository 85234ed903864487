//go:build noduckdb

package backends

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

func TestNoDuckDBRefuses(t *testing.T) {
	e, err := Lookup("duckdb:x.duckdb")
	if err != nil || e.Dialect != dialect.DuckDB {
		t.Fatalf("Lookup = %+v, %v; want the DuckDB entry with its dialect", e, err)
	}
	if !errors.Is(e.Missing, ErrNotBuilt) {
		t.Errorf("Missing = %v; want ErrNotBuilt", e.Missing)
	}
	b, err := Open(context.Background(), "duckdb::memory:", engine.ConnOptions{})
	if b != nil || !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "use the default build for duckdb: URLs") {
		t.Errorf("Open = %v, %v; want a refusal naming the default build", b, err)
	}
}
