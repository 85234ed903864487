package spectest

import (
	"os"
	"strings"
	"testing"
	"time"
)

// updateText loads src as a test file, fails every case against act
// (ordered or not), runs Update and returns the file's new text.
func updateText(t *testing.T, src string, act *actual, ordered bool) string {
	t.Helper()
	f, ds := loadText(t, src)
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	var results []*Result
	for _, c := range f.Cases {
		cmp, ds := match(f.Src, c.Expect, act, ordered, time.UTC)
		if ds.HasErrors() {
			t.Fatalf("match: %v", ds)
		}
		st := Pass
		if len(cmp.m.diff(cmp.rows, act, cmp.shown, ordered)) > 0 {
			st = Fail
		}
		results = append(results, &Result{File: f, Case: c, Status: st, actual: act, cmp: cmp})
	}
	if _, err := Update(f, results); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	// The rewritten file must pass against the same result.
	g, ds := Load(f.Path)
	if ds.HasErrors() {
		t.Fatalf("the updated file does not load: %v\n%s", ds, out)
	}
	for _, c := range g.Cases {
		if diff, ds := compare(g.Src, c.Expect, act, ordered, time.UTC); len(diff) > 0 || ds.HasErrors() {
			t.Errorf("case %q still fails after --update: %v %v\n%s", c.Name, diff, ds, out)
		}
	}
	return string(out)
}

// TestUpdateSplicesRows: only the rows that differ change; comments,
// layout, untouched rows (with their inline comments) and other cases stay
// byte for byte.
func TestUpdateSplicesRows(t *testing.T) {
	act := testActual(
		[]string{"Aurora", "3", "0.5", "155.50", "2025-10-06"},
		[]string{"Boulder", "1", "NULL", "30", "2025-10-13"},
		[]string{"Cortez, CO", "2", "1", "7", "2025-10-20"},
	)
	src := `# header comment
tests:
    -   name: unordered           # a comment on the name
        given:   {}
        expect:     # the rows
            - {clinic: Boulder, n: 1}        # untouched, keeps this
            # a comment between rows
            - {clinic: Aurora,   n: 4, day: 2025-10-06}   # changed, keeps this
            - {clinic: Nowhere, n: 9}        # missing: goes
        # a comment after the list

    -   name: passes untouched
        expect:
            - {clinic: Aurora,   n: 3}
            - {clinic: Boulder,  n: 1}
            - {clinic: "Cortez, CO",  n: 2}
`
	got := updateText(t, src, act, false)
	want := strings.Replace(src, "{clinic: Aurora,   n: 4, day: 2025-10-06}   # changed", "{clinic: Aurora, n: 3, day: 2025-10-06}   # changed", 1)
	want = strings.Replace(want, "            - {clinic: Nowhere, n: 9}        # missing: goes\n", "            - {clinic: 'Cortez, CO', n: 2, day: 2025-10-20}\n", 1)
	if got != want {
		t.Errorf("updated file:\n%s\nwant:\n%s", got, want)
	}
}

// TestUpdateOrderedAndBlockRows: an ordered report's rows follow the
// result; a block-mapping row keeps its style (a value going on over two
// lines included); an extra row is added with the listed columns.
func TestUpdateOrderedAndBlockRows(t *testing.T) {
	act := testActual(
		[]string{"Aurora", "3", "0.5", "155.50", "2025-10-06"},
		[]string{"Boulder", "1", "NULL", "30", "2025-10-13"},
	)
	src := "tests:\n  - name: ordered\n    expect:\n      - n: 2\n        rate: 0.5\n        clinic: Aur\n          ora\n    # after\n"
	got := updateText(t, src, act, true)
	want := "tests:\n  - name: ordered\n    expect:\n      - n: 3\n        rate: 0.5\n        clinic: Aurora\n      - {n: 1, rate: null, clinic: Boulder}\n    # after\n"
	if got != want {
		t.Errorf("updated file:\n%s\nwant:\n%s", got, want)
	}
}

// TestUpdateEmptyExpect: an empty expect: (bare, [] or a flow list) gets a
// block list of flow rows under its key, keeping the key's comment; a
// result without rows writes [].
func TestUpdateEmptyExpect(t *testing.T) {
	act := testActual([]string{"Aurora", "3", "0.5", "155.50", "2025-10-06"})
	for _, c := range []struct{ src, want string }{
		{"tests:\n  - name: a\n    expect:   # fill me\n  - name: b\n    expect: []\n",
			"tests:\n  - name: a\n    expect:   # fill me\n      - {clinic: Aurora, n: 3, rate: 0.5, amount: 155.50, day: 2025-10-06}\n  - name: b\n    expect:\n      - {clinic: Aurora, n: 3, rate: 0.5, amount: 155.50, day: 2025-10-06}\n"},
		{"tests:\n  - name: a\n    expect: [{clinic: Aurora, n: 4}]  # flow\n",
			"tests:\n  - name: a\n    expect:  # flow\n      - {clinic: Aurora, n: 3}\n"},
		{"tests:\r\n  - name: a\r\n    expect: ~\r\n", "tests:\r\n  - name: a\r\n    expect:\r\n      - {clinic: Aurora, n: 3, rate: 0.5, amount: 155.50, day: 2025-10-06}\r\n"},
	} {
		if got := updateText(t, c.src, act, false); got != c.want {
			t.Errorf("updated file:\n%q\nwant:\n%q", got, c.want)
		}
	}
	eof := "tests:\n  - name: a\n    expect:\n      - {clinic: Aurora, n: 3}"
	two := testActual([]string{"Aurora", "3", "0.5", "155.50", "2025-10-06"}, []string{"Boulder", "1", "0.5", "1", "2025-10-06"})
	if got, want := updateText(t, eof, two, false), eof+"\n      - {clinic: Boulder, n: 1}"; got != want {
		t.Errorf("updated file without a final newline:\n%q\nwant:\n%q", got, want)
	}
	flow := "tests: [{name: a, expect: [{clinic: Aurora, n: 4}]}]   # all flow\n"
	if got, want := updateText(t, flow, act, false), "tests: [{name: a, expect: [{clinic: Aurora, n: 3}]}]   # all flow\n"; got != want {
		t.Errorf("updated file:\n%q\nwant:\n%q", got, want)
	}
	none := testActual()
	src := "tests:\n  - name: a\n    expect:    # rows\n      - {clinic: Aurora}  # gone\n  - name: b\n    expect: [{n: 1}]\n"
	want := "tests:\n  - name: a\n    expect: []    # rows\n  - name: b\n    expect: []\n"
	if got := updateText(t, src, none, false); got != want {
		t.Errorf("updated file:\n%q\nwant:\n%q", got, want)
	}
}

// TestUpdateOrderedInsertsInPlace: in an ordered result, added rows go
// where the result has them (also before the first row), a row that is
// out of order moves, and the rows that matched keep their comments.
func TestUpdateOrderedInsertsInPlace(t *testing.T) {
	act := testActual(
		[]string{"Aurora", "3", "0.5", "1", "2025-10-06"},
		[]string{"Boulder", "1", "0.5", "2", "2025-10-06"},
		[]string{"Cortez", "2", "0.5", "3", "2025-10-06"},
		[]string{"Durango", "4", "0.5", "4", "2025-10-06"},
	)
	for _, c := range []struct{ src, want string }{
		{"tests:\n  - name: o\n    expect:\n      - {clinic: Aurora}     # a\n      - {clinic: Zed}        # gone\n      - {clinic: Durango}    # d\n",
			"tests:\n  - name: o\n    expect:\n      - {clinic: Aurora}     # a\n      - {clinic: Boulder}\n      - {clinic: Cortez}\n      - {clinic: Durango}    # d\n"},
		{"tests:\n  - name: o\n    expect:\n      - {clinic: Boulder}  # b\n      - {clinic: Cortez}\n      - {clinic: Durango}\n",
			"tests:\n  - name: o\n    expect:\n      - {clinic: Aurora}\n      - {clinic: Boulder}  # b\n      - {clinic: Cortez}\n      - {clinic: Durango}\n"},
		{"tests:\n  - name: o\n    expect:\n      - {clinic: Durango}  # moves\n      - {clinic: Aurora}\n      - {clinic: Boulder}\n      - {clinic: Cortez}\n",
			"tests:\n  - name: o\n    expect:\n      - {clinic: Aurora}\n      - {clinic: Boulder}\n      - {clinic: Cortez}\n      - {clinic: Durango}\n"},
	} {
		if got := updateText(t, c.src, act, true); got != c.want {
			t.Errorf("updated file:\n%s\nwant:\n%s", got, c.want)
		}
	}
}
