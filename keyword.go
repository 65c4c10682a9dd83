package seoplan

// Keyword is one row of a keyword file: a plain list gives only Text; a CSV
// export of Google Search Console, Ahrefs or Semrush also gives some of the
// metrics. A metric the file does not have is zero and its Has* flag false.
type Keyword struct {
	Text        string  `json:"keyword"`
	Volume      int     `json:"volume,omitempty"`      // monthly search volume (Ahrefs, Semrush)
	Clicks      int     `json:"clicks,omitempty"`      // Search Console
	Impressions int     `json:"impressions,omitempty"` // Search Console
	Position    float64 `json:"position,omitempty"`    // average or current rank
	URL         string  `json:"url,omitempty"`         // ranking URL when the export has one
	Source      string  `json:"source,omitempty"`      // "list", "gsc", "ahrefs" or "semrush"
}

// LabeledKeyword is a keyword with its label: the planner's input for keywords.
type LabeledKeyword struct {
	Keyword Keyword `json:"keyword"`
	Label   Label   `json:"label"`
}

// PageStat is one row of a Search Console Pages export: a page's clicks,
// impressions and average position over the export's date range. An export
// that compares two ranges also gives the earlier one (Compared true), from
// which the planner tells pages whose clicks fell.
type PageStat struct {
	URL         string  `json:"url"`
	Clicks      int     `json:"clicks"`
	Impressions int     `json:"impressions"`
	Position    float64 `json:"position,omitempty"`

	Compared        bool    `json:"compared,omitempty"`
	PrevClicks      int     `json:"prev_clicks,omitempty"`
	PrevImpressions int     `json:"prev_impressions,omitempty"`
	PrevPosition    float64 `json:"prev_position,omitempty"`
}
