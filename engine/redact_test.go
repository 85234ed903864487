package engine

import (
	"errors"
	"strings"
	"testing"
)

func TestRedactKeepsCause(t *testing.T) {
	cause := errors.New("cause")
	var sec Secrets
	sec.AddURL("postgres://u:p%40ss@h/db")
	err := sec.Redact(errors.Join(errors.New("login p@ss / p%40ss failed"), cause))
	if strings.Contains(err.Error(), "p@ss") || strings.Contains(err.Error(), "p%40ss") {
		t.Errorf("not redacted: %s", err)
	}
	if !errors.Is(err, cause) {
		t.Error("redacted error lost its cause")
	}
	if clean := errors.New("nothing secret"); sec.Redact(clean) != clean {
		t.Error("clean error was rewrapped")
	}
}

func TestRedactURLBeforePassword(t *testing.T) {
	var sec Secrets
	sec.AddURL("postgres://u:pw@h/db", "fromenv")
	got := sec.Scrub("open postgres://u:pw@h/db: bad fromenv")
	if want := "open xxxxx: bad xxxxx"; got != want {
		t.Errorf("Scrub = %q, want %q", got, want)
	}
	if got := rawURLPassword("postgres://h/db?x=a:b@c"); got != "" {
		t.Errorf("password from a query string: %q", got)
	}
}
