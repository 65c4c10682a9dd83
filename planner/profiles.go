package planner

import (
	"fmt"

	"github.com/seoplan/seoplan"
)

// profiles is the data behind --profile: each mix with the reasoning the
// roadmap prints, so a reader can disagree with the target, not just see it.
var profiles = []seoplan.Profile{
	{
		Name:         "startup",
		ProductShare: 0.6,
		ProblemShare: 0.4,
		Reasoning: "An early-stage product has little brand search and few customers to learn from: " +
			"every page has to explain what the product does and why it beats the alternatives, " +
			"so the plan leans product-led (features, comparisons, pricing) and keeps problem content " +
			"to the few searches that lead straight to the product.",
		ProductMetric: "sign-ups, demo requests and trial starts from each page",
		ProblemMetric: "readers who continue to a product page",
	},
	{
		Name:         "established",
		ProductShare: 0.3,
		ProblemShare: 0.7,
		Reasoning: "An established business in a crowded market is already known for what it sells; " +
			"growth comes from reaching people before they search for a vendor and keeping customers, " +
			"so the plan leans customer-led (how-tos, guides, templates, success stories) and keeps " +
			"product pages sharp rather than many.",
		ProductMetric: "demo requests and feature adoption",
		ProblemMetric: "engaged readers, returning visitors, newsletter sign-ups and retention",
	},
	{
		Name:         "saas",
		ProductShare: 0.5,
		ProblemShare: 0.5,
		Reasoning: "A SaaS or subscription business needs both: problem content attracts readers who do not " +
			"know the product yet and keeps customers succeeding (retention is revenue), product content " +
			"converts them; the plan balances the two and joins them with bridge links.",
		ProductMetric: "sign-ups, demo requests and feature adoption",
		ProblemMetric: "engaged readers, returning visitors and retention",
	},
	{
		Name:         "shop",
		ProductShare: 0.5,
		ProblemShare: 0.5,
		Reasoning: "An online shop sells by helping people choose and by bringing them back: " +
			"buying guides and care and use how-tos reach people before they have chosen what to buy, " +
			"product comparisons and collection pages turn them into orders; the plan balances the two " +
			"and joins them with links to the products.",
		ProductMetric: "add-to-basket rate, orders and revenue per visit of product and category pages",
		ProblemMetric: "engaged readers, returning visitors, newsletter sign-ups and assisted orders",
	},
}

// Profiles returns the business profiles --profile accepts, in the order the
// help text lists them.
func Profiles() []seoplan.Profile {
	return append([]seoplan.Profile(nil), profiles...)
}

func profileByName(name string) (seoplan.Profile, bool) {
	for _, p := range profiles {
		if p.Name == name {
			return p, true
		}
	}
	return seoplan.Profile{}, false
}

// targetProfile is the profile the plan aims for: the named one, or a custom
// one when --mix was given. The mix is the profile's; the words are the
// business's: its metrics always fit what the site sells, and when the
// profile was left at its default its reasoning does too, since the user
// never said the site was a SaaS business. The reasoning starts with the
// business the crawl shows and the evidence for it.
func (c *config) targetProfile(b business) seoplan.Profile {
	var p seoplan.Profile
	if c.mix == nil {
		p, _ = profileByName(c.profile)
		switch {
		case !c.chosen && b.kind == businessShop:
			// A shop left at the default gets the shop profile: its
			// pieces are a shop's, not a SaaS company's.
			p, _ = profileByName("shop")
		case !c.chosen && b.kind != businessSoftware:
			p.Reasoning = defaultReasoning[b.kind]
		}
	} else {
		prod, prob := c.mix[0], c.mix[1]
		share := float64(prod) / float64(prod+prob)
		p = seoplan.Profile{
			Name:         "custom",
			ProductShare: round2(share),
			ProblemShare: round2(1 - share),
			Reasoning: fmt.Sprintf("A target of %d:%d product to problem content, set for this plan "+
				"in place of a business profile's.", prod, prob),
			ProductMetric: "sign-ups, demo requests and feature adoption",
			ProblemMetric: "engaged readers, returning visitors and retention",
		}
	}
	if m, ok := businessMetrics[b.kind]; ok {
		p.ProductMetric, p.ProblemMetric = m[0], m[1]
	}
	return p
}

// defaultReasoning is why the default 50:50 mix fits a site that is
// neither a software company nor a shop.
var defaultReasoning = map[businessKind]string{
	businessOther: "The default mix of 50:50 fits most sites: " +
		"problem content reaches readers who do not know the offering yet and brings them back, product content " +
		"turns them into enquiries or sales; the plan balances the two and joins them with bridge links.",
}

// businessMetrics are the product and problem metrics of a site that is not
// a software company, whatever its profile: a shop counts orders, not demos.
var businessMetrics = map[businessKind][2]string{
	businessShop: {"add-to-basket rate, orders and revenue per visit of product and category pages",
		"engaged readers, returning visitors, newsletter sign-ups and assisted orders"},
	businessOther: {"conversions from each page (enquiries, bookings, subscriptions or sales, whichever the site counts)",
		"engaged readers, returning visitors and newsletter sign-ups"},
}

// balance measures the site's product:problem mix against the target.
func balance(s *site, prof seoplan.Profile) seoplan.Balance {
	var b seoplan.Balance
	for _, pg := range s.html {
		switch pg.label.Intent {
		case seoplan.IntentProduct:
			b.Product++
		case seoplan.IntentProblem:
			b.Problem++
		default:
			b.Other++
		}
	}
	b.TargetProduct, b.TargetProblem = prof.ProductShare, prof.ProblemShare
	total := b.Product + b.Problem
	if total == 0 {
		b.Verdict = "The site has no product or problem content to balance yet."
		return b
	}
	b.ProductShare = round2(float64(b.Product) / float64(total))
	b.ProblemShare = round2(1 - b.ProductShare)
	diff := b.ProductShare - b.TargetProduct
	switch {
	case diff > 0.1:
		b.Verdict = fmt.Sprintf("Leans product: %s product content against a target of %s; the plan favours problem content that leads to the product.",
			pct(b.ProductShare), pct(b.TargetProduct))
	case diff < -0.1:
		b.Verdict = fmt.Sprintf("Leans problem: %s problem content against a target of %s; the plan favours product pages the problem content can hand readers to.",
			pct(b.ProblemShare), pct(b.TargetProblem))
	default:
		b.Verdict = fmt.Sprintf("On target: %s product to %s problem content against %s to %s.",
			pct(b.ProductShare), pct(b.ProblemShare), pct(b.TargetProduct), pct(b.TargetProblem))
	}
	return b
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func round2(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}
