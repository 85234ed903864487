package backends

import (
	"context"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/postgres"
)

// postgresEntry is PostgreSQL through pgx; the URL is a postgres:// or
// postgresql:// connection URL.
func postgresEntry() Entry {
	return Entry{
		Name:    "postgres",
		Schemes: []string{"postgres://", "postgresql://"},
		Dialect: dialect.Postgres,
		Open: func(ctx context.Context, url string) (engine.Backend, error) {
			b, err := postgres.Open(ctx, url)
			if err != nil {
				return nil, err
			}
			return b, nil
		},
	}
}
