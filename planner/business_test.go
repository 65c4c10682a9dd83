package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// businessSite builds a site of n pages: product pages with Product markup
// and a price, software pages (SoftwareApplication markup, a free trial),
// and articles for the rest.
func businessSite(n, products, software int) []seoplan.LabeledPage {
	var ps []seoplan.LabeledPage
	for i := 0; i < n; i++ {
		path := "/blog/post-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		p := pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 800, []string{"trail:5"}, "/basket")
		switch {
		case i < products:
			p.Page.SchemaTypes = []string{"Product", "BreadcrumbList"}
			p.Page.MainText = "Waterproof boot. £129.00. Add to basket."
			p.Label = seoplan.Label{Intent: prod, Subtype: seoplan.SubtypeProduct, Stage: seoplan.StageDecision}
		case i < products+software:
			p.Page.SchemaTypes = []string{"SoftwareApplication"}
			p.Page.MainText = "Start your free trial today, or book a demo."
			p.Label = seoplan.Label{Intent: prod, Subtype: seoplan.SubtypeFeature, Stage: seoplan.StageDecision}
		default:
			p.Page.SchemaTypes = []string{"Article"}
		}
		ps = append(ps, p)
	}
	return ps
}

// TestDetectBusiness holds the rule in business.go: a kind needs three
// pages and one in twenty; when both qualify the larger wins; neither is a
// publisher or service business.
func TestDetectBusiness(t *testing.T) {
	for _, tc := range []struct {
		name              string
		n, products, soft int
		want              businessKind
		evidence          string
	}{
		{"shop", 60, 17, 0, businessShop, "17 of 60 pages are product pages with Product markup, 17 of them with a price; every page links to the basket"},
		{"software", 60, 0, 20, businessSoftware, "20 of 60 pages show software signals: 20 marked up as a software application, 20 offer a free trial, a free plan or a demo"},
		{"SaaS with one product snippet", 60, 1, 20, businessSoftware, ""},
		{"shop with an app page", 60, 17, 2, businessShop, ""},
		{"both, software larger", 60, 5, 10, businessSoftware, ""},
		{"publisher", 60, 0, 0, businessOther, "0 of 60 pages carry product markup"},
		{"two products are no shop", 30, 2, 0, businessOther, ""},
		{"too few for a large site", 200, 5, 0, businessOther, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newSite(Input{Site: origin + "/", Pages: businessSite(tc.n, tc.products, tc.soft)}, "")
			if s.biz.kind != tc.want {
				t.Fatalf("detected %v (%s), want %v", s.biz.kind, s.biz.evidence, tc.want)
			}
			if !strings.Contains(s.biz.evidence, tc.evidence) {
				t.Errorf("evidence %q, want it to contain %q", s.biz.evidence, tc.evidence)
			}
		})
	}
}

// realSoftwareSite builds what a real SaaS or open-source-plus-cloud site
// shows without any markup: a docs folder, some pages with calls to
// action, a /pricing page and /integrations pages, each as many as asked.
func realSoftwareSite(n, install, reference, cta, pricing, integrations int) []seoplan.LabeledPage {
	var ps []seoplan.LabeledPage
	add := func(path, title, text string) {
		p := pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 800, []string{"metrics:5"})
		p.Page.Title, p.Page.MainText = title, text
		ps = append(ps, p)
	}
	for i := 0; i < install; i++ {
		add(fmt.Sprintf("/docs/setup/step-%d", i), "Install the agent on Linux", "Download it and run it.")
	}
	for i := 0; i < reference; i++ {
		add(fmt.Sprintf("/docs/reference/call-%d", i), "HTTP API", "Every endpoint of the API.")
	}
	for i := 0; i < cta; i++ {
		add(fmt.Sprintf("/features/f-%d", i), "Dashboards", "Sign up for free and see your metrics in a minute.")
	}
	for i := 0; i < pricing; i++ {
		add("/pricing", "Plans", "Starter and Team.")
	}
	for i := 0; i < integrations; i++ {
		add(fmt.Sprintf("/integrations/i-%d", i), "Slack", "Alerts in Slack.")
	}
	for len(ps) < n {
		add(fmt.Sprintf("/blog/post-%d", len(ps)), "Why metrics matter", "A post about metrics.")
	}
	return ps
}

// TestDetectSoftwareWithoutMarkup holds the evidence real software sites
// show: docs that install the product and document its API or CLI, calls
// to sign up or try it, pricing and integrations folders.
func TestDetectSoftwareWithoutMarkup(t *testing.T) {
	for _, tc := range []struct {
		name                               string
		n, install, ref, cta, price, integ int
		want                               businessKind
		evidence                           string
	}{
		{"open-source docs: install and API", 120, 2, 2, 0, 0, 0, businessSoftware, "4 documentation pages, 2 of them installing or setting up the product and 2 on its API, CLI or configuration"},
		{"docs that only install", 120, 4, 0, 0, 0, 0, businessOther, ""},
		{"docs that only document an API", 120, 0, 4, 0, 0, 0, businessOther, ""},
		{"too few docs pages", 120, 1, 1, 0, 0, 0, businessOther, ""},
		{"SaaS marketing: sign-up calls", 120, 0, 0, 6, 0, 0, businessSoftware, "6 offer a free trial, a free plan or a demo"},
		{"pricing and integrations folders", 60, 0, 0, 0, 1, 3, businessSoftware, "1 pricing page, 3 integration pages"},
		{"a blog with one call to action", 120, 0, 0, 1, 0, 0, businessOther, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newSite(Input{Site: origin + "/", Pages: realSoftwareSite(tc.n, tc.install, tc.ref, tc.cta, tc.price, tc.integ)}, "")
			if s.biz.kind != tc.want {
				t.Fatalf("detected %v (%s), want %v", s.biz.kind, s.biz.evidence, tc.want)
			}
			if !strings.Contains(s.biz.evidence, tc.evidence) {
				t.Errorf("evidence %q, want it to contain %q", s.biz.evidence, tc.evidence)
			}
		})
	}
	// A shop's care guides in a docs folder do not make it a software company.
	shop := businessSite(60, 17, 0)
	shop = append(shop, realSoftwareSite(4, 2, 2, 0, 0, 0)...)
	if s, _ := newSite(Input{Site: origin + "/", Pages: shop}, ""); s.biz.kind != businessShop {
		t.Errorf("a shop with docs: %v (%s)", s.biz.kind, s.biz.evidence)
	}
}

// TestDetectSoftwareFromHelpPages holds what a SaaS product's help centre
// shows when no page is marked up and no folder is named /pricing or
// /integrations: integration guides named by their slug
// ("/docs/ghost-integration/") and pages on the customer's own plan,
// bills and subscription. One post on billing makes no software company.
func TestDetectSoftwareFromHelpPages(t *testing.T) {
	help := func(n int, paths ...string) []seoplan.LabeledPage {
		var ps []seoplan.LabeledPage
		for _, path := range paths {
			ps = append(ps, pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageDecision, 400, []string{"stats:3"}))
		}
		for len(ps) < n {
			ps = append(ps, pg(fmt.Sprintf("/docs/report-%d/", len(ps)), prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 400, []string{"stats:3"}))
		}
		return ps
	}
	for _, tc := range []struct {
		name     string
		pages    []seoplan.LabeledPage
		want     businessKind
		evidence string
	}{
		{"integration guides by slug", help(60, "/docs/ghost-integration/", "/docs/wix-integration/", "/docs/hugo-integration/"), businessSoftware, "3 integration pages"},
		{"plans and bills", help(60, "/docs/billing/", "/docs/download-invoices/", "/docs/cancel-subscription/"), businessSoftware, "3 on their subscription and billing"},
		{"one post on billing", help(60, "/blog/medical-billing-explained/"), businessOther, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newSite(Input{Site: origin + "/", Pages: tc.pages}, "")
			if s.biz.kind != tc.want {
				t.Fatalf("detected %v (%s), want %v", s.biz.kind, s.biz.evidence, tc.want)
			}
			if !strings.Contains(s.biz.evidence, tc.evidence) {
				t.Errorf("evidence %q, want it to contain %q", s.biz.evidence, tc.evidence)
			}
		})
	}
}

// TestBusinessWording: a shop's plan measures product content by orders and
// problem content by assisted orders, shows how-tos with photos, and when
// the profile was left at its default does not call the shop a SaaS
// business; a chosen profile keeps its reasoning; a software site keeps the
// software words.
func TestBusinessWording(t *testing.T) {
	software := []string{"sign-ups from", "demo request", "free trial", "feature adoption", "screenshot", "SaaS"}
	run := func(pages []seoplan.LabeledPage, opts ...Option) *seoplan.Plan {
		t.Helper()
		p, err := Plan(context.Background(), Input{Site: origin + "/", Pages: pages}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	shop := businessSite(40, 10, 0)
	p := run(shop)
	if p.Business.Kind != "shop" || !strings.HasPrefix(p.Business.Summary, "Online shop, judging by the crawl: 10 of 40 pages") {
		t.Errorf("the plan's business is not the shop with its evidence: %+v", p.Business)
	}
	texts := []string{p.Business.Summary, p.Profile.Reasoning, p.Profile.ProductMetric}
	for _, b := range []businessKind{businessShop} {
		for _, st := range []seoplan.Subtype{seoplan.SubtypeProduct, seoplan.SubtypeFeature, seoplan.SubtypeComparison, seoplan.SubtypePricing, seoplan.SubtypeHowTo, seoplan.SubtypeCaseStudy, seoplan.SubtypeTemplate} {
			texts = append(texts, metric(b, st, seoplan.StageDecision, true), effort(b, st, false))
		}
	}
	for _, txt := range texts {
		for _, w := range software {
			if strings.Contains(txt, w) {
				t.Errorf("shop wording says %q: %q", w, txt)
			}
		}
	}
	if !strings.Contains(p.Profile.ProductMetric, "add-to-basket") || !strings.Contains(p.Profile.ProblemMetric, "assisted orders") {
		t.Errorf("shop metrics: %q / %q", p.Profile.ProductMetric, p.Profile.ProblemMetric)
	}
	// A shop left at the default profile gets the shop profile, at the
	// default's 50:50.
	if p.Profile.Name != "shop" || p.Profile.ProductShare != 0.5 {
		t.Errorf("a shop's default profile: %+v", p.Profile)
	}

	chosen := run(shop, WithProfile("saas"))
	if !strings.Contains(chosen.Profile.Reasoning, "A SaaS or subscription business") {
		t.Errorf("a chosen profile's reasoning is its own: %q", chosen.Profile.Reasoning)
	}
	if run(shop, WithProfile("")).Profile.Reasoning != p.Profile.Reasoning {
		t.Error(`WithProfile("") is not the default`)
	}

	soft := run(businessSite(40, 0, 10))
	if soft.Business.Kind != "software" {
		t.Errorf("software site: business %+v", soft.Business)
	}
	if !strings.Contains(soft.Profile.Reasoning, "A SaaS or subscription business") || soft.Profile.ProductMetric != "sign-ups, demo requests and feature adoption" {
		t.Errorf("software wording changed: %+v", soft.Profile)
	}
	other := run(businessSite(40, 0, 0))
	if other.Business.Kind != "other" {
		t.Errorf("neither shop nor software: business %+v", other.Business)
	}
	for _, txt := range []string{other.Business.Summary, other.Profile.Reasoning, other.Profile.ProductMetric, metric(businessOther, seoplan.SubtypeFeature, seoplan.StageDecision, false), effort(businessOther, seoplan.SubtypeHowTo, false)} {
		for _, w := range append(software, "basket") {
			if strings.Contains(txt, w) {
				t.Errorf("neutral wording says %q: %q", w, txt)
			}
		}
	}
}
