package spec

import (
	"regexp"
	"strconv"
	"strings"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

var noSpaceRE = regexp.MustCompile(`^\s*(- )?[A-Za-z_][A-Za-z0-9_]*:[^\s/]`)

// yamlError turns a yaml.v3 error into a diagnostic an analyst can act on:
// it points at the offending character where yaml.v3 only names a line,
// corrects yaml.v3's line for its "did not find expected" errors (which
// name the line before), and explains the usual causes.
func (l *loader) yamlError(err error) {
	if line, col, ok := l.tabIndent(); ok {
		off := l.file.Offset(line, col)
		l.ds.Errorf(CodeYAML, Span{File: l.file, Start: off, End: off + 1}, "invalid YAML: a tab indents this line; YAML is indented with spaces only")
		return
	}
	msg := err.Error()
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		l.ds.Errorf(CodeYAML, Span{File: l.file}, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
		return
	}
	line, _ := strconv.Atoi(m[1])
	text := m[2]
	if strings.HasPrefix(text, "did not find expected") && line < len(l.file.lines) {
		line++
	}
	col, hint := l.yamlHint(line, text)
	off := l.file.Offset(line, col)
	l.ds.Errorf(CodeYAML, Span{File: l.file, Start: off, End: off + 1}, "invalid YAML: %s%s", text, hint)
}

// tabIndent finds the first line indented with a tab.
func (l *loader) tabIndent() (line, col int, ok bool) {
	for i := 1; i <= len(l.file.lines); i++ {
		s := l.file.Line(i)
		for j, r := range s {
			if r == '\t' {
				return i, j + 1, true
			}
			if r != ' ' {
				break
			}
		}
	}
	return 0, 0, false
}

// yamlHint picks the column to point at on the line and explains the
// usual cause of the error.
func (l *loader) yamlHint(line int, text string) (int, string) {
	s := l.file.Line(line)
	first := len(s) - len(strings.TrimLeft(s, " ")) + 1
	switch {
	case strings.Contains(text, "could not find expected ':'") && noSpaceRE.MatchString(s):
		return strings.Index(s, ":") + 2, " (put a space after the colon: `key: value`)"
	case strings.Contains(text, "mapping values are not allowed"):
		return first, " (check this line's indentation: keys of one mapping line up, and a value with `: ` inside must be quoted)"
	case strings.Contains(text, "did not find expected '-' indicator"), strings.Contains(text, "did not find expected key"):
		if q := quotedStart(s); q > 0 {
			return q, " (a value that starts with a quote must be quoted as a whole: put the whole expression in double quotes)"
		}
	case strings.Contains(text, "unexpected end of stream"):
		if q := quotedStart(s); q > 0 {
			return q, " (the quote opened here is never closed)"
		}
	case strings.Contains(text, "did not find expected ',' or"):
		if i := strings.LastIndexAny(s, "[{"); i >= 0 {
			return i + 1, " (the bracket opened here is not closed on this line)"
		}
	}
	return first, ""
}

// quotedStart is the column of a value that starts with a quote and goes
// on after the closing quote, or 0.
func quotedStart(s string) int {
	for _, sep := range []string{"- ", ": "} {
		i := strings.Index(s, sep)
		if i < 0 {
			continue
		}
		rest := s[i+len(sep):]
		if len(rest) > 0 && (rest[0] == '\'' || rest[0] == '"') {
			return i + len(sep) + 1
		}
	}
	return 0
}
