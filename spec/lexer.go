package spec

import (
	"fmt"
	"strings"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokQuotedIdent
	tokNumber
	tokString
	tokParam
	tokOp
)

// token is one lexeme; start and end are byte offsets into the expression text.
type token struct {
	kind       tokKind
	text       string // identifier as written, operator, number text, string value, param name
	start, end int
}

// is reports whether t is the keyword kw (case-insensitive, unquoted).
func (t token) is(kw string) bool { return t.kind == tokIdent && strings.EqualFold(t.text, kw) }

// isOp reports whether t is the operator op.
func (t token) isOp(op string) bool { return t.kind == tokOp && t.text == op }

type lexError struct {
	start, end int
	msg        string
}

// lex splits src into tokens. It stops at the first error.
func lex(src string) ([]token, *lexError) {
	var toks []token
	i := 0
	for {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			return append(toks, token{kind: tokEOF, start: i, end: i}), nil
		}
		t, err := lexOne(src, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i = t.end
	}
}

func lexOne(src string, i int) (token, *lexError) {
	c := src[i]
	switch {
	case isIdentStart(c):
		j := i + 1
		for j < len(src) && isIdentPart(src[j]) {
			j++
		}
		return token{kind: tokIdent, text: src[i:j], start: i, end: j}, nil
	case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
		return lexNumber(src, i)
	case c == '\'':
		return lexQuoted(src, i, '\'', tokString, "text literal")
	case c == '"':
		return lexQuoted(src, i, '"', tokQuotedIdent, "quoted name")
	case c == ':' && i+1 < len(src) && isIdentStart(src[i+1]):
		j := i + 2
		for j < len(src) && isIdentPart(src[j]) {
			j++
		}
		return token{kind: tokParam, text: src[i+1 : j], start: i, end: j}, nil
	}
	for _, op := range []string{"::", "<>", "!=", "<=", ">=", "||", "+", "-", "*", "/", "%", "=", "<", ">", "(", ")", ",", "."} {
		if strings.HasPrefix(src[i:], op) {
			return token{kind: tokOp, text: op, start: i, end: i + len(op)}, nil
		}
	}
	return token{}, &lexError{i, i + 1, fmt.Sprintf("unexpected character %q", rune(c))}
}

func lexNumber(src string, i int) (token, *lexError) {
	j := i
	for j < len(src) && isDigit(src[j]) {
		j++
	}
	if j < len(src) && src[j] == '.' {
		j++
		for j < len(src) && isDigit(src[j]) {
			j++
		}
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			for k < len(src) && isDigit(src[k]) {
				k++
			}
			j = k
		}
	}
	if j < len(src) && isIdentStart(src[j]) {
		return token{}, &lexError{i, j + 1, fmt.Sprintf("malformed number %q", src[i:j+1])}
	}
	return token{kind: tokNumber, text: src[i:j], start: i, end: j}, nil
}

// lexQuoted reads a literal delimited by q in which a doubled q stands for one.
func lexQuoted(src string, i int, q byte, kind tokKind, what string) (token, *lexError) {
	var b strings.Builder
	j := i + 1
	for j < len(src) {
		if src[j] == q {
			if j+1 < len(src) && src[j+1] == q {
				b.WriteByte(q)
				j += 2
				continue
			}
			return token{kind: kind, text: b.String(), start: i, end: j + 1}, nil
		}
		b.WriteByte(src[j])
		j++
	}
	return token{}, &lexError{i, len(src), fmt.Sprintf("unterminated %s (missing closing %c)", what, q)}
}

func isSpace(c byte) bool      { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80 }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }
