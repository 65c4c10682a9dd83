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

// TestQuestionOf: an explainer targets the question the cluster's pages
// ask in a heading, when it asks what a thing is and is not the brand's,
// a price's, a release's or a pointer's.
func TestQuestionOf(t *testing.T) {
	s, _ := newSite(Input{Site: origin + "/", Pages: fixture()}, "")
	s.brandWords["acm"] = true
	for heading, want := range map[string]string{
		"What is a webhook?":             "what is a webhook",
		"What are webhooks":              "what are webhooks",
		"What are tracking":              "",
		"What is Acme?":                  "",
		"What is the pricing for Acme":   "",
		"What is next":                   "",
		"What are these files for?":      "",
		"What is new in the 2.0 release": "",
		"How to add a webhook":           "",
	} {
		low := strings.TrimRightFunc(strings.ToLower(heading), notWordRune)
		if got := s.question(low); got != want {
			t.Errorf("question(%q) = %q, want %q", heading, got, want)
		}
	}
}

// TestExplainerTargetsTheSitesQuestion: the help desk cluster lacks an
// explainer; one of its pages asks "What is an SLA policy?" in a heading,
// so the explainer targets that question, not "what is" and the name.
func TestExplainerTargetsTheSitesQuestion(t *testing.T) {
	ps := fixture()
	for i := range ps {
		if strings.HasSuffix(ps[i].Page.URL, "/features/sla") {
			ps[i].Page.Headings = append(ps[i].Page.Headings, seoplan.Heading{Level: 2, Text: "What is an SLA policy?"})
		}
	}
	var got []string
	for _, p := range plan(t, ps).Proposals {
		if p.Subtype == seoplan.SubtypeExplainer {
			got = append(got, p.Keyword)
		}
	}
	if !slices.Contains(got, "what is an sla policy") {
		t.Errorf("explainer keywords %q, want the page's question %q", got, "what is an sla policy")
	}
}

// TestSecondaryKeywords: a piece's secondary keywords are the queries of
// its cluster, most searched first, before the site's own phrases; a
// problem piece leaves out the buying queries.
func TestSecondaryKeywords(t *testing.T) {
	kw := func(text string, impressions int) seoplan.LabeledKeyword {
		return seoplan.LabeledKeyword{Keyword: seoplan.Keyword{Text: text, Impressions: impressions}}
	}
	c := &cluster{
		names:    []string{"live chat", "chat widget"},
		keywords: []seoplan.LabeledKeyword{kw("live chat etiquette", 90), kw("live chat pricing", 4000), kw("live chat scripts", 1800)},
	}
	for _, tc := range []struct {
		intent seoplan.Intent
		want   []string
	}{
		{seoplan.IntentProduct, []string{"live chat pricing", "live chat scripts", "live chat etiquette", "chat widget"}},
		{seoplan.IntentProblem, []string{"live chat scripts", "live chat etiquette", "chat widget"}},
	} {
		if got := secondary(c, "live chat", tc.intent); !slices.Equal(got, tc.want) {
			t.Errorf("%s piece: secondary %q, want %q", tc.intent, got, tc.want)
		}
	}
}
