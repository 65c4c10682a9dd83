package classify_test

import (
	"context"
	"fmt"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify"
)

func ExampleKeyword() {
	for _, kw := range []string{"best help desk software", "how to reduce churn", "zendesk login"} {
		l := classify.Keyword(kw)
		fmt.Printf("%s: %s/%s/%s\n", kw, l.Intent, l.Subtype, l.Stage)
	}
	// Output:
	// best help desk software: product/comparison/consideration
	// how to reduce churn: problem/how-to/consideration
	// zendesk login: other/navigational/none
}

func ExampleClassifier_LearnSite() {
	c, err := classify.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	c.LearnSite([]seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/"}, Content: seoplan.Content{Title: "Acmedesk | Help desk for small teams", OGSiteName: "Acmedesk"}},
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/compare/zendesk"}, Content: seoplan.Content{Title: "Acmedesk vs Zendesk | Acmedesk"}},
	})
	own, rivals := c.SiteNames()
	fmt.Println("own:", own, "rivals:", rivals)
	for _, kw := range []string{"acmedesk sso", "acmedesk careers"} {
		l := c.Keyword(kw)
		fmt.Printf("%s: %s (%s)\n", kw, l.Intent, l.Signals[0])
	}
	// Output:
	// own: [acmedesk] rivals: [zendesk]
	// acmedesk sso: product (brand:site)
	// acmedesk careers: other (brand:site)
}

func ExampleClassifier_Site() {
	c, err := classify.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/pricing", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: "Pricing | Acmedesk", H1: []string{"Help desk pricing"}, MainText: "Starter $19 per agent per month. Growth $49 per agent per month, billed annually."}},
		{
			Fetch: seoplan.Fetch{
				URL:         "https://acmedesk.example/blog/how-to-reduce-ticket-backlog",
				Status:      200,
				ContentType: "text/html",
			},
			Content: seoplan.Content{
				Title:    "How to reduce your ticket backlog | Acmedesk",
				H1:       []string{"How to reduce your ticket backlog"},
				Headings: []seoplan.Heading{{Level: 2, Text: "Step 1: Measure the ticket backlog"}, {Level: 2, Text: "Step 2: Triage old tickets"}},
				MainText: "A ticket backlog grows when tickets arrive faster than agents close them.",
			},
		},
	}
	labeled, _, err := c.Site(context.Background(), pages)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, lp := range labeled {
		fmt.Printf("%s: %s/%s, key phrase %q\n", lp.Page.URL, lp.Label.Intent, lp.Label.Subtype, lp.KeyPhrases[0].Phrase)
	}
	// Output:
	// https://acmedesk.example/pricing: product/pricing, key phrase "help desk pricing"
	// https://acmedesk.example/blog/how-to-reduce-ticket-backlog: problem/how-to, key phrase "ticket backlog"
}
