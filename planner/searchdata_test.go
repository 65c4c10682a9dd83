package planner

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// gsc is a Search Console row of a query and the page it showed.
func gsc(query, path string, clicks, impressions int, position float64) seoplan.LabeledKeyword {
	return seoplan.LabeledKeyword{
		Keyword: seoplan.Keyword{Text: query, URL: origin + path, Clicks: clicks, Impressions: impressions, Position: position, Source: "gsc"},
		Label:   seoplan.Label{Intent: prob, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageConsideration},
	}
}

// TestSearchFindings holds what Search Console rows say about existing
// pages: a query two pages share, a page in striking distance of page
// one, a snippet that loses clicks at its position; and what they must not
// say: figures under minImpressions, pages past position 20 or already in
// the top three, pages the crawl does not have.
func TestSearchFindings(t *testing.T) {
	type want struct {
		kind  seoplan.FindingKind
		pages []string
		says  string
	}
	for _, tc := range []struct {
		name string
		rows []seoplan.LabeledKeyword
		want []want
	}{
		{"two pages share a query", []seoplan.LabeledKeyword{
			gsc("live chat tips", "/blog/live-chat-tips", 150, 900, 2.4),
			gsc("live chat tips", "/guides/live-chat", 2, 300, 14.2),
		}, []want{
			// The guide is not also sent to be refreshed for the query
			// the tips page should own.
			{seoplan.FindingCannibalisation, []string{"/blog/live-chat-tips", "/guides/live-chat"}, "/guides/live-chat at 14.2 (300 impressions, 2 clicks)"},
		}},
		{"two queries the same two pages share are one finding", []seoplan.LabeledKeyword{
			gsc("live chat tips", "/blog/live-chat-tips", 150, 900, 2.4),
			gsc("live chat tips", "/guides/live-chat", 2, 300, 14.2),
			gsc("live chat ideas", "/guides/live-chat", 90, 800, 2.2),
			gsc("live chat ideas", "/blog/live-chat-tips", 1, 200, 12),
		}, []want{
			{seoplan.FindingCannibalisation, []string{"/blog/live-chat-tips", "/guides/live-chat"}, "the same queries: “live chat tips”: "},
		}},
		{"a stray query far down is no striking distance", []seoplan.LabeledKeyword{
			gsc("live chat software", "/features/live-chat", 900, 5400, 2.6),
			gsc("chatbot for customer support", "/features/live-chat", 1, 900, 44),
		}, nil},
		{"striking distance, with the pillar to link from", []seoplan.LabeledKeyword{
			gsc("what is live chat", "/blog/what-is-live-chat", 87, 2930, 8.1),
		}, []want{
			{seoplan.FindingStrikingDistance, []string{"/blog/what-is-live-chat"}, "striking distance of the top of page one for 1 query with 2,930 impressions: “what is live chat” at 8.1"},
		}},
		{"a snippet that loses clicks", []seoplan.LabeledKeyword{
			gsc("live chat software", "/features/live-chat", 50, 5000, 2.1),
		}, []want{
			{seoplan.FindingLowCTR, []string{"/features/live-chat"}, "for “live chat software” (CTR 1.0%) at position 2.1, where about 15% is usual"},
		}},
		{"the URL as Google writes it, without the trailing slash the crawl has", []seoplan.LabeledKeyword{
			gsc("sla policy", "/features/sla/", 1, 400, 6),
		}, []want{
			{seoplan.FindingStrikingDistance, []string{"/features/sla"}, "“sla policy” at 6.0"},
		}},
		{"nothing to say", []seoplan.LabeledKeyword{
			gsc("live chat", "/features/live-chat", 1, 60, 9),               // too few impressions
			gsc("help desk", "/features/help-desk", 5, 4000, 31),            // past page two
			gsc("chat widget", "/guides/live-chat", 600, 2400, 1.8),         // top three, healthy CTR
			gsc("welcome email", "/blog/not-crawled", 10, 3000, 7),          // no such page
			gsc("ticket queue", "/features/help-desk", 0, 0, 0),             // a query list, no figures
			gsc("customer onboarding", "/blog/onboarding-emails", 0, 99, 5), // just under
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), Keywords: tc.rows}, WithStart(start))
			if err != nil {
				t.Fatal(err)
			}
			var got []seoplan.Finding
			for _, f := range p.Audit {
				switch f.Kind {
				case seoplan.FindingStrikingDistance, seoplan.FindingLowCTR:
					got = append(got, f)
				case seoplan.FindingCannibalisation:
					if strings.Contains(f.Summary, "Search Console") {
						got = append(got, f)
					}
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d findings, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				f := got[i]
				var pages []string
				for _, u := range w.pages {
					pages = append(pages, origin+u)
				}
				if f.Kind != w.kind || !slices.Equal(f.Pages, pages) || !strings.Contains(f.Summary, w.says) {
					t.Errorf("finding %d = %s %q %q, want %s %q saying %q", i, f.Kind, f.Pages, f.Summary, w.kind, pages, w.says)
				}
				if f.Fix == "" {
					t.Errorf("finding %d has no fix", i)
				}
			}
		})
	}
}

// TestStrikingDistanceLinksFromPillar: the refresh of a cluster page asks
// for a link from the cluster's pillar.
func TestStrikingDistanceLinksFromPillar(t *testing.T) {
	p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), Keywords: []seoplan.LabeledKeyword{
		gsc("what is live chat", "/blog/what-is-live-chat", 87, 2930, 8.1),
	}}, WithStart(start))
	if err != nil {
		t.Fatal(err)
	}
	pillar := clusterOf(p, "/blog/what-is-live-chat").Pillar
	if pillar == "" || pillar == origin+"/blog/what-is-live-chat" {
		t.Fatalf("the live chat cluster's pillar is %q", pillar)
	}
	for _, f := range p.Audit {
		if f.Kind == seoplan.FindingStrikingDistance && !strings.Contains(f.Fix, "link to it from "+pillar) {
			t.Errorf("fix %q does not ask for a link from the pillar %s", f.Fix, pillar)
		}
	}
}

// TestDemandOrdersProposals: where the keyword file measures demand, it
// orders what comes first on a log scale against the file's top keyword,
// with no cap under which 1,800 and 9,000 impressions score the same.
func TestDemandOrdersProposals(t *testing.T) {
	for _, tc := range []struct {
		d, top int
		want   float64
	}{
		{9000, 9000, 60},
		{1800, 9000, 49.4},
		{900, 9000, 44.8},
		{90, 9000, 29.7},
		{0, 9000, 0},
		{5, 5, 46.7}, // a file whose top is tiny does not make every keyword the top
	} {
		if got := demandScore(tc.d, tc.top); got < tc.want-0.05 || got > tc.want+0.05 {
			t.Errorf("demandScore(%d, %d) = %.2f, want %.1f", tc.d, tc.top, got, tc.want)
		}
	}
	kw := func(text string, impressions int) seoplan.LabeledKeyword {
		return seoplan.LabeledKeyword{Keyword: seoplan.Keyword{Text: text, Impressions: impressions, Source: "gsc"},
			Label: seoplan.Label{Intent: prob, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageConsideration}}
	}
	p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), Keywords: []seoplan.LabeledKeyword{
		kw("how to write a refund policy", 1800),
		kw("how to set up a returns portal", 9000),
	}}, WithStart(start))
	if err != nil {
		t.Fatal(err)
	}
	prio := make(map[string]float64)
	for _, pr := range p.Proposals {
		prio[pr.Keyword] = pr.Priority
	}
	big, small := prio["how to set up a returns portal"], prio["how to write a refund policy"]
	if big == 0 || small == 0 {
		t.Fatalf("no proposals for the keywords: %v", prio)
	}
	if big-small < 5 {
		t.Errorf("9,000 impressions scored %.1f and 1,800 scored %.1f: demand should set them apart", big, small)
	}
	if first := p.Proposals[0]; first.Keyword != "how to set up a returns portal" {
		t.Errorf("the first proposal is %q (%.1f: %s), want the most searched keyword", first.Keyword, first.Priority, first.PriorityReason)
	}
}

// TestSearchDataConfirmsCannibalisation: two how-tos with near-identical
// titles are one suspected finding; when Search Console shows both for one
// query, the audit reports the evidence once, not the suspicion beside it.
func TestSearchDataConfirmsCannibalisation(t *testing.T) {
	pages := fixture()
	twin := pg("/blog/live-chat-tips-2", prob, seoplan.SubtypeTips, seoplan.StageConsideration, 1100, []string{"live chat:9", "chat widget:5", "response time:3"}, "/guides/live-chat", "/features/live-chat")
	twin.Page.Title = pages[7].Page.Title
	pages = append(pages, twin)
	count := func(kws []seoplan.LabeledKeyword) (suspected, shown int) {
		p, err := Plan(context.Background(), Input{Site: origin, Pages: pages, Keywords: kws}, WithStart(start))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Audit {
			if f.Kind != seoplan.FindingCannibalisation || !slices.Contains(f.Pages, origin+"/blog/live-chat-tips-2") {
				continue
			}
			if strings.Contains(f.Summary, "Search Console") {
				shown++
			} else {
				suspected++
			}
		}
		return suspected, shown
	}
	if s, d := count(nil); s != 1 || d != 0 {
		t.Fatalf("without search data: %d suspected, %d shown; want 1, 0", s, d)
	}
	s, d := count([]seoplan.LabeledKeyword{
		gsc("live chat tips", "/blog/live-chat-tips", 150, 900, 2.4),
		gsc("live chat tips", "/blog/live-chat-tips-2", 10, 400, 9),
	})
	if s != 0 || d != 1 {
		t.Errorf("with search data: %d suspected, %d shown; want 0, 1", s, d)
	}
}

// TestKeywordClusters: searches no page covers and no cluster takes form
// a cluster of their own, named by the phrase most of them share, with a
// pillar proposed first and a piece for each keyword after it.
func TestKeywordClusters(t *testing.T) {
	kw := func(text string, st seoplan.Subtype, volume int) seoplan.LabeledKeyword {
		return seoplan.LabeledKeyword{Keyword: seoplan.Keyword{Text: text, Volume: volume},
			Label: seoplan.Label{Intent: prob, Subtype: st, Stage: seoplan.StageConsideration}}
	}
	p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), Keywords: []seoplan.LabeledKeyword{
		kw("how to write a refund policy", seoplan.SubtypeHowTo, 1200),
		kw("refund policy template", seoplan.SubtypeTemplate, 900),
		kw("refund policy examples", seoplan.SubtypeTips, 400),
		kw("quarterly tax deadlines", seoplan.SubtypeExplainer, 300), // alone: a cluster of one, no pillar
	}}, WithStart(start))
	if err != nil {
		t.Fatal(err)
	}
	var refund *seoplan.Cluster
	for i := range p.Clusters {
		if p.Clusters[i].Name == "refund policy" {
			refund = &p.Clusters[i]
		}
	}
	if refund == nil {
		var names []string
		for _, c := range p.Clusters {
			names = append(names, c.Name)
		}
		t.Fatalf("no cluster named by the shared phrase: %q", names)
	}
	if len(refund.Keywords) != 3 || refund.PillarProposal == "" {
		t.Fatalf("refund policy: keywords %q, pillar proposal %q", refund.Keywords, refund.PillarProposal)
	}
	pieces := 0
	for _, pr := range p.Proposals {
		if pr.Cluster != refund.ID || pr.ID == refund.PillarProposal {
			continue
		}
		pieces++
		if !slices.Contains(pr.DependsOn, refund.PillarProposal) {
			t.Errorf("%s does not follow the pillar", pr.ID)
		}
	}
	if pieces != 3 {
		t.Errorf("%d pieces besides the pillar, want one per keyword", pieces)
	}
	for _, c := range p.Clusters {
		if c.Name == "quarterly tax deadlines" && c.PillarProposal != "" {
			t.Errorf("a single keyword got a pillar")
		}
	}
}

// TestPageStatFindings holds what a Search Console Pages export says of
// the pages: striking distance and low CTR from a page's totals, the three
// kinds of decay a compare export shows, told apart by their numbers, and
// a page the query rows already judge left to them.
func TestPageStatFindings(t *testing.T) {
	type want struct {
		kind seoplan.FindingKind
		page string
		says string
	}
	for _, tc := range []struct {
		name  string
		rows  []seoplan.LabeledKeyword
		stats []seoplan.PageStat
		want  []want
	}{
		{"striking distance by the page's average", nil, []seoplan.PageStat{
			{URL: origin + "/blog/what-is-live-chat", Clicks: 87, Impressions: 2930, Position: 8.1},
		}, []want{{seoplan.FindingStrikingDistance, "/blog/what-is-live-chat", "position 8.1 on average over its queries, with 2,930 impressions"}}},
		{"a snippet that loses clicks over its queries", nil, []seoplan.PageStat{
			{URL: origin + "/features/live-chat", Clicks: 50, Impressions: 5000, Position: 2.1},
		}, []want{{seoplan.FindingLowCTR, "/features/live-chat", "from 5,000 impressions over its queries (CTR 1.0%)"}}},
		{"query rows judge the page, not its average", []seoplan.LabeledKeyword{
			gsc("live chat software", "/features/live-chat", 900, 5400, 2.6),
		}, []seoplan.PageStat{
			{URL: origin + "/features/live-chat", Clicks: 901, Impressions: 6300, Position: 8.5},
		}, nil},
		{"decay: fell in the rankings", nil, []seoplan.PageStat{
			{URL: origin + "/blog/what-is-live-chat", Clicks: 120, Impressions: 300, Position: 3.8, Compared: true, PrevClicks: 300, PrevImpressions: 320, PrevPosition: 1.9},
		}, []want{{seoplan.FindingDecay, "/blog/what-is-live-chat", "lost 180 of its 300 clicks against the period before (-60%): impressions 320 → 300, position 1.9 → 3.8"}}},
		{"a decayed page is judged by its decay alone", nil, []seoplan.PageStat{
			{URL: origin + "/blog/what-is-live-chat", Clicks: 20, Impressions: 2900, Position: 8.2, Compared: true, PrevClicks: 300, PrevImpressions: 3000, PrevPosition: 2.9},
		}, []want{{seoplan.FindingDecay, "/blog/what-is-live-chat", "position 2.9 → 8.2"}}},
		{"decay: searchers ask less", nil, []seoplan.PageStat{
			{URL: origin + "/blog/what-is-live-chat", Clicks: 60, Impressions: 40, Position: 2, Compared: true, PrevClicks: 100, PrevImpressions: 90, PrevPosition: 2.1},
		}, []want{{seoplan.FindingDecay, "/blog/what-is-live-chat", "lost 40 of its 100 clicks"}}},
		{"nothing to say", nil, []seoplan.PageStat{
			{URL: origin + "/blog/what-is-live-chat", Clicks: 80, Impressions: 90, Position: 2, Compared: true, PrevClicks: 100, PrevImpressions: 90, PrevPosition: 2}, // lost a fifth
			{URL: origin + "/guides/live-chat", Clicks: 5, Impressions: 60, Position: 3, Compared: true, PrevClicks: 20, PrevImpressions: 60, PrevPosition: 3},         // too few clicks to tell
			{URL: origin + "/blog/not-crawled", Clicks: 0, Impressions: 90, Compared: true, PrevClicks: 400, PrevImpressions: 900},                                     // no such page
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), Keywords: tc.rows, PageStats: tc.stats}, WithStart(start))
			if err != nil {
				t.Fatal(err)
			}
			var got []seoplan.Finding
			for _, f := range p.Audit {
				switch f.Kind {
				case seoplan.FindingStrikingDistance, seoplan.FindingLowCTR, seoplan.FindingDecay:
					got = append(got, f)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d findings, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				f := got[i]
				if f.Kind != w.kind || !slices.Equal(f.Pages, []string{origin + w.page}) || !strings.Contains(f.Summary, w.says) {
					t.Errorf("finding %d = %s %q %q, want %s %q saying %q", i, f.Kind, f.Pages, f.Summary, w.kind, w.page, w.says)
				}
			}
		})
	}
}

// TestDecayCauses: the fix of a decayed page follows its numbers.
func TestDecayCauses(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   seoplan.PageStat
		fix  string
	}{
		{"rankings", seoplan.PageStat{Clicks: 100, Impressions: 900, Position: 6, PrevClicks: 300, PrevImpressions: 1000, PrevPosition: 2.5}, "It fell in the rankings"},
		{"demand", seoplan.PageStat{Clicks: 100, Impressions: 500, Position: 2.4, PrevClicks: 300, PrevImpressions: 1000, PrevPosition: 2.5}, "searchers ask less"},
		{"clicks", seoplan.PageStat{Clicks: 100, Impressions: 1000, Position: 2.4, PrevClicks: 300, PrevImpressions: 1000, PrevPosition: 2.5}, "clicked less"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.st
			st.URL, st.Compared = origin+"/guides/live-chat", true
			p, err := Plan(context.Background(), Input{Site: origin, Pages: fixture(), PageStats: []seoplan.PageStat{st}}, WithStart(start))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range p.Audit {
				if f.Kind == seoplan.FindingDecay {
					if f.Severity != "high" || !strings.Contains(f.Fix, tc.fix) {
						t.Errorf("decay %s fix %q, want %q", f.Severity, f.Fix, tc.fix)
					}
					return
				}
			}
			t.Errorf("no decay finding in %+v", p.Audit)
		})
	}
}
