package seoplan

import "time"

// Page is one fetched URL of a crawl: what the server answered (Fetch) and,
// for HTML, what was extracted from it (Content). A URL that failed to fetch
// is still a Page, with Status 0 and Error set: a failure is data, not a
// failed crawl. Both parts are embedded, so their fields read as the Page's
// own (p.URL, p.Title) and marshal as one flat JSON object.
type Page struct {
	Fetch
	Content
}

// Fetch is what the crawler knows of a URL without parsing its body: the
// request, the response's status and headers, and where the crawl found it.
type Fetch struct {
	// URL is the final URL after redirects, normalised (see crawler).
	URL string `json:"url"`
	// RequestedURL is the URL as first requested, when redirects changed it.
	RequestedURL string `json:"requested_url,omitempty"`
	// RedirectChain lists every URL visited before URL, in order.
	RedirectChain []string `json:"redirect_chain,omitempty"`

	Status       int           `json:"status"`
	ContentType  string        `json:"content_type"`
	Size         int64         `json:"size"`
	ResponseTime time.Duration `json:"response_time_ns"`
	FetchedAt    time.Time     `json:"fetched_at"`
	Error        string        `json:"error,omitempty"`

	// Depth is the number of links followed from the start URL (0 for the start
	// URL; sitemap-only URLs get the depth at which they were first queued).
	Depth     int  `json:"depth"`
	InSitemap bool `json:"in_sitemap"`

	// XRobotsTag joins the response's X-Robots-Tag headers.
	XRobotsTag string `json:"x_robots_tag,omitempty"`

	// Rendered says why the Content was extracted from the page as a
	// headless browser rendered it, not from the HTML the server sent:
	// "always" (every page was rendered), "shell" (the server sent little
	// text beside a script bundle and an empty mount point), "script-links"
	// (a script bundle and no link to the site). "" when not rendered.
	Rendered string `json:"rendered,omitempty"`
}

// Content is what extraction finds in an HTML page (crawler.Extract); it is
// empty for anything else. Noindex and Nofollow are what Google makes of the
// robots meta tags and, once the crawler has merged them, of the
// X-Robots-Tag headers.
type Content struct {
	Title           string    `json:"title"`
	MetaDescription string    `json:"meta_description,omitempty"`
	MetaRobots      string    `json:"meta_robots,omitempty"`
	Noindex         bool      `json:"noindex,omitempty"`
	Nofollow        bool      `json:"nofollow,omitempty"`
	Canonical       string    `json:"canonical,omitempty"`
	Lang            string    `json:"lang,omitempty"`
	H1              []string  `json:"h1,omitempty"`
	Headings        []Heading `json:"headings,omitempty"` // h2–h6 in document order
	MainText        string    `json:"main_text,omitempty"`
	WordCount       int       `json:"word_count"`
	Links           []Link    `json:"links,omitempty"`
	SchemaTypes     []string  `json:"schema_types,omitempty"` // JSON-LD @type and microdata itemtype names, e.g. "HowTo"
	OGType          string    `json:"og_type,omitempty"`
	OGSiteName      string    `json:"og_site_name,omitempty"`
	Breadcrumbs     []string  `json:"breadcrumbs,omitempty"`
}

// IsHTML reports whether the page was an HTML document that was parsed.
func (p *Page) IsHTML() bool {
	return p.Status >= 200 && p.Status < 300 && IsHTMLType(p.ContentType)
}

// IsHTMLType reports whether a Content-Type header names HTML (text/html or
// application/xhtml+xml, parameters ignored). The media type is compared
// as written, so the crawler lower-cases it first where it decides what to
// download.
func IsHTMLType(ct string) bool {
	for i := 0; i < len(ct); i++ {
		if ct[i] == ';' {
			ct = ct[:i]
			break
		}
	}
	switch ct {
	case "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// Heading is one h2–h6 heading of a page's outline.
type Heading struct {
	Level int    `json:"level"` // 2 to 6
	Text  string `json:"text"`
}

// Link is one <a href> of a page, resolved against the page URL and normalised.
type Link struct {
	URL      string `json:"url"`
	Text     string `json:"text,omitempty"` // anchor text, whitespace collapsed
	Rel      string `json:"rel,omitempty"`  // the rel attribute as written, e.g. "nofollow sponsored"
	Internal bool   `json:"internal"`       // same site as the crawl (host or its www./bare twin)
}
