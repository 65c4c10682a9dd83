package planner

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func findings(p *seoplan.Plan, kind seoplan.FindingKind) []seoplan.Finding {
	var out []seoplan.Finding
	for _, f := range p.Audit {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func TestAudit(t *testing.T) {
	chat := []string{"live chat:9", "chat widget:5"}
	clean := func() []seoplan.LabeledPage {
		return []seoplan.LabeledPage{
			pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, "/features/chat", "/guides/chat"),
			pg("/features/chat", prod, seoplan.SubtypeFeature, seoplan.StageDecision, 800, chat, "/guides/chat", "/blog/chat-tips"),
			pg("/guides/chat", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 2500, chat, "/features/chat", "/blog/chat-tips"),
			pg("/blog/chat-tips", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, chat, "/guides/chat", "/features/chat"),
		}
	}
	edit := func(path string, f func(*seoplan.LabeledPage)) func([]seoplan.LabeledPage) []seoplan.LabeledPage {
		return func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			for i := range ps {
				if ps[i].Page.URL == origin+path {
					f(&ps[i])
				}
			}
			return ps
		}
	}
	tests := []struct {
		name   string
		change func([]seoplan.LabeledPage) []seoplan.LabeledPage
		kind   seoplan.FindingKind
		pages  []string // the first finding's pages
	}{
		{"broken link", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			ps = edit("/guides/chat", func(p *seoplan.LabeledPage) {
				p.Page.Links = append(p.Page.Links, seoplan.Link{URL: origin + "/old", Internal: true})
			})(ps)
			return append(ps, seoplan.LabeledPage{Page: seoplan.Page{Fetch: seoplan.Fetch{URL: origin + "/old", Status: 404, ContentType: "text/html"}}})
		}, seoplan.FindingBrokenLink, []string{origin + "/old", origin + "/guides/chat"}},
		{"orphan", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			return append(ps, pg("/blog/lost", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, []string{"lost post:9"}, "/features/chat"))
		}, seoplan.FindingOrphan, []string{origin + "/blog/lost"}},
		{"thin page", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.WordCount = 120 }),
			seoplan.FindingThin, []string{origin + "/blog/chat-tips"}},
		{"noindex in cluster", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.Noindex = true }),
			seoplan.FindingNoindexInCluster, []string{origin + "/blog/chat-tips"}},
		{"duplicate title", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.Title = " FEATURES:  CHAT " }),
			seoplan.FindingDuplicateTitle, []string{origin + "/blog/chat-tips", origin + "/features/chat"}},
		{"missing meta description", edit("/guides/chat", func(p *seoplan.LabeledPage) { p.Page.MetaDescription = "" }),
			seoplan.FindingMissingMetaDesc, []string{origin + "/guides/chat"}},
		{"problem page without product link", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) {
			p.Page.Links = p.Page.Links[:1]
		}), seoplan.FindingNoProductLink, []string{origin + "/blog/chat-tips"}},
		{"page not linking its pillar", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) {
			p.Page.Links = p.Page.Links[1:]
		}), seoplan.FindingPillarUnlinked, []string{origin + "/blog/chat-tips"}},
		{"cannibalisation", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			return append(ps, pg("/blog/more-chat-tips", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, chat, "/guides/chat", "/features/chat"))
		}, seoplan.FindingCannibalisation, []string{origin + "/blog/chat-tips", origin + "/blog/more-chat-tips"}},
		{"cannibalisation on a head word and similar titles", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			a := pg("/blog/reproof-rain-jacket", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"rain jacket:9", "live chat:2"}, "/guides/chat", "/features/chat")
			a.Page.Title = "How to reproof a rain jacket"
			b := pg("/blog/reproof-waterproof-jacket", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"waterproof jacket:9", "live chat:2"}, "/guides/chat", "/features/chat")
			b.Page.Title = "How to reproof a waterproof jacket (and when to replace it)"
			return append(ps, a, b)
		}, seoplan.FindingCannibalisation, []string{origin + "/blog/reproof-rain-jacket", origin + "/blog/reproof-waterproof-jacket"}},
	}
	base := plan(t, clean())
	if len(base.Audit) != 0 {
		t.Fatalf("clean site has findings: %+v", base.Audit)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(t, tt.change(clean()))
			fs := findings(p, tt.kind)
			if len(fs) == 0 {
				t.Fatalf("no %s finding; audit: %+v", tt.kind, p.Audit)
			}
			if !slices.Equal(fs[0].Pages, tt.pages) {
				t.Errorf("pages = %q, want %q", fs[0].Pages, tt.pages)
			}
			if fs[0].Fix == "" || fs[0].Summary == "" || fs[0].Severity == "" {
				t.Errorf("finding lacks summary, severity or fix: %+v", fs[0])
			}
		})
	}
}

// TestCannibalisationNeedsPhraseAndIntent: pages cannibalise when they lead
// on the same phrase with the same intent and kind, not when they merely
// share a word, and a category never competes with the products it lists.
func TestCannibalisationNeedsPhraseAndIntent(t *testing.T) {
	bags := []string{"sleeping bag:9", "temperature rating:4"}
	titled := func(p seoplan.LabeledPage, title string) seoplan.LabeledPage {
		p.Page.Title = title + " | Pebble & Pine"
		return p
	}
	shop := func() []seoplan.LabeledPage {
		return []seoplan.LabeledPage{
			pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, "/sleeping-bags", "/tents"),
			titled(pg("/sleeping-bags", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 330, bags,
				"/products/neutrino-400", "/products/glenmore", "/guides/sleeping-bag-buying-guide"), "Sleeping Bags"),
			titled(pg("/products/neutrino-400", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 350, bags, "/sleeping-bags"), "Rab Neutrino 400 Sleeping Bag"),
			titled(pg("/products/glenmore", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 345, []string{"glenmore sleeping bag:9", "sleeping bag:5"}, "/sleeping-bags"), "Glenmore 3-Season Sleeping Bag"),
			titled(pg("/guides/sleeping-bag-buying-guide", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 1400, bags,
				"/sleeping-bags", "/products/neutrino-400", "/products/glenmore", "/guides/sleeping-bag-care-guide"), "Sleeping Bag Buying Guide"),
			titled(pg("/guides/sleeping-bag-care-guide", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 1100, []string{"down wash:9", "sleeping bag:6"},
				"/sleeping-bags", "/guides/sleeping-bag-buying-guide"), "Sleeping Bag Care: The Complete Guide"),
			// A buying guide the classifier took for a how-to, beside a how-to.
			titled(pg("/blog/how-to-choose-a-sleeping-bag", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 1200, bags,
				"/sleeping-bags", "/products/glenmore"), "How to Choose a Sleeping Bag"),
			titled(pg("/blog/how-to-wash-a-down-sleeping-bag", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 700, []string{"down wash:9", "sleeping bag:6"},
				"/sleeping-bags", "/products/glenmore"), "How to Wash a Down Sleeping Bag"),
			titled(pg("/tents", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 310, []string{"tent:9"}, "/products/hubba", "/products/hollow"), "Tents"),
			titled(pg("/products/hubba", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, []string{"tent:9", "hubba hubba:8"}, "/tents"), "MSR Hubba Hubba NX 2 Tent"),
			titled(pg("/products/hollow", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, []string{"tent:9", "pine hollow:8"}, "/tents"), "Pine Hollow 2 Tent"),
		}
	}
	if fs := findings(plan(t, shop()), seoplan.FindingCannibalisation); len(fs) > 0 {
		t.Errorf("category and product, two guides of one topic, or products sharing a word flagged: %+v", fs)
	}
	// Two category pages on one phrase do compete.
	two := append(shop(), titled(pg("/camping/sleeping-bags", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 300, bags,
		"/products/neutrino-400", "/products/glenmore"), "Camping Sleeping Bags"))
	fs := findings(plan(t, two), seoplan.FindingCannibalisation)
	want := []string{origin + "/camping/sleeping-bags", origin + "/sleeping-bags"}
	if len(fs) != 1 || !slices.Equal(fs[0].Pages, want) {
		t.Errorf("two categories on one phrase: findings %+v, want one naming %q", fs, want)
	}
}

// TestVariants tells product variants (who they are for, colour, size)
// from pages that compete for one search.
func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		urls []string
		want bool
	}{
		{[]string{origin + "/products/squall-jacket-mens", origin + "/products/squall-jacket-womens"}, true},
		{[]string{origin + "/p/tee-black-xl", origin + "/p/tee-white-s"}, true},
		{[]string{origin + "/shop/kids/boots", origin + "/shop/men/boots"}, true},
		{[]string{origin + "/blog/how-to-build-a-knowledge-base", origin + "/blog/how-to-create-a-knowledge-base"}, false},
		{[]string{origin + "/products/squall-jacket", origin + "/products/squall-jacket-womens"}, false}, // the main page has no variant word
		{[]string{origin + "/products/squall-jacket-mens"}, false},
	} {
		if got := variants(tc.urls); got != tc.want {
			t.Errorf("variants(%q) = %v, want %v", tc.urls, got, tc.want)
		}
	}
}

// TestServicePage: the top-level pages every site has for its customers
// join no topic, whatever their label; topic pages that share a word with
// them do.
func TestServicePage(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/delivery-returns", true},
		{"/faq", true},
		{"/stores", true},
		{"/book-a-demo", true},
		{"/demo", true},
		{"/contact-us", true},
		{"/sign-in", true},
		{"/in", false},
		{"/returns-portal-software", false},
		{"/features/delivery-tracking", false},
		{"/blog/faq-page-examples", false},
		{"/", false},
	} {
		if got := servicePage(origin + tc.path); got != tc.want {
			t.Errorf("servicePage(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestSameStem(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"reconcil", "reconcili", true}, {"bank", "bank", true}, {"bank", "banks", false},
		{"account", "accountant", true}, {"market", "marketplac", false}, {"tax", "taxi", false},
	} {
		if got := sameStem(tc.a, tc.b); got != tc.want {
			t.Errorf("sameStem(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
