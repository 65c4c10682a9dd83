package planner

import (
	"testing"

	"github.com/seoplan/seoplan"
)

// TestKeywordSources: a target keyword is the keyword file's when the file
// holds it, the site's when a page says it (a key phrase, or words of its
// title, h1 or a heading), and else a pattern the roadmap flags.
func TestKeywordSources(t *testing.T) {
	p := pg("/blog/alert-fatigue", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 900, []string{"alert routing:5"})
	p.Page.Title = "Alert Fatigue: Why On-Call Teams Burn Out"
	p.Page.Headings = []seoplan.Heading{{Level: 2, Text: "What is alert fatigue?"}, {Level: 4, Text: "Escalation policies in depth"}}
	s, err := newSite(Input{Site: origin + "/", Pages: []seoplan.LabeledPage{p}}, "")
	if err != nil {
		t.Fatal(err)
	}
	kws := []seoplan.LabeledKeyword{{Keyword: seoplan.Keyword{Text: "Alert Routing Rules"}}}
	for _, tc := range []struct {
		keyword string
		want    seoplan.KeywordSource
	}{
		{"alert routing rules", seoplan.KeywordFromFile},
		{"Alert routing", seoplan.KeywordFromSite},         // a key phrase
		{"on-call teams", seoplan.KeywordFromSite},         // words of the title
		{"what is alert fatigue", seoplan.KeywordFromSite}, // a heading
		{"escalation policies", seoplan.KeywordPattern},    // a heading too deep to count
		{"what is alert routing", seoplan.KeywordPattern},  // the phrase in a form no page uses
		{"alert fatigue teams", seoplan.KeywordPattern},    // words of the title, not a run of them
	} {
		props := []seoplan.Proposal{{Keyword: tc.keyword}}
		keywordSources(s, props, kws)
		if got := props[0].KeywordSource; got != tc.want {
			t.Errorf("%q: source %q, want %q", tc.keyword, got, tc.want)
		}
	}
}
