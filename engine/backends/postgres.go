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
		Open: func(ctx context.Context, url string, opts engine.ConnOptions) (engine.Backend, error) {
			b, err := postgres.OpenWith(ctx, url, opts)
			if err != nil {
				return nil, err
			}
			return b, nil
		},
	}
}
