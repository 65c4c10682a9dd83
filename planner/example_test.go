package planner_test

import (
	"context"
	"fmt"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/planner"
)

func ExamplePlan() {
	page := func(path string, sub seoplan.Subtype, stage seoplan.Stage, words int, links ...string) seoplan.LabeledPage {
		lp := seoplan.LabeledPage{
			Page:       seoplan.Page{Fetch: seoplan.Fetch{URL: "https://example.test" + path, Status: 200, ContentType: "text/html", InSitemap: true, Depth: 1}, Content: seoplan.Content{Title: path, MetaDescription: "…", WordCount: words}},
			Label:      seoplan.Label{Intent: sub.Intent(), Subtype: sub, Stage: stage},
			KeyPhrases: []seoplan.KeyPhrase{{Phrase: "live chat", Stem: "live chat", Weight: 1}},
		}
		for _, l := range links {
			lp.Page.Links = append(lp.Page.Links, seoplan.Link{URL: "https://example.test" + l, Internal: true})
		}
		return lp
	}
	in := planner.Input{Site: "https://example.test/", Pages: []seoplan.LabeledPage{
		page("/features/live-chat", seoplan.SubtypeFeature, seoplan.StageDecision, 800, "/blog/live-chat-tips"),
		page("/blog/live-chat-tips", seoplan.SubtypeTips, seoplan.StageConsideration, 900, "/features/live-chat"),
	}}
	p, err := planner.Plan(context.Background(), in,
		planner.WithProfile("saas"), planner.WithStart(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range p.Clusters {
		fmt.Printf("cluster %s: %d pages\n", c.Name, len(c.Pages))
		for _, g := range c.Gaps {
			fmt.Println(" gap:", g.Kind)
		}
	}
	for _, pr := range p.Proposals {
		fmt.Printf("%s  %s (%s)\n", pr.Due, pr.Title, pr.Subtype)
	}
	// Output:
	// cluster live chat: 2 pages
	//  gap: no-pillar
	//  gap: missing-stage
	// 2026-03-16  The complete guide to live chat (guide)
	// 2026-03-18  What is live chat? A plain-English explainer (explainer)
}
