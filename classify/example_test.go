package classify_test

import (
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
		{URL: "https://acmedesk.example/", Title: "Acmedesk | Help desk for small teams", OGSiteName: "Acmedesk"},
		{URL: "https://acmedesk.example/compare/zendesk", Title: "Acmedesk vs Zendesk | Acmedesk"},
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
