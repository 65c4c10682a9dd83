package crawler_test

import (
	"fmt"
	"strings"

	"github.com/seoplan/seoplan/crawler"
)

func ExampleParseSitemap() {
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc> https://acme.example/sitemap-pages.xml </loc></sitemap>
  <sitemap><loc>https://acme.example/sitemap-blog.xml.gz</loc></sitemap>
</sitemapindex>`
	sm, err := crawler.ParseSitemap(strings.NewReader(xml))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sm.URLs), "pages")
	for _, c := range sm.Children {
		fmt.Println("child:", c)
	}
	// Output:
	// 0 pages
	// child: https://acme.example/sitemap-pages.xml
	// child: https://acme.example/sitemap-blog.xml.gz
}
