package lr

import "github.com/seoplan/seoplan"

// Class lists, in a fixed order.
var (
	IntentClasses  = []string{"product", "problem", "other"}
	StageClasses   = []string{"awareness", "consideration", "decision"}
	SubtypeClasses = func() []string {
		var out []string
		for _, in := range seoplan.Intents {
			for _, s := range seoplan.Subtypes[in] {
				out = append(out, string(s))
			}
		}
		return out
	}()
)

// Predict labels one featurised example: the intent with the highest
// (prior-adjusted) score, the best subtype of that intent, and the best
// stage, or none for other. It is the one decision rule: the classifier
// labels with it, and the trainer scores its folds with it.
func (h *Heads) Predict(names []string, vals, prior, subPrior, stagePrior []float64) seoplan.Label {
	logits, sub, st := h.Logits3(names, vals)
	for i := range prior {
		logits[i] += prior[i]
	}
	probs := h.Intent.Probs(logits)
	bi := Argmax(probs)
	l := seoplan.Label{Intent: seoplan.Intent(h.Intent.Classes[bi]), Confidence: probs[bi], Stage: seoplan.StageNone}
	for i := range subPrior {
		sub[i] += subPrior[i]
	}
	best := -1
	for i, c := range h.Subtype.Classes {
		if subtypeIntent[c] == l.Intent && (best < 0 || sub[i] > sub[best]) {
			best = i
		}
	}
	l.Subtype = seoplan.Subtype(h.Subtype.Classes[best])
	if l.Intent != seoplan.IntentOther {
		for i := range stagePrior {
			st[i] += stagePrior[i]
		}
		for i, v := range h.StageGivenSubtype[string(l.Subtype)] {
			st[i] += v
		}
		l.Stage = seoplan.Stage(h.Stage.Classes[Argmax(st)])
	}
	return l
}

// subtypeIntent maps each subtype name to its intent; Subtype.Intent walks a
// map of slices, too slow to call per class per keyword.
var subtypeIntent = func() map[string]seoplan.Intent {
	m := map[string]seoplan.Intent{}
	for in, subs := range seoplan.Subtypes {
		for _, s := range subs {
			m[string(s)] = in
		}
	}
	return m
}()

// Argmax returns the index of v's largest value, the first of equals.
func Argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
