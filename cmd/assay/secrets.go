package main

import (
	"context"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
)

// secretsKey is the context key of the command's engine.Secrets.
type secretsKey struct{}

// withSecrets returns ctx carrying the secrets that run scrubs from the
// command's printed error.
func withSecrets(ctx context.Context, s *engine.Secrets) context.Context {
	return context.WithValue(ctx, secretsKey{}, s)
}

// secretsOf returns the secrets carried by ctx, or a fresh set that no
// one reads when there are none (a command called directly).
func secretsOf(ctx context.Context) *engine.Secrets {
	if s, ok := ctx.Value(secretsKey{}).(*engine.Secrets); ok {
		return s
	}
	return &engine.Secrets{}
}

// database resolves the database of a command (its --db, else the
// project's default, else $ASSAY_DATABASE_URL) and records its URL and
// password as secrets, so that no error the command prints shows them,
// whoever wrote the error: a driver, a server echoing the login, assay.
func database(ctx context.Context, p *spec.Project, dbFlag string) (url, name string, err error) {
	url, name, err = databaseURL(p, dbFlag)
	if err != nil {
		return "", "", err
	}
	secretsOf(ctx).AddURL(url)
	return url, name, nil
}
