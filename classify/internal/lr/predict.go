package lr

import (
	"math"

	"github.com/seoplan/seoplan"
)

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

// Predict labels one featurised example: an intent and one of its
// subtypes, and the best stage, or none for other. It is the one decision
// rule: the classifier labels with it, and the trainer scores its folds
// with it.
//
// With SubtypeWeight 0 the intent is the intent head's best (with its
// prior) and the subtype that intent's best. With SubtypeWeight w > 0 the
// pair is chosen together, the one that maximises
//
//	log p(intent) + w · log p(subtype)
//
// so that a subtype head sure of "pricing" can overrule an intent head
// that leans, barely, to problem: the two heads read the same features
// but learn different things from them, and on real sites the pair is
// right more often than either head alone (see trainer.PageSubtypeWeight).
// Confidence is the calibrated probability of the chosen intent either way.
func (h *Heads) Predict(names []string, vals, prior, subPrior, stagePrior []float64) seoplan.Label {
	logits, sub, st := h.Logits3(names, vals)
	for i := range prior {
		logits[i] += prior[i]
	}
	for i := range subPrior {
		sub[i] += subPrior[i]
	}
	bi, best := h.choose(logits, sub)
	probs := h.Intent.Probs(logits)
	l := seoplan.Label{Intent: seoplan.Intent(h.Intent.Classes[bi]), Confidence: probs[bi], Stage: seoplan.StageNone}
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

// choose returns the indexes of the intent and the subtype Predict picks
// from the two heads' logits (priors added), which it does not change.
func (h *Heads) choose(intent, sub []float64) (bi, bs int) {
	if h.SubtypeWeight <= 0 {
		bi, bs = Argmax(intent), -1
		for s, c := range h.Subtype.Classes {
			if subtypeIntent[c] == seoplan.Intent(h.Intent.Classes[bi]) && (bs < 0 || sub[s] > sub[bs]) {
				bs = s
			}
		}
		return bi, bs
	}
	li, ls := logSoftmax(intent), logSoftmax(sub)
	best := math.Inf(-1)
	for s, c := range h.Subtype.Classes {
		i := h.intentIndex(subtypeIntent[c])
		if score := li[i] + h.SubtypeWeight*ls[s]; score > best {
			best, bi, bs = score, i, s
		}
	}
	return bi, bs
}

// intentIndex is the index of intent in the intent head's classes.
func (h *Heads) intentIndex(intent seoplan.Intent) int {
	for i, c := range h.Intent.Classes {
		if c == string(intent) {
			return i
		}
	}
	return -1
}

// logSoftmax returns the log-probabilities of logits (temperature 1), in
// a new slice.
func logSoftmax(logits []float64) []float64 {
	top := logits[Argmax(logits)]
	sum := 0.0
	for _, v := range logits {
		sum += math.Exp(v - top)
	}
	out := make([]float64, len(logits))
	for i, v := range logits {
		out[i] = v - top - math.Log(sum)
	}
	return out
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
