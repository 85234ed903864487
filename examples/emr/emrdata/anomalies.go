package emrdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Anomaly kinds.
const (
	// KindThroughputHigh marks a clinic-week whose visits per staff hour are
	// far too high: most worked hours are missing from shifts while visits
	// continue as usual.
	KindThroughputHigh = "throughput_high"
	// KindThroughputLow marks a clinic-week whose visits per staff hour are
	// far too low: visits collapse while staff work their usual shifts.
	KindThroughputLow = "throughput_low"
	// KindCostHigh marks a clinic-week whose staff cost is far too high:
	// agency locums at a premium rate cover the physicians and nurses, with
	// the usual hours and visits.
	KindCostHigh = "cost_high"
)

// Size of the planted effects.
const (
	recordedHoursPercent = 35 // throughput_high: share of worked hours recorded in shifts
	lowVisitsPercent     = 20 // throughput_low: share of the usual visits
)

// plantedKinds is the list of anomalies planted in every data set.
var plantedKinds = []string{
	KindThroughputHigh, KindThroughputLow, KindCostHigh,
	KindThroughputHigh, KindThroughputLow, KindCostHigh, KindCostHigh,
}

var descriptions = map[string]string{
	KindThroughputHigh: fmt.Sprintf("timesheet fault: only %d%% of worked hours recorded in shifts while visits continued as usual", recordedHoursPercent),
	KindThroughputLow:  fmt.Sprintf("booking system outage: visits fell to about %d%% of normal while staff worked their usual shifts", lowVisitsPercent),
	KindCostHigh:       "agency cover: physicians and nurses replaced by agency locums at 2.5x their hourly cost; hours and visits as usual",
}

// Anomaly is one planted anomaly: a clinic-week whose throughput or staff
// cost was made abnormal on purpose.
type Anomaly struct {
	// Clinic is the clinic's name (clinics.name).
	Clinic string
	// Week is the Monday, at UTC midnight, of the Monday-start week.
	Week time.Time
	// Kind is KindThroughputHigh, KindThroughputLow or KindCostHigh.
	Kind string
	// Description says how the anomaly was planted.
	Description string
}

// planted is an anomaly as the generator applies it.
type planted struct {
	clinic int // index into world.clinics
	week   int // week index
	kind   string
	// cover maps, for cost_high, a regular employee's staff index to the
	// staff index of the agency locum who covers the employee's shifts.
	cover map[int]int
}

// Anomalies returns the anomalies planted in the data set of opts, ordered by
// week and clinic. It returns nil if opts are invalid (see Options).
func Anomalies(opts Options) []Anomaly {
	opts, err := opts.normalized()
	if err != nil {
		return nil
	}
	w := newSkeleton(opts)
	out := make([]Anomaly, len(w.anomalies))
	for i, a := range w.anomalies {
		out[i] = Anomaly{
			Clinic:      w.clinics[a.clinic].name,
			Week:        weekMonday(a.week),
			Kind:        a.kind,
			Description: descriptions[a.kind],
		}
	}
	return out
}

// WriteAnomaliesCSV writes a as CSV with the header
// clinic,week,kind,description; weeks are written as YYYY-MM-DD.
func WriteAnomaliesCSV(w io.Writer, a []Anomaly) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"clinic", "week", "kind", "description"}); err != nil {
		return fmt.Errorf("emrdata: write anomalies: %w", err)
	}
	for _, x := range a {
		rec := []string{x.Clinic, x.Week.Format(time.DateOnly), x.Kind, x.Description}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("emrdata: write anomalies: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("emrdata: write anomalies: %w", err)
	}
	return nil
}

// planAnomalies picks a clinic-week for every planted kind: weeks without
// holidays, away from the turn of the year and at least three weeks apart;
// clinics open for at least four weeks, each clinic used once while possible.
func (w *world) planAnomalies() {
	r := newRand(w.seed, streamAnomalies, 0, 0)
	weeks := w.quietWeeks()
	used := make([]bool, len(w.clinics))
	for _, kind := range plantedKinds {
		i := r.IntN(len(weeks))
		week := weeks[i]
		weeks = slices.DeleteFunc(weeks, func(x int) bool { return x > week-3 && x < week+3 })
		ci := w.pickAnomalyClinic(r, week, used, kind == KindThroughputLow)
		used[ci] = true
		w.anomalies = append(w.anomalies, planted{clinic: ci, week: week, kind: kind})
	}
	slices.SortFunc(w.anomalies, func(a, b planted) int {
		if a.week != b.week {
			return a.week - b.week
		}
		return strings.Compare(w.clinics[a.clinic].name, w.clinics[b.clinic].name)
	})
	w.plan = make([][]int, len(w.clinics))
	for ci := range w.plan {
		w.plan[ci] = make([]int, weekOf(len(w.days)-1)+1)
	}
	for i, a := range w.anomalies {
		w.plan[a.clinic][a.week] = i + 1
	}
}

// quietWeeks returns the full weeks without a holiday and outside the
// Christmas to New Year period, which are eligible for anomalies.
func (w *world) quietWeeks() []int {
	var weeks []int
	for wk := 1; 7*wk+6 < len(w.days); wk++ {
		if w.quietWeek(wk) {
			weeks = append(weeks, wk)
		}
	}
	return weeks
}

func (w *world) quietWeek(wk int) bool {
	for d := 7 * wk; d < 7*wk+7; d++ {
		day := &w.days[d]
		if day.holiday || (day.month == time.December && day.date.Day() >= 15) ||
			(day.month == time.January && day.date.Day() <= 7) {
			return false
		}
	}
	return true
}

// pickAnomalyClinic draws a clinic open at least four weeks before the week,
// preferring clinics without an anomaly yet. A throughput_low anomaly goes to
// a clinic of at least median size, so that its collapsed week still has
// enough completed visits to pass a report's minimum-count filter.
func (w *world) pickAnomalyClinic(r *rand.Rand, week int, used []bool, large bool) int {
	sizes := make([]int, len(w.clinics))
	for i, c := range w.clinics {
		sizes[i] = c.size
	}
	slices.Sort(sizes)
	minSize := 0
	if large {
		minSize = sizes[len(sizes)/2]
	}
	var fresh, open []int
	for ci, c := range w.clinics {
		if (c.openDay > 0 && c.openDay > 7*week-28) || c.size < minSize {
			continue
		}
		open = append(open, ci)
		if !used[ci] {
			fresh = append(fresh, ci)
		}
	}
	if len(fresh) > 0 {
		return fresh[r.IntN(len(fresh))]
	}
	return open[r.IntN(len(open))]
}

// anomalyAt returns the anomaly planted in the clinic on day index d, or nil.
func (w *world) anomalyAt(ci, d int) *planted {
	if i := w.plan[ci][weekOf(d)]; i > 0 {
		return &w.anomalies[i-1]
	}
	return nil
}
