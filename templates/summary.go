package templates

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/seoplan/seoplan"
)

// firstActions is how many things the executive summary asks to do first.
const firstActions = 5

// summary is the report's executive summary: a page a client reads in a
// minute, with a few figures and the first things to do.
type summary struct {
	Figures []summaryFigure
	Verdict string // the intent mix in words
	Actions []summaryAction
}

// summaryFigure is one big number with what it counts and a line of detail.
type summaryFigure struct {
	Value, Label, Note string
}

// summaryAction is one thing to do and what it should bring.
type summaryAction struct {
	What, Effect string
}

// newSummary reads the summary off the plan: pages, intent mix against the
// target, clusters with gaps, the top opportunities by demand (when the
// plan was made with a keyword file that measures it) and the proposals, then the highest-priority
// proposals (and, when there are fewer than five, the most severe audit
// findings) as the things to do first.
func newSummary(p *seoplan.Plan) summary {
	b := p.Balance
	s := summary{Verdict: b.Verdict}
	s.Figures = append(s.Figures,
		summaryFigure{fmt.Sprint(p.Pages), "pages read",
			fmt.Sprintf("%d product, %d problem, %d other (navigation, company, legal)", b.Product, b.Problem, b.Other)},
		summaryFigure{pct(b.ProductShare) + " / " + pct(b.ProblemShare), "product / problem content",
			"target " + pct(b.TargetProduct) + " / " + pct(b.TargetProblem)},
		gapFigure(p),
	)
	if f, ok := demandFigure(p); ok {
		s.Figures = append(s.Figures, f)
	}
	s.Figures = append(s.Figures, proposalFigure(p))
	kind := p.Business.Kind
	// The largest refresh the plan's search data shows is among the first
	// things to do, placed by its demand: it wins impressions the site
	// already has, for less work than a new page.
	refresh, hasRefresh := topRefresh(p)
	type ranked struct {
		action summaryAction
		demand int
	}
	var acts []ranked
	for _, pr := range p.Proposals {
		if len(acts) == firstActions || (hasRefresh && len(acts) == firstActions-1) {
			break
		}
		r := ranked{action: summaryAction{What: fmt.Sprintf("Write “%s” (%s)", pr.Title, pr.Format), Effect: gapEffect(pr.Gap, kind)}}
		if o, ok := proposalDemand(pr); ok {
			r.demand = o.demand
			r.action.Effect += fmt.Sprintf(" (%s %s for “%s”)", thousands(o.demand), unitWords[o.unit], o.query)
		}
		acts = append(acts, r)
	}
	if hasRefresh {
		at := len(acts)
		for i, a := range acts {
			if a.demand < refresh.demand {
				at = i
				break
			}
		}
		acts = slices.Insert(acts, at, ranked{action: summaryAction{
			What: fmt.Sprintf("Refresh %s for “%s”", refresh.page, refresh.query),
			Effect: fmt.Sprintf("it already shows at positions 4 to 20 for %s impressions; nearer the top it wins more of their clicks",
				thousands(refresh.demand)),
		}, demand: refresh.demand})
	}
	for _, a := range acts {
		s.Actions = append(s.Actions, a.action)
	}
	for _, sev := range []string{"high", "medium"} {
		for _, f := range p.Audit {
			if len(s.Actions) == firstActions {
				return s
			}
			if f.Severity == sev {
				s.Actions = append(s.Actions, summaryAction{What: "Fix: " + f.Summary, Effect: f.Fix})
			}
		}
	}
	return s
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// gapFigure counts the clusters with at least one gap and names the kinds.
func gapFigure(p *seoplan.Plan) summaryFigure {
	with, kinds := 0, map[seoplan.GapKind]int{}
	for _, c := range p.Clusters {
		if len(c.Gaps) > 0 {
			with++
		}
		for _, g := range c.Gaps {
			kinds[g.Kind]++
		}
	}
	var parts []string
	for _, k := range gapOrder {
		if n := kinds[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, gapNames[k]))
		}
	}
	note := "every cluster has a pillar, problem content and a path to the product"
	if len(parts) > 0 {
		note = strings.Join(parts, ", ")
	}
	return summaryFigure{fmt.Sprintf("%d of %d", with, len(p.Clusters)), "topic clusters with gaps", note}
}

// topOpportunities is how many opportunities the demand figure names.
const topOpportunities = 3

// opportunity is demand the plan can win: a measured keyword a proposal
// targets, or a query an existing page shows for near the top of page one.
type opportunity struct {
	query  string
	demand int
	unit   string // the planner's word: "impressions", "searches/month" or "clicks"
	how    string // what wins it: "new feature page", "refresh /pricing"
	page   string // the page to refresh, "" for a new page
}

// unitWords are the planner's demand units as the client reads them.
var unitWords = map[string]string{"impressions": "impressions", "searches/month": "searches a month", "clicks": "clicks"}

// proposalDemand is the measured demand of a proposal's target keyword.
func proposalDemand(pr seoplan.Proposal) (opportunity, bool) {
	if pr.Demand == 0 {
		return opportunity{}, false
	}
	return opportunity{query: pr.Keyword, demand: pr.Demand, unit: pr.DemandUnit, how: "new " + pr.Format}, true
}

// opportunities lists the plan's demand, largest first: the keywords its
// proposals target and the queries its pages are in striking distance for,
// each query once.
func opportunities(p *seoplan.Plan) []opportunity {
	best := map[string]opportunity{}
	add := func(o opportunity) {
		if o.demand > 0 && o.demand > best[o.query].demand {
			best[o.query] = o
		}
	}
	for _, pr := range p.Proposals {
		if o, ok := proposalDemand(pr); ok {
			add(o)
		}
	}
	for _, f := range p.Audit {
		if f.Kind != seoplan.FindingStrikingDistance || len(f.Pages) == 0 {
			continue
		}
		page := sitePath(p.Site, f.Pages[0])
		for _, q := range f.Queries {
			add(opportunity{query: q.Query, demand: q.Impressions, unit: "impressions", how: "refresh " + page, page: page})
		}
	}
	out := make([]opportunity, 0, len(best))
	for _, o := range best {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b opportunity) int {
		return cmp.Or(cmp.Compare(b.demand, a.demand), cmp.Compare(a.query, b.query))
	})
	return out
}

// topRefresh is the largest opportunity a page already has: a query it
// shows for in striking distance.
func topRefresh(p *seoplan.Plan) (opportunity, bool) {
	for _, o := range opportunities(p) {
		if o.page != "" {
			return o, true
		}
	}
	return opportunity{}, false
}

// demandFigure adds up the top opportunities by demand and names them; ok
// is false for a plan with no measured demand (no keyword file, or a plain
// list of keywords).
func demandFigure(p *seoplan.Plan) (summaryFigure, bool) {
	all := opportunities(p)
	if len(all) == 0 {
		return summaryFigure{}, false
	}
	// One unit: a file measures in impressions or in searches, not both.
	unit := all[0].unit
	var top []opportunity
	for _, o := range all {
		if o.unit == unit && len(top) < topOpportunities {
			top = append(top, o)
		}
	}
	sum := 0
	var parts []string
	for _, o := range top {
		sum += o.demand
		parts = append(parts, fmt.Sprintf("“%s” %s (%s)", o.query, thousands(o.demand), o.how))
	}
	label := fmt.Sprintf("%s on the top %d opportunities", unitWords[unit], len(top))
	if len(top) == 1 {
		label = unitWords[unit] + " on the top opportunity"
	}
	return summaryFigure{thousands(sum), label, strings.Join(parts, "; ")}, true
}

// proposalFigure counts the proposals and says how they are ranked.
func proposalFigure(p *seoplan.Plan) summaryFigure {
	sched := len(scheduledProposals(p))
	note := fmt.Sprintf("%d scheduled, %d a week for %d weeks", sched, p.Calendar.PerWeek, p.Calendar.Weeks)
	if len(p.Proposals) > 0 {
		note += "; first: " + p.Proposals[0].Title
	}
	return summaryFigure{fmt.Sprint(len(p.Proposals)), "new pieces proposed", note}
}

// gapOrder lists gap kinds as the summary names them.
var gapOrder = []seoplan.GapKind{seoplan.GapNoPillar, seoplan.GapNoProblemContent, seoplan.GapNoBridge,
	seoplan.GapMissingStage, seoplan.GapUncoveredKeyword, seoplan.GapLopsided}

// gapNames are the gap kinds in a client's words.
var gapNames = map[seoplan.GapKind]string{
	seoplan.GapNoPillar:         "without a pillar page",
	seoplan.GapNoProblemContent: "without problem content",
	seoplan.GapNoBridge:         "without a link to a product page",
	seoplan.GapMissingStage:     "missing a funnel stage",
	seoplan.GapUncoveredKeyword: "with keywords no page targets",
	seoplan.GapLopsided:         "far from the target mix",
	seoplan.GapProfileMix:       "lacking a piece the business profile calls for",
}

// gapTitles head each gap in the report.
var gapTitles = map[seoplan.GapKind]string{
	seoplan.GapNoPillar:         "No pillar page",
	seoplan.GapNoProblemContent: "No problem content",
	seoplan.GapNoBridge:         "No link to a product page",
	seoplan.GapMissingStage:     "A funnel stage missing",
	seoplan.GapUncoveredKeyword: "Keywords without a page",
	seoplan.GapLopsided:         "Far from the target mix",
	seoplan.GapProfileMix:       "What the business profile calls for",
}

// gapEffect is what filling a gap of kind k should bring, in the words of
// the business the crawl shows.
func gapEffect(k seoplan.GapKind, business string) string {
	offer := "the product"
	if business == "shop" {
		offer = "the products"
	}
	switch k {
	case seoplan.GapNoPillar:
		return "ties the topic's pages together, so the topic can rank as a whole"
	case seoplan.GapNoProblemContent:
		if business == "shop" {
			return "reaches people who have not chosen what to buy yet"
		}
		return "reaches people who have the problem but do not know " + offer + " yet"
	case seoplan.GapNoBridge:
		return "sends readers who are ready on to " + offer
	case seoplan.GapMissingStage:
		return "covers the step of the buying journey the topic lacks"
	case seoplan.GapUncoveredKeyword:
		return "gives a searched keyword a page of its own"
	case seoplan.GapLopsided:
		return "moves the site's mix toward its target"
	case seoplan.GapProfileMix:
		return "adds the kind of piece the business grows by"
	}
	return "fills a gap the crawl found"
}
