package seoplan

// Intent is the primary label of a page or keyword (TAXONOMY.md).
type Intent string

const (
	IntentProduct Intent = "product" // the offering itself: features, pricing, comparisons, integrations
	IntentProblem Intent = "problem" // the reader's problem or task: how-tos, guides, explainers
	IntentOther   Intent = "other"   // navigation and company pages: about, legal, archives, errors
)

// Intents lists every intent in the order reports show them.
var Intents = []Intent{IntentProduct, IntentProblem, IntentOther}

// Subtype refines an Intent (TAXONOMY.md). Each subtype belongs to exactly one intent.
type Subtype string

// Product subtypes.
const (
	SubtypeFeature     Subtype = "feature"
	SubtypeComparison  Subtype = "comparison" // vs, alternatives, best-of
	SubtypePricing     Subtype = "pricing"
	SubtypeProduct     Subtype = "product" // overview, solution, category or use-case landing page
	SubtypeIntegration Subtype = "integration"
	SubtypeDeepDive    Subtype = "deep-dive" // whitepaper, spec, demo, technical breakdown
	SubtypeReview      Subtype = "review"
)

// Problem subtypes.
const (
	SubtypeHowTo           Subtype = "how-to"
	SubtypeGuide           Subtype = "guide"
	SubtypeExplainer       Subtype = "explainer"
	SubtypeTips            Subtype = "tips"
	SubtypeTemplate        Subtype = "template"
	SubtypeTroubleshooting Subtype = "troubleshooting"
	SubtypeCaseStudy       Subtype = "case-study"
	SubtypeReport          Subtype = "report"
	SubtypeNews            Subtype = "news"
)

// Other subtypes.
const (
	SubtypeNavigational Subtype = "navigational"
	SubtypeCompany      Subtype = "company"
	SubtypeLegal        Subtype = "legal"
	SubtypeArchive      Subtype = "archive"
	SubtypeError        Subtype = "error"
)

// Subtypes maps each intent to its subtypes, in TAXONOMY.md's order.
var Subtypes = map[Intent][]Subtype{
	IntentProduct: {SubtypeFeature, SubtypeComparison, SubtypePricing, SubtypeProduct, SubtypeIntegration, SubtypeDeepDive, SubtypeReview},
	IntentProblem: {SubtypeHowTo, SubtypeGuide, SubtypeExplainer, SubtypeTips, SubtypeTemplate, SubtypeTroubleshooting, SubtypeCaseStudy, SubtypeReport, SubtypeNews},
	IntentOther:   {SubtypeNavigational, SubtypeCompany, SubtypeLegal, SubtypeArchive, SubtypeError},
}

// Intent returns the intent a subtype belongs to, or "" for an unknown subtype.
func (s Subtype) Intent() Intent {
	for in, subs := range Subtypes {
		for _, x := range subs {
			if x == s {
				return in
			}
		}
	}
	return ""
}

// Stage is the funnel stage of a page or keyword.
type Stage string

const (
	StageAwareness     Stage = "awareness"     // learning about a problem
	StageConsideration Stage = "consideration" // weighing ways to solve it
	StageDecision      Stage = "decision"      // picking and buying
	StageNone          Stage = "none"          // other-intent pages have no stage
)

// Stages lists the funnel stages top to bottom, then none.
var Stages = []Stage{StageAwareness, StageConsideration, StageDecision, StageNone}

// Label is the classifier's verdict on a page or keyword. It is never bare:
// Confidence is calibrated (of labels given 0.9, about 90% are right) and
// Signals says what produced it, e.g. "url:/pricing", `title:"vs"`,
// "schema:HowTo", "head-noun:software", "cta:book a demo".
type Label struct {
	Intent     Intent   `json:"intent"`
	Subtype    Subtype  `json:"subtype"`
	Stage      Stage    `json:"stage"`
	Confidence float64  `json:"confidence"`
	Signals    []string `json:"signals"`
}

// KeyPhrase is a stemmed noun phrase with its weight on a page or across a site.
type KeyPhrase struct {
	Phrase string  `json:"phrase"` // the most frequent surface form, lower case
	Stem   string  `json:"stem"`   // the stemmed form phrases are grouped by
	Weight float64 `json:"weight"` // TF-IDF with title/h1/h2/URL boosts
}

// LabeledPage is a crawled page with its label and key phrases: the
// planner's input for pages.
type LabeledPage struct {
	Page       Page        `json:"page"`
	Label      Label       `json:"label"`
	KeyPhrases []KeyPhrase `json:"keyphrases"`
}
