package reports

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
)

// tick is one labelled position on an axis, in data units.
type tick struct {
	at    float64
	label string
}

// linearScale maps the data interval [lo, hi] onto the pixels [from, to].
type linearScale struct {
	lo, hi, from, to float64
}

// at is the pixel of the data value v.
func (s linearScale) at(v float64) float64 {
	if s.hi == s.lo {
		return (s.from + s.to) / 2
	}
	return s.from + (v-s.lo)/(s.hi-s.lo)*(s.to-s.from)
}

// niceStep is a step of 1, 2 or 5 times a power of ten near span/n.
func niceStep(span float64, n int) float64 {
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// niceDomain widens [lo, hi] to whole steps and returns it with the step.
func niceDomain(lo, hi float64, n int) (float64, float64, float64) {
	if lo == hi {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	step := niceStep(hi-lo, n)
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// numberTicks labels the multiples of step in [lo, hi] with the column's
// format; the decimals shown follow the step unless the format sets them.
func numberTicks(lo, hi, step float64, dt arrow.DataType, fm result.Format) []tick {
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if fm.Style == "percent" {
			decimals = max(decimals-2, 0)
		}
	}
	var ticks []tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, tick{at: v, label: FormatNumber(v, dt, fm, decimals)})
	}
	return ticks
}

// timeStep is a candidate spacing of time ticks: days, or months.
type timeStep struct {
	days, months int
	pattern      string // the label pattern when the column has none
}

// timeSteps are the tick spacings tried, finest first.
var timeSteps = []timeStep{
	{1, 0, "DD MMM"}, {2, 0, "DD MMM"}, {7, 0, "DD MMM"}, {14, 0, "DD MMM"},
	{0, 1, "MMM YYYY"}, {0, 2, "MMM YYYY"}, {0, 3, "MMM YYYY"}, {0, 6, "MMM YYYY"},
	{0, 12, "YYYY"}, {0, 24, "YYYY"}, {0, 60, "YYYY"}, {0, 120, "YYYY"},
}

// timeTicks places at most n ticks on whole days, Mondays, or the first of
// months in [lo, hi] (days since the epoch), labelled with the column's
// date pattern or one that suits the spacing.
func timeTicks(lo, hi float64, n int, pattern string) []tick {
	span := hi - lo
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		approx := float64(s.days) + float64(s.months)*30.44
		if span/approx <= float64(n) {
			step = s
			break
		}
	}
	if pattern == "" {
		pattern = step.pattern
	}
	p := parseDatePattern(pattern)
	var ticks []tick
	for _, d := range tickDays(int64(math.Ceil(lo)), int64(math.Floor(hi)), step) {
		ticks = append(ticks, tick{at: float64(d), label: string(p.appendDays(nil, d))})
	}
	return ticks
}

// tickDays lists the days in [lo, hi] on the step's grid: every day, every
// other day, Mondays, or the first of every k-th month.
func tickDays(lo, hi int64, s timeStep) []int64 {
	var out []int64
	if s.days > 0 {
		d := lo
		if s.days%7 == 0 {
			d += floorMod(8-isoWeekday(d), 7) // the next Monday
		}
		for ; d <= hi; d += int64(s.days) {
			out = append(out, d)
		}
		return out
	}
	y, m, _ := civilFromDays(lo)
	months := y*12 + m - 1
	months += floorMod(-months, int64(s.months))
	for ; ; months += int64(s.months) {
		d := daysFromCivil(floorDiv(months, 12), floorMod(months, 12)+1, 1)
		if d > hi {
			return out
		}
		if d >= lo {
			out = append(out, d)
		}
	}
}

// minStep is the smallest gap between consecutive distinct sorted values,
// or 0 when there are fewer than two.
func minStep(sorted []float64) float64 {
	step := 0.0
	for i := 1; i < len(sorted); i++ {
		if d := sorted[i] - sorted[i-1]; d > 0 && (step == 0 || d < step) {
			step = d
		}
	}
	return step
}
