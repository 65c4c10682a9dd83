package planner

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
)

// TestBriefFields holds what a writer's brief gets from the plan: the
// questions to answer (the cluster's question keywords, most searched
// first, then the questions its pages' headings raise, less those a page
// answers in its title), a length from the cluster's pages, a title tag
// and a meta description that fit a search result, and a slug no page or
// other proposal has.
func TestBriefFields(t *testing.T) {
	pages := fixture()
	for i := range pages {
		if strings.HasSuffix(pages[i].Page.URL, "/blog/onboarding-emails") {
			pages[i].Page.Headings = []seoplan.Heading{
				{Level: 2, Text: "How long should onboarding take?"},
				{Level: 2, Text: "Welcome email subject lines"},
				{Level: 3, Text: "What is customer onboarding?"}, // a page's title answers it
			}
		}
	}
	kw := func(text string, impressions int) seoplan.LabeledKeyword {
		return seoplan.LabeledKeyword{Keyword: seoplan.Keyword{Text: text, Impressions: impressions},
			Label: seoplan.Label{Intent: prob, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageConsideration}}
	}
	p, err := Plan(context.Background(), Input{Site: origin, Pages: pages, Keywords: []seoplan.LabeledKeyword{
		kw("how do I onboard enterprise customers", 40),
		kw("why customer onboarding fails", 900),
		kw("customer onboarding checklist", 300),
	}}, WithStart(start))
	if err != nil {
		t.Fatal(err)
	}
	var pillar *seoplan.Proposal
	slugs := make(map[string]string)
	for i, pr := range p.Proposals {
		if n := utf8.RuneCountInString(pr.TitleTag); pr.TitleTag == "" || n > titleTagMax {
			t.Errorf("%s: title tag %q has %d characters", pr.ID, pr.TitleTag, n)
		}
		if n := utf8.RuneCountInString(pr.MetaDescription); n < 20 || n > metaMax || !strings.HasSuffix(pr.MetaDescription, ".") {
			t.Errorf("%s: meta description %q (%d characters)", pr.ID, pr.MetaDescription, n)
		}
		if other, ok := slugs[pr.Slug]; ok || pr.Slug == "" {
			t.Errorf("%s: slug %q is also %s's", pr.ID, pr.Slug, other)
		}
		slugs[pr.Slug] = pr.ID
		for _, pg := range pages {
			if strings.HasSuffix(pg.Page.URL, "/"+pr.Slug) {
				t.Errorf("%s: slug %q is the path of %s", pr.ID, pr.Slug, pg.Page.URL)
			}
		}
		if pr.TargetWords <= 0 {
			t.Errorf("%s: no target length", pr.ID)
		}
		if pr.Cluster == "customer-onboarding" && pr.Subtype == seoplan.SubtypeGuide {
			pillar = &p.Proposals[i]
		}
	}
	if pillar == nil {
		t.Fatalf("no pillar proposal for customer onboarding: %v", slugs)
	}
	want := []string{"why customer onboarding fails", "how do I onboard enterprise customers", "How long should onboarding take?"}
	if !slices.Equal(pillar.Questions, want) {
		t.Errorf("questions %q, want %q", pillar.Questions, want)
	}
	// The cluster's guides run 700 to 1,000 words, under the pillar's
	// 3,000-word effort, which stands.
	if pillar.TargetWords != 3000 {
		t.Errorf("pillar target %d words, want its effort's 3,000", pillar.TargetWords)
	}
}

func TestCutWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 60, "short"},
		{"The complete guide to customer onboarding for busy teams everywhere", 40, "The complete guide to customer"},
		{"one, two, three", 9, "one, two"},
		{"ünïcödé wörds hére", 13, "ünïcödé wörds"},
	} {
		if got := cutWords(tc.in, tc.n); got != tc.want {
			t.Errorf("cutWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestHowToKeyword: a how-to targets a task the cluster's pages name in a
// heading, whole and untaken, else "how to use" the topic; never a verb
// made up around it.
func TestHowToKeyword(t *testing.T) {
	for _, tc := range []struct {
		name     string
		headings []string
		want     string
	}{
		{"a task heading", []string{"Pricing", "Set up routing rules in minutes"}, "how to set up routing rules in minutes"},
		{"a how-to heading", []string{"How to route tickets by language?"}, "how to route tickets by language"},
		{"a heading cut at a clause", []string{"Choose Intercom if"}, "how to use live chat"},
		{"a clause inside", []string{"Choose Relaydesk if you need SLAs"}, "how to use live chat"},
		{"no object", []string{"Install it"}, "how to use live chat"},
		{"a short task", []string{"Add chat"}, "how to add chat"},
		{"the title of a page already", []string{"How to write canned responses"}, "how to use live chat"},
		{"no task", []string{"Why teams switch", "FAQ"}, "how to use live chat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feature := pg("/features/live-chat", prod, seoplan.SubtypeFeature, seoplan.StageDecision, 700, []string{"live chat:9"})
			for _, h := range tc.headings {
				feature.Page.Headings = append(feature.Page.Headings, seoplan.Heading{Level: 2, Text: h})
			}
			post := pg("/blog/how-to-write-canned-responses", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"live chat:5"})
			post.Page.Title = "How to write canned responses | Example"
			s, _ := newSite(Input{Site: origin, Pages: []seoplan.LabeledPage{feature, post}}, "")
			c := &cluster{pages: []int{0, 1}}
			_, kw := howTo("live chat", s.taskOf(c))
			if kw != tc.want {
				t.Errorf("keyword %q, want %q", kw, tc.want)
			}
		})
	}
}
