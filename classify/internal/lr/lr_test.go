package lr

import (
	"encoding/json"
	"math"
	"testing"
)

func toy() []Example {
	return []Example{
		{Names: []string{"w:price"}, Values: []float64{1}, Class: 0},
		{Names: []string{"w:price", "w:plan"}, Values: []float64{1, 1}, Class: 0},
		{Names: []string{"w:how"}, Values: []float64{1}, Class: 1},
		{Names: []string{"w:how", "w:fix"}, Values: []float64{1, 1}, Class: 1},
		{Names: []string{"w:login"}, Values: []float64{1}, Class: 2},
	}
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	classes := []string{"product", "problem", "other"}
	a := Train(classes, toy(), DefaultConfig())
	b := Train(classes, toy(), DefaultConfig())
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("two trainings on the same data differ")
	}
	tests := []struct {
		name  string
		feats []string
		want  int
	}{
		{"price", []string{"w:price"}, 0},
		{"how", []string{"w:how"}, 1},
		{"login", []string{"w:login"}, 2},
		{"unknown feature", []string{"w:nothing", "w:fix"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals := make([]float64, len(tt.feats))
			for i := range vals {
				vals[i] = 1
			}
			p := a.Probs(a.Logits(nil, tt.feats, vals))
			best := 0
			sum := 0.0
			for i := range p {
				sum += p[i]
				if p[i] > p[best] {
					best = i
				}
			}
			if best != tt.want {
				t.Errorf("predicted %s (%v), want %s", classes[best], p, classes[tt.want])
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("probabilities sum to %v", sum)
			}
		})
	}
}

func TestFitTemperature(t *testing.T) {
	// Over-confident logits that are right only 3 times in 4 want T > 1.
	var logits [][]float64
	var classes []int
	for i := 0; i < 40; i++ {
		logits = append(logits, []float64{6, 0})
		classes = append(classes, map[bool]int{true: 1, false: 0}[i%4 == 0])
	}
	if got := FitTemperature(logits, classes); got <= 1 {
		t.Errorf("temperature %v, want > 1 for over-confident logits", got)
	}
}

// TestWeightCountsAsCopies checks that an example of weight 2 trains as two
// copies of it would, and weight 0 as weight 1.
func TestWeightCountsAsCopies(t *testing.T) {
	classes := []string{"product", "problem", "other"}
	shared := Example{Names: []string{"w:price", "w:how"}, Values: []float64{1, 1}, Class: 1}
	weighted := append(toy(), shared)
	weighted[len(weighted)-1].Weight = 2
	copies := append(toy(), shared, shared)
	a := Train(classes, weighted, DefaultConfig())
	b := Train(classes, copies, DefaultConfig())
	for name, wa := range a.Weights {
		for c := range wa {
			if d := math.Abs(wa[c] - b.Weights[name][c]); d > 1e-3 {
				t.Errorf("%s[%s]: weight 2 gives %.4f, two copies %.4f", name, classes[c], wa[c], b.Weights[name][c])
			}
		}
	}
	zero := Train(classes, toy(), DefaultConfig())
	ones := toy()
	for i := range ones {
		ones[i].Weight = 1
	}
	jz, _ := json.Marshal(zero)
	jo, _ := json.Marshal(Train(classes, ones, DefaultConfig()))
	if string(jz) != string(jo) {
		t.Error("weight 0 trains differently from weight 1")
	}
}
