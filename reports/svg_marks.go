package reports

import (
	"math"
	"sort"
	"strings"
)

// Every data point (a row's non-NULL y value) is drawn as exactly one
// element of class "mark" — a circle on line, area and scatter charts, a
// rect on bar charts — holding a <title> with its values for hover.
// Points flagged by an outlier rule on that y column get the class
// "flagged" as well.

// xAt is the pixel of a point on the x axis: its band's centre or its
// value.
func (p *plot) xAt(pt chartPoint) float64 {
	if p.bands != nil {
		return p.x.at(float64(p.bandOf[pt.xText]) + 0.5)
	}
	return p.x.at(pt.x)
}

// sortedPoints returns the points of s in x order (band order on a band
// axis), leaving s as it is.
func (p *plot) sortedPoints(s *chartSeries) []chartPoint {
	pts := append([]chartPoint(nil), s.points...)
	sort.SliceStable(pts, func(i, j int) bool {
		if p.bands != nil {
			return p.bandOf[pts[i].xText] < p.bandOf[pts[j].xText]
		}
		return pts[i].x < pts[j].x
	})
	return pts
}

// segments splits sorted points into runs to draw as one line, as
// indices into pts: a NULL y or a missing period (on a time axis) ends a
// run.
func (p *plot) segments(pts []chartPoint) [][]int {
	var out [][]int
	var run []int
	for i, pt := range pts {
		gap := i > 0 && p.gapOver > 0 && pt.x-pts[i-1].x > p.gapOver
		if math.IsNaN(pt.y) || gap {
			if len(run) > 0 {
				out = append(out, run)
			}
			run = nil
		}
		if !math.IsNaN(pt.y) {
			run = append(run, i)
		}
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

// pointsOf is the SVG points list "x,y x,y …" of the points run of pts at
// the heights ys, in the order of run.
func (p *plot) pointsOf(pts []chartPoint, run []int, ys []float64) string {
	var b strings.Builder
	for k, i := range run {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(p.xAt(pts[i])))
		b.WriteByte(',')
		b.WriteString(num(p.y.at(ys[i])))
	}
	return b.String()
}

// drawLines draws each series as a line broken at gaps, with a dot per
// point.
func (p *plot) drawLines() {
	for _, s := range p.cd.lines {
		pts := p.sortedPoints(s)
		ys := make([]float64, len(pts))
		for i, pt := range pts {
			ys[i] = pt.y
		}
		for _, run := range p.segments(pts) {
			p.w.raw(`<polyline class="line" stroke="`, p.colors[s], `" points="`, p.pointsOf(pts, run, ys), `"/>`)
		}
		r := 2.5
		if len(pts) > 40 {
			r = 1.6 // dense lines: small dots, so the flagged rings stand out
		}
		for _, pt := range pts {
			p.dot(s, pt, pt.y, r)
		}
	}
}

// dot draws the mark of one point at height y, if it has a value.
func (p *plot) dot(s *chartSeries, pt chartPoint, y, r float64) {
	if math.IsNaN(pt.y) {
		return
	}
	class := "mark"
	if pt.flagged {
		class, r = "mark flagged", r+3
	}
	p.w.raw(`<circle class="`, class, `" cx="`, num(p.xAt(pt)), `" cy="`, num(p.y.at(y)), `" r="`, num(r), `" fill="`, p.colors[s], `">`)
	p.w.title(p.hover(s, pt))
	p.w.raw(`</circle>`)
}

// hover is the text shown over a mark: series, x and y.
func (p *plot) hover(s *chartSeries, pt chartPoint) string {
	text := pt.xText + ": " + FormatNumber(pt.y, p.cd.yType, p.cd.yFormat, -1)
	if s.name != "" {
		text = s.name + " — " + text
	}
	if pt.flagged {
		text += " (outlier)"
	}
	return text
}

// drawScatter draws a dot per point.
func (p *plot) drawScatter() {
	for _, s := range p.cd.lines {
		for _, pt := range s.points {
			p.dot(s, pt, pt.y, 3.5)
		}
	}
}

// drawAreas fills each series down to zero (or, stacked, down to the
// series below it) and draws its top line and dots.
func (p *plot) drawAreas() {
	below := map[string]float64{} // stacked: the running top at each x
	for _, s := range p.cd.lines {
		color := p.colors[s]
		pts := p.sortedPoints(s)
		base := make([]float64, len(pts))
		top := make([]float64, len(pts))
		for i, pt := range pts {
			top[i] = pt.y
			if p.cd.spec.Stacked && !math.IsNaN(pt.y) {
				base[i] = below[pt.xText]
				top[i] = base[i] + pt.y
				below[pt.xText] = top[i]
			}
		}
		p.fillArea(pts, base, top, color)
		for i, pt := range pts {
			p.dot(s, pt, top[i], 2.2)
		}
	}
}

// fillArea fills between base and top over each run of the points and
// draws the top line.
func (p *plot) fillArea(pts []chartPoint, base, top []float64, color string) {
	for _, run := range p.segments(pts) {
		back := make([]int, len(run))
		for k, i := range run {
			back[len(run)-1-k] = i
		}
		upper := p.pointsOf(pts, run, top)
		p.w.raw(`<polygon class="area" fill="`, color, `" fill-opacity="0.22" points="`, upper, ` `, p.pointsOf(pts, back, base), `"/>`)
		p.w.raw(`<polyline class="line" stroke="`, color, `" points="`, upper, `"/>`)
	}
}

// drawBars draws a bar per point: side by side within a band, or stacked
// (positive values up from zero, negative down).
func (p *plot) drawBars() {
	n := len(p.cd.lines)
	stacked := p.cd.spec.Stacked
	pos, neg := map[string]float64{}, map[string]float64{}
	bandPx := p.x.at(1) - p.x.at(0)
	inner := bandPx * 0.8
	width := inner
	if !stacked && n > 0 {
		width = inner / float64(n)
	}
	for k, s := range p.cd.lines {
		for _, pt := range s.points {
			if math.IsNaN(pt.y) {
				continue
			}
			left := p.x.at(float64(p.bandOf[pt.xText])) + (bandPx-inner)/2
			from, to := 0.0, pt.y
			if stacked {
				acc := pos
				if pt.y < 0 {
					acc = neg
				}
				from = acc[pt.xText]
				to = from + pt.y
				acc[pt.xText] = to
			} else {
				left += float64(k) * width
			}
			p.bar(s, pt, left, width, from, to)
		}
	}
}

// bar draws the rect of one point from the value from to the value to.
func (p *plot) bar(s *chartSeries, pt chartPoint, left, width, from, to float64) {
	y0, y1 := p.y.at(from), p.y.at(to)
	top, h := math.Min(y0, y1), math.Abs(y1-y0)
	class := "mark"
	if pt.flagged {
		class = "mark flagged"
	}
	p.w.raw(`<rect class="`, class, `" x="`, num(left), `" y="`, num(top), `" width="`, num(math.Max(width-1, 1)), `" height="`, num(h), `" fill="`, p.colors[s], `">`)
	p.w.title(p.hover(s, pt))
	p.w.raw(`</rect>`)
}
