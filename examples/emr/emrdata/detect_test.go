package emrdata

import (
	"cmp"
	"math"
	"slices"
	"testing"
	"time"
)

// clinicWeek identifies one clinic (id) in one week (index).
type clinicWeek struct {
	clinic int32
	week   int
}

// weekly holds the measures of the example report per clinic-week.
type weekly struct {
	completed float64
	hours     float64
	cost      float64
}

// weeklyMeasures computes completed visits, staff hours and staff cost per
// clinic-week from the generated rows, as the example report does in SQL.
func weeklyMeasures(w *world) map[clinicWeek]*weekly {
	out := map[clinicWeek]*weekly{}
	at := func(k clinicWeek) *weekly {
		if out[k] == nil {
			out[k] = &weekly{}
		}
		return out[k]
	}
	cost := map[int32]float64{}
	for _, tb := range w.tables() {
		for row := range tb.rows {
			switch tb.def.name {
			case tableStaff:
				cost[row[0].(int32)] = float64(row[4].(fixed2)) / 100
			case tableShifts:
				m := at(clinicWeek{row[2].(int32), weekIndex(row[3].(time.Time))})
				h := float64(row[4].(fixed2)) / 100
				m.hours += h
				m.cost += h * cost[row[1].(int32)]
			case tableVisits:
				if row[7] == statusCompleted {
					at(clinicWeek{row[1].(int32), weekIndex(row[5].(time.Time))}).completed++
				}
			}
		}
	}
	return out
}

func weekIndex(day time.Time) int {
	return int(day.Sub(firstDay).Hours()) / (24 * 7)
}

func medianOf(x []float64) float64 {
	y := slices.Clone(x)
	slices.Sort(y)
	n := len(y)
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}

// robustZ returns, per clinic-week, the robust z-score (0.6745 (x - median)
// / MAD) of visits per staff hour among the clinics of the same week, for
// clinic-weeks with at least 10 completed visits and weeks with at least 5.
func robustZ(measures map[clinicWeek]*weekly) map[clinicWeek]float64 {
	byWeek := map[int][]clinicWeek{}
	for k, m := range measures {
		if m.completed >= 10 && m.hours > 0 {
			byWeek[k.week] = append(byWeek[k.week], k)
		}
	}
	z := map[clinicWeek]float64{}
	for _, keys := range byWeek {
		if len(keys) < 5 {
			continue
		}
		vals := make([]float64, len(keys))
		for i, k := range keys {
			vals[i] = measures[k].completed / measures[k].hours
		}
		med := medianOf(vals)
		dev := make([]float64, len(vals))
		for i, v := range vals {
			dev[i] = math.Abs(v - med)
		}
		mad := medianOf(dev)
		for i, k := range keys {
			z[k] = 0.6745 * (vals[i] - med) / mad
		}
	}
	return z
}

// TestPlantedAnomaliesStandOut pins the property the example reports rely
// on at the default options: within each week, a robust z-score of visits
// per staff hour beyond 3.5 flags exactly the throughput anomalies, and the
// highest staff costs per completed visit are exactly the cost_high and
// throughput_low weeks. A generator change that breaks this needs retuning.
func TestPlantedAnomaliesStandOut(t *testing.T) {
	w := newWorld(DefaultOptions())
	measures := weeklyMeasures(w)
	planted := map[clinicWeek]string{}
	for _, a := range w.anomalies {
		planted[clinicWeek{w.clinics[a.clinic].id, a.week}] = a.kind
	}
	for k, z := range robustZ(measures) {
		kind := planted[k]
		switch {
		case kind == KindThroughputHigh && z <= 3.5, kind == KindThroughputLow && z >= -3.5:
			t.Errorf("%s at clinic %d week %d has robust z %.2f", kind, k.clinic, k.week, z)
		case (kind == "" || kind == KindCostHigh) && math.Abs(z) > 3.5:
			t.Errorf("unplanted clinic %d week %d has robust z %.2f", k.clinic, k.week, z)
		}
	}
	var keys []clinicWeek
	for k, m := range measures {
		if m.completed >= 10 {
			keys = append(keys, k)
		}
	}
	cpv := func(k clinicWeek) float64 { return measures[k].cost / measures[k].completed }
	slices.SortFunc(keys, func(a, b clinicWeek) int { return cmp.Compare(cpv(b), cpv(a)) })
	want := 0
	for _, kind := range planted {
		if kind != KindThroughputHigh {
			want++
		}
	}
	for i, k := range keys[:want+1] {
		kind := planted[k]
		costly := kind == KindCostHigh || kind == KindThroughputLow
		if costly != (i < want) {
			t.Errorf("cost per visit rank %d: clinic %d week %d (%q) at %.2f", i, k.clinic, k.week, kind, cpv(k))
		}
	}
	t.Logf("cost per visit: rank %d %.2f, rank %d %.2f", want, cpv(keys[want-1]), want+1, cpv(keys[want]))
}
