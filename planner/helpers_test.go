package planner

import (
	"strings"

	"github.com/seoplan/seoplan"
)

const origin = "https://example.test"

// pg builds a labeled page for tests: path, label, words, key phrases
// ("live chat:0.8") and internal links (paths).
func pg(path string, intent seoplan.Intent, sub seoplan.Subtype, stage seoplan.Stage, words int, phrases []string, links ...string) seoplan.LabeledPage {
	p := seoplan.LabeledPage{
		Page: seoplan.Page{
			Fetch: seoplan.Fetch{
				URL:         origin + path,
				Status:      200,
				ContentType: "text/html; charset=utf-8",
				InSitemap:   true,
				Depth:       1,
			},
			Content: seoplan.Content{
				Title:           titleOf(path),
				MetaDescription: "About " + path,
				WordCount:       words,
			},
		},
		Label: seoplan.Label{Intent: intent, Subtype: sub, Stage: stage, Confidence: 0.9},
	}
	if path == "/" {
		p.Page.Depth = 0
	}
	for _, ph := range phrases {
		name, w, _ := strings.Cut(ph, ":")
		var weight float64
		for _, c := range w {
			weight = weight*10 + float64(c-'0')
		}
		if weight == 0 {
			weight = 1
		}
		p.KeyPhrases = append(p.KeyPhrases, seoplan.KeyPhrase{Phrase: name, Stem: stem(name), Weight: weight})
	}
	for _, l := range links {
		p.Page.Links = append(p.Page.Links, seoplan.Link{URL: origin + l, Internal: true})
	}
	return p
}

func stem(s string) string {
	return strings.Join(tokens(s), " ")
}

func titleOf(path string) string {
	t := strings.Trim(path, "/")
	if t == "" {
		return "Home"
	}
	return sentence(strings.NewReplacer("-", " ", "/", ": ").Replace(t))
}

var (
	prod = seoplan.IntentProduct
	prob = seoplan.IntentProblem
	oth  = seoplan.IntentOther
)

// fixture is a small site with one clean cluster (live chat), one product
// cluster with no problem content (help desk), one problem cluster with no
// bridge and no pillar (customer onboarding), and company pages.
func fixture() []seoplan.LabeledPage {
	nav := []string{"/", "/pricing", "/about"}
	with := func(extra ...string) []string { return append(append([]string{}, nav...), extra...) }
	chat := []string{"live chat:9", "chat widget:5", "response time:3"}
	desk := []string{"help desk:9", "ticket queue:5", "sla policy:3"}
	onb := []string{"customer onboarding:9", "welcome email:5", "activation rate:3"}
	return []seoplan.LabeledPage{
		pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, with("/features/live-chat", "/features/help-desk")...),
		pg("/about", oth, seoplan.SubtypeCompany, seoplan.StageNone, 300, nil, with()...),
		pg("/privacy", oth, seoplan.SubtypeLegal, seoplan.StageNone, 900, nil, with()...),
		pg("/pricing", prod, seoplan.SubtypePricing, seoplan.StageDecision, 600, []string{"pricing plan:9", "help desk:1"}, with()...),
		pg("/features/live-chat", prod, seoplan.SubtypeFeature, seoplan.StageDecision, 700, chat, with("/guides/live-chat", "/blog/what-is-live-chat", "/blog/live-chat-tips")...),
		pg("/guides/live-chat", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 2600, chat, with("/features/live-chat", "/blog/what-is-live-chat", "/blog/live-chat-tips")...),
		pg("/blog/what-is-live-chat", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 900, chat, with("/guides/live-chat", "/features/live-chat")...),
		pg("/blog/live-chat-tips", prob, seoplan.SubtypeTips, seoplan.StageConsideration, 1100, chat, with("/guides/live-chat", "/features/live-chat")...),
		pg("/features/help-desk", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 800, desk, with("/features/sla", "/vs/helpdesk-rival")...),
		pg("/features/sla", prod, seoplan.SubtypeFeature, seoplan.StageDecision, 500, desk, with("/features/help-desk")...),
		pg("/vs/helpdesk-rival", prod, seoplan.SubtypeComparison, seoplan.StageDecision, 1200, desk, with("/features/help-desk")...),
		pg("/blog/customer-onboarding-checklist", prob, seoplan.SubtypeTemplate, seoplan.StageConsideration, 700, onb, with("/blog/what-is-customer-onboarding")...),
		pg("/blog/what-is-customer-onboarding", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 800, onb, with("/blog/customer-onboarding-checklist")...),
		pg("/blog/onboarding-emails", prob, seoplan.SubtypeTips, seoplan.StageConsideration, 1000, onb, with("/blog/customer-onboarding-checklist")...),
	}
}
