package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// planted reads the anomalies the generator planted: "clinic|week" → kind.
func planted(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../../examples/emr/anomalies.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		out[r[0]+"|"+r[1]] = r[2]
	}
	return out
}

// flaggedRows runs a spec and returns the clinic|week keys flagged by the
// rule on metric.
func flaggedRows(t *testing.T, db, spec, metric string) map[string]bool {
	t.Helper()
	code, out, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == metric+"_outlier" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no column %s_outlier in %v", metric, rows[0])
	}
	got := map[string]bool{}
	for _, r := range rows[1:] {
		if r[col] == "true" {
			got[r[0]+"|"+r[1]] = true
		}
	}
	return got
}

// TestWeeklyOutliersFindPlantedAnomalies: the example report flags every
// planted anomaly and nothing else, and --fail-on-outliers exits 3.
func TestWeeklyOutliersFindPlantedAnomalies(t *testing.T) {
	db := duckDB(t)
	spec := "../../examples/emr/reports/weekly_outliers.yaml"
	truth := planted(t)
	union := flaggedRows(t, db, spec, "visits_per_hour")
	for k := range flaggedRows(t, db, spec, "cost_per_visit") {
		union[k] = true
	}
	for k := range truth {
		if !union[k] {
			t.Errorf("planted anomaly %s (%s) not flagged", k, truth[k])
		}
	}
	for k := range union {
		if truth[k] == "" {
			t.Errorf("%s flagged but not planted", k)
		}
	}
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", "-", "--fail-on-outliers"); code != exitOutliers {
		t.Errorf("--fail-on-outliers: exit %d, want %d: %s", code, exitOutliers, errs)
	}
}

// TestOutlierMethodsOnPlantedAnomalies measures precision and recall of
// each method on the example data (printed with -v; docs/outliers.md
// quotes them). Truth per metric: visits per staff hour should flag the
// throughput anomalies; cost per visit the cost anomalies and the
// throughput_low weeks (the same staff cost over a fifth of the visits).
func TestOutlierMethodsOnPlantedAnomalies(t *testing.T) {
	db := duckDB(t)
	src, err := os.ReadFile("../../examples/emr/reports/weekly_outliers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(src), "\noutliers:")
	truth := planted(t)
	wants := map[string][]string{"visits_per_hour": {"throughput_high", "throughput_low"}, "cost_per_visit": {"cost_high", "throughput_low"}}
	dir := t.TempDir()
	for _, method := range []string{"zscore", "robust_z", "iqr", "esd", "grubbs"} {
		for _, metric := range []string{"visits_per_hour", "cost_per_visit"} {
			spec := filepath.Join(dir, "weekly_outliers.yaml")
			body := head + fmt.Sprintf("\noutliers:\n  - {metric: %s, method: %s, within: [week], min_group: 5}\n", metric, method)
			if err := os.WriteFile(spec, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			got := flaggedRows(t, db, spec, metric)
			tp, want := 0, 0
			for k, kind := range truth {
				if contains(wants[metric], kind) {
					want++
					if got[k] {
						tp++
					}
				}
			}
			precision := 1.0
			if len(got) > 0 {
				precision = float64(tp) / float64(len(got))
			}
			t.Logf("| %-8s | %-15s | %2d | %2d of %d | precision %.2f | recall %.2f |", method, metric, len(got), tp, want, precision, float64(tp)/float64(want))
			if method == "robust_z" && tp != want {
				t.Errorf("robust_z on %s found %d of %d planted anomalies", metric, tp, want)
			}
		}
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
