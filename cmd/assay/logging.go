package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/assay-dev/assay/engine"
)

// Log formats of --log-format.
const (
	logText = "text"
	logJSON = "json"
)

// newLogger returns the logger of a run: slog text (the default) or JSON
// lines on w, errors only when quiet, every message and value scrubbed of
// the command's secrets (database URLs and passwords), whatever put them
// there: an error of a driver, a server echoing the login.
func newLogger(w io.Writer, format string, quiet bool, secrets *engine.Secrets) (*slog.Logger, error) {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime {
			// Milliseconds are enough to order the lines of a run.
			return slog.String(slog.TimeKey, a.Value.Time().UTC().Format("2006-01-02T15:04:05.000Z07:00"))
		}
		return a
	}}
	var h slog.Handler
	switch format {
	case logText:
		h = slog.NewTextHandler(w, opts)
	case logJSON:
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, usagef("--log-format is %s or %s, not %q", logText, logJSON, format)
	}
	return slog.New(redactingHandler{h, secrets}), nil
}

// redactingHandler scrubs secrets from the message and every value of a
// record before its handler formats it.
type redactingHandler struct {
	h       slog.Handler
	secrets *engine.Secrets
}

func (r redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return r.h.Enabled(ctx, l)
}

func (r redactingHandler) Handle(ctx context.Context, rec slog.Record) error {
	clean := slog.NewRecord(rec.Time, rec.Level, r.secrets.Scrub(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(r.scrub(a))
		return true
	})
	return r.h.Handle(ctx, clean)
}

func (r redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = r.scrub(a)
	}
	return redactingHandler{r.h.WithAttrs(clean), r.secrets}
}

func (r redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{r.h.WithGroup(name), r.secrets}
}

// scrub returns a with its value scrubbed: texts, errors and anything
// else that prints as text (numbers, times and durations have no room for
// a secret and stay typed).
func (r redactingHandler) scrub(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindBool, slog.KindDuration, slog.KindTime:
		return slog.Attr{Key: a.Key, Value: v}
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = r.scrub(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindString:
		return slog.String(a.Key, r.secrets.Scrub(v.String()))
	}
	return slog.String(a.Key, r.secrets.Scrub(fmt.Sprint(v.Any())))
}

// ms is a duration in whole milliseconds, for log values and the manifest.
func ms(d time.Duration) int64 { return d.Milliseconds() }
