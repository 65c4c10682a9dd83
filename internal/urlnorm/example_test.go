package urlnorm_test

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

func ExampleNormalize() {
	base, _ := url.Parse("https://www.example.com/blog/post")
	for _, href := range []string{
		"../Pricing?utm_source=newsletter&plan=pro#compare",
		"HTTPS://WWW.Example.com:443/blog/./post;jsessionid=F00?b=2&a=1",
		"mailto:sales@example.com",
	} {
		u, err := urlnorm.Normalize(base, href)
		if errors.Is(err, urlnorm.ErrScheme) {
			fmt.Println("skip:", href)
			continue
		}
		fmt.Println(u)
	}
	// Output:
	// https://www.example.com/Pricing?plan=pro
	// https://www.example.com/blog/post?a=1&b=2
	// skip: mailto:sales@example.com
}

func ExampleSameSite() {
	fmt.Println(urlnorm.SameSite("www.example.com", "example.com"))
	fmt.Println(urlnorm.SameSite("blog.example.com", "example.com"))
	// Output:
	// true
	// false
}
