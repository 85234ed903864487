package spectest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/spec"
)

// Suffix ends the name of a test file: reports/x.test.yaml tests reports/x.yaml.
const Suffix = ".test.yaml"

// File is one parsed test file.
type File struct {
	// Path is the file's path as found (relative to the working directory
	// when it was given so).
	Path string
	// Spec is the path of the spec beside it (x.yaml for x.test.yaml).
	Spec  string
	Src   *spec.File
	Doc   *yaml.Node // the document node, kept for --update
	Cases []*Case
}

// Case is one test case of a file.
type Case struct {
	Name string
	Node *yaml.Node // the case's mapping
	Spec string     // the spec it tests: File.Spec or its own spec:
	// SpecNode is the value of spec: (nil when the case has none).
	SpecNode *yaml.Node
	Today    *yaml.Node // the clock, or nil
	// Params are the given parameter values, in file order.
	Params []Entry
	// Given are the fixture rows per table, in file order.
	Given []Given
	// Expect is the expect: sequence (nil when the case has none), and
	// ExpectKey its key.
	Expect    *yaml.Node
	ExpectKey *yaml.Node
	// ExpectError is the expected diagnostic code or message fragment.
	ExpectError *yaml.Node
}

// Entry is one key and its value node.
type Entry struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// Given is the fixture of one table: its name as written and its rows.
type Given struct {
	Table *yaml.Node
	Rows  []*yaml.Node // mappings of column to value
}

// Line returns the case's line in its file.
func (c *Case) Line() int { return c.Node.Line }

// caseKeys are the keys a case may have.
var caseKeys = []string{"name", "spec", "today", "params", "given", "expect", "expect_error"}

// Load parses a test file. Problems come back as positioned diagnostics.
func Load(path string) (*File, spec.Diagnostics) {
	var ds spec.Diagnostics
	src, err := spec.ReadSource(path)
	if err != nil {
		code := spec.CodeYAML
		if errors.Is(err, fs.ErrNotExist) {
			code = spec.CodeMissingKey
		}
		ds.Errorf(code, spec.Span{}, "cannot read test file %s: %v", path, err)
		return nil, ds
	}
	f := &File{Path: path, Spec: SpecOf(path), Src: spec.NewFile(path, src)}
	l := &loader{file: f.Src}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		l.yamlError(err)
		return nil, l.ds
	}
	f.Doc = &doc
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		l.ds.Errorf(spec.CodeShape, spec.Span{File: f.Src}, "a test file is a mapping with a tests: list")
		return nil, l.ds
	}
	l.root(f, doc.Content[0])
	return f, l.ds.Sort()
}

// IsTestFile reports whether path names a test file rather than a spec,
// for commands that expand folders and globs into specs.
func IsTestFile(path string) bool { return strings.HasSuffix(path, Suffix) }

// SpecOf returns the spec a test file tests: x.yaml beside x.test.yaml.
func SpecOf(testPath string) string {
	return strings.TrimSuffix(testPath, Suffix) + ".yaml"
}

// loader collects the diagnostics of one test file.
type loader struct {
	file *spec.File
	ds   spec.Diagnostics
}

// span is the span of a node: a scalar's text, or a collection's first
// character.
func (l *loader) span(n *yaml.Node) spec.Span { return nodeSpan(l.file, n) }

func nodeSpan(f *spec.File, n *yaml.Node) spec.Span {
	start := f.Offset(n.Line, n.Column)
	end := start + 1
	if n.Kind == yaml.ScalarNode {
		end = start + max(1, len(n.Value))
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			end += 2
		}
		if i := bytes.IndexByte(f.Src[start:], '\n'); i >= 0 && start+i < end {
			end = start + i
		}
	}
	return spec.Span{File: f, Start: start, End: min(end, len(f.Src))}
}

// yamlError reports a YAML syntax error at the line yaml.v3 names.
func (l *loader) yamlError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		off := l.file.Offset(line, 1)
		_, text, _ := strings.Cut(msg, ": ")
		l.ds.Errorf(spec.CodeYAML, spec.Span{File: l.file, Start: off, End: off + 1}, "invalid YAML: %s", text)
		return
	}
	l.ds.Errorf(spec.CodeYAML, spec.Span{File: l.file}, "invalid YAML: %s", msg)
}

// pairs returns the key/value pairs of a mapping, reporting keys outside
// allowed (nil: any key) and duplicates.
func (l *loader) pairs(n *yaml.Node, what string, allowed []string) []Entry {
	if n.Kind != yaml.MappingNode {
		l.ds.Errorf(spec.CodeShape, l.span(n), "%s must be a mapping", what)
		return nil
	}
	var out []Entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			l.ds.Errorf(spec.CodeShape, l.span(k), "a key of %s must be a name", what)
			continue
		case seen[k.Value]:
			l.ds.Errorf(spec.CodeDuplicate, l.span(k), "%q is given twice in %s", k.Value, what)
			continue
		case allowed != nil && !contains(allowed, k.Value):
			l.ds.Errorf(spec.CodeUnknownKey, l.span(k), "unknown key %q in %s%s", k.Value, what, spec.DidYouMean(k.Value, allowed))
			continue
		}
		seen[k.Value] = true
		out = append(out, Entry{Key: k, Value: v})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// root reads `tests: [case…]`.
func (l *loader) root(f *File, n *yaml.Node) {
	var tests *yaml.Node
	for _, e := range l.pairs(n, "a test file", []string{"tests"}) {
		tests = e.Value
	}
	if tests == nil {
		l.ds.Errorf(spec.CodeMissingKey, l.span(n), "a test file needs a tests: list of cases")
		return
	}
	if tests.Kind != yaml.SequenceNode {
		l.ds.Errorf(spec.CodeShape, l.span(tests), "tests: must be a list of cases")
		return
	}
	names := map[string]bool{}
	for _, cn := range tests.Content {
		c := l.testCase(f, cn)
		if c == nil {
			continue
		}
		if names[c.Name] {
			l.ds.Errorf(spec.CodeDuplicate, l.span(cn), "two cases are named %q", c.Name)
		}
		names[c.Name] = true
		f.Cases = append(f.Cases, c)
	}
}

// testCase reads one case.
func (l *loader) testCase(f *File, n *yaml.Node) *Case {
	c := &Case{Node: n, Spec: f.Spec}
	var nameNode *yaml.Node
	for _, e := range l.pairs(n, "a test case", caseKeys) {
		switch e.Key.Value {
		case "name":
			nameNode = e.Value
		case "spec":
			if l.scalar(e.Value, "spec:") {
				c.Spec = filepath.Join(filepath.Dir(f.Path), e.Value.Value)
				c.SpecNode = e.Value
			}
		case "today":
			if l.scalar(e.Value, "today:") {
				c.Today = e.Value
			}
		case "params":
			c.Params = l.pairs(e.Value, "params:", nil)
		case "given":
			c.Given = l.given(e.Value)
		case "expect":
			c.Expect, c.ExpectKey = l.rows(e.Value, "expect:"), e.Key
		case "expect_error":
			if l.scalar(e.Value, "expect_error:") {
				c.ExpectError = e.Value
			}
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	if nameNode == nil || !l.scalar(nameNode, "name:") || nameNode.Value == "" {
		l.ds.Errorf(spec.CodeMissingKey, l.span(n), "a test case needs a name:")
		return nil
	}
	c.Name = nameNode.Value
	switch {
	case c.Expect == nil && c.ExpectError == nil:
		l.ds.Errorf(spec.CodeMissingKey, l.span(nameNode), "case %q needs expect: (the rows) or expect_error: (a diagnostic code or message fragment)", c.Name)
	case c.Expect != nil && c.ExpectError != nil:
		l.ds.Errorf(spec.CodeShape, l.span(c.ExpectError), "case %q gives both expect: and expect_error:", c.Name)
	}
	return c
}

func (l *loader) scalar(n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode {
		l.ds.Errorf(spec.CodeShape, l.span(n), "%s must be a single value", what)
		return false
	}
	return true
}

// given reads `given: {table: [row…]}`.
func (l *loader) given(n *yaml.Node) []Given {
	var out []Given
	for _, e := range l.pairs(n, "given:", nil) {
		rows := l.rows(e.Value, "the rows of "+e.Key.Value)
		if rows == nil {
			continue
		}
		out = append(out, Given{Table: e.Key, Rows: rows.Content})
	}
	return out
}

// rows checks that n is a list of mappings (an empty value is no rows).
func (l *loader) rows(n *yaml.Node, what string) *yaml.Node {
	if isNull(n) {
		// No rows: made an empty flow list in place, which --update fills.
		n.Kind, n.Tag, n.Value, n.Style = yaml.SequenceNode, "!!seq", "", yaml.FlowStyle
		return n
	}
	if n.Kind != yaml.SequenceNode {
		l.ds.Errorf(spec.CodeShape, l.span(n), "%s must be a list of rows ({column: value, …})", what)
		return nil
	}
	ok := true
	for _, r := range n.Content {
		if r.Kind != yaml.MappingNode {
			l.ds.Errorf(spec.CodeShape, l.span(r), "a row of %s must be a mapping {column: value, …}", what)
			ok = false
			continue
		}
		l.pairs(r, "a row", nil)
	}
	if !ok {
		return nil
	}
	return n
}
