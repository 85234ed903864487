package outliers

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/result"
)

// The files of testdata/reference were written by testdata/reference/make.R,
// an implementation of every method in base R (mean, sd, median, mad,
// quantile type 7, qt, rank), on 300 seeded samples: normal, Student t with
// 3 and 1 (Cauchy) degrees of freedom, lognormal, contaminated normal,
// normal with planted outliers, Poisson (ties: MAD and IQR 0), rounded
// normal (ties) and constant, of 3 to 150 values.

// refTolerance bounds |go − R| / max(1, |R|) for every statistic.
const refTolerance = 1e-9

// readCSV reads a reference file as maps from header to field.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open("testdata/reference/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func integer(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// readSamples returns the reference samples by sample number.
func readSamples(t *testing.T) map[string][]float64 {
	out := map[string][]float64{}
	for _, r := range readCSV(t, "samples.csv") {
		out[r["sample"]] = append(out[r["sample"]], num(t, r["x"]))
	}
	return out
}

// maxDiff tracks the largest absolute difference from the reference.
type maxDiff struct {
	abs  float64
	what string
}

// check compares got with want within refTolerance and tracks the largest
// difference.
func (m *maxDiff) check(t *testing.T, got, want float64, what string) {
	t.Helper()
	d := math.Abs(got - want)
	if math.IsNaN(got) != math.IsNaN(want) || d > refTolerance*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: got %.17g, R %.17g", what, got, want)
	}
	if d > m.abs {
		m.abs, m.what = d, what
	}
}

func refRule(t *testing.T, r map[string]string) result.OutlierRule {
	return result.OutlierRule{
		Metric:      "x",
		Method:      result.Method(r["method"]),
		Direction:   result.Direction(r["direction"]),
		Threshold:   num(t, r["threshold"]),
		K:           num(t, r["k"]),
		Alpha:       num(t, r["alpha"]),
		MaxOutliers: integer(t, r["max_outliers"]),
	}
}

func TestReferenceScores(t *testing.T) {
	samples := readSamples(t)
	diffs := map[result.Method]*maxDiff{}
	flags := map[result.Method]int{}
	for _, r := range readCSV(t, "scores.csv") {
		rule := refRule(t, r)
		x := samples[r["sample"]]
		res, err := Score(x, nil, rule)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Fields(r["scores"])
		if diffs[rule.Method] == nil {
			diffs[rule.Method] = &maxDiff{}
		}
		for i := range x {
			what := "sample " + r["sample"] + " " + string(rule.Method) + " #" + strconv.Itoa(i)
			if !res.Valid[i] {
				t.Fatalf("%s: NULL score", what)
			}
			diffs[rule.Method].check(t, res.Scores[i], num(t, want[i]), what)
			if res.Flagged[i] != (r["flags"][i] == '1') {
				t.Errorf("%s (%s): flagged %v, R says %c", what, r["direction"], res.Flagged[i], r["flags"][i])
			}
			if res.Flagged[i] {
				flags[rule.Method]++
			}
		}
	}
	for _, m := range result.Methods {
		t.Logf("%-8s max |go − R| = %.3g (%s); %d values flagged", m, diffs[m].abs, diffs[m].what, flags[m])
	}
}

func TestReferenceESD(t *testing.T) {
	samples := readSamples(t)
	var stat, crit maxDiff
	bySample := map[string][]map[string]string{}
	var order []string
	for _, r := range readCSV(t, "esd.csv") {
		if bySample[r["sample"]] == nil {
			order = append(order, r["sample"])
		}
		bySample[r["sample"]] = append(bySample[r["sample"]], r)
	}
	for _, s := range order {
		steps := bySample[s]
		first := steps[0]
		res, err := ESDTest(samples[s], num(t, first["alpha"]), integer(t, first["max_outliers"]), result.Direction(first["direction"]))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Stats) != len(steps) || res.Outliers != integer(t, first["outliers"]) {
			t.Errorf("sample %s: %d steps, %d outliers; R: %d, %s", s, len(res.Stats), res.Outliers, len(steps), first["outliers"])
			continue
		}
		for i, r := range steps {
			stat.check(t, res.Stats[i], num(t, r["R"]), "sample "+s+" R_"+r["step"])
			crit.check(t, res.Critical[i], num(t, r["lambda"]), "sample "+s+" λ_"+r["step"])
			if res.Index[i] != integer(t, r["index"]) {
				t.Errorf("sample %s step %s: removed #%d, R #%s", s, r["step"], res.Index[i], r["index"])
			}
		}
	}
	t.Logf("%d samples: max |R_i − R| = %.3g, max |λ_i − R| = %.3g (%s)", len(order), stat.abs, crit.abs, crit.what)
}

func TestReferenceGrubbs(t *testing.T) {
	samples := readSamples(t)
	var stat, crit maxDiff
	rows := readCSV(t, "grubbs.csv")
	for _, r := range rows {
		g, err := GrubbsTest(samples[r["sample"]], num(t, r["alpha"]), result.Direction(r["direction"]))
		if err != nil {
			t.Fatal(err)
		}
		stat.check(t, g.G, num(t, r["G"]), "sample "+r["sample"]+" G")
		crit.check(t, g.Critical, num(t, r["critical"]), "sample "+r["sample"]+" critical")
		if g.Index != integer(t, r["index"]) || g.Outlier != (r["outlier"] == "true") {
			t.Errorf("sample %s: %+v; R: index %s, outlier %s", r["sample"], g, r["index"], r["outlier"])
		}
	}
	t.Logf("%d samples: max |G − R| = %.3g, max |critical − R| = %.3g", len(rows), stat.abs, crit.abs)
}

func TestReferenceBlend(t *testing.T) {
	byCase := map[string][]map[string]string{}
	var order []string
	for _, r := range readCSV(t, "blend.csv") {
		if byCase[r["case"]] == nil {
			order = append(order, r["case"])
		}
		byCase[r["case"]] = append(byCase[r["case"]], r)
	}
	var diff maxDiff
	for _, c := range order {
		rows := byCase[c]
		metrics := make([][]float64, 3)
		weights := make([]float64, 3)
		for j := range 3 {
			col := "m" + strconv.Itoa(j+1)
			for _, r := range rows {
				metrics[j] = append(metrics[j], num(t, r[col]))
			}
			weights[j] = num(t, rows[0]["w"+strconv.Itoa(j+1)])
		}
		scores, ok, err := Blend(metrics, nil, weights)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			want := num(t, r["score"])
			if ok[i] == math.IsNaN(want) {
				t.Errorf("case %s row %d: ok %v, R score %q", c, i, ok[i], r["score"])
				continue
			}
			if ok[i] {
				diff.check(t, scores[i], want, "case "+c+" row "+r["row"])
			}
		}
	}
	t.Logf("%d cases: max |score − R| = %.3g", len(order), diff.abs)
}
