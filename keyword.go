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
