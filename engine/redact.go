package engine

import (
	"net/url"
	"sort"
	"strings"
	"sync"
)

// RedactedMark replaces a secret in an error text.
const RedactedMark = "xxxxx"

// Secrets are the strings no printed error may contain: database URLs as
// given and their passwords, decoded and as written. A server may quote
// the password in its own error message (a user name that is the
// password, a proxy echoing the login), so every error that crosses a
// backend or a command is scrubbed, whatever produced it. The zero value
// is empty and ready to use; Secrets are safe for concurrent use.
type Secrets struct {
	mu     sync.Mutex
	values []string
}

// AddURL records a database URL (or key=value DSN), the password written
// in its user info, raw and percent-decoded, and the extra passwords given
// (for instance one read from PGPASSWORD or a password file).
func (s *Secrets) AddURL(dsn string, passwords ...string) {
	add := append([]string{dsn}, passwords...)
	if raw := rawURLPassword(dsn); raw != "" {
		add = append(add, raw)
		if dec, err := url.PathUnescape(raw); err == nil {
			add = append(add, dec)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range add {
		if v != "" && !contains(s.values, v) {
			s.values = append(s.values, v)
		}
	}
	// Longest first, so that a whole URL goes before the password in it.
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// rawURLPassword returns the password as written in a URL of the form
// scheme://user:password@host…, or "" when there is none.
func rawURLPassword(dsn string) string {
	_, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return ""
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	userinfo := rest[:at]
	if strings.ContainsAny(userinfo, "/?#") {
		return ""
	}
	_, pw, _ := strings.Cut(userinfo, ":")
	return pw
}

// Scrub replaces every secret in text with RedactedMark.
func (s *Secrets) Scrub(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, RedactedMark)
	}
	return text
}

// Redact returns err unchanged when its text holds no secret, otherwise an
// error with the secrets replaced that still unwraps to err.
func (s *Secrets) Redact(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	clean := s.Scrub(text)
	if clean == text {
		return err
	}
	return &RedactedError{Msg: clean, Err: err}
}

// RedactedError shows a cleaned message but keeps the original error for
// errors.Is and errors.As.
type RedactedError struct {
	Msg string // the message with every secret replaced
	Err error  // the original error, whose text may hold secrets
}

// Error returns the cleaned message.
func (e *RedactedError) Error() string { return e.Msg }

// Unwrap returns the original error.
func (e *RedactedError) Unwrap() error { return e.Err }
