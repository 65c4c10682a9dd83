package templates

import (
	"fmt"
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
// target, clusters with gaps and the proposals, then the highest-priority
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
		proposalFigure(p),
	)
	kind := p.Business.Kind
	for _, pr := range p.Proposals {
		if len(s.Actions) == firstActions {
			break
		}
		s.Actions = append(s.Actions, summaryAction{
			What:   fmt.Sprintf("Write “%s” (%s)", pr.Title, pr.Format),
			Effect: gapEffect(pr.Gap, kind),
		})
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
