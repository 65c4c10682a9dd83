package planner

import (
	"slices"
	"strings"
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

func TestExplainerKeyword(t *testing.T) {
	for topic, want := range map[string]string{
		"OAuth providers": "what are OAuth providers", "example repositories": "what are example repositories",
		"churn analysis": "what is churn analysis", "vat": "what is vat", "order status": "what is order status",
		"web analytics": "what is web analytics", "business": "what is business", "gas": "what is gas",
	} {
		if got := explainerKeyword(topic); got != want {
			t.Errorf("explainerKeyword(%q) = %q, want %q", topic, got, want)
		}
	}
	if got := explainerTitle("OAuth providers"); !strings.Contains(strings.ToLower(got), "are") && !strings.Contains(got, "they") {
		t.Errorf("explainerTitle of a plural topic = %q", got)
	}
}
