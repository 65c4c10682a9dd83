package templates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"html"

	xhtml "golang.org/x/net/html"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/planner"
)

// reportHTML renders the fixture plan the way `seoplan plan --html` does.
func reportHTML(t testing.TB, p *seoplan.Plan, opts ...HTMLOption) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := HTML(&out, p, opts...); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func reportChange() *seoplan.Change {
	return &seoplan.Change{
		Site:      "https://relaydesk.example/",
		From:      seoplan.SnapshotInfo{ID: 1, Started: "2026-10-02T09:30:00Z", Pages: 7},
		To:        seoplan.SnapshotInfo{ID: 2, Started: "2026-11-02T09:30:00Z", Pages: 9},
		Added:     []seoplan.PageRef{{URL: "https://relaydesk.example/blog/chat-scripts", Title: "<script>alert(1)</script> Live chat scripts that convert", Intent: "problem", Subtype: "tips"}},
		Removed:   []seoplan.PageRef{{URL: "https://relaydesk.example/old|page", Title: "Old [page](javascript:alert(3))", Intent: "product", Subtype: "feature"}},
		Changed:   []seoplan.PageChange{{URL: "https://relaydesk.example/pricing", TitleBefore: "Prices", TitleAfter: "Pricing | RelayDesk", IntentBefore: "product", IntentAfter: "product"}},
		MixBefore: seoplan.IntentMix{Product: 5, Problem: 1, Other: 1, ProductShare: 5.0 / 6, ProblemShare: 1.0 / 6},
		MixAfter:  seoplan.IntentMix{Product: 5, Problem: 3, Other: 1, ProductShare: 0.625, ProblemShare: 0.375},
		Clusters: []seoplan.ClusterChange{{ID: "live-chat", Name: "live chat", Before: map[seoplan.Intent]int{"product": 3}, After: map[seoplan.Intent]int{"product": 3, "problem": 1},
			Added: []string{"https://relaydesk.example/blog/chat-scripts"}}},
		Done: []seoplan.ProposalDone{{ID: "p0", Title: "Chat scripts", Keyword: "live chat scripts", Cluster: "live-chat", URL: "https://relaydesk.example/blog/chat-scripts", Page: "<script>alert(1)</script> Live chat scripts that convert"}},
	}
}

// TestHTMLGolden renders the fixture plan with every cover option.
func TestHTMLGolden(t *testing.T) {
	p := reportPlan(t)
	render := func() []byte {
		var out bytes.Buffer
		if err := HTML(&out, p, WithClient("RelayDesk <Inc>"), WithAgency(`Acme "SEO" & Co`), WithChange(reportChange()),
			WithDate(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC))); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	got := render()
	checkGolden(t, "report.html.golden", got)
	if again := render(); !bytes.Equal(got, again) {
		t.Error("two renders of the same plan differ")
	}
}

// TestHTMLInert walks the parsed report: no element or attribute that can
// run script or fetch from another host may appear, whatever the plan holds.
func TestHTMLInert(t *testing.T) {
	p := reportPlan(t)
	// Make every kind of crawled text hostile.
	p.Site = `https://relaydesk.example/"><script>alert(9)</script>`
	p.Clusters[0].Name = `<img src=x onerror=alert(4)> | chat`
	p.Clusters[0].Phrases = append(p.Clusters[0].Phrases, "[click](javascript:alert(5))", "<https://evil.example>")
	p.Clusters[1].Pages[0].URL = "javascript:alert(6)"
	p.Proposals[0].Keyword = "![x](https://evil.example/x.png)"
	p.Highlights = append(p.Highlights, "<iframe src=https://evil.example></iframe>", "`code` **bold** <b onmouseover=alert(7)>")
	out := reportHTML(t, p, WithClient(`"><script>alert(8)</script>`), WithChange(reportChange()))
	assertInert(t, out)
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; Live chat scripts that convert", "&lt;img src=x onerror=alert(4)&gt;", "Content-Security-Policy"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// assertInert parses a report and fails on anything that could run script
// or fetch from elsewhere: script-capable elements, event handlers, and
// links or sources other than in-page anchors and data: images.
func assertInert(t *testing.T, out []byte) {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "base", "form", "svg", "frame":
				t.Errorf("report holds a <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				k, v := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(k, "on") {
					t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
				}
				if (k == "href" || k == "src" || k == "action" || k == "srcset") && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:image/") {
					t.Errorf("<%s %s=%q> points somewhere other than the report itself", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// FuzzHTML puts arbitrary text where crawled text goes (titles, cluster
// names, phrases, keywords, the client name) and checks the report stays
// inert. Seeds are the fixture plan's own hostile strings.
func FuzzHTML(f *testing.F) {
	p := reportPlan(f)
	for _, c := range p.Clusters {
		f.Add(c.Name)
		for _, pg := range c.Pages {
			f.Add(pg.Title)
		}
	}
	for _, pr := range p.Proposals {
		f.Add(pr.Title)
	}
	f.Add("<a href=\"javascript:alert(1)\">x</a>")
	f.Add("[x](javascript:alert(1)) ![y](https://evil.example/y.png) <https://evil.example>")
	f.Fuzz(func(t *testing.T, s string) {
		p := reportPlan(t)
		p.Clusters[0].Name = s
		p.Clusters[0].Pages[1].Title = s
		p.Clusters[1].Phrases[0] = s
		p.Proposals[0].Title = s
		p.Proposals[0].Keyword = s
		p.Audit[0].Summary = s
		p.Highlights[0] = s
		var out bytes.Buffer
		if err := HTML(&out, p, WithClient(s), WithAgency(s), WithFooter(s)); err != nil {
			t.Fatal(err)
		}
		assertInert(t, out.Bytes())
	})
}

func TestHTMLStructure(t *testing.T) {
	p := reportPlan(t)
	out := reportHTML(t, p, WithChange(reportChange()))
	doc, err := xhtml.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var hrefs []string
	figures := map[string]bool{}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if ids[a.Val] {
						t.Errorf("duplicate id %q", a.Val)
					}
					ids[a.Val] = true
					if n.Data == "figure" {
						figures[a.Val] = true
					}
				case a.Key == "href" && n.Data == "a":
					hrefs = append(hrefs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(hrefs) < 5 {
		t.Fatalf("table of contents has %d links", len(hrefs))
	}
	for _, h := range hrefs {
		if !ids[strings.TrimPrefix(h, "#")] {
			t.Errorf("contents link %q has no target", h)
		}
	}
	for _, id := range []string{"chart-cluster-map", "chart-intent-mix", "chart-funnel", "chart-timeline", "progress-since-the-last-crawl", "editorial-calendar"} {
		if !ids[id] {
			t.Errorf("no element with id %q", id)
		}
	}
	if len(figures) != 4 {
		t.Errorf("%d charts, want 4", len(figures))
	}
	s := string(out)
	if strings.Contains(s, "language-mermaid") {
		t.Error("a mermaid block was left as code though its chart exists")
	}
	if i, j := strings.Index(s, `id="progress-since-the-last-crawl"`), strings.Index(s, `id="topic-map"`); i < 0 || j < 0 || i > j {
		t.Error("progress does not lead the report's body")
	}
	if i, j := strings.Index(s, `id="executive-summary"`), strings.Index(s, `class="toc"`); i < 0 || j < 0 || i > j {
		t.Error("the executive summary does not follow the cover")
	}
}

func TestHTMLWithoutChangeOrCharts(t *testing.T) {
	p := &seoplan.Plan{Site: "https://empty.example/"}
	out := reportHTML(t, p)
	if bytes.Contains(out, []byte("<figure")) {
		t.Error("an empty plan got charts")
	}
	if bytes.Contains(out, []byte("Progress since")) {
		t.Error("progress shown without an earlier crawl")
	}
}

// TestHTMLCoverAndFooter: the agency decides what the footer says, and the
// cover is dated as people write dates.
func TestHTMLCoverAndFooter(t *testing.T) {
	day := time.Date(2026, 12, 7, 15, 4, 0, 0, time.UTC)
	tests := []struct {
		name         string
		crawled      string
		opts         []HTMLOption
		date, footer string
		generator    bool
	}{
		{"default", "2026-03-01T09:00:00Z", nil, "1 March 2026",
			"Made with seoplan. From a crawl of https://relaydesk.example/ on 1 March 2026.", true},
		{"dated", "2026-03-01T09:00:00Z", []HTMLOption{WithDate(day)}, "7 December 2026",
			"Made with seoplan. From a crawl of https://relaydesk.example/ on 7 December 2026.", true},
		{"white label", "2026-03-01T09:00:00Z", []HTMLOption{WithWhiteLabel()}, "1 March 2026",
			"From a crawl of https://relaydesk.example/ on 1 March 2026.", false},
		{"own footer", "", []HTMLOption{WithFooter("Acme SEO · hello@acme.example")}, "",
			"Acme SEO · hello@acme.example", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := reportPlan(t)
			p.CrawledAt = tc.crawled
			out := string(reportHTML(t, p, tc.opts...))
			if tc.date != "" && !strings.Contains(out, `<p class="date">`+tc.date+`</p>`) {
				t.Errorf("cover is not dated %q", tc.date)
			}
			if tc.date == "" && strings.Contains(out, `<p class="date">`) {
				t.Error("a cover with no date to show has a date line")
			}
			if want := "<footer>" + html.EscapeString(tc.footer) + "</footer>"; !strings.Contains(out, want) {
				t.Errorf("footer is not %q", want)
			}
			if got := strings.Contains(out, `name="generator"`); got != tc.generator {
				t.Errorf("generator tag present = %v, want %v", got, tc.generator)
			}
		})
	}
}

// TestSummary reads the executive summary off the fixture plan.
func TestSummary(t *testing.T) {
	p := reportPlan(t)
	s := newSummary(p)
	if n := len(s.Figures); n < 3 || n > 5 {
		t.Errorf("%d figures, want three to five", n)
	}
	if got, want := s.Figures[0].Value, fmt.Sprint(p.Pages); got != want {
		t.Errorf("pages figure = %q, want %q", got, want)
	}
	if got := s.Figures[2].Value; got != "2 of 2" { // live-chat lacks a stage, help-desk a pillar and a bridge
		t.Errorf("clusters with gaps = %q, want 2 of 2", got)
	}
	if len(s.Actions) == 0 || len(s.Actions) > firstActions {
		t.Fatalf("%d things to do first", len(s.Actions))
	}
	for i, a := range s.Actions {
		if a.What == "" || a.Effect == "" {
			t.Errorf("action %d lacks what or its effect: %+v", i, a)
		}
	}
	if want := "Write “" + p.Proposals[0].Title + "”"; !strings.HasPrefix(s.Actions[0].What, want) {
		t.Errorf("first action %q does not start with the top proposal", s.Actions[0].What)
	}
}

// TestGapEffect: every gap kind has its own effect, worded for the business.
func TestGapEffect(t *testing.T) {
	seen := map[string]seoplan.GapKind{}
	for _, k := range gapOrder {
		e := gapEffect(k, "software")
		if prev, dup := seen[e]; dup {
			t.Errorf("%s and %s share the effect %q", prev, k, e)
		}
		seen[e] = k
		if gapNames[k] == "" || gapTitles[k] == "" {
			t.Errorf("gap kind %s has no name for the summary or no title for the report", k)
		}
	}
	if shop, soft := gapEffect(seoplan.GapNoBridge, "shop"), gapEffect(seoplan.GapNoBridge, "software"); shop == soft {
		t.Errorf("a shop and a software company get the same words: %q", shop)
	}
}

func TestCheckLogo(t *testing.T) {
	png, err := os.ReadFile(filepath.Join("testdata", "report", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	var jpg, gf bytes.Buffer
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gf, img, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, wantType, wantSub string
		logo                    []byte
	}{
		{name: "png", logo: png, wantType: "image/png"},
		{name: "jpeg", logo: jpg.Bytes(), wantType: "image/jpeg"},
		{name: "gif", logo: gf.Bytes(), wantType: "image/gif"},
		{name: "png cut after its signature", logo: png[:12], wantSub: "image/png header"},
		{name: "png signature then noise", logo: append(append([]byte{}, png[:8]...), bytes.Repeat([]byte{0xAB}, 64)...), wantSub: "image/png header"},
		{name: "jpeg cut short", logo: jpg.Bytes()[:4], wantSub: "image/jpeg header"},
		{name: "webp cut short", logo: []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), wantSub: "image/webp header"},
		{name: "svg", logo: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), wantSub: "SVG"},
		{name: "svg with xml declaration", logo: []byte("<?xml version=\"1.0\"?>\n<!-- logo -->\n<SVG width=\"10\"></SVG>"), wantSub: "SVG"},
		{name: "html", logo: []byte("<html><body>hi</body></html>"), wantSub: "text/html"},
		{name: "text", logo: []byte("not a logo\n"), wantSub: "text/plain"},
		{name: "pdf", logo: []byte("%PDF-1.7\n"), wantSub: "application/pdf"},
		{name: "empty", logo: []byte{}, wantSub: "empty"},
		{name: "too big", logo: append(append([]byte{}, png...), make([]byte, MaxLogo)...), wantSub: "bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, err := CheckLogo(tc.logo)
			if tc.wantType != "" {
				if err != nil || ct != tc.wantType {
					t.Fatalf("CheckLogo = %q, %v; want %q", ct, err, tc.wantType)
				}
				return
			}
			if !errors.Is(err, ErrLogo) || !strings.Contains(err.Error(), tc.wantSub) {
				t.Fatalf("CheckLogo = %q, %v; want ErrLogo saying %q", ct, err, tc.wantSub)
			}
		})
	}
}

func TestHTMLLogo(t *testing.T) {
	png, err := os.ReadFile(filepath.Join("testdata", "report", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		logo    []byte
		wantErr bool
	}{
		{"png", png, false},
		{"svg with script", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), true},
		{"html", []byte("<html><body>hi</body></html>"), true},
		{"too big", append(append([]byte{}, png...), make([]byte, MaxLogo)...), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := reportPlan(t)
			err := HTML(&out, p, WithLogo(tc.logo))
			if tc.wantErr {
				if !errors.Is(err, ErrLogo) {
					t.Errorf("err = %v, want ErrLogo", err)
				}
				if out.Len() != 0 {
					t.Error("a failed render wrote output")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(out.Bytes(), []byte(`class="logo" src="data:image/png;base64,`)) {
				t.Error("logo not embedded as a data URI")
			}
		})
	}
}

func TestInsertSection(t *testing.T) {
	tests := []struct{ name, md, sec, want string }{
		{"before first h2", "# T\n\nintro\n\n## A\n", "## P\n", "# T\n\nintro\n\n## P\n\n## A\n"},
		{"no h2", "# T\n", "## P\n", "# T\n\n## P\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(insertSection([]byte(tc.md), []byte(tc.sec))); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// largePlan is a big site's plan: 40 clusters of 60 pages and 260
// scheduled proposals, a year of five pieces a week.
func largePlan() *seoplan.Plan {
	p := &seoplan.Plan{Site: "https://big.example/", CrawledAt: "2026-11-02T09:30:00Z", Calendar: seoplan.Calendar{Start: "2026-11-09", PerWeek: 5, Weeks: 52}}
	start := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	for c := range 40 {
		cl := seoplan.Cluster{ID: fmt.Sprintf("c%d", c), Name: fmt.Sprintf("topic %d <b>", c), Phrases: []string{"alpha", "beta"}}
		for i := range 60 {
			in := seoplan.Intents[i%2]
			cl.Pages = append(cl.Pages, seoplan.PageRef{URL: fmt.Sprintf("https://big.example/c%d/p%d", c, i), Title: fmt.Sprintf("Page %d | %d", c, i),
				Intent: in, Subtype: seoplan.Subtypes[in][0], Stage: seoplan.Stages[i%3], Words: 800})
		}
		p.Clusters = append(p.Clusters, cl)
	}
	for i := range 260 {
		p.Proposals = append(p.Proposals, seoplan.Proposal{ID: fmt.Sprintf("p%d", i), Title: fmt.Sprintf("Proposal %d [draft]", i), Keyword: "kw",
			Intent: seoplan.Intents[i%2], Stage: seoplan.Stages[i%3], Cluster: fmt.Sprintf("c%d", i%40), Priority: float64(300 - i),
			Due: start.AddDate(0, 0, 7*(i/5)).Format(time.DateOnly)})
	}
	return p
}

// BenchmarkHTML measures the report against the Markdown roadmap it wraps,
// the baseline: go test ./templates -run X -bench HTML -benchmem.
func BenchmarkHTML(b *testing.B) {
	for _, tc := range []struct {
		name string
		plan *seoplan.Plan
	}{{"fixture", reportPlan(b)}, {"large", largePlan()}} {
		var md bytes.Buffer
		if err := Markdown(&md, tc.plan); err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name+"/markdown", func(b *testing.B) {
			for b.Loop() {
				if err := Markdown(&bytes.Buffer{}, tc.plan); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/html", func(b *testing.B) {
			for b.Loop() {
				if err := HTML(&bytes.Buffer{}, tc.plan); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHTMLContentsPages: with the pages a PDF print found, each contents
// entry shows its page; an entry with no page known shows none, and the
// report printed from a browser (no pages given) shows no numbers at all.
func TestHTMLContentsPages(t *testing.T) {
	p := reportPlan(t)
	plain := string(reportHTML(t, p))
	if strings.Contains(plain, `class="toc-page"`) {
		t.Error("a report without printed pages shows page numbers")
	}
	out := string(reportHTML(t, p, WithContentsPages(map[string]int{"executive-summary": 2, "topic-map": 4})))
	for _, want := range []string{
		`<a href="#executive-summary"><span class="toc-text">Executive summary</span><span class="toc-page">2</span></a>`,
		`<a href="#topic-map"><span class="toc-text">Topic map</span><span class="toc-page">4</span></a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("contents lacks %s", want)
		}
	}
	if n := strings.Count(out, `class="toc-page"`); n != 2 {
		t.Errorf("%d entries show a page, want the 2 with one known", n)
	}
}

// TestDemandFigure: the summary's demand figure adds up the largest
// opportunities, new pages and refreshes alike, each query once, and is
// left out of a plan that measured no demand.
func TestDemandFigure(t *testing.T) {
	p := &seoplan.Plan{
		Site: "https://relaydesk.example/",
		Proposals: []seoplan.Proposal{
			{Format: "feature page", Keyword: "help desk software for small business", Demand: 1400, DemandUnit: "impressions"},
			{Format: "pillar guide", Keyword: "help desk"}, // the cluster's demand is no demand of its own keyword
			{Format: "explainer", Keyword: "helpdesk software", Demand: 900, DemandUnit: "impressions"},
		},
		Audit: []seoplan.Finding{
			{Kind: seoplan.FindingStrikingDistance, Pages: []string{"https://relaydesk.example/"},
				Queries: []seoplan.QueryStat{{Query: "helpdesk software", Impressions: 3200, Position: 18.2}, {Query: "ticketing", Impressions: 1200, Position: 9}}},
			{Kind: seoplan.FindingLowCTR, Pages: []string{"https://relaydesk.example/x"},
				Queries: []seoplan.QueryStat{{Query: "live chat software", Impressions: 5400, Position: 2.6}}}, // a retitle, not a refresh
		},
	}
	f, ok := demandFigure(p)
	if !ok {
		t.Fatal("no demand figure for a plan with measured demand")
	}
	want := summaryFigure{"5,800", "impressions on the top 3 opportunities",
		"“helpdesk software” 3,200 (refresh /); “help desk software for small business” 1,400 (new feature page); “ticketing” 1,200 (refresh /)"}
	if f != want {
		t.Errorf("demand figure = %+v\nwant %+v", f, want)
	}
	if _, ok := demandFigure(reportPlan(t)); ok {
		t.Error("a plan without measured demand got a demand figure")
	}
	s := newSummary(p)
	if n := len(s.Figures); n != 5 {
		t.Errorf("%d figures, want 5 with the demand figure", n)
	}
	// The largest refresh leads the things to do, ahead of the new pages
	// that draw less.
	var whats []string
	for _, a := range s.Actions {
		whats = append(whats, a.What)
	}
	if len(whats) != 4 || whats[0] != "Refresh / for “helpdesk software”" || !strings.HasPrefix(whats[1], "Write") {
		t.Errorf("things to do first: %q", whats)
	}
}

// TestDemandFigurePlanner plans with the planner itself: a keyword file
// with volumes and a Search Console row in striking distance give a demand
// figure naming both, from the plan's Demand and Queries fields.
func TestDemandFigurePlanner(t *testing.T) {
	chat := []string{"live chat", "chat widget"}
	pages := []seoplan.LabeledPage{
		page("/", seoplan.SubtypeNavigational, seoplan.StageNone, 300, "Home", nil),
		page("/features/chat", seoplan.SubtypeFeature, seoplan.StageDecision, 800, "Live chat | Example", chat, "/guides/chat"),
		page("/guides/chat", seoplan.SubtypeGuide, seoplan.StageConsideration, 2500, "The live chat guide", chat, "/features/chat"),
		page("/blog/chat-tips", seoplan.SubtypeTips, seoplan.StageAwareness, 900, "Live chat tips", chat, "/guides/chat", "/features/chat"),
	}
	problem := seoplan.Label{Intent: seoplan.IntentProblem, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageConsideration}
	kws := []seoplan.LabeledKeyword{
		{Keyword: seoplan.Keyword{Text: "how to set up live chat", Impressions: 2600, Source: "gsc"}, Label: problem},
		{Keyword: seoplan.Keyword{Text: "live chat tips", Impressions: 1800, Clicks: 20, Position: 8.4, URL: "https://example.test/blog/chat-tips", Source: "gsc"}, Label: problem},
	}
	p, err := planner.Plan(context.Background(), planner.Input{Site: "https://example.test/", Pages: pages, Keywords: kws},
		planner.WithStart(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := demandFigure(p)
	if !ok {
		t.Fatalf("no demand figure; reasons %q, audit %+v", reasons(p), p.Audit)
	}
	for _, want := range []string{"“how to set up live chat” 2,600 (new ", "“live chat tips” 1,800 (refresh /blog/chat-tips)"} {
		if !strings.Contains(f.Note, want) {
			t.Errorf("demand figure %+v does not name %s; reasons %q", f, want, reasons(p))
		}
	}
}

func reasons(p *seoplan.Plan) []string {
	var out []string
	for _, pr := range p.Proposals {
		out = append(out, pr.PriorityReason)
	}
	return out
}

// TestClientReason: a card's "why now" names the gap and the business, not
// the planner's slugs.
func TestClientReason(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"no-pillar gap (30); the cluster's keywords draw 9,300 impressions (+15.0)",
			"No pillar page (30); the cluster's keywords draw 9,300 impressions (+15.0)"},
		{"profile-mix gap (10); the saas profile favours feature pages (+30)",
			"A kind of piece the business grows by (10); the plan for a SaaS business favours feature pages (+30)"},
		{"lopsided gap (10); the shop profile favours how-tos (+22)",
			"Far from the target mix (10); the plan for a shop favours how-tos (+22)"},
		{"bridge value", "bridge value"},
		{"odd-kind gap (3)", "odd-kind gap (3)"},
	} {
		if got := clientReason(tc.in); got != tc.want {
			t.Errorf("clientReason(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
