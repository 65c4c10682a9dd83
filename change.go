package seoplan

// Change is what changed on a site between two crawls: the section an
// agency's monthly report leads with. planner.Compare builds it from two
// snapshots' labeled pages and the plan made from the earlier one; the
// templates render it. Lists are sorted by URL (or proposal order) so the
// same two crawls always give the same Change. The diff command prints it;
// the report calls it progress since the last crawl.
type Change struct {
	Site string       `json:"site"`
	From SnapshotInfo `json:"from"` // the earlier crawl
	To   SnapshotInfo `json:"to"`   // the later crawl

	Added   []PageRef    `json:"added"`   // pages only the later crawl has
	Removed []PageRef    `json:"removed"` // pages only the earlier crawl has
	Changed []PageChange `json:"changed"` // pages in both whose intent or title changed

	MixBefore IntentMix `json:"mix_before"`
	MixAfter  IntentMix `json:"mix_after"`

	// Clusters compares each topic cluster's pages by intent, in the earlier
	// plan's cluster order, then clusters that only the later plan has.
	Clusters []ClusterChange `json:"clusters"`
	// Done lists the earlier plan's proposals that a page of the later crawl
	// now answers, in the plan's priority order.
	Done []ProposalDone `json:"done"`
}

// SnapshotInfo names one crawl of a Change.
type SnapshotInfo struct {
	ID      int64  `json:"id"`
	Started string `json:"started"` // RFC 3339
	Pages   int    `json:"pages"`   // HTML pages compared
}

// IntentMix counts HTML pages by intent. Shares are of product+problem pages,
// as in Balance.
type IntentMix struct {
	Product      int     `json:"product"`
	Problem      int     `json:"problem"`
	Other        int     `json:"other"`
	ProductShare float64 `json:"product_share"`
	ProblemShare float64 `json:"problem_share"`
}

// PageChange is a page present in both crawls whose label or title moved.
type PageChange struct {
	URL           string  `json:"url"`
	TitleBefore   string  `json:"title_before"`
	TitleAfter    string  `json:"title_after"`
	IntentBefore  Intent  `json:"intent_before"`
	IntentAfter   Intent  `json:"intent_after"`
	SubtypeBefore Subtype `json:"subtype_before"`
	SubtypeAfter  Subtype `json:"subtype_after"`
}

// ClusterChange is one cluster's page counts by intent before and after.
type ClusterChange struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Before map[Intent]int `json:"before"`
	After  map[Intent]int `json:"after"`
	// Added lists the later crawl's new pages counted in this cluster.
	Added []string `json:"added,omitempty"`
}

// ProposalDone is a proposal of the earlier plan and the new page that
// answers it.
type ProposalDone struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Keyword string `json:"keyword"`
	Cluster string `json:"cluster"`
	URL     string `json:"url"`  // the page that now answers it
	Page    string `json:"page"` // that page's title
}
