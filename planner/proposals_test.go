package planner

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestSecondaryLeavesBuyingWordsToProductPieces(t *testing.T) {
	c := &cluster{names: []string{"support tickets", "pricing", "help desk", "zendesk alternatives", "ticket routing"}}
	got := secondary(c, "how to reduce first response time", seoplan.IntentProblem)
	if want := []string{"support tickets", "help desk", "ticket routing"}; !slices.Equal(got, want) {
		t.Errorf("problem piece: secondary %q, want %q", got, want)
	}
	got = secondary(c, "help desk", seoplan.IntentProduct)
	if want := []string{"support tickets", "pricing", "zendesk alternatives", "ticket routing"}; !slices.Equal(got, want) {
		t.Errorf("product piece: secondary %q, want %q", got, want)
	}
}
