package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"syscall"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest spec or project file assay reads: 1 MiB.
// A file is read through this limit, never whole first, so that a device
// such as /dev/zero cannot exhaust memory.
const MaxFileSize = 1 << 20

// MaxEntries bounds the entries of one block of a spec or assay.yaml (the
// keys of a mapping, the items of a list): dimensions, measures, formulas,
// where entries, joins, params, sources and so on.
const MaxEntries = 1000

// nameRE is the form of report, param and output names.
var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// LoadFile reads and parses the spec at path. I/O errors come back as a
// diagnostic without a position.
func LoadFile(path string) (*Report, Diagnostics) {
	src, err := ReadSource(path)
	if err != nil {
		var ds Diagnostics
		ds.Errorf(sourceCode(err), Span{}, "cannot read spec: %v", err)
		return nil, ds
	}
	return Load(path, src)
}

// ErrTooLarge is returned by ReadSource for a file over MaxFileSize.
var ErrTooLarge = fmt.Errorf("the file is larger than the limit of %d bytes (1 MiB)", MaxFileSize)

// ErrNotRegular is returned by ReadSource for a path that is not a regular
// file (a folder, a FIFO, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// ReadSource reads a spec or project file of at most MaxFileSize bytes. It
// refuses anything but a regular file before reading a byte: the file is
// opened without blocking (a FIFO without a writer would hang a plain
// open) and its type checked on the open descriptor.
func ReadSource(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize { // the file grew while being read
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return src, nil
}

// sourceCode is the diagnostic code of a ReadSource error.
func sourceCode(err error) Code {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrNotRegular) {
		return CodeLimit
	}
	return CodeYAML
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

// Load parses one report spec. It returns the report (possibly partial)
// and every diagnostic found; the report must not be used when the
// diagnostics hold an error.
func Load(name string, src []byte) (*Report, Diagnostics) {
	l := &loader{file: NewFile(name, src)}
	if len(src) > MaxFileSize {
		l.ds.Errorf(CodeLimit, Span{File: l.file}, "spec file is larger than the limit of %d bytes (1 MiB)", MaxFileSize)
		return nil, l.ds
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		l.yamlError(err)
		return nil, l.ds
	}
	if len(doc.Content) == 0 {
		l.ds.Errorf(CodeShape, Span{File: l.file}, "the spec is empty: expected a mapping with at least `report:`")
		return nil, l.ds
	}
	r := l.report(doc.Content[0])
	return r, l.ds.Sort()
}

type loader struct {
	file *File
	ds   Diagnostics
}

// span returns the span of a node: for scalars the written value, for
// collections the position of their first character.
func (l *loader) span(n *yaml.Node) Span {
	start := l.file.Offset(n.Line, n.Column)
	end := start + 1
	if n.Kind == yaml.ScalarNode {
		if src, ok := l.exactText(n); ok {
			return Span{File: l.file, Start: src, End: src + len(n.Value)}
		}
		end = start + max(1, len(n.Value))
		if i := bytes.IndexByte(l.file.Src[start:], '\n'); i >= 0 && start+i < end {
			end = start + i
		}
	}
	return Span{File: l.file, Start: start, End: min(end, len(l.file.Src))}
}

// exactText reports where the scalar's value stands verbatim in the file,
// if it does (plain scalars, and quoted ones without escapes).
func (l *loader) exactText(n *yaml.Node) (int, bool) {
	start := l.file.Offset(n.Line, n.Column)
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
		start++
	} else if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return 0, false
	}
	end := start + len(n.Value)
	if end <= len(l.file.Src) && string(l.file.Src[start:end]) == n.Value {
		return start, true
	}
	return 0, false
}

func (l *loader) str(n *yaml.Node) Str { return Str{Value: n.Value, Span: l.span(n)} }

// expr parses a scalar as an expression.
func (l *loader) expr(n *yaml.Node) Expr {
	if !l.isScalar(n, "an expression") {
		return nil
	}
	if strings.TrimSpace(n.Value) == "" {
		l.ds.Errorf(CodeSyntax, l.span(n), "empty expression")
		return nil
	}
	src := ExprSource{Text: n.Value, At: l.span(n)}
	if start, ok := l.exactText(n); ok {
		src.At, src.Exact = Span{File: l.file, Start: start, End: start + len(n.Value)}, true
	} else {
		src.Offsets = l.offsets(n)
	}
	e, ds := ParseExpr(src)
	l.ds = append(l.ds, ds...)
	return e
}

func (l *loader) isScalar(n *yaml.Node, what string) bool {
	if n.Kind == yaml.AliasNode {
		l.ds.Errorf(CodeShape, l.span(n), "YAML aliases are not allowed in specs")
		return false
	}
	if n.Kind != yaml.ScalarNode {
		l.ds.Errorf(CodeShape, l.span(n), "expected %s, found %s", what, kindName(n))
		return false
	}
	return true
}

func (l *loader) isMapping(n *yaml.Node, what string) bool {
	if n.Kind != yaml.MappingNode {
		l.ds.Errorf(CodeShape, l.span(n), "expected %s (a mapping of key: value), found %s", what, kindName(n))
		return false
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// entry is one key: value pair of a mapping.
type entry struct {
	key   Str
	value *yaml.Node
}

// entries returns the pairs of a mapping, reporting duplicate keys and
// keys not in allowed (nil allows any key).
func (l *loader) entries(n *yaml.Node, what string, allowed []string) []entry {
	if !l.isMapping(n, what) {
		return nil
	}
	var out []entry
	seen := map[string]bool{}
	content := l.bounded(n, what, 2)
	for i := 0; i+1 < len(content); i += 2 {
		k := l.str(content[i])
		if seen[k.Value] {
			l.ds.Errorf(CodeDuplicate, k.Span, "%q is given twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		if allowed != nil && !contains(allowed, k.Value) {
			hint := DidYouMean(k.Value, allowed)
			if hint == "" && strings.HasPrefix(what, "source ") && contains(reportKeys, k.Value) {
				hint = " (" + k.Value + " is a key of the report, not of a source: move it to the top level)"
			}
			if n.Style&yaml.FlowStyle != 0 && hint == "" && strings.ContainsAny(k.Value, "()'=<> ") {
				hint = " (a comma inside {…} ends the value before it: quote that value or write the mapping in block style)"
			}
			l.ds.Errorf(CodeUnknownKey, k.Span, "unknown key %q in %s%s", k.Value, what, hint)
			continue
		}
		out = append(out, entry{key: k, value: content[i+1]})
	}
	return out
}

// list returns the items of a sequence; a single scalar counts as a list of one.
func (l *loader) list(n *yaml.Node, what string) []*yaml.Node {
	switch n.Kind {
	case yaml.SequenceNode:
		return l.bounded(n, what, 1)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []*yaml.Node{n}
	}
	l.ds.Errorf(CodeShape, l.span(n), "expected %s (a list), found %s", what, kindName(n))
	return nil
}

// bounded returns the children of a mapping (per 2) or a list (per 1),
// reporting and cutting off entries past MaxEntries.
func (l *loader) bounded(n *yaml.Node, what string, per int) []*yaml.Node {
	if len(n.Content) <= MaxEntries*per {
		return n.Content
	}
	l.ds.Errorf(CodeLimit, l.span(n.Content[MaxEntries*per]), "%s has %d entries, more than the limit of %d", what, len(n.Content)/per, MaxEntries)
	return n.Content[:MaxEntries*per]
}

func (l *loader) name(n *yaml.Node, what string) Str {
	s := l.str(n)
	l.checkName(s, what)
	return s
}

// checkName reports a name that is not a valid output or param name.
func (l *loader) checkName(s Str, what string) {
	if !nameRE.MatchString(s.Value) {
		l.ds.Errorf(CodeBadName, s.Span, "%s name %q must be lower case letters, digits and _ and start with a letter", what, s.Value)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
