package compiler

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
)

// internalFunctions are functions the compiler writes into the SQL tree
// that the report language does not offer: GROUPING for totals' _level.
var internalFunctions = map[string]bool{"grouping": true, "local_time": true, "zoned_time": true}

// TestFunctionList checks every dialect against the function table of the
// language, as promql's TestFunctionList does: each function is spelled
// (for each of its arities and unit words where the spelling depends on
// them) or explicitly refused, and no dialect spells a function the
// language lacks.
func TestFunctionList(t *testing.T) {
	for _, d := range []*dialect.Dialect{dialect.Postgres, dialect.DuckDB, dialect.MySQL} {
		for _, p := range functionListProblems(d) {
			t.Errorf("%s: %s", d, p)
		}
	}
}

// TestFunctionListFindsProblems breaks a dialect in each way the list
// check must catch.
func TestFunctionListFindsProblems(t *testing.T) {
	broken := *dialect.DuckDB
	broken.Funcs = map[string]string{}
	for k, v := range dialect.DuckDB.Funcs {
		broken.Funcs[k] = v
	}
	delete(broken.Funcs, "median")
	delete(broken.Funcs, "date_diff:month")
	broken.Funcs["mode"] = "MODE({0})"
	broken.Funcs["date_diff:week"] = "DATE_DIFF('week', {0}, {1})"
	broken.Funcs["round/3"] = "ROUND({0}, {1}, {2})"
	broken.Refused = map[string]string{"percentile": "no quantiles", "nosuch": "x"}
	got := strings.Join(functionListProblems(&broken), "\n")
	for _, want := range []string{
		"median is neither spelled nor refused",
		"date_diff has no spelling for the unit month",
		`spells "mode", which the language lacks`,
		`spells "date_diff:week", but date_diff takes no unit week`,
		`spells "round/3", but round takes 1 to 2 arguments`,
		"percentile is both spelled and refused",
		`refuses "nosuch", which the language lacks`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problem not found: %s\nfound:\n%s", want, got)
		}
	}
}

// functionListProblems lists where d and the function table disagree.
func functionListProblems(d *dialect.Dialect) []string {
	var out []string
	for _, name := range functionNames() {
		out = append(out, spellingProblems(d, name, functions[name])...)
	}
	for key := range d.Funcs {
		if p := keyProblem(key); p != "" {
			out = append(out, p)
		}
	}
	for name := range d.Refused {
		if _, ok := functions[name]; !ok {
			out = append(out, fmt.Sprintf("refuses %q, which the language lacks", name))
		}
	}
	slices.Sort(out)
	return out
}

// spellingProblems checks that d spells or refuses one function.
func spellingProblems(d *dialect.Dialect, name string, f function) []string {
	_, refused := d.Refused[name]
	spelled := false
	var missing []string
	if name == "date_diff" { // the pattern is chosen by the unit word
		for _, u := range f.unit {
			if _, ok := d.Funcs[name+":"+u]; ok {
				spelled = true
			} else {
				missing = append(missing, fmt.Sprintf("date_diff has no spelling for the unit %s", u))
			}
		}
	} else if _, ok := d.Funcs[name]; ok {
		spelled = true
	} else {
		for n := f.minArgs; n <= f.maxArgs; n++ {
			if _, ok := d.Funcs[name+"/"+strconv.Itoa(n)]; ok {
				spelled = true
			} else {
				missing = append(missing, fmt.Sprintf("%s has no spelling for %d arguments", name, n))
			}
		}
	}
	switch {
	case refused && spelled:
		return []string{name + " is both spelled and refused"}
	case refused:
		return nil
	case !spelled:
		return []string{name + " is neither spelled nor refused"}
	}
	return missing
}

// keyProblem checks one key of a dialect's function table: name,
// name/arity or name:unit.
func keyProblem(key string) string {
	name, unit, hasUnit := strings.Cut(key, ":")
	name, arity, hasArity := strings.Cut(name, "/")
	if internalFunctions[name] && !hasUnit && !hasArity {
		return ""
	}
	f, ok := functions[name]
	switch {
	case !ok:
		return fmt.Sprintf("spells %q, which the language lacks", key)
	case hasUnit && !slices.Contains(f.unit, unit):
		return fmt.Sprintf("spells %q, but %s takes no unit %s", key, name, unit)
	case hasArity:
		n, err := strconv.Atoi(arity)
		if err != nil || n < f.minArgs || (f.maxArgs >= 0 && n > f.maxArgs) {
			return fmt.Sprintf("spells %q, but %s takes %d to %d arguments", key, name, f.minArgs, f.maxArgs)
		}
	}
	return ""
}
