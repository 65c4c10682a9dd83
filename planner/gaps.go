package planner

import (
	"fmt"
	"math"
	"strings"

	"github.com/seoplan/seoplan"
)

// pillarWords is the length from which a page that is neither a guide nor a
// landing page can still serve as a pillar, when its cluster links to it.
const pillarWords = 1500

// guideWords is the length from which problem content that hubs its cluster
// reads as a guide whatever its subtype: a 1,200-word "how to choose a
// backpacking pack" that links every pack, explainer and checklist of its
// topic is the buying guide, even when its title makes it a how-to.
const guideWords = 1000

// pickPillar chooses the page that best covers the topic: a hub of the
// cluster (linking to at least half of its pages, and linked both ways with
// half of them on average) that is guide-like or long. A landing page
// (category or product overview) that leads to the cluster's problem
// content is a pillar only when no guide-like page hubs the cluster: it is
// where buyers land, not where a topic is covered, so in a shop a buying
// guide beats the category page it links to. A cluster where no page fits
// gets none, and a no-pillar gap.
func (c *cluster) pickPillar(s *site) {
	in := make(map[int]bool, len(c.pages))
	for _, i := range c.pages {
		in[i] = true
	}
	best, bestScore, bestTier := -1, math.Inf(-1), 0
	for _, i := range c.pages {
		p := s.html[i]
		out, hub := c.hubShare(s, i, in)
		if out < 0.5 || hub < 0.5 {
			continue
		}
		st, words := p.label.Subtype, p.lp.Page.WordCount
		tier := 0
		switch {
		case st == seoplan.SubtypeGuide,
			p.label.Intent == seoplan.IntentProblem && words >= guideWords,
			words >= pillarWords:
			tier = 2
		case st == seoplan.SubtypeProduct && c.linksProblem(s, i, in):
			// A landing page that only lists products is a catalogue,
			// not a pillar: it must also lead to problem content.
			tier = 1
		default:
			continue
		}
		score := 3*hub + math.Log10(1+float64(words))
		if st == seoplan.SubtypeGuide {
			score++
		}
		if tier > bestTier || (tier == bestTier && score > bestScore) {
			best, bestScore, bestTier = i, score, tier
		}
	}
	c.pillar = best
}

// linksProblem reports whether page i links to a problem page of the
// cluster in its text (the site menu leads everywhere, so it does not count).
func (c *cluster) linksProblem(s *site, i int, in map[int]bool) bool {
	for _, j := range s.html[i].out {
		if in[int(j)] && s.html[i].linksInText(int(j)) && s.html[j].label.Intent == seoplan.IntentProblem {
			return true
		}
	}
	return false
}

// hubShare returns the share of the cluster's other pages that page i links
// to in its text, and the mean of that and the share that link to it: 1 for a page
// linked both ways with every page of its cluster.
func (c *cluster) hubShare(s *site, i int, in map[int]bool) (out, both float64) {
	if len(c.pages) < 2 {
		return 0, 0
	}
	var nOut, nIn int
	for _, j := range s.html[i].out {
		if in[int(j)] && s.html[i].linksInText(int(j)) {
			nOut++
		}
	}
	for _, j := range s.html[i].in {
		if in[int(j)] {
			nIn++
		}
	}
	others := float64(len(c.pages) - 1)
	return float64(nOut) / others, float64(nOut+nIn) / (2 * others)
}

func (c *cluster) coverage(s *site) seoplan.Coverage {
	cv := seoplan.Coverage{
		ByIntent:  make(map[seoplan.Intent]int),
		BySubtype: make(map[seoplan.Subtype]int),
		ByStage:   make(map[seoplan.Stage]int),
	}
	for _, i := range c.pages {
		l := s.html[i].label
		cv.ByIntent[l.Intent]++
		cv.BySubtype[l.Subtype]++
		cv.ByStage[l.Stage]++
	}
	return cv
}

// bridges reports whether a page hands its reader to the product with a
// deliberate link (not a site-wide menu link): to a product page or to a
// documentation page that sets the product up. A docs task page is the
// product's own and needs no bridge.
func (s *site) bridges(p *page) bool {
	if p.docsTask() {
		return true
	}
	for _, j := range p.content {
		if q := s.html[j]; q.label.Intent == seoplan.IntentProduct || q.docsTask() {
			return true
		}
	}
	return false
}

// keywordPillar is how many searched keywords no page covers make a topic
// of their own worth a pillar.
const keywordPillar = 3

// isReference reports whether a cluster is a documentation reference or
// index section: every page is documentation and none walks through a
// task (API, CLI, configuration and concept pages, docs indexes). Such a
// section is how the product is looked up, not a content cluster to fill
// with blog posts, so it gets no content gaps.
func (c *cluster) isReference(s *site) bool {
	if len(c.pages) == 0 {
		return false
	}
	for _, i := range c.pages {
		if p := s.html[i]; !p.docs || p.docsTask() {
			return false
		}
	}
	return true
}

// findGaps lists what the cluster lacks, each with a reason that names the
// pages and counts a person can check.
//
// Documentation counts on the product's side: its task pages are how the
// product is set up, so they bridge and are not the problem content that
// brings readers in, and a cluster of reference pages alone gets no gaps
// (see isReference).
func (c *cluster) findGaps(s *site, prof seoplan.Profile) {
	if c.reference = c.isReference(s); c.reference {
		return
	}
	var product, problem, unbridged []string
	stages := make(map[seoplan.Stage]int)
	for _, i := range c.pages {
		p := s.html[i]
		stages[p.label.Stage]++
		switch {
		case p.label.Intent == seoplan.IntentProduct, p.docsTask():
			product = append(product, p.url)
		case p.problemContent():
			problem = append(problem, p.url)
			if !s.bridges(p) {
				unbridged = append(unbridged, p.url)
			}
		}
	}
	if len(c.pages) > 0 && len(product) > 0 && len(problem) == 0 {
		c.gaps = append(c.gaps, seoplan.Gap{
			Kind: seoplan.GapNoProblemContent,
			Reason: fmt.Sprintf("%s has %s and no problem content: searchers who have the problem but do not know %s yet have no way in.",
				quote(c.name), productCount(s, c), s.brand),
			Pages: product,
		})
	}
	// One problem page without a bridge in a cluster whose others have one
	// is that page's audit item (no-product-link); the cluster lacks a
	// bridge only when none of its problem pages leads to a product page.
	if len(unbridged) > 0 && len(unbridged) == len(problem) {
		c.gaps = append(c.gaps, seoplan.Gap{
			Kind: seoplan.GapNoBridge,
			Reason: fmt.Sprintf("None of the %d problem %s in %s %s to a product page outside the site menu: readers who are ready have nowhere to go.",
				len(problem), plural(len(problem), "page", "pages"), quote(c.name), plural(len(problem), "links", "link")),
			Pages: unbridged,
		})
	}
	if len(c.pages) == 0 && len(c.uncovered) >= keywordPillar {
		// Searches no page answers, enough of them on one topic to be a
		// topic the site should own: a pillar first, then the pieces.
		c.gaps = append(c.gaps, seoplan.Gap{
			Kind: seoplan.GapNoPillar,
			Reason: fmt.Sprintf("%d searched keywords on %s and no page on the topic: a pillar guide would own it and hold the pieces together.",
				len(c.uncovered), quote(c.name)),
		})
	}
	if c.pillar < 0 && len(c.pages) > 0 {
		c.gaps = append(c.gaps, seoplan.Gap{
			Kind: seoplan.GapNoPillar,
			Reason: fmt.Sprintf("None of the %d %s in %s is a guide, problem content of %d+ words or a landing page that leads to problem content, linking to at least half of the cluster: nothing ties the topic together.",
				len(c.pages), plural(len(c.pages), "page", "pages"), quote(c.name), guideWords),
			Pages: c.urls(s),
		})
	}
	if len(c.pages) > 0 {
		var missing []string
		for _, st := range []seoplan.Stage{seoplan.StageAwareness, seoplan.StageConsideration, seoplan.StageDecision} {
			if stages[st] == 0 {
				missing = append(missing, string(st))
				c.missing = append(c.missing, st)
			}
		}
		if len(missing) > 0 {
			c.gaps = append(c.gaps, seoplan.Gap{
				Kind: seoplan.GapMissingStage,
				Reason: fmt.Sprintf("%s has no %s page (%d awareness, %d consideration, %d decision).",
					quote(c.name), strings.Join(missing, " or "),
					stages[seoplan.StageAwareness], stages[seoplan.StageConsideration], stages[seoplan.StageDecision]),
			})
		}
	}
	if g, ok := lopsided(c.name, len(product), len(problem), prof); ok {
		c.gaps = append(c.gaps, g)
	}
	if len(c.uncovered) > 0 {
		var kws []string
		for _, k := range c.uncovered {
			kws = append(kws, k.Keyword.Text)
		}
		c.gaps = append(c.gaps, seoplan.Gap{
			Kind: seoplan.GapUncoveredKeyword,
			Reason: fmt.Sprintf("%d %s from the keyword file %s no page: %s.",
				len(kws), plural(len(kws), "keyword", "keywords"), plural(len(kws), "has", "have"), quoteList(kws, 5)),
		})
	}
}

// lopsided flags a cluster of four or more pages that is all one intent,
// 30 points or more off the profile's target: it attracts without ever
// converting, or converts readers it never attracts. A cluster with a
// single product page among its problem pages is not lopsided: that is the
// hub-and-bridge shape the plan aims for.
func lopsided(name string, product, problem int, prof seoplan.Profile) (seoplan.Gap, bool) {
	total := product + problem
	if total < 4 || (product > 0 && problem > 0) {
		return seoplan.Gap{}, false
	}
	share := float64(product) / float64(total)
	if math.Abs(share-prof.ProductShare) < 0.3 {
		return seoplan.Gap{}, false
	}
	return seoplan.Gap{
		Kind: seoplan.GapLopsided,
		Reason: fmt.Sprintf("%s has %d product and %d problem %s (%s product) against a target of %s product.",
			quote(name), product, problem, plural(problem, "page", "pages"), pct(share), pct(prof.ProductShare)),
	}, true
}

// productCount says what a cluster's product side holds: "3 product pages",
// or "2 product pages and 4 documentation task pages".
func productCount(s *site, c *cluster) string {
	var product, tasks int
	for _, i := range c.pages {
		switch p := s.html[i]; {
		case p.docsTask():
			tasks++
		case p.label.Intent == seoplan.IntentProduct:
			product++
		}
	}
	out := fmt.Sprintf("%d product %s", product, plural(product, "page", "pages"))
	switch {
	case tasks > 0 && product == 0:
		out = fmt.Sprintf("%d documentation task %s", tasks, plural(tasks, "page", "pages"))
	case tasks > 0:
		out += fmt.Sprintf(" and %d documentation task %s", tasks, plural(tasks, "page", "pages"))
	}
	return out
}

func (c *cluster) urls(s *site) []string {
	out := make([]string, len(c.pages))
	for k, i := range c.pages {
		out[k] = s.html[i].url
	}
	return out
}

func (c *cluster) export(s *site) seoplan.Cluster {
	out := seoplan.Cluster{
		ID:             c.id,
		Name:           c.name,
		PillarProposal: c.pillarProposal,
		Phrases:        append([]string{}, c.names...),
		Pages:          []seoplan.PageRef{},
		Coverage:       c.coverage(s),
		Gaps:           append([]seoplan.Gap{}, c.gaps...),
		Reference:      c.reference,
	}
	if c.pillar >= 0 {
		out.Pillar = s.html[c.pillar].url
	}
	for _, i := range c.pages {
		r := s.html[i].ref()
		r.Pillar = i == c.pillar
		out.Pages = append(out.Pages, r)
	}
	for _, i := range c.related {
		out.Related = append(out.Related, s.html[i].ref())
	}
	// A Search Console export lists a query once per page it showed.
	seen := make(map[string]bool, len(c.keywords))
	for _, k := range c.keywords {
		if key := strings.ToLower(strings.Join(strings.Fields(k.Keyword.Text), " ")); !seen[key] {
			seen[key] = true
			out.Keywords = append(out.Keywords, k.Keyword.Text)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func quote(s string) string { return "\u201c" + s + "\u201d" }

func quoteList(items []string, max int) string {
	var q []string
	for i, it := range items {
		if i == max {
			q = append(q, fmt.Sprintf("and %d more", len(items)-max))
			break
		}
		q = append(q, quote(it))
	}
	return strings.Join(q, ", ")
}

// gapSummary says in a sentence what the plan found to fill and why the
// rest needs nothing, so a plan with few proposals explains itself: how
// many clusters have gaps and of which kinds, how many have none, how many
// are documentation reference sections, and how many topic pages share
// their topic with no other page.
func gapSummary(s *site, clusters []*cluster) string {
	var gapped, clean, reference int
	kinds := make(map[seoplan.GapKind]int)
	for _, c := range clusters {
		switch {
		case c.reference:
			reference++
		case len(c.gaps) > 0:
			gapped++
			for _, g := range c.gaps {
				kinds[g.Kind]++
			}
		default:
			clean++
		}
	}
	alone := 0
	for _, p := range s.html {
		if p.clusterable() && p.cluster < 0 {
			alone++
		}
	}
	if len(clusters) == 0 {
		if alone > 0 {
			return fmt.Sprintf("No topic clusters: none of the %d product and problem %s shares its topic with another page, so there is no cluster to fill.",
				alone, plural(alone, "page", "pages"))
		}
		return "No topic clusters: the crawl has no product or problem pages to plan from."
	}
	var parts []string
	if gapped > 0 {
		var ks []string
		for _, k := range []seoplan.GapKind{seoplan.GapNoPillar, seoplan.GapNoBridge, seoplan.GapNoProblemContent,
			seoplan.GapMissingStage, seoplan.GapLopsided, seoplan.GapUncoveredKeyword} {
			if kinds[k] > 0 {
				ks = append(ks, fmt.Sprintf("%d %s", kinds[k], k))
			}
		}
		parts = append(parts, fmt.Sprintf("%d of %d %s %s gaps (%s)", gapped, len(clusters), plural(len(clusters), "cluster", "clusters"),
			plural(gapped, "has", "have"), strings.Join(ks, ", ")))
	} else {
		parts = append(parts, fmt.Sprintf("none of the %d %s has a gap", len(clusters), plural(len(clusters), "cluster", "clusters")))
	}
	if clean > 0 {
		parts = append(parts, fmt.Sprintf("%d %s none: %s a pillar, problem content that links to the product, and a page for every funnel stage",
			clean, plural(clean, "has", "have"), plural(clean, "it has", "each has")))
	}
	if reference > 0 {
		parts = append(parts, fmt.Sprintf("%d %s documentation reference (API, CLI, configuration, concepts), which the plan does not fill with blog posts",
			reference, plural(reference, "is", "are")))
	}
	out := sentence(strings.Join(parts, "; ")) + "."
	if alone > 0 {
		out += fmt.Sprintf(" %d product or problem %s %s its topic with no other page and %s left outside clusters.",
			alone, plural(alone, "page", "pages"), plural(alone, "shares", "share"), plural(alone, "is", "are"))
	}
	return out
}

// thousands writes n with thousands separators: 23,400.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
