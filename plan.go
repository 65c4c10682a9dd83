package seoplan

// Plan is the planner's output: what templates render to roadmap.md,
// report.html, calendar.csv, calendar.ics and plan.json. The same input and
// options give the same Plan, so nothing in it depends on the clock or on map
// order.
type Plan struct {
	Site      string `json:"site"`       // the crawled site's start URL or host
	CrawledAt string `json:"crawled_at"` // RFC 3339 time the crawl started, "" for keywords-only plans
	Pages     int    `json:"pages"`      // HTML pages considered
	Keywords  int    `json:"keywords"`   // keywords considered
	// Partial says that the crawl did not finish (planned with --partial):
	// pages it never reached are missing from every figure. "" otherwise.
	Partial string `json:"partial,omitempty"`
	// Languages says which language a site of several was planned in and
	// what was left out; nil on a site of one language.
	Languages *Languages `json:"languages,omitempty"`
	Business  Business   `json:"business"`
	Profile   Profile    `json:"profile"`
	Balance   Balance    `json:"balance"`
	Clusters  []Cluster  `json:"clusters"`
	// Unclustered lists pages that belong to no topic (legal, careers, archives),
	// neither in a cluster nor related to one (Cluster.Related).
	Unclustered []PageRef  `json:"unclustered"`
	Proposals   []Proposal `json:"proposals"` // in priority order; scheduled ones have Due set
	// GapSummary says how many clusters have gaps and why the others need
	// nothing, so a plan with few proposals explains itself.
	GapSummary string    `json:"gap_summary,omitempty"`
	Audit      []Finding `json:"audit"`
	Personas   []Persona `json:"personas,omitempty"`
	// Highlights are the few findings and gaps that matter most, for the summary.
	Highlights []string `json:"highlights"`
	Calendar   Calendar `json:"calendar"`
}

// Languages is how a site in several languages was planned: the pages of
// one language, Planned, make every cluster, gap and figure of the plan; the
// others are listed with the page of that language each translates.
type Languages struct {
	Planned string `json:"planned"` // primary language subtag: "en", "de"
	// Reason says why Planned was chosen: "the language of most of its
	// pages", "chosen with --lang".
	Reason string          `json:"reason"`
	Others []LanguagePages `json:"others"` // most pages first
	// Translations are the pages of the other languages, in URL order, each
	// with the planned page it translates (the same path less the language
	// folder), "" when it translates none.
	Translations []Translation `json:"translations"`
	Translated   int           `json:"translated"` // of Translations, those with Of set
	Note         string        `json:"note"`       // the sentence the roadmap shows
}

// LanguagePages is a language of the site and its HTML pages.
type LanguagePages struct {
	Lang  string `json:"lang"`
	Pages int    `json:"pages"`
}

// Translation is a page in a language the plan does not cover.
type Translation struct {
	URL  string `json:"url"`
	Lang string `json:"lang"`
	Of   string `json:"of,omitempty"`
}

// Business is what the site sells, as the planner recognises it from the
// crawl. It decides the plan's words (what product content is measured by,
// what a how-to shows, what a brief asks the reader to do), never the mix
// the plan aims for: that is the Profile's.
type Business struct {
	Kind    string `json:"kind"`    // "shop", "software" or "other"
	Summary string `json:"summary"` // a sentence with the evidence a reader can check
}

// Profile is a business profile and the product:problem mix it aims for.
type Profile struct {
	Name          string  `json:"name"`           // "startup", "established", "saas" or "custom"
	ProductShare  float64 `json:"product_share"`  // target share of product content, 0–1
	ProblemShare  float64 `json:"problem_share"`  // target share of problem content, 0–1
	Reasoning     string  `json:"reasoning"`      // why this mix fits this kind of business
	ProductMetric string  `json:"product_metric"` // how product content proves itself
	ProblemMetric string  `json:"problem_metric"` // how problem content proves itself
}

// Balance is the site's actual intent mix against its profile's target.
type Balance struct {
	Product       int     `json:"product"` // pages
	Problem       int     `json:"problem"`
	Other         int     `json:"other"`
	ProductShare  float64 `json:"product_share"` // of product+problem pages
	ProblemShare  float64 `json:"problem_share"`
	TargetProduct float64 `json:"target_product"`
	TargetProblem float64 `json:"target_problem"`
	// Verdict says in words which way the site leans against its target.
	Verdict string `json:"verdict"`
	// ProposalMix says how the plan's proposals meet the target: how many
	// fill gaps and which pieces the profile added.
	ProposalMix string `json:"proposal_mix,omitempty"`
}

// PageRef is a page as the plan shows it: enough to list and link it.
type PageRef struct {
	URL     string  `json:"url"`
	Title   string  `json:"title"`
	Intent  Intent  `json:"intent"`
	Subtype Subtype `json:"subtype"`
	Stage   Stage   `json:"stage"`
	Words   int     `json:"words,omitempty"`
	Pillar  bool    `json:"pillar,omitempty"`
}

// Cluster is a topic: its pages, its pillar, what it covers and what it lacks.
type Cluster struct {
	ID   string `json:"id"`   // stable slug of Name, unique in the plan
	Name string `json:"name"` // the leading phrase
	// Pillar is the URL of the page that best covers the topic, or "" when the
	// cluster has none and PillarProposal names the proposal that fills it.
	Pillar         string    `json:"pillar"`
	PillarProposal string    `json:"pillar_proposal,omitempty"`
	Phrases        []string  `json:"phrases"` // leading phrases, most weighty first
	Pages          []PageRef `json:"pages"`
	// Related are pages of the topic that are not its content (news
	// posts, release notes, section indexes, tag archives, a post on its
	// own): listed with the topic, counted in none of its coverage or gaps.
	Related  []PageRef `json:"related,omitempty"`
	Keywords []string  `json:"keywords,omitempty"` // keywords from --keywords in this cluster
	Coverage Coverage  `json:"coverage"`
	Gaps     []Gap     `json:"gaps"`
	// Reference marks a documentation reference or index section (API,
	// CLI, configuration, concepts): how the product is looked up, not a
	// content cluster to fill with blog posts, so it has no gaps.
	Reference bool `json:"reference,omitempty"`
}

// Coverage counts a cluster's pages by intent, subtype and stage.
type Coverage struct {
	ByIntent  map[Intent]int  `json:"by_intent"`
	BySubtype map[Subtype]int `json:"by_subtype"`
	ByStage   map[Stage]int   `json:"by_stage"`
}

// GapKind names a kind of gap the planner finds in a cluster.
type GapKind string

const (
	GapNoProblemContent GapKind = "no-problem-content" // product cluster no searcher finds before knowing the product
	GapNoBridge         GapKind = "no-bridge"          // problem pages with no link to a product page
	GapNoPillar         GapKind = "no-pillar"
	GapMissingStage     GapKind = "missing-stage"     // no awareness, consideration or decision page
	GapUncoveredKeyword GapKind = "uncovered-keyword" // keywords with no page
	GapLopsided         GapKind = "lopsided"          // intent mix far from the profile's target
	// GapProfileMix is no lack of the cluster: the plan's business profile
	// asks for a kind of piece the cluster has none of (a startup's
	// comparison page, an established business's customer story).
	GapProfileMix GapKind = "profile-mix"
)

// Gap is something a cluster lacks, with a reason a person can check.
type Gap struct {
	Kind   GapKind `json:"kind"`
	Reason string  `json:"reason"`
	// Pages names the pages the reason refers to, when it refers to some.
	Pages []string `json:"pages,omitempty"`
}

// Proposal is a piece of content to write (or a change to make) to fill a gap.
type Proposal struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Keyword string `json:"keyword"`
	// KeywordSource says where Keyword comes from: KeywordFromFile, a
	// query of the keyword files; KeywordFromSite, words a page of the
	// site says (a key phrase, a title, a heading); KeywordPattern, the
	// topic's phrase put in the form the piece takes ("what is …",
	// "… pricing"), which nobody measured: check its demand first.
	KeywordSource KeywordSource `json:"keyword_source"`
	Secondary     []string      `json:"secondary,omitempty"`
	Intent        Intent        `json:"intent"`
	Subtype       Subtype       `json:"subtype"`
	Stage         Stage         `json:"stage"`
	Format        string        `json:"format"`  // guide, how-to, comparison page, feature page, template, case study, webinar …
	Cluster       string        `json:"cluster"` // Cluster.ID
	Gap           GapKind       `json:"gap"`
	Persona       string        `json:"persona,omitempty"`
	Metric        string        `json:"metric"` // the success metric that fits the intent
	Priority      float64       `json:"priority"`
	// PriorityReason explains the score: volume, clicks, gap size, balance, bridge value.
	PriorityReason string `json:"priority_reason"`
	// Demand is the target keyword's measured demand, in DemandUnit
	// ("impressions", "searches/month" or "clicks"), when a keyword file
	// measures it; 0 otherwise.
	Demand     int              `json:"demand,omitempty"`
	DemandUnit string           `json:"demand_unit,omitempty"`
	Effort     string           `json:"effort"`        // "S", "M" or "L" with the reason, e.g. "M: 1,500-word how-to"
	Due        string           `json:"due,omitempty"` // YYYY-MM-DD, "" when not scheduled
	Links      []LinkSuggestion `json:"links"`
	// DependsOn lists proposal IDs to publish first (a pillar before its posts,
	// a bridge's target product page before the bridge).
	DependsOn []string `json:"depends_on,omitempty"`

	// What the writer's brief needs beyond the above.
	// Questions are what the piece should answer: the cluster's keywords
	// that ask one, then the questions its pages raise in their headings.
	Questions []string `json:"questions,omitempty"`
	// TargetWords is the length to aim for, from the cluster's pages of
	// the same kind.
	TargetWords int `json:"target_words,omitempty"`
	// TitleTag (60 characters at most) and MetaDescription (155) are
	// drafts that fit a search result.
	TitleTag        string `json:"title_tag,omitempty"`
	MetaDescription string `json:"meta_description,omitempty"`
	// Slug is the new page's URL slug, unused by the site and the plan.
	Slug string `json:"slug,omitempty"`
}

// KeywordSource names where a proposal's target keyword comes from.
type KeywordSource string

const (
	KeywordFromFile KeywordSource = "keywords"
	KeywordFromSite KeywordSource = "site"
	KeywordPattern  KeywordSource = "pattern"
)

// LinkSuggestion is an internal link to add: From an existing or proposed page To another.
type LinkSuggestion struct {
	From   string `json:"from"` // URL, or "proposal:<ID>"
	To     string `json:"to"`
	Anchor string `json:"anchor,omitempty"`
	Why    string `json:"why,omitempty"`
}

// Persona is a reader the plan writes for.
type Persona struct {
	Name     string   `json:"name"`
	Segment  []string `json:"segment,omitempty"` // words that mark content for this persona
	Pains    []string `json:"pains,omitempty"`
	Pages    int      `json:"pages"`    // existing pages that serve this persona
	Proposed int      `json:"proposed"` // proposals tagged with this persona
}

// Calendar is the editorial calendar's frame: proposals carry their own Due dates.
type Calendar struct {
	Start   string `json:"start"` // YYYY-MM-DD
	PerWeek int    `json:"per_week"`
	Weeks   int    `json:"weeks"`
	// Note says whether the proposals fill the weeks asked for, and why
	// not when they do not.
	Note string `json:"note,omitempty"`
}

// FindingKind names a content-audit check.
type FindingKind string

const (
	FindingCannibalisation  FindingKind = "cannibalisation"
	FindingOrphan           FindingKind = "orphan"
	FindingNoProductLink    FindingKind = "no-product-link"
	FindingPillarUnlinked   FindingKind = "pillar-unlinked"
	FindingThin             FindingKind = "thin"
	FindingNoindexInCluster FindingKind = "noindex-in-cluster"
	FindingBrokenLink       FindingKind = "broken-link"
	FindingDuplicateTitle   FindingKind = "duplicate-title"
	FindingMissingMetaDesc  FindingKind = "missing-meta-description"
	FindingStrikingDistance FindingKind = "striking-distance" // Search Console: a page at positions 4 to 20 to refresh
	FindingLowCTR           FindingKind = "low-ctr"           // Search Console: a snippet that loses clicks at its position
	FindingDecay            FindingKind = "decay"             // Search Console compare export: a page whose clicks fell
)

// Finding is one content-audit result: what is wrong, where, and the fix.
type Finding struct {
	Kind     FindingKind `json:"kind"`
	Severity string      `json:"severity"` // "high", "medium" or "low"
	Summary  string      `json:"summary"`
	Pages    []string    `json:"pages"`
	Fix      string      `json:"fix"`
	// Queries are the Search Console queries a finding is about, with
	// their figures (striking distance, low CTR), largest first; none for a finding from the crawl alone.
	Queries []QueryStat `json:"queries,omitempty"`
}

// QueryStat is one Search Console query of a page, as a finding cites it.
type QueryStat struct {
	Query       string  `json:"query"`
	Impressions int     `json:"impressions"`
	Position    float64 `json:"position"`
}
