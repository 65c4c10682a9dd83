package templates

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/seoplan/seoplan"
)

// The charts of the HTML report are drawn with gonum.org/v1/plot to SVG and
// embedded as data: URIs in <img> elements, so the report stays one file and
// an SVG, shown as an image, can never run script. gonum escapes the text it
// draws, so crawled titles cannot break the SVG either.

// Limits that keep a chart legible; the roadmap lists everything.
const (
	chartClusters = 20 // clusters drawn in the bar charts and the map
	mapPages      = 8  // pages drawn around a cluster in the map
	chartLabel    = 28 // runes of a cluster or proposal name on a chart
)

// Colours shared with report.css: product dark blue, problem mid green,
// proposed amber, other light grey. Their lightness steps apart, so a
// greyscale print still tells them apart (TestChartColoursInGrey).
var (
	colorProduct  = color.RGBA{R: 0x1e, G: 0x40, B: 0xaf, A: 0xff}
	colorProblem  = color.RGBA{R: 0x16, G: 0xa3, B: 0x4a, A: 0xff}
	colorProposed = color.RGBA{R: 0xf5, G: 0x9e, B: 0x0b, A: 0xff}
	colorOther    = color.RGBA{R: 0xd1, G: 0xd5, B: 0xdb, A: 0xff}
)

// Type sizes that stay legible when a 16 cm chart is printed at its size.
var (
	chartWidth    = 16 * vg.Centimeter
	timelineLabel = vg.Points(8)
	// glyphWidth is the average advance of a Liberation Sans letter, in
	// ems, for the charts that must guess how long a label runs.
	glyphWidth = vg.Length(0.6)
	// chartSlack is room left and right of a chart's drawing: the browser
	// sets the SVG's text in its own copy of the face (or another sans),
	// a little wider than gonum measured, and a row name would run off
	// the picture's left edge.
	chartSlack = vg.Points(10)
	chartFont  = font.Font{Typeface: "Liberation", Variant: "Sans"}
	labelSize  = vg.Points(10)
	tickSize   = vg.Points(9)
	legendSize = vg.Points(10)
)

// legible sets a plot's text in a sans face at print sizes; gonum's
// default is a 12 pt serif title and 10 pt ticks shrunk with the picture.
func legible(pl *plot.Plot) {
	set := func(st *text.Style, size vg.Length) {
		st.Font = font.From(chartFont, size)
	}
	set(&pl.Title.TextStyle, labelSize)
	set(&pl.X.Label.TextStyle, labelSize)
	set(&pl.Y.Label.TextStyle, labelSize)
	set(&pl.X.Tick.Label, tickSize)
	set(&pl.Y.Tick.Label, tickSize)
	set(&pl.Legend.TextStyle, legendSize)
	// Legend entries a little apart: set solid, their lines touch.
	if pl.Legend.Padding == 0 {
		pl.Legend.Padding = vg.Points(2)
	}
}

// chart is one picture of the report: where it goes, what it shows, the SVG.
type chart struct {
	ID    string // element id, also the Markdown heading it follows
	Title string
	Alt   string // what the picture says, for screen readers and print
	SVG   []byte
}

// charts draws the report's pictures for p. A chart with nothing to show
// (no clusters, nothing scheduled) is left out.
func charts(p *seoplan.Plan) ([]chart, error) {
	var out []chart
	type drawer struct {
		id, title, alt string
		draw           func(*seoplan.Plan) (*plot.Plot, vg.Length, error)
	}
	for _, d := range []drawer{
		{"chart-cluster-map", "Topic map", "Each topic cluster with its pages around it, coloured by intent.", clusterMap},
		{"chart-intent-mix", "Intent mix per cluster", "Pages per cluster, stacked by intent.", intentMixChart},
		{"chart-funnel", "Funnel coverage by stage", "Existing product and problem pages and proposed pieces per funnel stage.", funnelChart},
		{"chart-timeline", "Editorial calendar", "Scheduled pieces by due date, one row per cluster.", timelineChart},
	} {
		pl, h, err := d.draw(p)
		if err != nil {
			return nil, fmt.Errorf("draw %s: %w", d.title, err)
		}
		if pl == nil {
			continue
		}
		legible(pl)
		svg, err := renderSVG(pl, chartWidth, h)
		if err != nil {
			return nil, fmt.Errorf("draw %s: %w", d.title, err)
		}
		out = append(out, chart{ID: d.id, Title: d.title, Alt: d.alt, SVG: svg})
	}
	return out, nil
}

func renderSVG(pl *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgsvg.New(w, h)
	pl.Draw(draw.Crop(draw.New(c), chartSlack, -chartSlack, chartSlack/2, -chartSlack/2))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

func chartedClusters(p *seoplan.Plan) []seoplan.Cluster {
	if len(p.Clusters) > chartClusters {
		return p.Clusters[:chartClusters]
	}
	return p.Clusters
}

// intentMixChart stacks each cluster's product, problem and other pages in
// one horizontal bar, first cluster on top.
func intentMixChart(p *seoplan.Plan) (*plot.Plot, vg.Length, error) {
	cs := chartedClusters(p)
	if len(cs) == 0 {
		return nil, 0, nil
	}
	pl := plot.New()
	pl.X.Label.Text = "pages"
	names := make([]string, len(cs))
	var prev *plotter.BarChart
	for _, in := range seoplan.Intents {
		vals := make(plotter.Values, len(cs))
		for i, c := range cs {
			// Reverse so the first cluster is drawn at the top.
			vals[len(cs)-1-i] = float64(countIntent(c, in))
			names[len(cs)-1-i] = shorten(c.Name, chartLabel)
		}
		bars, err := plotter.NewBarChart(vals, vg.Points(12))
		if err != nil {
			return nil, 0, err
		}
		bars.Horizontal = true
		bars.LineStyle.Width = 0
		bars.Color = intentColor(in)
		if prev != nil {
			bars.StackOn(prev)
		}
		prev = bars
		pl.Add(bars)
		pl.Legend.Add(string(in), bars)
	}
	pl.NominalY(names...)
	pl.Legend.Top = true
	// Room right of the longest bar for the legend.
	longest := 0
	for _, c := range cs {
		longest = max(longest, len(c.Pages))
	}
	pl.X.Min, pl.X.Max = 0, float64(longest)*1.4+1
	pl.Y.Min, pl.Y.Max = -0.6, float64(len(cs))-0.4
	return pl, vg.Length(len(cs))*vg.Points(20) + 3*vg.Centimeter, nil
}

// countIntent counts a cluster's pages of one intent from its page list, so
// the chart agrees with the tables whatever Coverage holds.
func countIntent(c seoplan.Cluster, in seoplan.Intent) int {
	n := 0
	for _, pg := range c.Pages {
		if pg.Intent == in {
			n++
		}
	}
	return n
}

// funnelChart groups, per funnel stage, the site's product pages, problem
// pages and the plan's proposals.
func funnelChart(p *seoplan.Plan) (*plot.Plot, vg.Length, error) {
	if len(p.Clusters) == 0 && len(p.Proposals) == 0 {
		return nil, 0, nil
	}
	stages := seoplan.Stages[:3]
	series := []struct {
		name  string
		color color.Color
		count func(seoplan.Stage) int
	}{
		{"product pages", colorProduct, func(st seoplan.Stage) int { return stagePages(p, seoplan.IntentProduct, st) }},
		{"problem pages", colorProblem, func(st seoplan.Stage) int { return stagePages(p, seoplan.IntentProblem, st) }},
		{"proposed", colorProposed, func(st seoplan.Stage) int {
			n := 0
			for _, pr := range p.Proposals {
				if pr.Stage == st {
					n++
				}
			}
			return n
		}},
	}
	pl := plot.New()
	pl.Y.Label.Text = "pieces"
	w := vg.Points(18)
	highest := 0.0
	for i, s := range series {
		vals := make(plotter.Values, len(stages))
		for j, st := range stages {
			vals[j] = float64(s.count(st))
			highest = math.Max(highest, vals[j])
		}
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, 0, err
		}
		bars.LineStyle.Width = 0
		bars.Color = s.color
		bars.Offset = vg.Length(i-1) * w
		pl.Add(bars)
		pl.Legend.Add(s.name, bars)
	}
	names := make([]string, len(stages))
	for i, st := range stages {
		names[i] = string(st)
	}
	pl.NominalX(names...)
	pl.Legend.Top = true
	// Room above the tallest bar for the legend.
	pl.Y.Min, pl.Y.Max = 0, highest*1.45+1
	return pl, 8 * vg.Centimeter, nil
}

func stagePages(p *seoplan.Plan, in seoplan.Intent, st seoplan.Stage) int {
	n := 0
	for _, c := range p.Clusters {
		for _, pg := range c.Pages {
			if pg.Intent == in && pg.Stage == st {
				n++
			}
		}
	}
	return n
}

// Timeline rows are measured in label lines: a row has as many lines as
// its cluster needs to keep its labels apart, and rows are a line and a
// half apart.
const (
	timelineLine = 11  // points per label line
	timelineGap  = 1.5 // lines between two clusters' rows
)

// timelineChart places each scheduled proposal at its due date on its
// cluster's row, coloured by intent and labelled with its title. A piece
// takes the lowest line of its row whose last label ends before its date,
// so no label prints over another.
func timelineChart(p *seoplan.Plan) (*plot.Plot, vg.Length, error) {
	sched := scheduledProposals(p)
	if len(sched) == 0 {
		return nil, 0, nil
	}
	row := make(map[string]int)
	var rows []string
	names := clusterNames(p)
	for _, pr := range sched {
		if _, ok := row[pr.Cluster]; !ok {
			row[pr.Cluster] = len(rows)
			name := names[pr.Cluster]
			if name == "" {
				name = pr.Cluster
			}
			rows = append(rows, shorten(name, chartLabel))
		}
	}
	pl := plot.New()
	first, err := time.Parse(time.DateOnly, sched[0].Due)
	if err != nil {
		return nil, 0, fmt.Errorf("proposal %s: due date: %w", sched[0].ID, err)
	}
	last, err := time.Parse(time.DateOnly, sched[len(sched)-1].Due)
	if err != nil {
		return nil, 0, fmt.Errorf("proposal %s: due date: %w", sched[len(sched)-1].ID, err)
	}
	pl.X.Tick.Marker = weekTicks(first)
	// A label's width in seconds of the x axis, from the axis's span and
	// the width the dates get: the chart's less the row names.
	longest := 0
	for _, r := range rows {
		longest = max(longest, len([]rune(r)))
	}
	span := float64(last.Sub(first)/time.Second) + 8*24*3600
	plotWidth := max(float64(chartWidth-2*chartSlack-vg.Length(longest)*tickSize*glyphWidth)-20, 100)
	perPoint := span / plotWidth
	type placed struct {
		pr    seoplan.Proposal
		x     float64
		line  int
		label string
	}
	var pieces []placed
	ends := make([][]float64, len(rows)) // per row, where each line's last label ends
	for _, pr := range sched {
		day, err := time.Parse(time.DateOnly, pr.Due)
		if err != nil {
			return nil, 0, fmt.Errorf("proposal %s: due date: %w", pr.ID, err)
		}
		x := float64(day.Unix())
		label := "  " + shorten(pr.Title, chartLabel)
		r := row[pr.Cluster]
		line := 0
		for line < len(ends[r]) && ends[r][line] > x {
			line++
		}
		if line == len(ends[r]) {
			ends[r] = append(ends[r], 0)
		}
		ends[r][line] = x + float64(vg.Length(len([]rune(label)))*timelineLabel*glyphWidth)*perPoint
		pieces = append(pieces, placed{pr, x, line, label})
	}
	// Rows from the bottom up, the first cluster on top.
	base := make([]float64, len(rows))
	ticks := make([]plot.Tick, len(rows))
	y := 0.0
	for r := len(rows) - 1; r >= 0; r-- {
		base[r] = y
		ticks[r] = plot.Tick{Value: y + float64(len(ends[r])-1)/2, Label: rows[r]}
		y += float64(len(ends[r])) + timelineGap
	}
	byIntent := make(map[seoplan.Intent]plotter.XYs)
	var labels plotter.XYLabels
	for _, pc := range pieces {
		pt := plotter.XY{X: pc.x, Y: base[row[pc.pr.Cluster]] + float64(pc.line)}
		byIntent[pc.pr.Intent] = append(byIntent[pc.pr.Intent], pt)
		labels.XYs = append(labels.XYs, pt)
		labels.Labels = append(labels.Labels, pc.label)
	}
	for _, in := range seoplan.Intents {
		pts := byIntent[in]
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, 0, err
		}
		sc.GlyphStyle.Color = intentColor(in)
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(4)
		pl.Add(sc)
		pl.Legend.Add(string(in), sc)
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, 0, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = font.From(chartFont, timelineLabel)
		lb.TextStyle[i].YAlign = -0.5
	}
	pl.Add(lb)
	// Row names as plot.NominalY draws them, at each row's middle line.
	pl.Y.Tick.Width, pl.Y.Tick.Length, pl.Y.Width = 0, 0, 0
	pl.Y.Tick.Marker = plot.ConstantTicks(ticks)
	// Leave room right of the last date for its label.
	pl.X.Max += float64(7 * 24 * time.Hour / time.Second)
	pl.X.Min -= float64(24 * time.Hour / time.Second)
	// Room on top for the legend.
	pl.Y.Min, pl.Y.Max = -0.8, y-timelineGap+2.2
	pl.Legend.Top = true
	return pl, vg.Length(pl.Y.Max-pl.Y.Min)*timelineLine + 3*vg.Centimeter, nil
}

// weekTicks marks every seventh day from the first due date, so a tick
// label names the day its tick stands on; more than seven weeks are marked
// every few weeks, so that the labels ("14 Dec") never touch.
func weekTicks(first time.Time) plot.Ticker {
	const maxTicks = 7
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		weeks := int((hi-lo)/(7*24*3600)) + 1
		step := max(1, (weeks+maxTicks-1)/maxTicks)
		var ticks []plot.Tick
		for d := first; float64(d.Unix()) <= hi; d = d.AddDate(0, 0, 7*step) {
			if float64(d.Unix()) >= lo {
				ticks = append(ticks, plot.Tick{Value: float64(d.Unix()), Label: d.Format("2 Jan")})
			}
		}
		return ticks
	})
}

// clusterMap lays clusters out on a circle with their pages on a small ring
// around each: lines from the cluster to its pages, page dots coloured by
// intent, the pillar drawn larger, a missing pillar as an amber ring.
func clusterMap(p *seoplan.Plan) (*plot.Plot, vg.Length, error) {
	cs := chartedClusters(p)
	if len(cs) == 0 {
		return nil, 0, nil
	}
	pl := plot.New()
	pl.HideAxes()
	big := 3.0
	if len(cs) == 1 {
		big = 0
	}
	byIntent := make(map[seoplan.Intent]plotter.XYs)
	var pillars, missing, centres plotter.XYs
	var names []string
	for i, c := range cs {
		a := 2 * math.Pi * float64(i) / float64(len(cs))
		cx, cy := big*math.Cos(a), big*math.Sin(a)
		centres = append(centres, plotter.XY{X: cx, Y: cy})
		names = append(names, shorten(c.Name, chartLabel))
		n := min(len(c.Pages), mapPages)
		for j, pg := range c.Pages[:n] {
			b := 2*math.Pi*float64(j)/float64(max(n, 1)) + a
			pt := plotter.XY{X: cx + math.Cos(b), Y: cy + math.Sin(b)}
			ln, err := plotter.NewLine(plotter.XYs{{X: cx, Y: cy}, pt})
			if err != nil {
				return nil, 0, err
			}
			ln.Color = color.Gray{Y: 0xc0}
			pl.Add(ln)
			byIntent[pg.Intent] = append(byIntent[pg.Intent], pt)
			if pg.Pillar || pg.URL == c.Pillar {
				pillars = append(pillars, pt)
			}
		}
		if c.Pillar == "" {
			missing = append(missing, plotter.XY{X: cx, Y: cy})
		}
	}
	add := func(pts plotter.XYs, c color.Color, shape draw.GlyphDrawer, r vg.Length, legend string) error {
		if len(pts) == 0 {
			return nil
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Shape: shape, Radius: r}
		pl.Add(sc)
		if legend != "" {
			pl.Legend.Add(legend, sc)
		}
		return nil
	}
	if err := add(centres, color.Gray{Y: 0x40}, draw.CircleGlyph{}, vg.Points(6), "cluster"); err != nil {
		return nil, 0, err
	}
	for _, in := range seoplan.Intents {
		if err := add(byIntent[in], intentColor(in), draw.CircleGlyph{}, vg.Points(4), string(in)+" page"); err != nil {
			return nil, 0, err
		}
	}
	if err := add(pillars, color.Black, draw.RingGlyph{}, vg.Points(7), "pillar"); err != nil {
		return nil, 0, err
	}
	if err := add(missing, colorProposed, draw.RingGlyph{}, vg.Points(10), "pillar to write"); err != nil {
		return nil, 0, err
	}
	lb, err := mapLabels(centres, names, big)
	if err != nil {
		return nil, 0, err
	}
	pl.Add(lb)
	pl.Legend.Top = true
	pl.Legend.Left = true
	pl.Legend.Padding = vg.Points(3)
	ext := big + 2.2
	// Room at the top left for the legend.
	pl.X.Min, pl.X.Max, pl.Y.Min, pl.Y.Max = -ext-0.6, ext+0.6, -ext, ext+0.9
	return pl, 15 * vg.Centimeter, nil
}

// mapLabels names each cluster on the map outside its ring of pages, on
// the side away from the map's centre, so no line runs through a name.
func mapLabels(centres plotter.XYs, names []string, big float64) (*plotter.Labels, error) {
	at := make(plotter.XYs, len(centres))
	for i, c := range centres {
		if big == 0 {
			at[i] = plotter.XY{X: c.X, Y: c.Y + 1.3}
			continue
		}
		d := math.Hypot(c.X, c.Y)
		at[i] = plotter.XY{X: c.X + 1.3*c.X/d, Y: c.Y + 1.3*c.Y/d}
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: at, Labels: names})
	if err != nil {
		return nil, err
	}
	for i, c := range centres {
		st := &lb.TextStyle[i]
		st.Font = font.From(chartFont, vg.Points(9))
		st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
		switch {
		case big == 0:
		case c.X > 0.3*big:
			st.XAlign = draw.XLeft
		case c.X < -0.3*big:
			st.XAlign = draw.XRight
		}
	}
	return lb, nil
}

func intentColor(in seoplan.Intent) color.Color {
	switch in {
	case seoplan.IntentProduct:
		return colorProduct
	case seoplan.IntentProblem:
		return colorProblem
	}
	return colorOther
}
