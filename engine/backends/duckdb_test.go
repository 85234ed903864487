//go:build !noduckdb

package backends

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

func TestOpenDuckDB(t *testing.T) {
	ctx := context.Background()
	b, err := Open(ctx, "duckdb::memory:", engine.ConnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Dialect() != dialect.DuckDB {
		t.Errorf("Dialect() = %v", b.Dialect())
	}
	missing := filepath.Join(t.TempDir(), "none.duckdb")
	_, err = Open(ctx, "duckdb:"+missing+"?token=Secr3t", engine.ConnOptions{})
	if err == nil || !strings.Contains(err.Error(), "does not exist (create it with `assay demo --db duckdb:"+missing+"`)") {
		t.Errorf("missing file: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "Secr3t") {
		t.Errorf("the error shows the URL's options: %v", err)
	}
	for _, e := range Table() {
		if e.Missing != nil {
			t.Errorf("the default build lacks %s: %v", e.Name, e.Missing)
		}
	}
}
