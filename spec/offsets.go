package spec

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// offsets maps each byte of a scalar's value to its byte offset in the
// file, for the scalars whose value is not their source text verbatim:
// quoted strings with escapes, and literal (|) and folded (>) blocks. It
// returns nil when the value cannot be traced back exactly.
func (l *loader) offsets(n *yaml.Node) []int {
	start := l.file.Offset(n.Line, n.Column)
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0:
		return l.quotedOffsets(n.Value, start+1, '\'')
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return l.quotedOffsets(n.Value, start+1, '"')
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return l.blockOffsets(n.Value, n.Line)
	}
	return nil
}

// quotedOffsets walks a one-line quoted scalar: in single quotes a doubled quote stands
// for ', in double quotes a backslash escape for one character.
func (l *loader) quotedOffsets(value string, at int, quote byte) []int {
	src := l.file.Src
	out := make([]int, 0, len(value))
	i := at
	for j := 0; j < len(value); j++ {
		if i >= len(src) || src[i] == '\n' {
			return nil
		}
		switch {
		case quote == '\'' && src[i] == '\'' && i+1 < len(src) && src[i+1] == '\'':
			out = append(out, i)
			i += 2
		case quote == '"' && src[i] == '\\':
			out = append(out, i)
			i += escapeLen(src[i:])
		default:
			if src[i] != value[j] {
				return nil
			}
			out = append(out, i)
			i++
		}
	}
	return out
}

// escapeLen is the source length of a double-quoted escape, \x, \xNN,
// \uNNNN or \UNNNNNNNN. Escapes that become several bytes in the value are
// rare in expressions; they make the mapping give up (nil) on mismatch.
func escapeLen(s []byte) int {
	if len(s) < 2 {
		return 1
	}
	switch s[1] {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	return 2
}

// blockOffsets maps a literal or folded block's value, line by line, to
// the block's lines after the indicator line; the line break (or the space
// it folds into) maps to the end of its line.
func (l *loader) blockOffsets(value string, indicatorLine int) []int {
	out := make([]int, 0, len(value))
	line := indicatorLine + 1
	for len(out) < len(value) {
		if line > len(l.file.lines) {
			return nil
		}
		text := l.file.Line(line)
		trimmed := strings.TrimLeft(text, " ")
		base := l.file.Offset(line, 1) + len(text) - len(trimmed)
		rest := value[len(out):]
		if trimmed == "" {
			if rest[0] == '\n' {
				out = append(out, base)
			}
			line++
			continue
		}
		if !strings.HasPrefix(rest, trimmed) {
			return nil
		}
		for k := range trimmed {
			out = append(out, base+k)
		}
		if len(out) < len(value) {
			out = append(out, base+len(trimmed)) // the newline or folding space
		}
		line++
	}
	return out
}
