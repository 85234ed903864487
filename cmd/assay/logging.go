package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
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

// logLines is the standard error of a run that logs JSON (--log-format
// json): whatever is written to it becomes log records, one per line, so
// that a log shipper never meets a line that is not JSON. Spec diagnostics
// are logged one record each by showDiagnostics, with their position and
// code as attributes.
type logLines struct {
	log *slog.Logger
	mu  sync.Mutex
	buf []byte
}

func (w *logLines) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		if line := strings.TrimSpace(string(w.buf[:i])); line != "" {
			w.log.Info(strings.TrimPrefix(line, "assay: "))
		}
		w.buf = w.buf[i+1:]
	}
}

// showDiagnostics prints ds on w: formatted with their source lines, or,
// when w is a JSON log (logLines), one record per diagnostic.
func showDiagnostics(w io.Writer, ds spec.Diagnostics) {
	lw, ok := w.(*logLines)
	if !ok {
		ds.Format(w)
		return
	}
	for _, d := range ds {
		level := slog.LevelError
		if d.Severity == spec.Warning {
			level = slog.LevelWarn
		}
		attrs := []any{"severity", d.Severity.String(), "code", string(d.Code), "message", d.Message}
		if d.Span.IsValid() {
			line, col := d.Span.File.Position(d.Span.Start)
			attrs = append(attrs, "file", d.Span.File.Name, "line", line, "column", col)
		}
		lw.log.Log(context.Background(), level, d.Header(), attrs...)
	}
}

// errorLogKey is the context key of the logger that prints a command's
// final error (set by a command that logs JSON).
type errorLogKey struct{}

// errorLog holds the logger through which run prints the final error of
// a command, nil for the plain "assay CMD: error" line.
type errorLog struct{ log *slog.Logger }

func withErrorLog(ctx context.Context, l *errorLog) context.Context {
	return context.WithValue(ctx, errorLogKey{}, l)
}

// setErrorLog makes log print the command's final error: a command
// logging JSON calls it, so that its last line is JSON too.
func setErrorLog(ctx context.Context, log *slog.Logger) {
	if l, ok := ctx.Value(errorLogKey{}).(*errorLog); ok {
		l.log = log
	}
}
