package reports

import (
	"html"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
)

// The drawing area of a chart, in SVG user units; the SVG scales to the
// width of the page.
const (
	chartWidth   = 760.0
	chartHeight  = 300.0
	marginLeft   = 70.0
	marginRight  = 16.0
	marginTop    = 12.0
	marginBottom = 40.0
	yTickCount   = 5
	xTickCount   = 8
)

// palette holds the series colours (Tableau 10, which stays apart for the
// colour-blind better than most, and two more); later series reuse them.
var palette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#6b3f98"}

// chartView is what the page template shows of one chart.
type chartView struct {
	Title  string
	SVG    template.HTML // built by svgWriter, which escapes every text
	Legend []legendItem
}

// legendItem is one series in the legend.
type legendItem struct {
	Name, Color string
}

// svgWriter builds SVG markup; every text and attribute value from data
// goes through esc.
type svgWriter struct {
	b strings.Builder
}

// esc escapes s for SVG text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// num writes a pixel coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// raw writes markup the renderer made itself.
func (w *svgWriter) raw(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// text writes a <text> element holding s.
func (w *svgWriter) text(x, y float64, anchor, s string) {
	w.raw(`<text x="`, num(x), `" y="`, num(y), `" text-anchor="`, anchor, `">`, esc(s), `</text>`)
}

// title writes the hover text of the enclosing element.
func (w *svgWriter) title(s string) {
	w.raw(`<title>`, esc(s), `</title>`)
}

// plot is one chart being drawn: the data, the scales and the output.
type plot struct {
	cd      *chartData
	w       svgWriter
	x, y    linearScale
	bands   []band         // the categories of a band axis
	bandOf  map[string]int // category text → index
	colors  map[*chartSeries]string
	gapOver float64 // on a time axis, a step longer than this is a gap
}

// band is one category of a band axis.
type band struct {
	label string
	at    float64 // sort key (the x value for numbers and times)
}

// render draws the chart as SVG.
func (cd *chartData) render() chartView {
	p := &plot{cd: cd, colors: map[*chartSeries]string{}}
	v := chartView{Title: cd.title()}
	for k, s := range cd.lines {
		p.colors[s] = palette[k%len(palette)]
		if len(cd.lines) > 1 || cd.series >= 0 {
			v.Legend = append(v.Legend, legendItem{Name: s.name, Color: p.colors[s]})
		}
	}
	p.w.raw(`<svg class="plot" viewBox="0 0 `, num(chartWidth), ` `, num(chartHeight),
		`" role="img" aria-label="`, esc(v.Title), `" data-type="`, esc(cd.spec.Type), `">`)
	if cd.bandAxis() {
		p.setBands()
	}
	p.setScales()
	p.drawAxes()
	switch cd.spec.Type {
	case "bar":
		p.drawBars()
	case "area":
		p.drawAreas()
	case "scatter":
		p.drawScatter()
	default:
		p.drawLines()
	}
	p.w.raw(`</svg>`)
	v.SVG = template.HTML(p.w.b.String())
	return v
}

// title is the chart's title, or one made from its columns.
func (cd *chartData) title() string {
	if cd.spec.Title != "" {
		return cd.spec.Title
	}
	t := strings.Join(cd.yLabels, ", ") + " by " + cd.xLabel
	if cd.series >= 0 {
		t += " and " + cd.spec.Series
	}
	return t
}

// bandAxis reports whether x is drawn as bands: for bars and for text.
func (cd *chartData) bandAxis() bool {
	return cd.spec.Type == "bar" || cd.xKind == axisCategory
}

// setBands collects the distinct x values as bands: sorted for numbers and
// times, in the order met for text.
func (p *plot) setBands() {
	p.bandOf = map[string]int{}
	for _, s := range p.cd.lines {
		for _, pt := range s.points {
			if _, ok := p.bandOf[pt.xText]; !ok {
				p.bandOf[pt.xText] = len(p.bands)
				p.bands = append(p.bands, band{label: pt.xText, at: pt.x})
			}
		}
	}
	if p.cd.xKind != axisCategory {
		sort.SliceStable(p.bands, func(i, j int) bool { return p.bands[i].at < p.bands[j].at })
		for i, b := range p.bands {
			p.bandOf[b.label] = i
		}
	}
}

// setScales fits the y scale to the values (stacked sums for stacked
// charts, 0 included for bars and areas) and the x scale to the values or
// the bands.
func (p *plot) setScales() {
	lo, hi := p.yExtent()
	lo, hi, _ = niceDomain(lo, hi, yTickCount)
	p.y = linearScale{lo: lo, hi: hi, from: chartHeight - marginBottom, to: marginTop}
	if p.bands != nil {
		p.x = linearScale{lo: 0, hi: float64(max(len(p.bands), 1)), from: marginLeft, to: chartWidth - marginRight}
		return
	}
	xs := p.distinctX()
	xlo, xhi := 0.0, 1.0
	if len(xs) > 0 {
		xlo, xhi = xs[0], xs[len(xs)-1]
	}
	if p.cd.xKind == axisNumber && p.cd.spec.Type == "scatter" {
		xlo, xhi, _ = niceDomain(xlo, xhi, xTickCount)
	} else if xlo == xhi {
		xlo, xhi = xlo-1, xhi+1
	}
	p.x = linearScale{lo: xlo, hi: xhi, from: marginLeft + 6, to: chartWidth - marginRight - 6}
	if p.cd.xKind == axisTime {
		p.gapOver = 1.5 * minStep(xs)
	}
}

// distinctX returns the sorted distinct x values of every series.
func (p *plot) distinctX() []float64 {
	seen := map[float64]bool{}
	var xs []float64
	for _, s := range p.cd.lines {
		for _, pt := range s.points {
			if !seen[pt.x] {
				seen[pt.x] = true
				xs = append(xs, pt.x)
			}
		}
	}
	sort.Float64s(xs)
	return xs
}

// yExtent is the smallest and largest y the chart must show.
func (p *plot) yExtent() (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v float64) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if p.cd.spec.Stacked && p.cd.spec.Type != "line" && p.cd.spec.Type != "scatter" {
		for _, st := range p.stacks() {
			see(st.pos)
			see(st.neg)
		}
	} else {
		for _, s := range p.cd.lines {
			for _, pt := range s.points {
				see(pt.y)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	if p.cd.spec.Type == "bar" || p.cd.spec.Type == "area" {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	return lo, hi
}

// stackTotal is the sums of positive and negative values at one x.
type stackTotal struct{ pos, neg float64 }

// stacks sums the values of every series at each x text.
func (p *plot) stacks() map[string]*stackTotal {
	out := map[string]*stackTotal{}
	for _, s := range p.cd.lines {
		for _, pt := range s.points {
			st := out[pt.xText]
			if st == nil {
				st = &stackTotal{}
				out[pt.xText] = st
			}
			if pt.y > 0 {
				st.pos += pt.y
			} else if pt.y < 0 {
				st.neg += pt.y
			}
		}
	}
	return out
}

// drawAxes draws the y grid with its labels and the x axis with its ticks.
func (p *plot) drawAxes() {
	cd := p.cd
	_, _, step := niceDomain(p.y.lo, p.y.hi, yTickCount)
	for _, t := range numberTicks(p.y.lo, p.y.hi, step, cd.yType, cd.yFormat) {
		y := p.y.at(t.at)
		p.w.raw(`<line class="grid" x1="`, num(marginLeft), `" x2="`, num(chartWidth-marginRight), `" y1="`, num(y), `" y2="`, num(y), `"/>`)
		p.w.text(marginLeft-6, y+4, "end", t.label)
	}
	base := chartHeight - marginBottom
	p.w.raw(`<line class="axis" x1="`, num(marginLeft), `" x2="`, num(chartWidth-marginRight), `" y1="`, num(base), `" y2="`, num(base), `"/>`)
	for _, t := range p.xTicks() {
		x := p.x.at(t.at)
		p.w.raw(`<line class="axis" x1="`, num(x), `" x2="`, num(x), `" y1="`, num(base), `" y2="`, num(base+4), `"/>`)
		p.w.text(x, base+16, tickAnchor(x, t.label), t.label)
	}
	p.w.text(marginLeft+(chartWidth-marginLeft-marginRight)/2, chartHeight-6, "middle", cd.xLabel)
}

// tickAnchor anchors a label at x so that it stays inside the chart.
func tickAnchor(x float64, label string) string {
	half := float64(len([]rune(label))) * 3.3
	switch {
	case x-half < 0:
		return "start"
	case x+half > chartWidth:
		return "end"
	}
	return "middle"
}

// xTicks are the labelled positions of the x axis.
func (p *plot) xTicks() []tick {
	cd := p.cd
	switch {
	case p.bands != nil:
		return p.bandTicks()
	case cd.xKind == axisTime:
		return timeTicks(p.x.lo, p.x.hi, xTickCount, cd.xFormat.Date)
	default:
		_, _, step := niceDomain(p.x.lo, p.x.hi, xTickCount)
		return numberTicks(p.x.lo, p.x.hi, step, cd.xType, cd.xFormat)
	}
}

// bandTicks labels the bands, every k-th one when the labels would
// overlap.
func (p *plot) bandTicks() []tick {
	widest := 1
	for _, b := range p.bands {
		widest = max(widest, len([]rune(b.label)))
	}
	room := (chartWidth - marginLeft - marginRight) / float64(max(len(p.bands), 1))
	every := int(math.Ceil(float64(widest) * 6.5 / room))
	every = max(every, 1)
	var ticks []tick
	for i := 0; i < len(p.bands); i += every {
		ticks = append(ticks, tick{at: float64(i) + 0.5, label: p.bands[i].label})
	}
	return ticks
}
