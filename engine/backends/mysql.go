package backends

import (
	"context"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql"
)

// mySQLEntry is MySQL 8 or MariaDB 10.11 through go-sql-driver/mysql; the
// URL is mysql://user:password@host:port/database?options.
func mySQLEntry() Entry {
	return Entry{
		Name:    "mysql",
		Schemes: []string{"mysql://"},
		Dialect: dialect.MySQL,
		// The connection lifetime and idle time of assay.yaml (zero: the
		// backend's defaults, below the server's wait_timeout).
		Open: func(ctx context.Context, url string, opts engine.ConnOptions) (engine.Backend, error) {
			b, err := mysql.OpenConfig(ctx, mysql.Config{URL: url, ConnMaxLifetime: opts.MaxLifetime, ConnMaxIdleTime: opts.MaxIdle})
			if err != nil {
				return nil, err
			}
			return b, nil
		},
	}
}
