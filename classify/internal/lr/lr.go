// Package lr is a small, deterministic multinomial logistic regression over
// sparse named features, with temperature scaling for calibrated
// probabilities. It is what the classifier's model is made of.
//
// Training is full-batch gradient descent with AdaGrad step sizes and L2
// regularisation, in a fixed order with no randomness, so the same data
// always gives the same weights, bit for bit; the classifier's tests rely on
// that to check that the committed model matches the labelled data.
package lr

import (
	"math"
	"sort"
)

// Example is one training example: feature names with values, and a class
// index. Offset, if set, is added to the logits (one per class): a fixed
// prior from hand-written rules that the model learns the remainder around.
type Example struct {
	Names  []string
	Values []float64
	Offset []float64
	Class  int
	// Weight is how much the example counts in the loss; 0 means 1. A
	// set written in one style can count for less than the real pages
	// beside it without being dropped.
	Weight float64
}

// Model is a trained multinomial logistic regression.
type Model struct {
	Classes     []string             `json:"classes"`
	Temperature float64              `json:"temperature"` // logits are divided by it; 1 = uncalibrated
	Bias        []float64            `json:"bias"`
	Weights     map[string][]float64 `json:"weights"` // feature → weight per class
}

// Config controls training.
type Config struct {
	Epochs int     // full passes; 300 is plenty for a few thousand examples
	L2     float64 // regularisation strength per example
	Rate   float64 // AdaGrad base step size
	// SubtypeWeight is set on the heads trained with this configuration
	// (Heads.SubtypeWeight): how they decide, not how they are fitted.
	SubtypeWeight float64
}

// DefaultConfig is what the classifier trains with.
func DefaultConfig() Config { return Config{Epochs: 300, L2: 0.002, Rate: 0.5} }

// Train fits a model for classes on examples.
func Train(classes []string, examples []Example, cfg Config) *Model {
	k := len(classes)
	// Index features in sorted order so the result never depends on map order.
	index := map[string]int{}
	var names []string
	for _, e := range examples {
		for _, n := range e.Names {
			if _, ok := index[n]; !ok {
				index[n] = -1
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	for i, n := range names {
		index[n] = i
	}
	type sparse struct {
		idx    []int
		val    []float64
		offset []float64
		class  int
		weight float64
	}
	data := make([]sparse, len(examples))
	n := 0.0
	for i, e := range examples {
		s := sparse{class: e.Class, offset: e.Offset, weight: e.Weight}
		if s.weight == 0 {
			s.weight = 1
		}
		n += s.weight
		for j, n := range e.Names {
			s.idx = append(s.idx, index[n])
			s.val = append(s.val, e.Values[j])
		}
		data[i] = s
	}
	nf := len(names)
	w := make([]float64, nf*k)
	b := make([]float64, k)
	gw := make([]float64, nf*k)
	gb := make([]float64, k)
	hw := make([]float64, nf*k) // AdaGrad accumulators
	hb := make([]float64, k)
	p := make([]float64, k)
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		clear(gw)
		clear(gb)
		for _, s := range data {
			copy(p, b)
			for c := range s.offset {
				p[c] += s.offset[c]
			}
			for j, f := range s.idx {
				row := w[f*k : f*k+k]
				for c := range k {
					p[c] += row[c] * s.val[j]
				}
			}
			softmax(p)
			p[s.class]--
			for c := range k {
				p[c] *= s.weight
				gb[c] += p[c] / n
			}
			for j, f := range s.idx {
				for c := range k {
					gw[f*k+c] += p[c] * s.val[j] / n
				}
			}
		}
		for i := range w {
			g := gw[i] + cfg.L2*w[i]
			hw[i] += g * g
			if hw[i] > 0 {
				w[i] -= cfg.Rate * g / math.Sqrt(hw[i])
			}
		}
		for c := range b {
			hb[c] += gb[c] * gb[c]
			if hb[c] > 0 {
				b[c] -= cfg.Rate * gb[c] / math.Sqrt(hb[c])
			}
		}
	}
	m := &Model{Classes: classes, Temperature: 1, Bias: round(b), Weights: map[string][]float64{}}
	for i, name := range names {
		row := round(w[i*k : i*k+k])
		keep := false
		for _, v := range row {
			if math.Abs(v) >= pruneBelow {
				keep = true
			}
		}
		if keep {
			m.Weights[name] = row
		}
	}
	return m
}

// pruneBelow drops a feature whose weights are all smaller: such a feature
// moves no logit by more than a thousandth, and rare main-text words would
// otherwise make most of the model file.
const pruneBelow = 2e-2

// round keeps four decimals: the model file stays small and
// diff-able, and no prediction changes meaningfully.
func round(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Round(x*1e4) / 1e4
	}
	return out
}

func softmax(z []float64) {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = math.Max(mx, v)
	}
	sum := 0.0
	for i, v := range z {
		z[i] = math.Exp(v - mx)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
}

// Feature is a named feature value, as the classifier passes them.
type Feature = struct {
	Name  string
	Value float64
}

// Logits returns the raw scores of each class into dst (len(Classes)).
func (m *Model) Logits(dst []float64, names []string, values []float64) []float64 {
	dst = append(dst[:0], m.Bias...)
	for i, n := range names {
		row, ok := m.Weights[n]
		if !ok {
			continue
		}
		for c := range dst {
			dst[c] += row[c] * values[i]
		}
	}
	return dst
}

// Probs turns logits into calibrated probabilities in place.
func (m *Model) Probs(logits []float64) []float64 {
	t := m.Temperature
	if t <= 0 {
		t = 1
	}
	for i := range logits {
		logits[i] /= t
	}
	softmax(logits)
	return logits
}

// FitTemperature returns the temperature that minimises the negative log
// likelihood of held-out logits (from cross-validation folds): the standard
// one-parameter calibration of a softmax model.
func FitTemperature(logits [][]float64, classes []int) float64 {
	nll := func(t float64) float64 {
		sum := 0.0
		p := make([]float64, 0, 32)
		for i, l := range logits {
			p = p[:0]
			for _, v := range l {
				p = append(p, v/t)
			}
			softmax(p)
			sum -= math.Log(math.Max(p[classes[i]], 1e-12))
		}
		return sum
	}
	best, bestNLL := 1.0, math.Inf(1)
	for t := 0.25; t <= 6; t += 0.05 {
		if v := nll(t); v < bestNLL {
			best, bestNLL = t, v
		}
	}
	return math.Round(best*100) / 100
}
