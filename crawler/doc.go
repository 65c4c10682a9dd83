// Package crawler fetches a whole website politely and keeps every response
// in the crawl database (package github.com/seoplan/seoplan/crawldb),
// extracting what seoplan needs from each HTML page.
//
//	c, err := crawler.New("https://example.com/", crawler.WithConcurrency(4))
//	db, err := crawldb.Open(ctx, "site.db")
//	stats, err := c.Run(ctx, db, false) // resumes an unfinished crawl
//
// # What it does
//
// The crawl stays on the start URL's site (its host and the www./bare
// twin), narrowed by WithInclude and WithExclude. robots.txt is obeyed
// (WithIgnoreRobots to opt out) per origin: the first time the crawl meets
// another origin of the site (the www. twin, https for http), that
// origin's robots.txt is read, once, and its rules and Crawl-delay apply
// there. robots.txt is read as Google reads it
// (github.com/jimsmart/grobotstxt, a port of Google's parser), with the
// percent-escapes of rules and URLs normalised alike (RFC 9309). A
// robots.txt that answers 5xx, 429 or not at all allows nothing on its
// origin; a 4xx allows everything. All requests are spaced at least
// WithDelay apart, and those to one origin at least its Crawl-delay apart.
// Sitemaps named in robots.txt and /sitemap.xml, indexes and .xml.gz
// included, are read first (those of another origin of the site, the www.
// twin or https, as soon as its robots.txt is read); their URLs mark pages in_sitemap, and those no
// crawled page links to (orphans) are fetched once the link graph is
// exhausted.
//
// Every response is recorded: status, content type, redirect chain, final
// URL, time and size. A page's Noindex and Nofollow say what Google makes
// of it: robots and googlebot meta tags and X-Robots-Tag headers, each
// header its own list, directives addressed to other crawlers ignored, and
// an unavailable_after date passed at fetch time counted as noindex. Only
// 2xx HTML is parsed, once, by Extract; other content is recorded as a
// resource without downloading its body. Bodies are bounded while being
// read, requests time out, 429/502/503/504 and network errors are retried
// a bounded number of times (honouring Retry-After; a 429 or 503 pauses
// the whole origin, not just that URL), and a redirect loop ends in an
// error record. Memory stays bounded on hostile pages: the
// workers hold at most 16 MiB of bodies at once, from download to the end
// of extraction (a shared budget; each body reads its first 1 MiB outside
// it), a gzip body is bounded on the bytes decoded, a page with more than
// 1 MiB of text gets a cheap main-text extractor instead of trafilatura,
// and at most 256 KiB of main text is kept (its word count is the whole
// page's). A page that fails is data, not a
// failed crawl; only an unreachable start host fails Run (ErrUnreachable).
//
// Pages built by scripts are rendered in headless Chromium
// (github.com/chromedp/chromedp) when WithRender asks: RenderAlways renders
// every 2xx HTML page, RenderAuto only those whose server HTML is a shell,
// which extraction already tells (fewer than 50 words beside a <script
// src> and an empty mount point such as <div id="root"></div>, or a script
// bundle and no link to the site), so a site without shells never starts
// the browser. One browser renders at most WithRenderTabs pages at once,
// in tabs it keeps for the next page, each for at most WithRenderTimeout;
// a page is done once it has loaded and none of its requests has been in
// flight for 300ms (or WithRenderWait's selector appears). The browser gets the page's own HTML from the
// crawler's fetch, never asks for images, fonts, media or pings, and
// every other request it makes waits its turn in the crawl's limiter and
// goes out only within the site where robots.txt allows. The rendered
// document goes through Extract like any page, links included, so its
// links feed the frontier; seoplan.Fetch.Rendered records why it was
// rendered. A page whose server HTML says noindex is not rendered, as
// Google does not render it.
//
// Crawler traps are bounded by default limits (WithTrapLimits): URL
// length, distinct query strings per path, path segments and repeated
// segments, segments that are only numbers (WithMaxNumberSegments, for
// /trap/1/2/3/… chains), distinct dates per calendar path (1,000), and
// finally WithMaxPages (50,000). A redirect
// target is held to the same URL-length and path limits as a link.
//
// # How
//
// Fetching uses github.com/gocolly/colly/v2, but not its Async mode: a fixed
// pool of workers, each with its own clone of one collector, calls Visit
// synchronously. colly's own visited-set, robots handling and depth limit are
// off, and the collector is built without colly.NewCollector so no COLLY_*
// environment variable can change its settings.
//
// One coordinating goroutine owns the frontier. The frontier and the
// seen-set are the same database table (checked and recorded in one step by
// INSERT OR IGNORE, mirrored by an in-memory set); only a window of pending
// URLs is held in memory, and nothing of a page is kept once it is stored.
// Pages are stored in batches: a page, its links, its frontier row marked
// done and the URLs it queued commit together, so killing the process at any
// moment loses at most the last batch, which is fetched again on resume, and
// stores nothing twice.
//
// # Files
//
//	crawler.go     New, Crawler, Run, Stats, the sentinel errors
//	options.go     Option funcs and their defaults
//	run.go         the coordinator: frontier window, seen-set, batches, orphans
//	fetch.go       the colly collector, workers, retries, the rate limiter
//	render.go      RenderMode, FindBrowser, the shell check, rendering in headless Chromium
//	robots.go      fetching robots.txt once per origin, and sitemap discovery
//	robotstxt.go   reading a robots.txt: groups, rules, Crawl-delay, Sitemap lines
//	robotstag.go   robots meta tags and X-Robots-Tag: noindex, nofollow, unavailable_after
//	scope.go       which URLs may be queued: site, include/exclude, robots, traps
//	extract*.go    Extract: HTML to seoplan.Content (title, outline, main text, links …)
//	extract_landmark.go  main text of a page with one <main> landmark (others: trafilatura)
//	sitemap*.go    ParseSitemap: sitemap and sitemap index files
package crawler
