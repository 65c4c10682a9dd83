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
	// SubtypeWeight is how much the subtype head has a say in the intent
	// (see Predict): 0 lets the intent head decide alone.
	SubtypeWeight float64 `json:"subtype_weight,omitempty"`

	// joint maps a feature to its weight rows in all three heads, so that
	// scoring looks each feature up once instead of three times. Built by
	// Compile; nil until then.
	joint map[string]*[3][]float64
}

// Compile prepares the heads for fast scoring (see Logits3). Call it once,
// before sharing the heads between goroutines.
func (h *Heads) Compile() {
	h.joint = map[string]*[3][]float64{}
	for i, m := range []*Model{h.Intent, h.Subtype, h.Stage} {
		if m == nil {
			continue
		}
		for name, row := range m.Weights {
			j := h.joint[name]
			if j == nil {
				j = new([3][]float64)
				h.joint[name] = j
			}
			j[i] = row
		}
	}
}

// Logits3 returns the logits of the intent, subtype and stage heads, with
// one map lookup per feature when the heads are compiled.
func (h *Heads) Logits3(names []string, values []float64) (intent, subtype, stage []float64) {
	if h.joint == nil {
		return h.Intent.Logits(nil, names, values), h.Subtype.Logits(nil, names, values), h.Stage.Logits(nil, names, values)
	}
	buf := make([]float64, len(h.Intent.Bias)+len(h.Subtype.Bias)+len(h.Stage.Bias))
	intent = append(buf[:0:len(h.Intent.Bias)], h.Intent.Bias...)
	rest := buf[len(h.Intent.Bias):]
	subtype = append(rest[:0:len(h.Subtype.Bias)], h.Subtype.Bias...)
	stage = append(rest[len(h.Subtype.Bias):][:0], h.Stage.Bias...)
	out := [3][]float64{intent, subtype, stage}
	for i, n := range names {
		j, ok := h.joint[n]
		if !ok {
			continue
		}
		v := values[i]
		for k := range out {
			for c, w := range j[k] {
				out[k][c] += w * v
			}
		}
	}
	return intent, subtype, stage
}

// Bundle is the whole model file: heads for keywords and for pages.
type Bundle struct {
	Version int `json:"version"`
	// Labels fingerprints the label files the model was trained on
	// (trainer.LabelsFingerprint), so that a change to them without a
	// retrained model is caught where retraining is not possible.
	Labels  string `json:"labels,omitempty"`
	Keyword Heads  `json:"keyword"`
	Page    Heads  `json:"page"`
}
