package lr

import (
	"math"
	"testing"

	"github.com/seoplan/seoplan"
)

// heads builds heads that score every example by their biases alone.
func heads(intent map[string]float64, subtype map[string]float64, weight float64) *Heads {
	model := func(classes []string, bias map[string]float64) *Model {
		m := &Model{Classes: classes, Temperature: 1, Bias: make([]float64, len(classes))}
		for i, c := range classes {
			m.Bias[i] = bias[c]
		}
		return m
	}
	return &Heads{
		Intent:        model(IntentClasses, intent),
		Subtype:       model(SubtypeClasses, subtype),
		Stage:         model(StageClasses, map[string]float64{"consideration": 1}),
		SubtypeWeight: weight,
	}
}

func TestPredictJoint(t *testing.T) {
	leansProblem := map[string]float64{"product": 0, "problem": 0.2, "other": -3}
	surePricing := map[string]float64{"pricing": 3}
	tests := []struct {
		name        string
		h           *Heads
		wantIntent  seoplan.Intent
		wantSubtype seoplan.Subtype
	}{
		{"intent head alone", heads(leansProblem, surePricing, 0), seoplan.IntentProblem, seoplan.SubtypeHowTo},
		{"a sure subtype overrules a torn intent head", heads(leansProblem, surePricing, 0.5), seoplan.IntentProduct, seoplan.SubtypePricing},
		{"an unsure subtype head leaves the intent head's choice", heads(leansProblem, nil, 0.5), seoplan.IntentProblem, seoplan.SubtypeHowTo},
		{"a sure intent head is not overruled", heads(map[string]float64{"problem": 6}, surePricing, 0.5), seoplan.IntentProblem, seoplan.SubtypeHowTo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.h.Predict(nil, nil, nil, nil, nil)
			if l.Intent != tt.wantIntent || l.Subtype != tt.wantSubtype {
				t.Fatalf("got %s/%s, want %s/%s", l.Intent, l.Subtype, tt.wantIntent, tt.wantSubtype)
			}
			if l.Stage != seoplan.StageConsideration {
				t.Errorf("stage %s, want consideration", l.Stage)
			}
			// The confidence is the intent head's probability of the
			// intent chosen, even when it is not the head's best.
			logits := append([]float64(nil), tt.h.Intent.Bias...)
			want := tt.h.Intent.Probs(logits)[tt.h.intentIndex(l.Intent)]
			if math.Abs(l.Confidence-want) > 1e-12 {
				t.Errorf("confidence %.4f, want %.4f", l.Confidence, want)
			}
		})
	}
}
