package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// docsSite is a product's site with a documentation folder: an API
// reference section (concept and reference pages only), a webhooks area set
// up by docs task pages with a feature page and no blog post, and an alerts
// area whose blog posts link to the docs page that sets alerts up, or do not.
func docsSite() []seoplan.LabeledPage {
	api := []string{"rest api:9", "api keys:5", "rate limits:4"}
	hooks := []string{"webhooks:9", "webhook payloads:5", "signing secret:4"}
	alerts := []string{"alert rules:9", "alert routing:5", "on-call schedules:4"}
	deep, how := seoplan.SubtypeDeepDive, seoplan.SubtypeHowTo
	dec, con := seoplan.StageDecision, seoplan.StageConsideration
	return []seoplan.LabeledPage{
		pg("/docs/api/overview", prod, deep, dec, 900, api, "/docs/api/keys", "/docs/api/limits"),
		pg("/docs/api/keys", prod, deep, dec, 700, api, "/docs/api/overview"),
		pg("/docs/api/limits", prod, deep, dec, 600, api, "/docs/api/overview"),
		pg("/features/webhooks", prod, seoplan.SubtypeFeature, dec, 700, hooks, "/docs/webhooks/setup"),
		pg("/docs/webhooks/setup", prob, how, con, 800, hooks, "/features/webhooks"),
		pg("/docs/webhooks/verify", prob, how, con, 600, hooks, "/docs/webhooks/setup"),
		pg("/docs/alerts/setup", prob, how, con, 800, alerts),
		pg("/blog/alert-fatigue", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 1200, alerts, "/docs/alerts/setup"),
		pg("/blog/on-call-rotations", prob, seoplan.SubtypeTips, con, 1100, alerts),
	}
}

// TestDocsInClusters holds how documentation counts: a reference section
// is no content cluster and gets no gaps or proposals; docs task pages are
// the product's side of their topic (they bridge, need no bridge, and are
// not the problem content that brings readers in).
func TestDocsInClusters(t *testing.T) {
	p := plan(t, docsSite())
	for _, tc := range []struct {
		name      string
		page      string
		reference bool
		want      []seoplan.GapKind
		reason    string // in the first gap's reason
		unbridged []string
	}{
		{"API reference section", "/docs/api/keys", true, nil, "", nil},
		{"product area set up by docs", "/docs/webhooks/setup", false,
			[]seoplan.GapKind{seoplan.GapNoProblemContent, seoplan.GapMissingStage}, "1 product page and 2 documentation task pages and no problem content", nil},
		// The explainer bridges to the docs page, so the cluster has its
		// bridge; the tips post that does not link it is an audit item.
		{"blog posts and the docs page that sets alerts up", "/blog/alert-fatigue", false,
			[]seoplan.GapKind{seoplan.GapMissingStage}, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := clusterOf(p, tc.page)
			if c == nil {
				t.Fatalf("%s is in no cluster", tc.page)
			}
			if c.Reference != tc.reference {
				t.Errorf("Reference = %v, want %v", c.Reference, tc.reference)
			}
			var kinds []seoplan.GapKind
			for _, g := range c.Gaps {
				if g.Kind != seoplan.GapNoPillar {
					kinds = append(kinds, g.Kind)
				}
			}
			if !slices.Equal(kinds, tc.want) {
				t.Fatalf("gaps %v (besides no-pillar), want %v", kinds, tc.want)
			}
			if tc.reason != "" && !strings.Contains(c.Gaps[0].Reason, tc.reason) {
				t.Errorf("reason %q does not say %q", c.Gaps[0].Reason, tc.reason)
			}
			for _, g := range c.Gaps {
				if g.Kind != seoplan.GapNoBridge {
					continue
				}
				var got []string
				for _, u := range g.Pages {
					got = append(got, strings.TrimPrefix(u, origin))
				}
				if !slices.Equal(got, tc.unbridged) {
					t.Errorf("unbridged %v, want %v", got, tc.unbridged)
				}
			}
			if tc.reference {
				for _, pr := range p.Proposals {
					if pr.Cluster == c.ID {
						t.Errorf("a reference section got a proposal: %s", pr.Title)
					}
				}
			}
		})
	}
	if !slices.ContainsFunc(p.Audit, func(f seoplan.Finding) bool {
		return f.Kind == seoplan.FindingNoProductLink && slices.Equal(f.Pages, []string{origin + "/blog/on-call-rotations"})
	}) {
		t.Errorf("no no-product-link finding for the tips post that links no product or docs task page")
	}
	// The webhooks area's problem pieces hand readers to its feature page.
	hooks := clusterOf(p, "/features/webhooks")
	for _, pr := range p.Proposals {
		if pr.Cluster == hooks.ID && pr.Gap == seoplan.GapNoProblemContent &&
			!slices.ContainsFunc(pr.Links, func(l seoplan.LinkSuggestion) bool { return l.To == origin+"/features/webhooks" }) {
			t.Errorf("%s does not link to the webhooks feature page: %+v", pr.Title, pr.Links)
		}
	}
	if !strings.Contains(p.GapSummary, "1 is documentation reference") {
		t.Errorf("gap summary does not count the reference section: %q", p.GapSummary)
	}
}

// TestGapSummary: the plan says how many clusters have gaps and why the
// others need nothing, so a plan with few proposals explains itself.
func TestGapSummary(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages []seoplan.LabeledPage
		want  []string
	}{
		{"fixture", fixture(), []string{"2 of 3 clusters have gaps (2 no-pillar, 1 no-bridge, 1 no-problem-content",
			"1 has none: it has a pillar, problem content that links to the product, and a page for every funnel stage",
			"1 product or problem page shares its topic with no other page"}},
		{"no topics", []seoplan.LabeledPage{pg("/about", oth, seoplan.SubtypeCompany, seoplan.StageNone, 300, nil)},
			[]string{"No topic clusters: the crawl has no product or problem pages"}},
		{"lone pages", []seoplan.LabeledPage{
			pg("/blog/a", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"tent pegs:9"}),
			pg("/blog/b", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"rain covers:9"}),
		}, []string{"none of the 2 product and problem pages shares its topic with another page"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plan(t, tc.pages)
			for _, w := range tc.want {
				if !strings.Contains(p.GapSummary, w) {
					t.Errorf("gap summary %q does not say %q", p.GapSummary, w)
				}
			}
		})
	}
}
