package spectest

import (
	"bytes"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/reports"
)

// Update rewrites the expect: rows of every failed case of f from the
// report's actual result, keeping the columns the expectation listed (all
// columns when it listed none) and each row as a flow mapping. The file
// is re-encoded from its yaml.Node tree: comments stay, indentation
// becomes two spaces. It returns the number of cases rewritten; the file
// is written (atomically) only when there is one.
func Update(f *File, results []*Result) (int, error) {
	n := 0
	for _, r := range results {
		if r.File != f || r.Status != Fail || r.actual == nil || r.Case.Expect == nil {
			continue
		}
		rewrite(r.Case.Expect, r.actual)
		n++
	}
	if n == 0 {
		return 0, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f.Doc); err != nil {
		return 0, err
	}
	if err := enc.Close(); err != nil {
		return 0, err
	}
	return n, reports.WriteFileAtomic(f.Path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// rewrite replaces the rows of the expect: sequence with the actual rows.
func rewrite(expect *yaml.Node, act *actual) {
	var cols []int
	for _, rn := range expect.Content {
		for i := 0; i+1 < len(rn.Content); i += 2 {
			if c := act.column(rn.Content[i].Value); c >= 0 && indexOfInt(cols, c) < 0 {
				cols = append(cols, c)
			}
		}
	}
	if len(cols) == 0 {
		for i := range act.cols {
			cols = append(cols, i)
		}
	}
	expect.Content = nil
	if len(act.rows) > 0 {
		expect.Style = 0 // a block list of flow rows
	}
	for _, row := range act.rows {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		for _, c := range cols {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: act.cols[c]}, valueNode(row[c], act.kinds[c]))
		}
		expect.Content = append(expect.Content, m)
	}
}

// valueNode is a cell as YAML: null, a string (quoted by the encoder when
// it would read as something else) or the plain text of a number, date,
// timestamp or bool.
func valueNode(c cell, k valueKind) *yaml.Node {
	switch {
	case c.null:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case k == kindText:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.text}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: c.text}
}
