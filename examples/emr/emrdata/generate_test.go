package emrdata

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite examples/emr/anomalies.csv from the generator")

// anomaliesFile is the committed list of anomalies at the default options.
const anomaliesFile = "../anomalies.csv"

// checksum hashes every row of every table of opts's data set, with the
// Go type of each value, and returns the hash and the rows per table.
func checksum(t *testing.T, opts Options) (string, map[string]int64) {
	t.Helper()
	h := sha256.New()
	counts := map[string]int64{}
	for _, tb := range newWorld(opts).tables() {
		fmt.Fprintf(h, "table %s\n", tb.def.name)
		for row := range tb.rows {
			counts[tb.def.name]++
			hashRow(t, h, row)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), counts
}

func hashRow(t *testing.T, h hash.Hash, row []any) {
	for _, v := range row {
		switch v := v.(type) {
		case time.Time:
			if v.Location() != time.UTC {
				t.Fatalf("time %v is not in UTC", v)
			}
			fmt.Fprintf(h, "T%s|", v.Format(time.RFC3339Nano))
		case nil, int32, string, fixed2:
			fmt.Fprintf(h, "%T%v|", v, v)
		default:
			t.Fatalf("unexpected row value %T", v)
		}
	}
	h.Write([]byte{'\n'})
}

func TestGenerationIsDeterministic(t *testing.T) {
	first, counts := checksum(t, DefaultOptions())
	second, _ := checksum(t, DefaultOptions())
	if first != second {
		t.Fatalf("two runs differ: %s vs %s", first, second)
	}
	other, _ := checksum(t, Options{Seed: 2, Scale: 1})
	if other == first {
		t.Fatal("seed 2 gives the same data as seed 1")
	}
	t.Logf("checksum %s rows %v", first, counts)
}

func TestGeneratedDataLooksRealistic(t *testing.T) {
	s := summarize(newWorld(DefaultOptions()))
	if n := s.rows[tableClinics]; n != 12 {
		t.Errorf("clinics = %d, want 12", n)
	}
	if n := s.rows[tableVisits]; n < 80_000 || n > 140_000 {
		t.Errorf("visits = %d, want about 100,000", n)
	}
	noShow := float64(s.status[statusNoShow]) / float64(s.rows[tableVisits])
	if noShow < 0.06 || noShow > 0.10 {
		t.Errorf("no-show rate = %.3f, want about 0.08", noShow)
	}
	if s.walkIns == 0 || s.homeless == 0 {
		t.Errorf("want walk-ins (NULL service) and patients without a home clinic, got %d and %d", s.walkIns, s.homeless)
	}
	if s.minDay != "2024-01-01" && s.minDay != "2024-01-02" {
		t.Errorf("first visit day = %s", s.minDay)
	}
	if s.maxDay != "2025-12-31" {
		t.Errorf("last visit day = %s", s.maxDay)
	}
	if s.sundayVisits != 0 {
		t.Errorf("%d visits on Sundays, clinics are closed", s.sundayVisits)
	}
}

func TestScaleGrowsTheData(t *testing.T) {
	small := summarize(newWorld(DefaultOptions()))
	big := summarize(newWorld(Options{Seed: 1, Scale: 4}))
	if big.rows[tableClinics] != 24 {
		t.Errorf("clinics at scale 4 = %d, want 24", big.rows[tableClinics])
	}
	ratio := float64(big.rows[tableVisits]) / float64(small.rows[tableVisits])
	if ratio < 3 || ratio > 5 {
		t.Errorf("visits grow %.2fx from scale 1 to 4, want about 4x", ratio)
	}
}

func TestOptions(t *testing.T) {
	if _, err := (Options{Scale: -1}).normalized(); err == nil {
		t.Error("scale -1 accepted")
	}
	if _, err := (Options{Scale: MaxScale + 1}).normalized(); err == nil {
		t.Error("scale above MaxScale accepted")
	}
	o, err := Options{Seed: 7}.normalized()
	if err != nil || o.Scale != 1 {
		t.Errorf("zero scale normalizes to %d, %v; want 1", o.Scale, err)
	}
	if Anomalies(Options{Scale: -1}) != nil {
		t.Error("Anomalies with invalid options is not nil")
	}
}

func TestAnomalies(t *testing.T) {
	list := Anomalies(DefaultOptions())
	if len(list) < 6 || len(list) > 8 {
		t.Fatalf("%d anomalies, want 6 to 8", len(list))
	}
	kinds := map[string]int{}
	for _, a := range list {
		kinds[a.Kind]++
		if a.Week.Weekday() != time.Monday || a.Week.Location() != time.UTC {
			t.Errorf("week %v is not a UTC Monday", a.Week)
		}
		if a.Week.Before(firstDay) || a.Week.After(lastDay) {
			t.Errorf("week %v outside the data period", a.Week)
		}
	}
	for _, k := range []string{KindThroughputHigh, KindThroughputLow, KindCostHigh} {
		if kinds[k] == 0 {
			t.Errorf("no %s anomaly", k)
		}
	}
}

// TestManySeeds guards against options that break the planting rules.
func TestManySeeds(t *testing.T) {
	for seed := int64(-20); seed <= 300; seed++ {
		for _, scale := range []int{1, 2, 5} {
			list := Anomalies(Options{Seed: seed, Scale: scale})
			if len(list) != len(plantedKinds) {
				t.Fatalf("seed %d scale %d: %d anomalies", seed, scale, len(list))
			}
			for i := 1; i < len(list); i++ {
				if !list[i].Week.After(list[i-1].Week.AddDate(0, 0, 14)) {
					t.Errorf("seed %d scale %d: anomalies in weeks %v and %v", seed, scale, list[i-1].Week, list[i].Week)
				}
			}
		}
	}
	for seed := int64(2); seed <= 4; seed++ {
		s := summarize(newWorld(Options{Seed: seed, Scale: 1}))
		if s.rows[tableVisits] < 80_000 {
			t.Errorf("seed %d: only %d visits", seed, s.rows[tableVisits])
		}
	}
}

// TestAnomaliesFile checks that examples/emr/anomalies.csv matches the
// generator; go test ./examples/emr/emrdata -update rewrites it.
func TestAnomaliesFile(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteAnomaliesCSV(&buf, Anomalies(DefaultOptions())); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(anomaliesFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(anomaliesFile)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/emr/emrdata -update)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s is stale; run go test ./examples/emr/emrdata -update\n got:\n%s\nwant:\n%s", anomaliesFile, got, buf.Bytes())
	}
}

func TestDDL(t *testing.T) {
	stmts := DDL()
	if len(stmts) != len(TableNames()) {
		t.Fatalf("%d statements for %d tables", len(stmts), len(TableNames()))
	}
	for i, name := range TableNames() {
		if !strings.HasPrefix(stmts[i], "CREATE TABLE "+name+" (") {
			t.Errorf("statement %d does not create %s:\n%s", i, name, stmts[i])
		}
	}
	want := "    service_id integer REFERENCES services (id),\n"
	if !strings.Contains(stmts[len(stmts)-1], want) {
		t.Errorf("visits DDL lacks %q:\n%s", want, stmts[len(stmts)-1])
	}
}

func TestFixed2String(t *testing.T) {
	for v, want := range map[fixed2]string{0: "0.00", 5: "0.05", 1234: "12.34", -1205: "-12.05", 100: "1.00"} {
		if got := v.String(); got != want {
			t.Errorf("fixed2(%d) = %s, want %s", int64(v), got, want)
		}
	}
}

func TestCalendar(t *testing.T) {
	cases := []struct {
		day     time.Time
		holiday bool
		offset  int
	}{
		{dateOf(2024, time.January, 1), true, offsetStandard},
		{dateOf(2024, time.March, 9), false, offsetStandard},
		{dateOf(2024, time.March, 10), false, offsetDaylight},
		{dateOf(2024, time.May, 27), true, offsetDaylight},
		{dateOf(2024, time.November, 3), false, offsetStandard},
		{dateOf(2025, time.November, 27), true, offsetStandard},
		{dateOf(2025, time.July, 4), true, offsetDaylight},
		{dateOf(2025, time.September, 1), true, offsetDaylight},
	}
	for _, c := range cases {
		if got := isHoliday(c.day); got != c.holiday {
			t.Errorf("isHoliday(%s) = %v", c.day.Format(time.DateOnly), got)
		}
		if got := mountainOffset(c.day); got != c.offset {
			t.Errorf("mountainOffset(%s) = %d, want %d", c.day.Format(time.DateOnly), got, c.offset)
		}
	}
	if n := len(buildCalendar()); n != 731 {
		t.Errorf("calendar has %d days, want 731", n)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		for _, tb := range newWorld(DefaultOptions()).tables() {
			for range tb.rows {
			}
		}
	}
}
