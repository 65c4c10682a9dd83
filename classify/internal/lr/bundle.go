package lr

// Heads are the three models of one input kind: intent (3 classes), subtype
// (every subtype, narrowed to the chosen intent's at prediction time) and
// stage (awareness, consideration, decision; trained on non-other examples
// only, since other is always "none").
type Heads struct {
	Intent  *Model `json:"intent"`
	Subtype *Model `json:"subtype"`
	Stage   *Model `json:"stage"`
	// StageGivenSubtype is log P(stage | subtype) counted on the training
	// labels (add-one smoothed), per subtype class, in the stage head's
	// class order: funnel stage follows mostly from what kind of content it
	// is, and the counts say so with more data than any one head sees.
	StageGivenSubtype map[string][]float64 `json:"stage_given_subtype,omitempty"`
}

// Bundle is the whole model file: heads for keywords and for pages.
type Bundle struct {
	Version int   `json:"version"`
	Keyword Heads `json:"keyword"`
	Page    Heads `json:"page"`
}
