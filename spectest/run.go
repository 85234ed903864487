package spectest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/outliers"
	"github.com/assay-dev/assay/spec"
)

// Status is the outcome of a case.
type Status int

// The outcomes: the case passed, failed (the report's result or error is
// not the expected one), could not run because the test file or the spec
// is wrong, or was refused: the database's dialect cannot run the report
// (compiler.CheckDialect), as `assay run` would refuse it there.
const (
	Pass Status = iota
	Fail
	Broken
	Refused
)

// String returns PASS, FAIL, ERROR or REFUSED.
func (s Status) String() string { return [...]string{"PASS", "FAIL", "ERROR", "REFUSED"}[s] }

// Result is the outcome of one case.
type Result struct {
	File     *File
	Case     *Case
	Status   Status
	Duration time.Duration
	// Message says in one line why the case failed or is broken.
	Message string
	// Diff holds the lines of the row diff of a failed case.
	Diff []string
	// Diagnostics are the positioned problems of a broken case (test file
	// or spec).
	Diagnostics spec.Diagnostics
	// actual is the report's result and cmp its matching with the
	// expected rows, kept for --update.
	actual *actual
	cmp    *comparison
}

// Runner runs the cases of test files on one database.
type Runner struct {
	// Catalog is the database's reflected catalog; specs compile against it.
	Catalog *catalog.Catalog
	// Backend opens the sandboxes the cases run in.
	Backend engine.SandboxOpener
	// Timezone is the project's, for relative dates and wall-clock
	// timestamps.
	Timezone *time.Location
	// Timeout bounds each report query (0: none).
	Timeout time.Duration

	specs map[string]*compiled
}

// compiled is a spec loaded and checked once for all its cases.
type compiled struct {
	report *spec.Report
	plan   *compiler.Plan
	ds     spec.Diagnostics
	// refused is what the database's dialect cannot run in the report.
	refused spec.Diagnostics
}

// RunFile runs every case of f in file order.
func (r *Runner) RunFile(ctx context.Context, f *File) []*Result {
	var out []*Result
	for _, c := range f.Cases {
		started := time.Now()
		res := r.runCase(ctx, f, c)
		res.Duration = time.Since(started)
		out = append(out, res)
	}
	return out
}

// compile loads and checks a spec, once per path.
func (r *Runner) compile(path string) *compiled {
	if r.specs == nil {
		r.specs = map[string]*compiled{}
	}
	if c, ok := r.specs[path]; ok {
		return c
	}
	rep, ds := spec.LoadFile(path)
	c := &compiled{report: rep}
	if rep != nil {
		var cds spec.Diagnostics
		c.plan, cds = compiler.Compile(rep, r.Catalog)
		ds = append(ds, cds...)
		if r.Backend != nil && !ds.HasErrors() {
			c.refused = compiler.CheckDialect(rep, r.Backend.Dialect())
		}
	}
	c.ds = ds.Sort()
	r.specs[path] = c
	return c
}

// runCase runs one case.
func (r *Runner) runCase(ctx context.Context, f *File, c *Case) *Result {
	res := &Result{File: f, Case: c}
	cs := r.compile(c.Spec)
	if cs.report == nil && c.SpecNode != nil {
		var ds spec.Diagnostics
		ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, c.SpecNode), "cannot use spec %s: %s", c.Spec, cs.ds.Error())
		return res.broken("no spec", ds)
	}
	if cs.ds.HasErrors() {
		if c.ExpectError != nil {
			return res.expectError(c.ExpectError, cs.ds.Error())
		}
		return res.broken("the spec "+c.Spec+" has errors", cs.ds)
	}
	if len(cs.refused) > 0 {
		if c.ExpectError != nil {
			return res.expectError(c.ExpectError, cs.refused.Error())
		}
		res.Status, res.Diagnostics = Refused, cs.refused
		res.Message = "REFUSED on " + r.Backend.Dialect().Name + ": " + cs.refused[0].Message
		return res
	}
	vals, ds := r.values(f, c, cs.plan)
	if ds.HasErrors() {
		if c.ExpectError != nil && onlySpecErrors(ds) {
			return res.expectError(c.ExpectError, ds.Error())
		}
		return res.broken("bad params", ds)
	}
	act, ds, err := r.execute(ctx, f, c, cs.plan, vals)
	switch {
	case ds.HasErrors():
		return res.broken("bad fixture", ds)
	case errors.Is(err, engine.ErrNotShadowed):
		var bds spec.Diagnostics
		bds.Errorf(spec.CodeUnsupported, nodeSpan(f.Src, c.Node), "this case cannot run here: %v", err)
		return res.broken("the spec cannot be tested on this database", bds)
	case err != nil && c.ExpectError != nil:
		return res.expectError(c.ExpectError, err.Error())
	case err != nil:
		res.Status, res.Message = Fail, "the report failed: "+err.Error()
		return res
	case c.ExpectError != nil:
		res.Status = Fail
		res.Message = fmt.Sprintf("expected an error matching %q, but the report ran and returned %d rows", c.ExpectError.Value, len(act.rows))
		return res
	}
	ordered := len(cs.report.Order) > 0
	cmp, ds := match(f.Src, c.Expect, act, ordered, r.Timezone)
	if ds.HasErrors() {
		return res.broken("bad expectation", ds)
	}
	res.actual, res.cmp = act, cmp
	if diff := cmp.m.diff(cmp.rows, act, cmp.shown, ordered); len(diff) > 0 {
		res.Status, res.Message, res.Diff = Fail, "the rows differ", diff
	}
	return res
}

// onlySpecErrors reports whether every diagnostic points into a spec, not
// into the test file (a required param without a value, a bad default).
func onlySpecErrors(ds spec.Diagnostics) bool {
	for _, d := range ds {
		if d.Span.IsValid() && strings.HasSuffix(d.Span.File.Name, Suffix) {
			return false
		}
	}
	return true
}

// expectError passes when text holds the expected code or fragment.
func (res *Result) expectError(want *yaml.Node, text string) *Result {
	if strings.Contains(strings.ToLower(text), strings.ToLower(want.Value)) {
		return res
	}
	res.Status = Fail
	res.Message = fmt.Sprintf("expected an error matching %q, got: %s", want.Value, text)
	return res
}

func (res *Result) broken(msg string, ds spec.Diagnostics) *Result {
	res.Status, res.Message, res.Diagnostics = Broken, msg, ds
	return res
}

// clock returns the case's now: today: at noon in the project timezone (a
// date), or the timestamp it gives; the real clock without today:.
func (r *Runner) clock(f *File, c *Case, ds *spec.Diagnostics) time.Time {
	if c.Today == nil {
		return time.Now()
	}
	if d, err := time.ParseInLocation("2006-01-02", c.Today.Value, r.Timezone); err == nil {
		return d.Add(12 * time.Hour)
	}
	t, err := parseTime(c.Today.Value, r.Timezone)
	if err != nil {
		ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, c.Today), "today: %q is neither a date (YYYY-MM-DD) nor a timestamp (YYYY-MM-DD HH:MM:SS or RFC 3339)", c.Today.Value)
		return time.Now()
	}
	return t
}

// values resolves the case's params (and the spec's defaults) at the
// case's clock. A bad given value is an error at its place in the test
// file.
func (r *Runner) values(f *File, c *Case, plan *compiler.Plan) (map[string]any, spec.Diagnostics) {
	var ds spec.Diagnostics
	now := r.clock(f, c, &ds)
	given := map[string]string{}
	var names []string
	for _, p := range plan.Params {
		names = append(names, p.Name)
	}
	for _, e := range c.Params {
		prm := plan.Param(e.Key.Value)
		if prm == nil {
			ds.Errorf(spec.CodeUnknownParam, nodeSpan(f.Src, e.Key), "the report %q has no param %q%s", plan.Result.Name, e.Key.Value, spec.DidYouMean(e.Key.Value, names))
			continue
		}
		text, err := paramText(e.Value)
		if err == nil {
			_, err = prm.Parse(text, now, r.Timezone)
		}
		if err != nil {
			ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, e.Value), "param %q (%s): %v", prm.Name, prm.Spec.Type, err)
			continue
		}
		given[prm.Name] = text
	}
	if ds.HasErrors() {
		return nil, ds
	}
	vals, vds := plan.Values(given, now, r.Timezone)
	return vals, append(ds, vds...)
}

// paramText is a param value as -p writes it: a scalar's text, or a list
// as one CSV record.
func paramText(n *yaml.Node) (string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value, nil
	case yaml.SequenceNode:
		items := make([]string, len(n.Content))
		for i, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				return "", errors.New("a list item must be a single value")
			}
			items[i] = it.Value
			if strings.ContainsAny(it.Value, ",\"\n") || strings.TrimSpace(it.Value) != it.Value {
				items[i] = `"` + strings.ReplaceAll(it.Value, `"`, `""`) + `"`
			}
		}
		return strings.Join(items, ","), nil
	}
	return "", errors.New("a param value is a single value or a list")
}

// execute loads the fixture into a sandbox and runs the report there.
// Problems of the fixture come back as diagnostics; errors of the report
// as err.
func (r *Runner) execute(ctx context.Context, f *File, c *Case, plan *compiler.Plan, vals map[string]any) (*actual, spec.Diagnostics, error) {
	rows, ds := r.fixture(f, c)
	if ds.HasErrors() {
		return nil, ds, nil
	}
	q, err := engine.Render(plan, r.Backend.Dialect(), vals, false)
	if err != nil {
		return nil, nil, err
	}
	sb, err := r.Backend.Sandbox(ctx, r.tablesOf(q.SQL, rows))
	if err != nil {
		return nil, nil, err
	}
	defer sb.Close()
	if ds := load(ctx, sb, f, rows); ds.HasErrors() {
		return nil, ds, nil
	}
	alloc := memory.NewGoAllocator()
	rr, err := engine.Run(ctx, sb, plan, vals, engine.RunOptions{Alloc: alloc, Timeout: r.Timeout})
	if err != nil {
		return nil, nil, err
	}
	defer rr.Release()
	out, _, err := outliers.Stage(alloc, rr, plan.Result)
	if err != nil {
		return nil, nil, err
	}
	defer out.Release()
	act, err := collect(out)
	return act, nil, err
}

// tablesOf returns the tables the sandbox must stand in for: every catalog
// table whose quoted name the report's SQL holds (an over-approximation is
// harmless: the extra tables are empty) and the tables of the fixture.
func (r *Runner) tablesOf(sql string, rows []fixtureRow) []*catalog.Table {
	d := r.Backend.Dialect()
	var out []*catalog.Table
	seen := map[*catalog.Table]bool{}
	add := func(t *catalog.Table) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, fr := range rows {
		add(fr.table)
	}
	for _, t := range r.Catalog.Sorted() {
		qualified := strings.Contains(sql, d.Ident(t.Schema)+"."+d.Ident(t.Name))
		if found, _ := r.Catalog.Lookup("", t.Name); qualified || found == t && strings.Contains(sql, d.Ident(t.Name)) {
			add(t)
		}
	}
	return out
}

// LoadFailure is the result that stands for a test file that does not
// load (for JUnit: one broken case named after the file).
func LoadFailure(path string, ds spec.Diagnostics) *Result {
	return &Result{
		File:        &File{Path: path},
		Case:        &Case{Name: "load " + path, Node: &yaml.Node{Line: 1}},
		Status:      Broken,
		Message:     "the test file is wrong",
		Diagnostics: ds,
	}
}
