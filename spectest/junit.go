package spectest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// JUnit XML as CI systems read it (the common schema of Ant's JUnit
// report): testsuites > testsuite (one per test file) > testcase (one per
// case), with a failure element for a failed case and an error element
// for a broken one.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name      string      `xml:"name,attr"`
		Tests     int         `xml:"tests,attr"`
		Failures  int         `xml:"failures,attr"`
		Errors    int         `xml:"errors,attr"`
		Skipped   int         `xml:"skipped,attr"`
		Time      string      `xml:"time,attr"`
		Timestamp string      `xml:"timestamp,attr"`
		Cases     []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// WriteJUnit writes the results as JUnit XML, one testsuite per test file
// in the order of results.
func WriteJUnit(w io.Writer, results []*Result, started time.Time) error {
	all := junitSuites{}
	var total time.Duration
	index := map[*File]int{}
	for _, r := range results {
		i, ok := index[r.File]
		if !ok {
			i = len(all.Suites)
			index[r.File] = i
			all.Suites = append(all.Suites, junitSuite{Name: r.File.Path, Timestamp: started.UTC().Format("2006-01-02T15:04:05")})
		}
		s := &all.Suites[i]
		c := junitCase{Name: r.Case.Name, Classname: strings.TrimSuffix(r.File.Path, Suffix), Time: seconds(r.Duration)}
		switch r.Status {
		case Fail:
			c.Failure = &junitProblem{Message: r.Message, Type: "mismatch", Text: r.Details()}
			s.Failures++
		case Broken:
			c.Error = &junitProblem{Message: r.Message, Type: "invalid", Text: r.Details()}
			s.Errors++
		case Refused:
			c.Failure = &junitProblem{Message: r.Message, Type: "refused", Text: r.Details()}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
		total += r.Duration
	}
	for i := range all.Suites {
		var d time.Duration
		for _, r := range results {
			if index[r.File] == i {
				d += r.Duration
			}
		}
		all.Suites[i].Time = seconds(d)
		all.Tests += all.Suites[i].Tests
		all.Failures += all.Suites[i].Failures
		all.Errors += all.Suites[i].Errors
	}
	all.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
