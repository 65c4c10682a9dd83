package templates

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// svgText returns the text content of an SVG, failing if it is not
// well-formed XML (a crawled title that broke the markup would show here).
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
			b.WriteByte('\n')
		case xml.StartElement:
			if strings.EqualFold(tok.Name.Local, "script") || strings.EqualFold(tok.Name.Local, "foreignObject") {
				t.Errorf("SVG holds a <%s> element", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("SVG element %s has %s", tok.Name.Local, a.Name.Local)
				}
			}
		}
	}
}

func TestCharts(t *testing.T) {
	p := reportPlan(t)
	p.Clusters[0].Name = `<script>alert(1)</script> & "chat"`
	cs, err := charts(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"chart-cluster-map", "chart-intent-mix", "chart-funnel", "chart-timeline"}
	if len(cs) != len(want) {
		t.Fatalf("%d charts, want %d", len(cs), len(want))
	}
	texts := map[string]string{}
	for i, c := range cs {
		if c.ID != want[i] {
			t.Errorf("chart %d is %s, want %s", i, c.ID, want[i])
		}
		texts[c.ID] = svgText(t, c.SVG)
	}
	tests := []struct{ chart, text string }{
		{"chart-cluster-map", "<script>alert(1)</script> &…"},
		{"chart-intent-mix", "help desk | ticketing"},
		{"chart-intent-mix", "problem"},
		{"chart-funnel", "consideration"},
		{"chart-funnel", "proposed"},
		{"chart-timeline", "9 Nov"},
		{"chart-timeline", "16 Nov"},
		{"chart-timeline", "What is live chat? A guide …"},
	}
	for _, tc := range tests {
		if !strings.Contains(texts[tc.chart], tc.text) {
			t.Errorf("%s does not show %q; it shows:\n%s", tc.chart, tc.text, texts[tc.chart])
		}
	}
	again, err := charts(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		if !bytes.Equal(cs[i].SVG, again[i].SVG) {
			t.Errorf("%s differs between two draws", cs[i].ID)
		}
	}
}

func TestChartsLeftOut(t *testing.T) {
	tests := []struct {
		name string
		plan *seoplan.Plan
		want []string
	}{
		{"empty plan", &seoplan.Plan{}, nil},
		{"nothing scheduled", &seoplan.Plan{
			Clusters:  []seoplan.Cluster{{ID: "a", Name: "a", Pages: []seoplan.PageRef{{URL: "u", Intent: "product", Stage: "decision"}}}},
			Proposals: []seoplan.Proposal{{ID: "p1", Cluster: "a", Stage: "awareness"}},
		}, []string{"chart-cluster-map", "chart-intent-mix", "chart-funnel"}},
		{"keywords only", &seoplan.Plan{
			Proposals: []seoplan.Proposal{{ID: "p1", Cluster: "x", Stage: "awareness", Due: "2026-01-05", Intent: "problem"}},
		}, []string{"chart-funnel", "chart-timeline"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := charts(tc.plan)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.ID)
				svgText(t, c.SVG)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("charts = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestChartsBadDue(t *testing.T) {
	p := reportPlan(t)
	p.Proposals[1].Due = "soon"
	if _, err := charts(p); err == nil || !strings.Contains(err.Error(), "p2") {
		t.Errorf("err = %v, want one naming p2", err)
	}
}

func TestWeekTicks(t *testing.T) {
	p := reportPlan(t)
	for i := range 30 {
		p.Proposals = append(p.Proposals, seoplan.Proposal{ID: "x", Title: "x", Cluster: "live-chat", Intent: "problem",
			Due: []string{"2026-11-09", "2026-12-14", "2027-01-18", "2027-03-01", "2027-05-03", "2027-06-28"}[i%6]})
	}
	cs, err := charts(p)
	if err != nil {
		t.Fatal(err)
	}
	text := svgText(t, cs[len(cs)-1].SVG)
	// 33 weeks are marked every other week: no more than a dozen-odd labels.
	if n := strings.Count(text, " Nov") + strings.Count(text, " Dec") + strings.Count(text, " Jan") + strings.Count(text, " Feb") +
		strings.Count(text, " Mar") + strings.Count(text, " Apr") + strings.Count(text, " May") + strings.Count(text, " Jun") + strings.Count(text, " Jul"); n > 18 || n < 6 {
		t.Errorf("%d date ticks on a 33-week timeline:\n%s", n, text)
	}
}

func BenchmarkCharts(b *testing.B) {
	p := reportPlan(b)
	for b.Loop() {
		if _, err := charts(p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestChartColoursInGrey: printed in greyscale, the chart colours still
// differ in lightness (Rec. 709 luma, 0–255) by a step an eye tells apart.
func TestChartColoursInGrey(t *testing.T) {
	const step = 35
	colours := []struct {
		name string
		c    color.RGBA
	}{{"product", colorProduct}, {"problem", colorProblem}, {"proposed", colorProposed}, {"other", colorOther}}
	luma := func(c color.RGBA) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	for i, a := range colours {
		for _, b := range colours[i+1:] {
			if d := math.Abs(luma(a.c) - luma(b.c)); d < step {
				t.Errorf("%s and %s differ by %.0f in grey, want %d or more", a.name, b.name, d, step)
			}
		}
	}
}

// fontSize is a text size in gonum's SVG (points, written as px).
var fontSize = regexp.MustCompile(`font-size:([0-9.]+)px`)

// TestChartsLegible: every chart sets its text in the sans face at print
// sizes.
func TestChartsLegible(t *testing.T) {
	cs, err := charts(reportPlan(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		s := string(c.SVG)
		if !strings.Contains(s, "Liberation Sans") && !strings.Contains(s, "LiberationSans") {
			t.Errorf("%s: text is not in the sans face", c.ID)
		}
		for _, m := range fontSize.FindAllStringSubmatch(s, -1) {
			if size, _ := strconv.ParseFloat(m[1], 64); size < 8 {
				t.Errorf("%s: text of %s, under 8 pt", c.ID, m[0])
			}
		}
		if !strings.Contains(s, "font-size:") {
			t.Errorf("%s: no text size found, the check measures nothing", c.ID)
		}
	}
}
