package spectest

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/spec"
)

// TestJUnitEscapes: messages with control characters, "]]>", markup and
// quotes still give valid XML that reads back with the text intact (the
// characters XML cannot hold become U+FFFD); one testcase per case, a
// failure for a failed case and an error for a broken file.
func TestJUnitEscapes(t *testing.T) {
	f := &File{Path: "reports/r.test.yaml"}
	nasty := "a\x00b\x07c\x1b[31m ]]> <tag attr=\"q\"> & 'x'\ttab"
	var ds spec.Diagnostics
	ds.Errorf(spec.CodeYAML, spec.Span{}, "invalid YAML: %s", nasty)
	results := []*Result{
		{File: f, Case: &Case{Name: "passes " + nasty}, Status: Pass, Duration: time.Millisecond},
		{File: f, Case: &Case{Name: "fails"}, Status: Fail, Message: "the rows differ " + nasty, Diff: []string{"line 3: missing row {name: ]]>}"}},
		LoadFailure("reports/bad.test.yaml", ds),
	}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, results, time.Now()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				Error *struct {
					Text string `xml:",chardata"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, buf.String())
	}
	if bytes.ContainsAny(buf.Bytes(), "\x00\x07\x1b") {
		t.Errorf("control characters in the XML:\n%q", buf.String())
	}
	clean := "a\uFFFDb\uFFFDc\uFFFD[31m ]]> <tag attr=\"q\"> & 'x'\ttab"
	if doc.Tests != 3 || len(doc.Suites) != 2 || len(doc.Suites[0].Cases) != 2 || len(doc.Suites[1].Cases) != 1 {
		t.Fatalf("structure: %+v\n%s", doc, buf.String())
	}
	c0, c1, c2 := doc.Suites[0].Cases[0], doc.Suites[0].Cases[1], doc.Suites[1].Cases[0]
	if c0.Name != "passes "+clean || c0.Failure != nil || c0.Error != nil {
		t.Errorf("passing case: %+v", c0)
	}
	if c1.Failure == nil || c1.Failure.Message != "the rows differ "+clean || !strings.Contains(c1.Failure.Text, "line 3: missing row {name: ]]>}") {
		t.Errorf("failed case: %+v", c1)
	}
	if c2.Error == nil || !strings.Contains(c2.Error.Text, "invalid YAML: "+clean) {
		t.Errorf("broken file: %+v", c2)
	}
}

// TestJUnitRefused: a case whose report the database refuses is a failure
// of type refused, with the reason, and is counted apart by Count and
// CountRefused (Print's summary line is tested through assay test in
// cmd/assay).
func TestJUnitRefused(t *testing.T) {
	f := &File{Path: "reports/r.test.yaml"}
	results := []*Result{
		{File: f, Case: &Case{Name: "runs"}, Status: Pass},
		{File: f, Case: &Case{Name: "refused"}, Status: Refused, Message: "REFUSED on mysql: FULL JOIN is not supported"},
	}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, results, time.Now()); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); !strings.Contains(s, `failures="1"`) || !strings.Contains(s, `<failure message="REFUSED on mysql: FULL JOIN is not supported" type="refused">`) {
		t.Errorf("JUnit:\n%s", s)
	}
	if pass, fail, broken := Count(results); pass != 1 || fail != 0 || broken != 0 || CountRefused(results) != 1 {
		t.Errorf("counts %d %d %d, refused %d", pass, fail, broken, CountRefused(results))
	}
}
