package planner

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// maxKeywordProposals caps the proposals one cluster gets from uncovered
// keywords; the rest stay listed in the gap.
const maxKeywordProposals = 8

// gapBase is the priority each kind of gap starts from: a missing pillar or
// bridge costs the whole cluster, a missing stage one step of the funnel.
var gapBase = map[seoplan.GapKind]float64{
	seoplan.GapNoPillar:         30,
	seoplan.GapNoBridge:         25,
	seoplan.GapNoProblemContent: 25,
	seoplan.GapMissingStage:     15,
	seoplan.GapUncoveredKeyword: 12,
	seoplan.GapLopsided:         10,
	seoplan.GapProfileMix:       10,
}

// proposer turns gaps into proposals for one plan.
type proposer struct {
	s    *site
	prof seoplan.Profile
	// profileName is the profile whose pieces the plan adds (mix.go).
	profileName string
	target      string // the target's name in priority reasons: the profile's, or "default"
	bal         seoplan.Balance
	personas    []seoplan.Persona
	top         map[string]int // the keyword file's largest demand in each measure
	// topCluster is the largest demand of a cluster's keywords together.
	topCluster map[string]int
	ids        map[string]bool
	slugs      map[string]bool           // slugs taken by pages and proposals (brief.go)
	asks       map[*cluster]*clusterAsks // what briefs read of each cluster's pages (brief.go)
	out        []seoplan.Proposal
}

func propose(s *site, clusters []*cluster, prof seoplan.Profile, target string, bal seoplan.Balance, personas []seoplan.Persona, kws []seoplan.LabeledKeyword) ([]seoplan.Proposal, string) {
	pr := &proposer{s: s, prof: prof, profileName: prof.Name, target: target, bal: bal, personas: personas, top: topDemand(kws), topCluster: make(map[string]int), ids: make(map[string]bool)}
	for _, c := range clusters {
		if d, by := c.demand(); d > pr.topCluster[by] {
			pr.topCluster[by] = d
		}
	}
	for _, c := range clusters {
		pr.cluster(c)
	}
	note := pr.fillMix(clusters)
	keywordSources(s, pr.out, kws)
	sortProposals(pr.out)
	return pr.out, note
}

func sortProposals(ps []seoplan.Proposal) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Priority != ps[j].Priority {
			return ps[i].Priority > ps[j].Priority
		}
		return ps[i].ID < ps[j].ID
	})
}

// draft is a proposal before scoring.
type draft struct {
	gap      seoplan.Gap
	title    string
	keyword  string
	subtype  seoplan.Subtype
	stage    seoplan.Stage
	format   string
	links    []seoplan.LinkSuggestion
	depends  []string
	demand   int    // search demand of the target keyword, when the keyword file has it
	demandBy string // "searches/month", "impressions" or "clicks"
	bridgeTo string // product page or proposal the piece hands readers to
	pillar   bool
	effort   string // when set, overrides the subtype's effort (a shop's kit list is no how-to)
}

// word words a draft for the business the crawl shows: a shop's pieces
// speak of its range, a firm's or a publisher's of what it offers; a
// software company's keep the words they were drafted with.
func (pr *proposer) word(d *draft, topic string) {
	switch pr.s.biz.kind {
	case businessShop:
		shopWording(d, topic)
	case businessOther:
		generalWording(d, topic, pr.s.brand)
	}
}

func (pr *proposer) cluster(c *cluster) {
	topic := c.name
	product := pr.productPage(c)
	done := make(map[string]bool) // subtype+stage already proposed in this cluster
	var pillarID, productID string
	var productRef string
	if product >= 0 {
		productRef = pr.s.html[product].url
	}
	add := func(d draft) string {
		key := string(d.subtype) + "|" + string(d.stage) + "|" + d.keyword
		if done[key] {
			return ""
		}
		done[key] = true
		if d.gap.Kind != seoplan.GapUncoveredKeyword {
			pr.word(&d, topic)
		}
		if pillarID != "" && !d.pillar {
			d.depends = append(d.depends, pillarID)
		}
		id := pr.emit(c, d)
		if d.pillar {
			pillarID = id
			c.pillarProposal = id
		}
		return id
	}
	// The pillar goes first, so every other proposal of the cluster can
	// depend on it and link to it.
	for _, g := range c.gaps {
		if g.Kind != seoplan.GapNoPillar {
			continue
		}
		d := draft{gap: g, title: pillarTitle(topic), keyword: topic, subtype: seoplan.SubtypeGuide,
			stage: seoplan.StageConsideration, format: "pillar guide", pillar: true}
		for _, u := range g.Pages {
			d.links = append(d.links, seoplan.LinkSuggestion{From: u, To: "", Anchor: topic, Why: "every cluster page links up to its pillar"})
		}
		if productRef != "" {
			d.links = append(d.links, seoplan.LinkSuggestion{To: productRef, Anchor: pr.anchorFor(product), Why: "the pillar hands ready readers to the product"})
			d.bridgeTo = productRef
		}
		add(d)
	}
	// A cluster without a product page needs one before anything can bridge.
	needProduct := func(g seoplan.Gap) string {
		if productRef != "" {
			return productRef
		}
		if productID == "" {
			// The keyword is what a searcher who knows the product types
			// ("gitpod oauth providers"), not the topic with "software"
			// tacked on.
			d := draft{gap: g, title: featureTitle(pr.s.brand, topic), keyword: strings.ToLower(pr.s.brand) + " " + strings.ToLower(topic),
				subtype: seoplan.SubtypeFeature, stage: seoplan.StageDecision, format: "feature page"}
			productID = add(d)
		}
		return "proposal:" + productID
	}
	exTitle, exKeyword := explainerTitle(topic), explainerKeyword(topic)
	if q := pr.s.questionOf(c); q != "" {
		exTitle, exKeyword = sentence(q)+"? A plain-English explainer", q
	}
	for _, g := range c.gaps {
		switch g.Kind {
		case seoplan.GapNoProblemContent:
			htTitle, htKeyword := howTo(topic, pr.s.taskOf(c))
			for _, d := range []draft{
				{title: exTitle, keyword: exKeyword, subtype: seoplan.SubtypeExplainer, stage: seoplan.StageAwareness, format: "explainer"},
				{title: htTitle, keyword: htKeyword, subtype: seoplan.SubtypeHowTo, stage: seoplan.StageConsideration, format: "how-to"},
			} {
				d.gap = g
				d.bridgeTo = productRef
				d.links = pr.bridgeLinks(productRef, product, topic)
				add(d)
			}
		case seoplan.GapNoBridge:
			target := needProduct(g)
			d := draft{gap: g, title: bridgeTitle(topic, pr.s.brand), keyword: strings.ToLower(pr.s.brand) + " " + verbless(topic),
				subtype: seoplan.SubtypeHowTo, stage: seoplan.StageConsideration, format: "how-to with a product walkthrough", bridgeTo: target}
			if strings.HasPrefix(target, "proposal:") {
				d.depends = append(d.depends, strings.TrimPrefix(target, "proposal:"))
			}
			for _, u := range g.Pages {
				d.links = append(d.links,
					seoplan.LinkSuggestion{From: u, To: target, Anchor: pr.anchorTo(target, topic), Why: "give this page's ready readers a next step today"},
					seoplan.LinkSuggestion{From: u, Anchor: topic + " with " + pr.s.brand, Why: "lead readers to the walkthrough"})
			}
			d.links = append(d.links, seoplan.LinkSuggestion{To: target, Anchor: pr.anchorTo(target, topic), Why: "the walkthrough ends on the product page"})
			add(d)
		case seoplan.GapMissingStage:
			for _, st := range c.missing {
				var d draft
				switch st {
				case seoplan.StageAwareness:
					d = draft{title: exTitle, keyword: exKeyword, subtype: seoplan.SubtypeExplainer, format: "explainer"}
				case seoplan.StageConsideration:
					if hash(topic)%2 == 0 {
						d = draft{title: templateTitle(topic), keyword: topic + " template", subtype: seoplan.SubtypeTemplate, format: "template"}
					} else {
						d = draft{title: tipsTitle(topic), keyword: topic + " tips", subtype: seoplan.SubtypeTips, format: "listicle"}
					}
				case seoplan.StageDecision:
					if productRef == "" {
						needProduct(g)
						continue
					}
					if pr.hasSubtype(seoplan.SubtypeComparison) {
						d = draft{title: pricingTitle(pr.s.brand, topic), keyword: strings.ToLower(pr.s.brand) + " " + topic + " pricing", subtype: seoplan.SubtypePricing, format: "pricing page section"}
					} else {
						d = draft{title: comparisonTitle(pr.s.brand, topic), keyword: topic + " software comparison", subtype: seoplan.SubtypeComparison, format: "comparison page"}
					}
				}
				d.gap, d.stage = g, st
				d.bridgeTo = productRef
				d.links = pr.bridgeLinks(productRef, product, topic)
				add(d)
			}
		case seoplan.GapLopsided:
			if c.coverage(pr.s).ByIntent[seoplan.IntentProduct] > c.coverage(pr.s).ByIntent[seoplan.IntentProblem] {
				add(draft{gap: g, title: caseStudyTitle(topic, pr.s.brand), keyword: topic + " examples", subtype: seoplan.SubtypeCaseStudy,
					stage: seoplan.StageConsideration, format: "case study", bridgeTo: productRef, links: pr.bridgeLinks(productRef, product, topic)})
			} else {
				needProduct(g)
			}
		case seoplan.GapUncoveredKeyword:
			for n, k := range c.uncovered {
				if n == maxKeywordProposals {
					break
				}
				d := keywordDraft(k, pr.s.brand)
				d.gap = g
				d.demand, d.demandBy = demandOf(k.Keyword)
				if k.Label.Intent == seoplan.IntentProblem && productRef != "" {
					d.bridgeTo = productRef
					d.links = pr.bridgeLinks(productRef, product, topic)
				}
				add(d)
			}
		}
	}
}

// emit scores a draft and adds it to the plan.
func (pr *proposer) emit(c *cluster, d draft) string {
	intent := d.subtype.Intent()
	id := uniqueID(c.id+"-"+string(d.subtype), pr.ids)
	for i := range d.links {
		if d.links[i].From == "" {
			d.links[i].From = "proposal:" + id
		}
		if d.links[i].To == "" {
			d.links[i].To = "proposal:" + id
		}
	}
	if d.links == nil {
		d.links = []seoplan.LinkSuggestion{}
	}
	if d.demand == 0 {
		d.demand, d.demandBy = pr.keywordDemand(c, d.keyword)
	}
	prio, reason := pr.priority(c, d, intent)
	eff := d.effort
	if eff == "" {
		eff = effort(pr.s.biz.kind, d.subtype, d.pillar)
	}
	p := seoplan.Proposal{
		ID:             id,
		Title:          d.title,
		Keyword:        d.keyword,
		Secondary:      secondary(c, d.keyword, intent),
		Intent:         intent,
		Subtype:        d.subtype,
		Stage:          d.stage,
		Format:         d.format,
		Cluster:        c.id,
		Gap:            d.gap.Kind,
		Persona:        pr.persona(c),
		Metric:         metric(pr.s.biz.kind, d.subtype, d.stage, d.bridgeTo != ""),
		Priority:       prio,
		PriorityReason: reason,
		Effort:         eff,
		Demand:         d.demand,
		Links:          d.links,
		DependsOn:      d.depends,
	}
	if d.demand > 0 {
		p.DemandUnit = d.demandBy
	}
	pr.brief(c, &p)
	pr.out = append(pr.out, p)
	return id
}

func (pr *proposer) priority(c *cluster, d draft, intent seoplan.Intent) (float64, string) {
	base := gapBase[d.gap.Kind]
	parts := []string{fmt.Sprintf("%s gap (%g)", d.gap.Kind, base)}
	score := base
	if d.demand > 0 {
		v := demandScore(d.demand, pr.top[d.demandBy])
		score += v
		parts = append(parts, fmt.Sprintf("%s %s for %s (+%.1f)", thousands(d.demand), d.demandBy, quote(d.keyword), v))
	} else if cd, by := c.demand(); cd > 0 {
		// A piece with no measured keyword of its own (a pillar, a
		// bridge) serves the cluster's searchers: a quarter of the
		// weight, against the most searched cluster, so it never
		// outranks the piece that targets a measured keyword itself.
		v := demandScore(cd, pr.topCluster[by]) / 4
		score += v
		parts = append(parts, fmt.Sprintf("the cluster's keywords draw %s %s (+%.1f)", thousands(cd), by, v))
	}
	if n := len(d.gap.Pages); n > 0 {
		v := math.Min(10, 2*float64(n))
		score += v
		parts = append(parts, fmt.Sprintf("%d %s affected (+%g)", n, plural(n, "page", "pages"), v))
	}
	var deficit float64
	switch intent {
	case seoplan.IntentProduct:
		deficit = pr.bal.TargetProduct - pr.bal.ProductShare
	case seoplan.IntentProblem:
		deficit = pr.bal.TargetProblem - pr.bal.ProblemShare
	}
	if deficit > 0.05 && pr.bal.Product+pr.bal.Problem > 0 {
		v := math.Round(20*deficit*10) / 10
		score += v
		parts = append(parts, fmt.Sprintf("%s content is %s under the %s target (+%g)", intent, pct(deficit), pr.target, v))
	}
	// The default mix nobody chose favours nothing; a chosen profile, or
	// the shop profile a shop gets, orders the plan its way.
	if v := mixFor(pr.profileName).favoured(d.subtype); v > 0 && !d.pillar && pr.target != "default" {
		score += v
		parts = append(parts, fmt.Sprintf("%s favours %s (+%g)", pr.profileWords(), subtypeWords(d.subtype), v))
	}
	if d.bridgeTo != "" && intent == seoplan.IntentProblem {
		score += 5
		parts = append(parts, "bridges readers to "+d.bridgeTo+" (+5)")
	}
	return math.Round(score*10) / 10, strings.Join(parts, "; ")
}

// productPage is the product page a cluster's problem content should hand
// readers to: the cluster's own (pillar first, then feature and landing
// pages), else its first documentation task page, else the product page its
// pages link to most.
func (pr *proposer) productPage(c *cluster) int {
	rank := map[seoplan.Subtype]int{seoplan.SubtypeProduct: 0, seoplan.SubtypeFeature: 1, seoplan.SubtypeIntegration: 2,
		seoplan.SubtypeDeepDive: 3, seoplan.SubtypeComparison: 4, seoplan.SubtypeReview: 5, seoplan.SubtypePricing: 6}
	best := -1
	for _, i := range c.pages {
		p := pr.s.html[i]
		if p.label.Intent != seoplan.IntentProduct {
			continue
		}
		if i == c.pillar {
			return i
		}
		if best < 0 || rank[p.label.Subtype] < rank[pr.s.html[best].label.Subtype] {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	// Without a product page, the documentation that sets the topic up is
	// where a ready reader goes next.
	for _, i := range c.pages {
		if pr.s.html[i].docsTask() {
			return i
		}
	}
	count := make(map[int]int)
	for _, i := range c.pages {
		for _, j := range pr.s.html[i].content {
			if pr.s.html[j].label.Intent == seoplan.IntentProduct {
				count[int(j)]++
			}
		}
	}
	for j, n := range count {
		if best < 0 || n > count[best] || (n == count[best] && j < best) {
			best = j
		}
	}
	return best
}

func (pr *proposer) hasSubtype(st seoplan.Subtype) bool {
	for _, p := range pr.s.html {
		if p.label.Subtype == st {
			return true
		}
	}
	return false
}

func (pr *proposer) bridgeLinks(to string, product int, topic string) []seoplan.LinkSuggestion {
	if to == "" {
		return nil
	}
	return []seoplan.LinkSuggestion{
		{To: to, Anchor: pr.anchorFor(product), Why: "hand readers who are ready to the product page"},
		{From: to, Anchor: topic, Why: "the product page points readers who are still learning to the new piece"},
	}
}

func (pr *proposer) anchorFor(i int) string {
	if i < 0 {
		return ""
	}
	if t := strings.TrimSpace(pr.s.html[i].lp.Page.Title); t != "" {
		if k := strings.IndexAny(t, "|–—"); k > 0 {
			t = strings.TrimSpace(t[:k])
		}
		return t
	}
	return pr.s.brand
}

func (pr *proposer) anchorTo(target, topic string) string {
	if i, ok := pr.s.index[target]; ok {
		return pr.anchorFor(i)
	}
	return topic + " in " + pr.s.brand
}

// keywordDemand looks the target keyword up in the cluster's keywords.
func (pr *proposer) keywordDemand(c *cluster, kw string) (int, string) {
	for _, k := range c.keywords {
		if strings.EqualFold(k.Keyword.Text, kw) {
			return demandOf(k.Keyword)
		}
	}
	return 0, ""
}

// demandWeight is what the most searched keyword of the file adds to a
// proposal's priority, more than the spread of the gap bases (10 to 30)
// and a profile's favour (up to 30) together: where the keyword file
// measures demand, demand decides what comes first.
const demandWeight = 60

// demandScore weighs a keyword's demand on a log scale against the most
// searched keyword of the file, in the same measure, so 1,800 and 9,000
// impressions score apart (+49.4 and +60 when 9,000 is the file's top),
// as do 90 and 900, however large the site.
func demandScore(d, top int) float64 {
	if d <= 0 {
		return 0
	}
	top = max(top, d, 9)
	return demandWeight * math.Log1p(float64(d)) / math.Log1p(float64(top))
}

// topDemand is the largest demand of each measure in a keyword list.
func topDemand(kws []seoplan.LabeledKeyword) map[string]int {
	top := make(map[string]int)
	for _, k := range kws {
		if d, by := demandOf(k.Keyword); d > top[by] {
			top[by] = d
		}
	}
	return top
}

// demand is the total demand of a cluster's keywords in the measure most
// of them have (a file has one measure; a mixed list keeps the first).
func (c *cluster) demand() (int, string) {
	total := make(map[string]int)
	var first string
	for _, k := range c.keywords {
		d, by := demandOf(k.Keyword)
		if d == 0 {
			continue
		}
		if first == "" {
			first = by
		}
		total[by] += d
	}
	return total[first], first
}

func demandOf(k seoplan.Keyword) (int, string) {
	switch {
	case k.Volume > 0:
		return k.Volume, "searches/month"
	case k.Impressions > 0:
		return k.Impressions, "impressions"
	case k.Clicks > 0:
		return k.Clicks, "clicks"
	}
	return 0, ""
}

// secondary keywords: the cluster's keywords, most searched first, then
// its other leading phrases.
// A problem piece leaves out the buying words ("pricing", "… vs …",
// "… alternatives"): a how-to that targets "pricing" competes with the
// pricing page instead of leading readers to it.
func secondary(c *cluster, target string, intent seoplan.Intent) []string {
	var out []string
	seen := map[string]bool{strings.ToLower(target): true}
	addKW := func(s string) {
		k := strings.ToLower(s)
		if k == "" || seen[k] || len(out) >= 5 {
			return
		}
		if intent == seoplan.IntentProblem && buyingPhrase(k) {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	// Queries people type first, most searched first; then the phrases
	// the site uses for the topic.
	kws := slices.Clone(c.keywords)
	slices.SortStableFunc(kws, func(a, b seoplan.LabeledKeyword) int { return demand(b.Keyword) - demand(a.Keyword) })
	for _, k := range kws {
		addKW(k.Keyword.Text)
	}
	for _, n := range c.names {
		addKW(n)
	}
	return out
}

// buyingWords mark a phrase as one a buyer searches, close to a decision.
var buyingWords = map[string]bool{
	"pricing": true, "price": true, "prices": true, "cost": true, "costs": true, "plans": true,
	"demo": true, "trial": true, "buy": true, "discount": true, "coupon": true, "login": true,
	"vs": true, "versus": true, "alternative": true, "alternatives": true, "review": true, "reviews": true,
}

// buyingPhrase reports whether a lower-cased phrase has a buying word.
func buyingPhrase(k string) bool {
	for _, w := range strings.Fields(k) {
		if buyingWords[w] {
			return true
		}
	}
	return false
}

// persona picks the persona whose segment words and pains best match the
// cluster's phrases and page titles, or none when no persona matches: a
// guess would only mislead the writer.
func (pr *proposer) persona(c *cluster) string {
	if len(pr.personas) == 0 {
		return ""
	}
	ct := make(map[string]bool)
	for _, n := range c.names {
		for _, t := range tokens(n) {
			ct[t] = true
		}
	}
	for _, i := range c.pages {
		for _, t := range tokens(pr.s.html[i].lp.Page.Title) {
			ct[t] = true
		}
	}
	best, bestN := -1, 0
	for i, p := range pr.personas {
		n := 0
		for _, t := range tokens(strings.Join(append(append([]string{}, p.Segment...), p.Pains...), " ")) {
			if ct[t] {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return ""
	}
	return pr.personas[best].Name
}

// metric is the success metric that fits a piece's intent and the business:
// a software company's product page earns sign-ups and demo requests, a
// shop's earns orders, anyone else's the conversion it counts.
func metric(b businessKind, st seoplan.Subtype, stage seoplan.Stage, bridge bool) string {
	switch st {
	case seoplan.SubtypeFeature, seoplan.SubtypeIntegration, seoplan.SubtypeProduct:
		switch b {
		case businessShop:
			return "add-to-basket rate, orders and revenue per visit from the page"
		case businessOther:
			return "conversions from the page (enquiries, bookings or sales)"
		}
		return "feature adoption and sign-ups from the page"
	case seoplan.SubtypePricing, seoplan.SubtypeComparison, seoplan.SubtypeReview, seoplan.SubtypeDeepDive:
		switch b {
		case businessShop:
			return "clicks through to product pages and their conversion to orders"
		case businessOther:
			return "enquiries and conversions from the page"
		}
		return "demo requests and sign-ups from the page"
	case seoplan.SubtypeCaseStudy:
		if b == businessShop {
			return "returning visitors, repeat orders and orders assisted by the story"
		}
		return "returning visitors and retention of readers who are customers"
	}
	m := "engaged readers (time on page, scroll depth)"
	switch {
	case stage == seoplan.StageAwareness:
		m += " and newsletter sign-ups"
	case st == seoplan.SubtypeGuide:
		m += " and returning visitors"
	default:
		m += " and newsletter sign-ups"
	}
	if bridge {
		m += "; clicks through to the product page"
		if b == businessShop {
			m += " and the orders they assist"
		}
	}
	return m
}

// effort sizes a piece; what it is illustrated with follows the business:
// screenshots of a product only a software company has.
func effort(b businessKind, st seoplan.Subtype, pillar bool) string {
	if pillar {
		return "L: 3,000-word pillar guide that links every cluster page"
	}
	switch st {
	case seoplan.SubtypeGuide:
		return "L: 2,500-word guide"
	case seoplan.SubtypeHowTo:
		switch b {
		case businessShop:
			return "M: 1,500-word how-to with step-by-step photos"
		case businessOther:
			return "M: 1,500-word how-to with illustrations"
		}
		return "M: 1,500-word how-to with screenshots"
	case seoplan.SubtypeExplainer:
		return "S: 900-word explainer"
	case seoplan.SubtypeTips:
		return "M: 1,200-word listicle"
	case seoplan.SubtypeTemplate:
		if b == businessShop {
			return "M: printable checklist and a 700-word page"
		}
		return "M: downloadable template and a 700-word page"
	case seoplan.SubtypeCaseStudy:
		if b == businessShop {
			return "M: customer interview, their photos and a 1,000-word story"
		}
		return "M: customer interview and a 1,000-word story"
	case seoplan.SubtypeReport:
		return "L: original data and a 2,000-word report"
	case seoplan.SubtypeComparison:
		return "M: comparison table and 1,200 words"
	case seoplan.SubtypePricing:
		switch b {
		case businessShop:
			return "S: price-band table with product links"
		case businessOther:
			return "S: pricing section with a price table"
		}
		return "S: pricing section with a plan table"
	case seoplan.SubtypeFeature, seoplan.SubtypeIntegration, seoplan.SubtypeProduct:
		switch b {
		case businessShop:
			return "M: category or product page with photos, specs and prices"
		case businessOther:
			return "M: service page with examples"
		}
		return "M: feature page with product screenshots"
	}
	return "M: 1,200-word article"
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// subtypeWords names a subtype's pages in a priority reason.
func subtypeWords(st seoplan.Subtype) string {
	switch st {
	case seoplan.SubtypeCaseStudy:
		return "customer stories"
	case seoplan.SubtypeHowTo:
		return "how-tos"
	case seoplan.SubtypeProduct:
		return "landing and collection pages"
	}
	return string(st) + " pages"
}
