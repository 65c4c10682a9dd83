package crawler_test

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/seoplan/seoplan/crawler"
)

func ExampleExtract() {
	page := `<!DOCTYPE html>
<html lang="en">
<head>
  <title>How to reduce churn | Acme</title>
  <meta name="description" content="Five habits that keep customers.">
  <link rel="canonical" href="/blog/reduce-churn?utm_source=feed">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"Reduce churn"}</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
  <h1>How to reduce churn</h1>
  <h2>Step 1: Find out why customers leave</h2>
  <p>Read <a href="https://www.example.org/research" rel="nofollow">the research</a> first.</p>
  <a href="mailto:hello@acme.example">Write to us</a>
</body>
</html>`
	base, _ := url.Parse("https://acme.example/blog/reduce-churn")
	p, err := crawler.Extract(base, "text/html; charset=utf-8", strings.NewReader(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("title:", p.Title)
	fmt.Println("canonical:", p.Canonical)
	fmt.Println("h1:", p.H1)
	fmt.Println("outline:", p.Headings)
	fmt.Println("schema:", p.SchemaTypes)
	for _, l := range p.Links {
		fmt.Printf("link: %s %q internal=%v rel=%q\n", l.URL, l.Text, l.Internal, l.Rel)
	}
	// Output:
	// title: How to reduce churn | Acme
	// canonical: https://acme.example/blog/reduce-churn
	// h1: [How to reduce churn]
	// outline: [{2 Step 1: Find out why customers leave}]
	// schema: [HowTo]
	// link: https://acme.example/ "Home" internal=true rel=""
	// link: https://acme.example/pricing "Pricing" internal=true rel=""
	// link: https://www.example.org/research "the research" internal=false rel="nofollow"
}
