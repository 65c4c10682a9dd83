package trainer

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
)

func TestMacroF1(t *testing.T) {
	tests := []struct {
		name      string
		want, got []string
		f1        float64
	}{
		{"all right", []string{"product", "problem"}, []string{"product", "problem"}, 1},
		{"all wrong", []string{"product", "product"}, []string{"problem", "problem"}, 0},
		// product: tp 1, fn 1 → 2/3; problem: tp 1, fp 1 → 2/3.
		{"half", []string{"product", "product", "problem"}, []string{"product", "problem", "problem"}, 2.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MacroF1(tt.want, tt.got, IntentClasses); math.Abs(got-tt.f1) > 1e-9 {
				t.Errorf("MacroF1 = %v, want %v", got, tt.f1)
			}
		})
	}
}

// TestWriteReliability checks the counts of the reliability line: two
// guesses, one of them wrong, and two sure labels, one of them wrong.
func TestWriteReliability(t *testing.T) {
	product := dataset.Item{Label: seoplan.Label{Intent: seoplan.IntentProduct}}
	items := []dataset.Item{product, product, product, product}
	got := []seoplan.Label{
		{Intent: seoplan.IntentProduct, Confidence: 0.4},
		{Intent: seoplan.IntentProblem, Confidence: 0.4},
		{Intent: seoplan.IntentProduct, Confidence: 0.9},
		{Intent: seoplan.IntentOther, Confidence: 0.9},
	}
	var b strings.Builder
	WriteReliability(&b, items, got)
	want := "intent confidence 0.650 on average, intent right 0.500; guesses (confidence under 0.5): 2, 1 of them wrong; sure: 2, 1 of them wrong"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got %q, want it to hold %q", b.String(), want)
	}
}

func TestECE(t *testing.T) {
	items := []dataset.Item{{Label: seoplan.Label{Intent: seoplan.IntentProduct}}, {Label: seoplan.Label{Intent: seoplan.IntentProduct}}}
	// Both at 0.9, one right: the bin's accuracy is 0.5, so the error is 0.4.
	got := []seoplan.Label{{Intent: seoplan.IntentProduct, Confidence: 0.9}, {Intent: seoplan.IntentProblem, Confidence: 0.9}}
	if e := ECE(items, got); math.Abs(e-0.4) > 1e-9 {
		t.Errorf("ECE = %v, want 0.4", e)
	}
}

func TestFoldsKeepGroupsWhole(t *testing.T) {
	for i := 0; i < 50; i++ {
		if foldOf(i, "real:gitpod") != foldOf(0, "real:gitpod") {
			t.Fatal("a site's samples fall in two folds")
		}
		if foldOf(i, "") != i%Folds {
			t.Fatal("team data left its index folds")
		}
	}
}

// TestAgreement reads the second person's page labels: every page they
// labelled has a first label, and the two agree far better than chance
// (they were drawn from the same guidelines), which is what makes them a
// ceiling worth printing beside the classifier's figures.
func TestAgreement(t *testing.T) {
	s, err := Agreement(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	if s.N < 300 {
		t.Errorf("%d pages labelled twice, want at least 300", s.N)
	}
	if s.IntentF1 < 0.8 || s.SubtypeAcc < 0.7 {
		t.Errorf("two labellers agree at intent macro-F1 %.3f, subtype %.3f: labels or keys out of step", s.IntentF1, s.SubtypeAcc)
	}
	t.Logf("two labellers: %d pages, intent macro-F1 %.3f, subtype %.3f, stage %.3f", s.N, s.IntentF1, s.SubtypeAcc, s.StageAcc)
}
